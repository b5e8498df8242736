"""The words a precedent search reads, and the sentence that makes a precedent similar."""

from __future__ import annotations

import re

from ombuds.corpus.store.query_text import STOPWORDS
from ombuds.corpus.store.terms import PHRASE_STOPWORDS, WORD

MIN_WORD = 3  # shorter words (and numbers) say little about what a decision is about
MAX_SENTENCE = 320  # characters of the similar sentence shown
_OPERATORS = {"or", "and", "not"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(])|\n+")
_HEADER = re.compile(r"^\s*(category|decision|decision date)\s*:.*$", re.IGNORECASE | re.MULTILINE)


def words(text: str) -> list[str]:
    """The searchable words of `text`, lower-cased, stop words and short words left out."""
    return [
        w
        for w in (m.lower() for m in WORD.findall(text))
        if len(w) >= MIN_WORD
        and not w.isdigit()
        and w not in STOPWORDS
        and w not in PHRASE_STOPWORDS
        and w not in _OPERATORS
    ]


def record_text(record: dict) -> str:
    """The text of a stored decision a precedent search reads: its summary and sections (the
    header lines of council, category and outcome left out), or its whole text."""
    sections = record.get("sections") or {}
    if sections:
        return "\n".join([record.get("summary") or "", *sections.values()])
    return _HEADER.sub("", record.get("text") or "")


def sentences(text: str) -> list[str]:
    """The sentences of `text` (a bullet or a line without a full stop counts as one)."""
    parts = (" ".join(s.split()).lstrip("•*- ") for s in _SENTENCE.split(text or ""))
    return [p for p in parts if len(p) > 20]


def similar_sentence(text: str, asked: dict[str, float]) -> str | None:
    """The sentence of `text` holding the most of the `asked` words (word -> weight), shortened."""
    best, best_score = None, 0.0
    for sentence in sentences(text):
        held = set(WORD.findall(sentence.lower())).intersection(asked)
        score = sum(asked[w] for w in held)
        if score > best_score:
            best, best_score = sentence, score
    if best is None:
        return None
    return best if len(best) <= MAX_SENTENCE else best[: MAX_SENTENCE - 1].rstrip() + "…"
