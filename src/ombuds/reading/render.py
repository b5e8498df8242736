"""The text view of a reading (`ombuds read` without --json): each fact with the words it rests
on, the first readings of judgements, the unread sentences, the questions and the warnings."""

from __future__ import annotations

from ombuds.complaint import Complaint
from ombuds.complaint.evidence import Reading
from ombuds.reading.context import THRESHOLD


def _quoted(reading: Reading, index: int) -> str:
    spans = reading.evidence[index].spans
    words = " ... ".join(" ".join(s.text.split()) for s in spans if s.text.strip())
    return f'"{words[:160]}"' if words else "(from the letter as a whole)"


def reading_text(complaint: Complaint | None, reading: Reading) -> str:
    date = (
        f"dated {reading.letter_date} ({reading.letter_date_from})"
        if reading.letter_date
        else "undated"
    )
    lines = [f"Read {reading.source} ({reading.kind}, {reading.characters} characters), {date}"]
    if complaint is None:
        lines.append("No complaint could be read from it.")
    else:
        who = complaint.complainant.alias
        if complaint.representative:
            who += f", written by {complaint.representative.relationship}"
        lines.append(f"Body: {complaint.body}")
        lines.append(f"Category: {complaint.category or '(not read)'}")
        lines.append(f"Complainant: {who}")
        for i, head in enumerate(complaint.heads, 1):
            lines.append(f"Part {i}: {head.summary}")
    facts = [i for i, e in enumerate(reading.evidence) if not e.first_reading]
    if facts:
        lines.append("\nFacts read, with the words they rest on:")
        for i in facts:
            e = reading.evidence[i]
            sure = "" if e.confidence >= THRESHOLD + 0.2 else f", confidence {e.confidence:.1f}"
            lines.append(f"  - {e.fact} = {e.value}  [{e.rule}{sure}]  {_quoted(reading, i)}")
    proposed = [i for i, e in enumerate(reading.evidence) if e.first_reading]
    if proposed:
        lines.append("\nFirst reading of judgements (for the investigator to confirm):")
        for i in proposed:
            e = reading.evidence[i]
            lines.append(f"  - {e.fact} = {e.value}  [{e.rule}]  {_quoted(reading, i)}")
    if reading.unread:
        lines.append(f"\nSentences not used ({len(reading.unread)}):")
        lines += [f'  - "{" ".join(s.text.split())[:200]}"' for s in reading.unread]
    if reading.questions:
        lines.append("\nQuestions:")
        for q in reading.questions:
            hint = f" (suggested: {q.suggested})" if q.suggested else ""
            lines.append(f"  - {q.fact}: {q.why}{hint}")
    if reading.warnings:
        lines.append("\nWarnings:")
        lines += [f"  - {w}" for w in reading.warnings]
    return "\n".join(lines)


__all__ = ["reading_text"]
