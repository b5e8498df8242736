"""The one call that plugs the reader (ombuds.reading, issue 8) into casework.

`read_letter(text)` returns the facts and evidence the reader found, or None when the reader is
not installed in this build: the case then starts from the letter kept as its text, and the
investigator enters the facts (the case page says "reading not available"). Nothing else in
casework or the web app imports `ombuds.reading`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

# What the reader is expected to expose: a function from text to a result carrying the
# Complaint and its evidence spans. Change these two names, and nothing else, when it lands.
READER_MODULE = "ombuds.reading"
READER_FUNCTION = "read_text"


@dataclass
class Reading:
    """What the reader made of a letter: facts (a Complaint as JSON) and evidence spans
    ({"fact", "start", "end", "rule"} over the letter's text), and sentences it could not use."""

    facts: dict[str, Any]
    evidence: list[dict[str, Any]] = field(default_factory=list)
    unread: list[dict[str, Any]] = field(default_factory=list)


def reader_available() -> bool:
    return _reader() is not None


def _reader() -> Any:
    try:
        module = importlib.import_module(READER_MODULE)
    except ImportError:
        return None
    return getattr(module, READER_FUNCTION, None)


def _spans(items: Any) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        data = item if isinstance(item, dict) else getattr(item, "__dict__", {})
        if hasattr(item, "model_dump"):
            data = item.model_dump(mode="json")
        if isinstance(data.get("start"), int) and isinstance(data.get("end"), int):
            out.append(
                {
                    "fact": str(data.get("fact") or data.get("path") or ""),
                    "start": data["start"],
                    "end": data["end"],
                    "rule": str(data.get("rule") or data.get("rule_id") or ""),
                }
            )
    return out


def read_letter(text: str) -> Reading | None:
    """The reader's facts and evidence for `text`, or None when there is no reader."""
    read = _reader()
    if read is None:
        return None
    result = read(text)
    complaint = getattr(result, "complaint", result)
    facts = (
        complaint.model_dump(mode="json", exclude_none=True)
        if hasattr(complaint, "model_dump")
        else dict(complaint)
    )
    return Reading(
        facts=facts,
        evidence=_spans(getattr(result, "evidence", [])),
        unread=[{"text": str(u)} for u in getattr(result, "unread", []) or []],
    )
