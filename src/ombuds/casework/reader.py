"""The one call that plugs the reader (ombuds.reading) into casework.

`read_letter(text, received=...)` returns the facts and evidence the reader found, or None when the
reader is not installed in this build: the case then starts from the letter kept as its text, and
the investigator enters the facts (the case page says "reading not available"). Nothing else in
casework or the web app imports `ombuds.reading`.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from typing import Any

READER_MODULE = "ombuds.reading.service"


@dataclass
class Reading:
    """What the reader made of a letter: the text as read (the spans count in it), facts (a
    Complaint as JSON, None when none could be read), evidence spans ({"fact", "start", "end",
    "rule", "confidence"} over that text), sentences it could not use, and its questions."""

    text: str
    facts: dict[str, Any] | None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    unread: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)


def _reader() -> Any:
    try:
        return importlib.import_module(READER_MODULE)
    except ImportError:
        return None


def reader_available() -> bool:
    return _reader() is not None


def read_letter(text: str, *, received: dt.date | None = None) -> Reading | None:
    """The reader's facts and evidence for `text`, or None when there is no reader."""
    module = _reader()
    if module is None:
        return None
    read, result = module.read_text(text, received=received)
    reading = result.reading
    return Reading(
        text=read,
        facts=(
            result.complaint.model_dump(mode="json", exclude_none=True)
            if result.complaint is not None
            else None
        ),
        evidence=[
            {
                "fact": item.fact,
                "start": span.start,
                "end": span.end,
                "rule": item.rule,
                "confidence": item.confidence,
            }
            for item in reading.evidence
            for span in item.spans
        ],
        unread=[{"text": u.text, "start": u.start, "end": u.end} for u in reading.unread],
        questions=[q.model_dump(mode="json") for q in reading.questions],
    )
