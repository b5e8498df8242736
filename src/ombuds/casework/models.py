"""What the casework layer hands out: users, roles, cases and audit events (Pydantic models).

Routes and the CLI see these models only; the tables behind them belong to
`ombuds.casework.repository`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class Role(StrEnum):
    """What a user may do. Each role may do everything the roles before it may."""

    investigator = "investigator"
    reviewer = "reviewer"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


class CaseStatus(StrEnum):
    """Where a case is, from arrival to published decision."""

    received = "received"  # what the complainant sent is in; facts still to be established
    assessment = "assessment"  # facts in and assessed; judgements being recorded
    draft = "draft"  # a statement is drafted (or was returned by the reviewer)
    review = "review"  # sent to a reviewer
    decided = "decided"  # approved by a reviewer, ready to publish
    published = "published"  # in the public corpus

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    CaseStatus.received: "Received",
    CaseStatus.assessment: "Assessment",
    CaseStatus.draft: "Draft",
    CaseStatus.review: "Review",
    CaseStatus.decided: "Decided",
    CaseStatus.published: "Published",
}


class User(BaseModel):
    id: int
    email: str
    name: str
    role: Role
    active: bool = True
    created_at: str


class Session(BaseModel):
    """A signed-in session: its user, CSRF token and expiry (the token itself is never stored)."""

    id: int
    user: User
    csrf_token: str
    created_at: str
    expires_at: str


class CaseSummary(BaseModel):
    """A row of the case list."""

    id: int
    version: int
    status: CaseStatus
    title: str
    body: str | None = None
    reference: str | None = None
    assigned_to: int | None = None
    assigned_email: str | None = None
    updated_at: str


class Case(CaseSummary):
    """One complaint being worked: every field the case page shows, at one version."""

    created_by: int
    created_at: str
    letter_text: str | None = None
    letter_name: str | None = None
    facts: dict[str, Any] | None = None
    reading: dict[str, Any] | None = None
    interview: dict[str, Any] | None = None
    assessment: dict[str, Any] | None = None
    statement: dict[str, Any] | None = None
    draft_text: str | None = None
    anonymised_text: str | None = None
    replacements: list[dict[str, Any]] | None = None
    pseudonyms: dict[str, Any] | None = Field(default=None, exclude=True)  # real names
    review: list[dict[str, Any]] | None = None
    gate: dict[str, Any] | None = None
    published_reference: str | None = None


class AuditEvent(BaseModel):
    """One append-only audit row: who did what to which case, when, with before and after."""

    id: int
    case_id: int | None
    actor: str
    at: str
    action: str
    version: int | None = None
    changes: dict[str, Any] = Field(default_factory=dict)  # field -> {"old", "new"}
    note: str | None = None
