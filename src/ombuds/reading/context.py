"""What the reader's steps share: the letter's sentences and dates, and the evidence gathered."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ombuds.complaint.evidence import FactEvidence, ReadingQuestion, TextSpan
from ombuds.reading.dates import DateMention
from ombuds.reading.sentences import Cue, Sentence

# How sure a reading is: a cue read as written; read from context; a judgement proposed.
DIRECT, INFERRED, APPROXIMATE, FIRST_READING = 0.9, 0.7, 0.6, 0.5
THRESHOLD = 0.5  # below this a fact is not set: it becomes a question


@cache
def tables() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        Path(__file__).with_name("tables.yaml").read_text(encoding="utf-8")
    )
    return data


@dataclass
class ReadContext:
    text: str
    sentences: list[Sentence]
    letter_date: dt.date | None
    sent: bool = True  # the letter's date is when the complaint reached the Ombudsman
    date_line: tuple[int, int] | None = None  # where the letter's own date is written
    body_nation: str | None = None  # the nation of the council complained about
    alias: str = "the complainant"  # how questions name the person: "Mrs X"
    dates: dict[int, list[DateMention]] = field(default_factory=dict)  # by sentence index
    evidence: list[FactEvidence] = field(default_factory=list)
    questions: list[ReadingQuestion] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # sentences some fact rests on
    _index: dict[str, list[tuple[Cue, bool]]] = field(default_factory=dict, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for s in self.sentences:
            for c in s.cues:
                if not c.negated:
                    self._index.setdefault(c.family, []).append((c, s.quoted))
        self._starts = [s.start for s in self.sentences]

    @property
    def writer(self) -> list[Sentence]:
        return [s for s in self.sentences if not s.quoted]

    def cues(self, family: str, value: str | None = None, *, quoted: bool = True) -> list[Cue]:
        """Every cue of a family (and value), not negated, in the writer's sentences (and, with
        `quoted`, in quoted messages)."""
        return [
            c
            for c, in_quote in self._index.get(family, [])
            if (quoted or not in_quote) and (value is None or c.value == value)
        ]

    def has(self, family: str, value: str | None = None, *, quoted: bool = True) -> bool:
        return bool(self.cues(family, value, quoted=quoted))

    def sentence_of(self, position: int) -> Sentence | None:
        at = bisect_right(self._starts, position) - 1
        if at >= 0 and position <= self.sentences[at].end:
            return self.sentences[at]
        return None

    def span(self, start: int, end: int) -> TextSpan:
        return TextSpan(start=start, end=end, text=self.text[start:end])

    def add(
        self,
        fact: str,
        value: object,
        spans: list[tuple[int, int]] | list[Cue],
        rule: str,
        confidence: float = DIRECT,
        *,
        first_reading: bool = False,
    ) -> None:
        """Record the evidence for a fact, and mark the sentences it rests on as used."""
        pairs = list(dict.fromkeys((s.start, s.end) if isinstance(s, Cue) else s for s in spans))
        for start, _ in pairs:
            sentence = self.sentence_of(start)
            if sentence is not None:
                self.used.add(sentence.index)
        shown = getattr(value, "value", value)
        self.evidence.append(
            FactEvidence(
                fact=fact,
                value=str(shown),
                spans=[self.span(a, b) for a, b in pairs],
                rule=rule,
                confidence=confidence,
                first_reading=first_reading,
            )
        )

    def ask(self, fact: str, why: str, suggested: str | None = None) -> None:
        if not any(q.fact == fact for q in self.questions):
            self.questions.append(ReadingQuestion(fact=fact, why=why, suggested=suggested))


__all__ = ["DIRECT", "FIRST_READING", "INFERRED", "THRESHOLD", "ReadContext", "tables"]
