"""The cue rules: data with ids, validated at load, each matching its own words."""

from __future__ import annotations

import json

import pytest
from spacy.errors import MatchPatternError

from ombuds.complaint import facts
from ombuds.reading.pipeline import SPANS_KEY, build_nlp, get_nlp, load_patterns

# A label's family names the schema list its value must belong to.
FAMILIES = {
    "topic": facts.Topic,
    "allegation": facts.AllegationKind,
    "wanted": facts.OutcomeWanted,
    "acting": facts.ActingBody,
    "remedy": facts.RemedyAction,
    "barrier": facts.AppealBarrier,
    "late": facts.LateReason,
    "proceedings": facts.ProceedingsKind,
    "kind": facts.ComplainantKind,
    "status": facts.ProceedingsStatus,
    "role": facts.CouncilRole,
}


def test_the_tokenizer_is_the_pinned_models():
    import spacy

    from ombuds.reading.pipeline import MODEL_NAME

    model = spacy.load(
        MODEL_NAME,
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"],
    )
    ours = get_nlp()
    assert ours.tokenizer.rules == model.tokenizer.rules
    text = "Mr. Smith's s.17 assessment (3/4/24) wasn't done; e-mail: a@b.org, £1,200.50!"
    assert [t.text for t in ours.make_doc(text)] == [t.text for t in model.make_doc(text)]


def test_ids_are_unique_and_labels_name_schema_values():
    patterns = load_patterns()
    assert len({p["id"] for p in patterns}) == len(patterns)
    for p in patterns:
        family, _, value = p["label"].partition(":")
        if family in FAMILIES:
            assert value in FAMILIES[family].__members__, p
        elif family == "stage":
            assert value in {"1", "2", "3"}
        else:
            assert family in {"signal", "category", "landlord"}, p


def test_every_phrase_matches_its_own_words():
    nlp = get_nlp()
    misses = []
    for p in load_patterns():
        if not isinstance(p["pattern"], str):
            continue
        doc = nlp.make_doc(f"Before {p['pattern']} after.")
        doc = nlp.get_pipe("cue_ruler")(doc)
        if not any(s.id_ == p["id"] for s in doc.spans[SPANS_KEY]):
            misses.append(p["id"])
    assert not misses


def test_a_misspelt_pattern_key_fails_at_load(tmp_path, monkeypatch):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"label": "topic:other", "id": "bad-1", "pattern": [{"LOWR": "x"}]}))
    monkeypatch.setattr("ombuds.reading.pipeline.CUES_DIR", tmp_path)
    load_patterns.cache_clear()
    try:
        with pytest.raises(MatchPatternError):
            build_nlp()
    finally:
        load_patterns.cache_clear()


def test_duplicate_ids_are_refused(tmp_path, monkeypatch):
    row = json.dumps({"label": "topic:other", "id": "same", "pattern": "x"})
    (tmp_path / "a.jsonl").write_text(row + "\n" + row + "\n")
    monkeypatch.setattr("ombuds.reading.pipeline.CUES_DIR", tmp_path)
    load_patterns.cache_clear()
    try:
        with pytest.raises(ValueError, match="also at"):
            load_patterns()
    finally:
        load_patterns.cache_clear()
