"""The statement a case holds as text: its house-style notes and its DOCX or PDF rendering.

The investigator edits the drafted statement as plain text (the published layout the drafter
writes and the corpus parser reads). To download it as DOCX or PDF, the text is read back with
the corpus parser into header, sections and numbered paragraphs, and rendered by the
statement package's own renderers, so a download looks like `ombuds draft --format docx`.

House style: when the statement package offers a checker (issue 9 adds one), it is used;
until then a few plain checks run here (long sentences, a sentence repeated, engine markers,
ISO dates, "council" written two ways).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

from ombuds.errors import InputError

LONG_SENTENCE = 35  # words
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
_MARKERS = re.compile(r"\[(?:done|offered|agreed)\]|\{\{|\}\}|\bheads\[\d+\]|\bjudgement\.\w+")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@dataclass(frozen=True)
class StyleNote:
    """One thing the house-style check found: where (a line number) and what."""

    line: int
    message: str


def _external_checker() -> Any:
    for module, name in (("ombuds.statement", "check_style"), ("ombuds.statement.style", "check")):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            found = None
        if found is not None:
            return found
    return None


def house_style(text: str) -> list[StyleNote]:
    """The house-style notes on a statement's text (an empty list when it reads clean)."""
    checker = _external_checker()
    if checker is not None:
        return [
            StyleNote(int(getattr(n, "line", 0) or 0), str(getattr(n, "message", n)))
            for n in checker(text)
        ]
    notes: list[StyleNote] = []
    previous = ""
    councils = set()
    for number, line in enumerate(text.splitlines(), start=1):
        for sentence in _SENTENCE.findall(line):
            words = sentence.split()
            if len(words) > LONG_SENTENCE:
                notes.append(
                    StyleNote(number, f"a sentence of {len(words)} words: split it (plain English)")
                )
            normal = " ".join(w.lower() for w in words)
            if normal and normal == previous:
                notes.append(StyleNote(number, "this sentence repeats the one before it"))
            previous = normal
        for marker in _MARKERS.findall(line):
            notes.append(StyleNote(number, f"an engine marker left in the text: {marker!r}"))
        for date in _ISO_DATE.findall(line):
            notes.append(StyleNote(number, f"write the date {date} as '10 July 2025'"))
        councils.update(re.findall(r"\b(?:the|The) ([Cc]ouncil)\b", line))
    if councils == {"council", "Council"}:
        notes.append(
            StyleNote(0, "'the council' and 'the Council' are both used: use 'the Council'")
        )
    return notes


def statement_from_text(text: str, original: dict[str, Any] | None) -> Any:
    """A `Statement` read back from the edited text (headings and signature from `original`,
    the drafter's statement), for the DOCX and PDF renderers."""
    from ombuds.corpus.parse import parse_text
    from ombuds.statement import Statement, StatementParagraph, StatementSection

    parsed = parse_text(text, "statement")
    if not parsed.paragraphs:
        raise InputError(
            "the statement has no numbered paragraphs left to lay out",
            source="statement",
            hint="keep the published layout: section headings and '1. ' before each paragraph",
        )
    original = original or {}
    headings = {s["key"]: s["heading"] for s in original.get("sections", [])}
    sections: list[StatementSection] = []
    for paragraph in parsed.paragraphs:
        if not sections or sections[-1].key != paragraph.section:
            heading = headings.get(paragraph.section, paragraph.section.replace("_", " ").title())
            sections.append(StatementSection(key=paragraph.section, heading=heading))
        sections[-1].paragraphs.append(
            StatementParagraph(
                section=paragraph.section, number=paragraph.number, text=paragraph.text
            )
        )
    date = parsed.decision_date or original.get("decision_date")
    if not date:
        raise InputError(
            "the statement has no decision date",
            source="statement",
            hint="keep the header line 'Decision date : 10 Feb 2025'",
        )
    return Statement(
        body=parsed.body or original.get("body") or "",
        reference=parsed.reference or original.get("reference"),
        category=parsed.category or original.get("category"),
        decision=parsed.decision or original.get("decision"),
        decision_note=original.get("decision_note"),
        decision_date=date,
        complainant=parsed.complainant or original.get("complainant") or "",
        outcome=original.get("outcome", ""),
        summary=parsed.summary or original.get("summary", ""),
        sections=sections,
        signature=original.get("signature", ""),
    )


def render_statement(text: str, original: dict[str, Any] | None, fmt: str) -> bytes:
    """The statement text as DOCX or PDF bytes."""
    from ombuds.statement import render

    return render(statement_from_text(text, original), fmt)
