"""The decision statement as data: header fields, sections and numbered paragraphs.

The drafter (`ombuds.statement.draft`) builds a `Statement` from an `Assessment`; the renderers
(`ombuds.statement.render`) turn the same `Statement` into txt, md, html, docx or pdf. Keeping the
statement as data between the two is what makes every paragraph traceable: each one carries the
finding(s) that produced it, and `Statement.model_dump(mode="json")` is the `ombuds draft --json`
output.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from ombuds.vocabulary import Ground, Referral, Stage

# Section keys, the same as the parser's (`ombuds.corpus.models.SECTION_KEYS`), so that a drafted
# paragraph and a parsed paragraph name their section alike.
SECTION_ORDER = (
    "the_complaint",
    "role_and_powers",
    "how_considered",
    "assessment",
    "final_decision",
)


class Trace(BaseModel):
    """The finding a paragraph came from.

    `head` is the 1-based index of the head in `Assessment.heads` (None for a paragraph about
    the whole complaint); `ground` and `stage` name the test. A paragraph with no ground (an
    introduction to a head, or the standard wording of a section) still says which head it
    introduces, so that nothing in the statement is unexplained.
    """

    head: int | None = None
    ground: Ground | None = None
    stage: Stage | None = None
    referral: Referral | None = None

    @property
    def key(self) -> str:
        """ "<head>:<ground>" as the HTML `data-finding` attribute gives it ("*" = whole case)."""
        head = "*" if self.head is None else str(self.head)
        return f"{head}:{self.ground.value if self.ground else ''}"


class StatementParagraph(BaseModel):
    """One numbered paragraph, perhaps followed by bullets and a citation in brackets.

    The Ombudsman's discretionary tests are printed as an introductory sentence ending with a
    colon, the tests as bullets, then the citation on its own line: `items` and `citation` hold
    those. A single-test paragraph ends with its citation in brackets after `text`.
    """

    section: str
    number: int
    text: str
    items: list[str] = Field(default_factory=list)
    citation: str | None = None
    trace: list[Trace] = Field(default_factory=list)


class StatementSection(BaseModel):
    key: str  # one of SECTION_ORDER
    heading: str
    paragraphs: list[StatementParagraph] = Field(default_factory=list)


class Statement(BaseModel):
    """A drafted decision statement, ready to render."""

    body: str
    reference: str | None = None
    category: str | None = None
    decision: str | None = None  # the published label; None when the decision is not published
    decision_note: str | None = None  # what the header says instead, for an unpublished decision
    decision_date: dt.date
    complainant: str
    outcome: str
    final_decision_heading: str = "The Ombudsman's final decision:"
    summary: str
    summary_trace: list[Trace] = Field(default_factory=list)
    sections: list[StatementSection] = Field(default_factory=list)
    signature: str
    warnings: list[str] = Field(default_factory=list)

    @property
    def title(self) -> str:
        """ "<Body> (<ref>)", the first line of every statement."""
        return f"{self.body} ({self.reference})" if self.reference else self.body

    @property
    def decision_date_text(self) -> str:
        """ "10 Feb 2025", as published statements print it."""
        return self.decision_date.strftime("%d %b %Y")

    @property
    def paragraphs(self) -> list[StatementParagraph]:
        return [p for s in self.sections for p in s.paragraphs]
