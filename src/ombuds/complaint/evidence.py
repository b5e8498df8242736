"""What a reading of a letter rests on: the evidence for each fact, what was not read, what to ask.

`ombuds.reading` turns a letter into a `Complaint` and a `Reading`. The Reading says, for every
fact it set, which words of the letter support it (character spans of the letter's text), which
rule or model read it and how confident it is; which sentences it could not use; and which facts
it could not read, or read with too little confidence to set, as questions. It lives here, beside
the complaint, so that the Assessment JSON (`ombuds.code.result`) can carry it without the rules
ever importing the reader.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(_Model):
    """Characters `start` to `end` (exclusive) of the letter's text, and the words there."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class FactEvidence(_Model):
    """One fact the reader set (or proposes), with what supports it."""

    fact: str = Field(description='The path in the complaint: "heads[0].topics", "body".')
    value: str = Field(description="The value read, as text.")
    spans: list[TextSpan] = Field(default_factory=list, description="The words it rests on.")
    rule: str = Field(description="The id of the rule (or the name of the model) that read it.")
    confidence: float = Field(ge=0, le=1, description="How sure the reading is, 0 to 1.")
    first_reading: bool = Field(
        False,
        description="An investigator's judgement proposed from the letter's words, for the "
        "investigator to confirm: the outcome that rests on it is provisional.",
    )


class ReadingQuestion(_Model):
    """A fact the reader could not read, or read too uncertainly to set."""

    fact: str
    why: str
    suggested: str | None = None


class Reading(_Model):
    """The reading of one letter: its source, date, evidence, unread sentences and questions."""

    source: str = Field(description="Where the text came from: a path, or - for stdin.")
    kind: str = Field(description="text, email, docx, pdf or form.")
    letter_date: dt.date | None = Field(None, description="The letter's own date.")
    letter_date_from: str = Field(
        "", description='Where the date came from: "the letter", "the email header", "given".'
    )
    characters: int = Field(0, description="The length of the text read.")
    evidence: list[FactEvidence] = Field(default_factory=list)
    unread: list[TextSpan] = Field(
        default_factory=list,
        description="Sentences no rule used (greetings and sign-offs aside): never dropped "
        "silently.",
    )
    questions: list[ReadingQuestion] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def for_fact(self, prefix: str) -> list[FactEvidence]:
        """The evidence for the facts whose path starts with `prefix`."""
        return [e for e in self.evidence if e.fact.startswith(prefix)]


__all__ = ["FactEvidence", "Reading", "ReadingQuestion", "TextSpan"]
