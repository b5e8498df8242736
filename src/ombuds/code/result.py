"""What the engine produces: findings per test, decisions per head, the whole assessment.

`Assessment.model_dump(mode="json")` is the `ombuds assess --json` contract of
../shared/domain/vocabulary.md. The drafter writes a statement from an `Assessment` alone, so
the `case` block carries what the statement's header and complaint section need.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from ombuds.complaint.evidence import Reading
from ombuds.vocabulary import FindingResult, Ground, Outcome, Referral, Stage


class Period(BaseModel):
    """The period of events the Ombudsman would look at, where a test limits it (a late
    complaint with a continuing injustice is looked at for the recent period only)."""

    start: dt.date  # the first day looked at
    end: dt.date | None = None  # the last day; None: up to the present
    why: str  # plain English: why this period


class Finding(BaseModel):
    """One test considered on one head."""

    ground: Ground
    stage: Stage
    result: FindingResult
    citation: str  # e.g. "Local Government Act 1974, section 24A(6)"
    reason: str  # plain English: why the result is what it is
    facts: list[str] = Field(default_factory=list)  # the facts read, as "path = value"
    exception: str | None = None  # the name of the "unless..." exception, when it applies
    referral: Referral | None = None
    period: Period | None = None  # the period the Ombudsman would look at, where limited


class Question(BaseModel):
    """A fact the engine needed and did not have: the investigator's next question."""

    fact: str  # the field path in the complaint schema
    why: str
    suggested: str | None = None


class OpenJudgement(BaseModel):
    """An investigator's judgement a test needed and did not have, and what each answer would
    decide: the answers are tried one at a time, the other open judgements left open."""

    fact: str  # the path in the complaint schema: "heads[0].judgement.evidence_of_fault"
    why: str
    head: int | None = None  # the head whose judgement it is (None: the complaint's own)
    outcomes: dict[str, Outcome] = Field(default_factory=dict)  # answer -> whole complaint
    head_outcomes: dict[str, Outcome] = Field(default_factory=dict)  # answer -> that head
    changes_outcome: bool = False  # some answer changes the complaint's outcome
    changes_head_outcome: bool = False  # some answer changes that head's outcome


class HeadAssessment(BaseModel):
    """The decision on one head: its outcome, the grounds and referrals, and every finding."""

    summary: str
    outcome: Outcome
    provisional: bool = False  # a missing judgement could change this head's outcome
    grounds: list[Ground] = Field(default_factory=list)  # the findings that apply
    referrals: list[Referral] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)  # every test considered, in order
    # A head whose subject matter the law divides is decided per part: each part is its own
    # HeadAssessment, `split_from` names the complaint's head it came from and `topics` the
    # subject matter of this part. None/[] for a head decided whole.
    split_from: int | None = None
    topics: list[str] = Field(default_factory=list)


class CaseDetails(BaseModel):
    """The complaint's particulars a statement needs (never personal names)."""

    body: str
    reference: str | None = None
    category: str | None = None
    complainant: str  # the published alias: "Miss X"
    assessment_date: dt.date
    information_considered: list[str] = Field(default_factory=list)
    complaint_summary: str = ""
    injustice_claimed: list[str] = Field(default_factory=list)
    outcomes_wanted: list[str] = Field(default_factory=list)
    joint: bool = False  # a joint case with the health ombudsman
    related_references: list[str] = Field(default_factory=list)  # earlier Ombudsman cases named


class Assessment(BaseModel):
    """The whole decision: outcome, published label, grounds, referrals, heads, open questions."""

    outcome: Outcome
    published_label: str | None
    grounds: list[Ground] = Field(default_factory=list)  # union over heads, in first-seen order
    referrals: list[Referral] = Field(default_factory=list)
    heads: list[HeadAssessment] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    # True when a judgement not yet made could change the outcome; which, in open_judgements.
    provisional: bool = False
    open_judgements: list[OpenJudgement] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    case: CaseDetails | None = None
    # When the complaint was read from a letter: the evidence per fact, unread sentences, questions.
    reading: Reading | None = None
