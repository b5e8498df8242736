"""Precedents: the nearest published decisions, their sentence, the vote; on a real store."""

from __future__ import annotations

import numpy as np
import pytest

from bench.synthetic import make_decision
from ombuds.corpus.parse import parse_document
from ombuds.corpus.store import open_store
from ombuds.errors import InputError, NotFound
from ombuds.precedents import lexical, service
from ombuds.precedents.text import sentences, similar_sentence
from ombuds.vocabulary import Outcome

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """60 synthetic decisions and the five seeds."""
    path = tmp_path_factory.mktemp("precedents") / "ombuds.db"
    with open_store(f"sqlite:///{path}") as writer:
        items = []
        for i in range(60):
            decision = make_decision(i, 3, "txt")
            items.append(parse_document(decision.text, source=decision.filename))
        for seed in sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt")):
            items.append(parse_document(seed.read_text(encoding="utf-8"), source=seed.name))
        writer.upsert_many(items)
    opened = open_store(f"sqlite:///{path}", create=False, read_only=True)
    yield opened
    opened.close()


def test_a_stored_decision_finds_others_never_itself(store):
    found = service.for_reference(store, "24-015-969", limit=3)
    assert found.target == "24 015 969"
    assert 1 <= len(found.precedents) <= 3
    assert all(p.reference != "24 015 969" for p in found.precedents)
    scores = [p.score for p in found.precedents]
    assert scores == sorted(scores, reverse=True)
    assert found.second_opinion.engine_source == "published"
    assert found.second_opinion.engine == "Closed after initial enquiries"


def test_each_precedent_carries_its_outcome_grounds_category_and_a_sentence(store):
    found = service.for_reference(store, "24 015 969", limit=5)
    first = found.precedents[0]
    record = store.get(first.reference)
    assert first.decision == record["decision"] and first.category == record["category"]
    assert first.grounds == record["grounds"]
    assert first.main_ground == (record["grounds"][0] if record["grounds"] else None)
    assert first.sentence and first.sentence in " ".join(sentences(record["text"]))
    assert set(found.asked) & {w.lower() for w in first.sentence.split()} or found.asked


def test_the_words_of_a_decision_about_social_workers_find_the_seed_about_one(store):
    found = service.for_text(
        store, "My social worker was discriminatory and unprofessional and withheld documents."
    )
    assert "24 015 969" in [p.reference for p in found.precedents]


def test_the_nearest_are_the_best_by_summed_weight(store):
    with store.engine.connect() as connection:
        terms = lexical.matrix(connection)
    asked = terms.key_words(store.get("24 015 969")["text"], 8)
    best = terms.nearest(asked, 3)
    # Brute force over the columns gives the same three.
    totals = np.zeros(terms.size)
    for word in asked:
        i = terms.vocabulary[word]
        np.add.at(
            totals,
            terms.docs[terms.starts[i] : terms.starts[i + 1]],
            terms.weights[terms.starts[i] : terms.starts[i + 1]],
        )
    expected = sorted(range(terms.size), key=lambda d: (-totals[d], -d))[:3]
    assert [d for d, _ in best] == expected


def test_second_opinion_votes_and_flags_disagreement():
    closed, upheld = "Closed after initial enquiries", "Upheld"
    vote = service.second_opinion([closed, upheld, closed, None, upheld, upheld], "Investigate")
    assert vote.votes == {closed: 2, upheld: 2} and vote.voters == 4
    assert vote.outcome == closed  # a tie goes to the nearer precedent
    assert vote.disagrees
    agreeing = service.second_opinion([upheld, "Not upheld", upheld], "Investigate")
    assert agreeing.outcome == upheld and not agreeing.disagrees
    assert not service.second_opinion([closed] * 5, service.engine_label("premature")).disagrees
    assert service.second_opinion([], closed).outcome is None


def test_engine_labels():
    assert service.engine_label(Outcome.investigate) == "Investigate"
    assert (
        service.engine_label("closed_after_initial_enquiries") == "Closed after initial enquiries"
    )
    assert service.engine_label(Outcome.upheld) == "Upheld"
    assert service.engine_label(None) is None


def test_similar_sentence_prefers_the_sentence_with_the_weightiest_words():
    text = "The Council replied late. The social worker was rude to Miss X. Nothing else."
    assert similar_sentence(text, {"social": 2.0, "worker": 2.0, "council": 0.5}) == (
        "The social worker was rude to Miss X."
    )
    assert similar_sentence(text, {"absent": 1.0}) is None


def test_bad_input_is_a_clear_error(store, tmp_path):
    url = f"sqlite:///{tmp_path / 'missing.db'}"
    with pytest.raises(InputError, match="neither a file nor a decision reference"):
        service.similar(url, "not-a-thing")
    with pytest.raises(InputError, match="limit"):
        service.for_text(store, "social worker", limit=0)
    with pytest.raises(InputError, match="method"):
        service.for_text(store, "social worker", method="magic")
    with pytest.raises(NotFound):
        service.for_reference(store, "99 999 999")


def test_after_a_write_the_held_matrix_serves_while_a_new_one_is_built(tmp_path):
    url = f"sqlite:///{tmp_path / 'grow.db'}"
    with open_store(url) as writer:
        writer.upsert_many(
            [parse_document(make_decision(i, 5, "txt").text, source=f"{i}.txt") for i in range(20)]
        )
        with writer.engine.connect() as connection:
            first = lexical.matrix(connection)
        extra = make_decision(99, 5, "txt")
        writer.upsert_many([parse_document(extra.text, source="99.txt")])
        with writer.engine.connect() as connection:
            assert lexical.matrix(connection) is first  # no wait after a write
        lexical.wait_for_refresh()
        with writer.engine.connect() as connection:
            fresh = lexical.matrix(connection)
        assert fresh is not first and fresh.count == 21


def test_a_precedents_record_has_the_sections_the_store_reads_back(store):
    """The writer keeps sections only when the paragraphs cannot rebuild them; a precedent's
    record (its 'why similar' sentence, its embedding) reads them as the store does."""
    stored = store.get("24-015-969")
    with store.engine.connect() as connection:
        (id_,) = connection.exec_driver_sql(
            "SELECT id FROM decisions WHERE key = '24 015 969'"
        ).one()
    (found,) = service._records(store.engine, [id_]).values()
    assert found["sections"] and found["sections"] == stored["sections"]
    assert found["grounds"] == stored["grounds"]
