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


class RemedyDetails(BaseModel):
    """One thing the council did or agreed to put a part right, as the complaint states it."""

    action: str  # the RemedyAction id: "apology", "staff_reminder", "payment"...
    status: str  # the RemedyStatus id: "offered", "agreed", "done"
    detail: str = ""  # a few words completing the action: "with an advocate", "£300"
    after_ombudsman_enquiries: bool = False


class PartDetails(BaseModel):
    """The facts of one head (part) a statement reports: what the person says, what the council
    did about it, what they want. Ids are the complaint schema's member names; text is as the
    investigator wrote it (never a private name). The drafter words these itself: nothing here
    is engine wording."""

    summary: str
    what_happened: str = ""
    about: str  # the HeadSubject id
    acting_body: str = "council"  # the ActingBody id
    topics: list[str] = Field(default_factory=list)  # Topic ids
    linked_topics: list[str] = Field(default_factory=list)  # Topic ids
    allegations: list[str] = Field(default_factory=list)  # AllegationKind ids
    officers: list[str] = Field(default_factory=list)  # the officers' roles: "social worker"
    raised_with_council: bool = True
    council_investigated: bool | None = None
    council_declined: bool = False
    council_stage: int | None = None
    statutory_procedure: bool = False
    upheld: str | None = None  # the Upheld id: "yes", "partly", "no"
    remedies: list[RemedyDetails] = Field(default_factory=list)
    council_summary: str = ""  # the council's reply in a sentence, as the investigator put it
    outcomes_wanted: list[str] = Field(default_factory=list)  # OutcomeWanted ids
    injustice_claimed: list[str] = Field(default_factory=list)
    appeal_bodies: list[str] = Field(default_factory=list)  # stated: "the SEND Tribunal"
    appeal_used: bool = False
    council_review: str | None = None  # the council's own review: "section 202 review"
    council_review_used: bool = False
    earlier_reference: str | None = None
    case_closed: bool | None = None
    views_already_on_record: bool | None = None
    first_knew: dt.date | None = None
    source: int | None = None  # the complaint's head this part is (or was split from)
    split: bool = False  # one of two parts the law divides a head into (code/split.py)
    original_summary: str = ""  # the head's summary as the complaint gives it


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
    # Added for the drafter (additive): who complains and the facts of each part, so that a
    # statement can say what the council did and what the person wants in its own words.
    complainant_title: str = ""
    complainant_pronoun: str | None = None  # "she", "he" or "they" when the complaint says
    complainant_kind: str = "individual"  # the ComplainantKind id
    representative: str | None = None  # the representative's alias: "Mr Y"
    representative_relationship: str | None = None
    subject: str | None = None  # what the complaint is about, as a noun phrase
    first_knew: dt.date | None = None
    complained_to_council: dt.date | None = None
    council_final_reply: dt.date | None = None
    came_to_ombudsman: dt.date | None = None
    childrens_procedure_stages: list[int] = Field(default_factory=list)  # stages completed
    court_cases: list[str] = Field(default_factory=list)  # "care proceedings in the Family Court"
    parts: list[PartDetails] = Field(default_factory=list)  # one per head, in the same order


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
