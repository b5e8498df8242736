"""Read, then assess: the one composition of the reader and the engine, outside the rules.

`load_complaint_or_letter(path)` gives a `Complaint` from a structured file (YAML/JSON, through
the complaint loader) or from a letter (through the reader). `assess_path(path)` assesses either;
for a letter it marks the judgements the reader proposed (its first reading) as open: each
answer is tried, and the assessment is provisional when one would change the outcome. The
Assessment carries the reading: evidence per fact, unread sentences, and the reader's questions
(merged with the engine's).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ombuds.code.engine import assess, assess_once
from ombuds.code.provisional import with_open_judgements
from ombuds.code.result import Assessment, Question
from ombuds.complaint import Complaint, load_complaint
from ombuds.complaint.evidence import Reading
from ombuds.errors import InputError
from ombuds.reading.judgements import WEAK
from ombuds.reading.reader import ReadResult, read_letter
from ombuds.reading.sources import Letter, clean, is_structured_complaint, load_letter
from ombuds.vocabulary import Outcome

_JUDGEMENT = re.compile(r"^heads\[(\d+)\]\.judgement\.(\w+)$")


class NotAComplaint(InputError):
    """A letter from which no complaint about a council or care provider could be read."""


@dataclass
class Loaded:
    complaint: Complaint
    reading: Reading | None  # None for a structured complaint


def read_path(path: str | Path, *, received: dt.date | None = None) -> ReadResult:
    """Read a letter (text, email, Word, PDF, form JSON, or - for standard input)."""
    return read_letter(load_letter(path), received=received)


def read_text(
    text: str, *, received: dt.date | None = None, source: str = "letter"
) -> tuple[str, ReadResult]:
    """Read a letter given as text (the casework app's pasted or uploaded letter). Returns the
    text as read (line breaks normalised, control characters dropped: the evidence's character
    spans count in it) and the reading."""
    cleaned = clean(text)
    return cleaned, read_letter(Letter(text=cleaned, source=source, kind="text"), received=received)


def load_complaint_or_letter(path: str | Path, *, received: dt.date | None = None) -> Loaded:
    """A structured complaint as it is, or a letter read into one. A letter that cannot be read
    as a complaint raises NotAComplaint, with the reader's questions in its message."""
    if str(path) != "-" and is_structured_complaint(path):
        return Loaded(load_complaint(path), None)
    result = read_path(path, received=received)
    if result.complaint is None:
        asked = "; ".join(q.why for q in result.reading.questions) or "no council is named"
        raise NotAComplaint(
            f"no complaint could be read from it ({asked})",
            source=str(path),
            hint="`ombuds read FILE` shows what was read; name the council and what went wrong",
        )
    return Loaded(result.complaint, result.reading)


def assess_path(
    path: str | Path,
    *,
    assessment_date: dt.date | None = None,
    received: dt.date | None = None,
) -> Assessment:
    """Load (or read) a complaint and assess it. A letter is assessed on `assessment_date`, else
    on its own date (with a warning saying so)."""
    loaded = load_complaint_or_letter(path, received=received or assessment_date)
    if loaded.reading is None:
        return assess(loaded.complaint, assessment_date=assessment_date)
    return assess_reading(loaded.complaint, loaded.reading, assessment_date=assessment_date)


def assess_reading(
    complaint: Complaint, reading: Reading, *, assessment_date: dt.date | None = None
) -> Assessment:
    """Assess a complaint read from a letter: the first-reading judgements are tried answer by
    answer, and the assessment carries the reading."""
    date = assessment_date or complaint.assessment_date
    warnings = []
    if assessment_date is None and date is not None:
        warnings.append(
            f"assessed as at the letter's date ({date}); give --date to assess on another"
        )
    complaint, reading = _weak_only_where_needed(complaint, reading, date)
    result = assess(complaint, assessment_date=date)
    # The first readings are tried answer by answer, as the engine tries a missing judgement:
    # the engine's own mechanism, given them as the judgements to try.
    proposed = [e for e in reading.evidence if e.first_reading and _JUDGEMENT.match(e.fact)]
    probe = result.model_copy(
        update={
            "questions": [
                Question(
                    fact=e.fact,
                    why=f"first reading from the letter ({e.rule.removeprefix('first-reading:')}): "
                    f"{e.value}; for the investigator to confirm",
                )
                for e in proposed
            ]
        }
    )
    tried = with_open_judgements(complaint, probe, assess_once).open_judgements
    opened = list(result.open_judgements) + tried
    heads = [
        head.model_copy(
            update={
                "provisional": head.provisional
                or any(j.changes_head_outcome for j in opened if j.head == i)
            }
        )
        for i, head in enumerate(result.heads)
    ]
    deciding = [
        j
        for j in opened
        if j.changes_outcome and j.fact not in {o.fact for o in result.open_judgements}
    ]
    if deciding:
        warnings.append(
            "provisional: the outcome rests on a first reading of "
            + ", ".join(j.fact for j in deciding)
            + " (an investigator's judgement read from the letter's words)"
        )
    questions = list(result.questions)
    asked = {q.fact for q in questions}
    for q in reading.questions:
        if q.fact not in asked:
            questions.append(Question(fact=q.fact, why=q.why, suggested=q.suggested))
    for j in deciding:
        questions.append(
            Question(
                fact=j.fact,
                why="confirm the first reading: " + j.why,
                suggested=", ".join(f"{a}: {o.value}" for a, o in j.outcomes.items()),
            )
        )
    return result.model_copy(
        update={
            "heads": heads,
            "open_judgements": opened,
            "provisional": result.provisional or bool(deciding),
            "questions": questions,
            "warnings": list(result.warnings) + reading.warnings + warnings,
            "reading": reading,
        }
    )


def _weak_only_where_needed(
    complaint: Complaint, reading: Reading, date: dt.date | None
) -> tuple[Complaint, Reading]:
    """The complaint without the weak first readings of the parts its facts alone already
    decide (no first reading at all); the reading without their evidence."""
    proposed = [
        (int(m.group(1)), m.group(2), e)
        for e in reading.evidence
        if e.first_reading and (m := _JUDGEMENT.match(e.fact)) is not None
    ]
    weak = [(i, f, e) for i, f, e in proposed if e.rule.removeprefix("first-reading:") in WEAK]
    if not weak:
        return complaint, reading
    facts_only = complaint.model_copy(deep=True)
    for index, field, _ in proposed:
        setattr(facts_only.heads[index].judgement, field, None)
    decided = assess(facts_only, assessment_date=date)
    open_heads = {i for i, h in enumerate(decided.heads) if h.outcome is Outcome.investigate}
    dropped = [e for i, _, e in weak if i not in open_heads]
    if not dropped:
        return complaint, reading
    kept = complaint.model_copy(deep=True)
    for index, field, _ in weak:
        if index not in open_heads:
            setattr(kept.heads[index].judgement, field, None)
    evidence = [e for e in reading.evidence if all(e is not d for d in dropped)]
    return kept, reading.model_copy(update={"evidence": evidence})


__all__ = [
    "Loaded",
    "NotAComplaint",
    "assess_path",
    "assess_reading",
    "load_complaint_or_letter",
    "read_path",
]
