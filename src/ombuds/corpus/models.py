"""What the corpus speaks: a parsed decision, a search query and its results.

`ParsedDecision.model_dump(mode="json")` is exactly the `ombuds parse --json` contract of
../shared/domain/vocabulary.md (one object per file). Grounds and referrals use the ids of
`ombuds.vocabulary`, so that the corpus and the engine can be compared.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from ombuds.vocabulary import Ground, Referral

# Snippets mark the matched words between these two characters (the CLI turns them into *word*,
# the API leaves them for the client to style).
SNIPPET_START = "\u27e6"  # ⟦
SNIPPET_END = "\u27e7"  # ⟧

# Section keys, in the order a statement gives them.
SECTION_KEYS = (
    "the_complaint",
    "what_investigated",  # investigations only
    "role_and_powers",
    "how_considered",
    "assessment",  # "My assessment" (assessment decisions)
    "findings",  # "What I found" (investigations)
    "final_decision",
)


class Paragraph(BaseModel):
    section: str
    number: int  # continuous through the statement, as the live site numbers it
    text: str


class ParsedDecision(BaseModel):
    source: str
    reference: str | None = None
    body: str | None = None
    category: str | None = None
    decision: str | None = None
    decision_date: dt.date | None = None
    complainant: str | None = None
    summary: str | None = None
    sections: dict[str, str] = Field(default_factory=dict)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    statutes: list[str] = Field(default_factory=list)
    grounds: list[Ground] = Field(default_factory=list)
    referrals: list[Referral] = Field(default_factory=list)
    related_references: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class SearchQuery(BaseModel):
    q: str = ""
    category: str | None = None
    decision: str | None = None
    body: str | None = None
    ground: Ground | None = None
    referral: Referral | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    limit: int = Field(default=20, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


class SearchHit(BaseModel):
    reference: str
    body: str | None
    category: str | None
    decision: str | None
    decision_date: dt.date | None
    summary: str | None
    snippet: str | None


class SearchResults(BaseModel):
    total: int
    results: list[SearchHit]
    # facet name ("category", "decision", "body", "ground", "referral", "year") -> value -> count
    facets: dict[str, dict[str, int]]
