"""The complaint schema: the facts the Assessment Code engine reads.

FACTS ONLY. No field names a ground or a conclusion; the engine draws those. Facts that need an
investigator's judgement (is there evidence of fault? is the injustice significant?) live in
`Judgement` and are optional: when the engine needs one that is missing it says so as a
`needs_judgement` finding and a question, it never assumes an answer.

`ombuds schema complaint` prints the JSON Schema generated from these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ombuds.complaint.facts import (
    ActingBody,
    AllegationKind,
    AppealBarrier,
    AppealRoute,
    ComplainantKind,
    CouncilRole,
    EvidenceOfFault,
    HeadSubject,
    InformationSource,
    LateReason,
    OutcomeWanted,
    PeopleAffected,
    ProceedingsKind,
    ProceedingsStatus,
    RemedyAction,
    RemedyStatus,
    Topic,
    Upheld,
)


class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Complainant(_Facts):
    title: str = Field(description='How the person is addressed: "Miss", "Mr", "Dr", "Mrs".')
    alias: str = Field(description='The published alias: "Miss X". The only name ever output.')
    private_name: str | None = Field(
        None,
        exclude=True,
        description="The person's real name, kept for the case file only. Never output: it is "
        "excluded from every dump and from the assessment.",
    )
    kind: ComplainantKind = Field(
        ComplainantKind.individual,
        description="The kind of complainant: a person, a business, a public body.",
    )
    employed_by_body: bool = Field(
        False, description="The complainant works for the body complained about."
    )
    pronoun: Literal["she", "he", "they"] | None = Field(
        None,
        description='How the statement refers back to the person: "she", "he" or "they". '
        'Leave empty to follow the title (Mr: he; Mrs, Miss, Ms: she); give it for "Dr", '
        '"Mx" or no title.',
    )


class Representative(_Facts):
    alias: str = Field(description='How the representative is referred to: "Mr Y", "her MP".')
    relationship: str = Field(
        description='Their relationship to the person: "mother", "solicitor".'
    )
    written_consent: bool | None = Field(
        None,
        description="The person affected has given written consent to the representative. "
        "Leave empty when not known.",
    )
    person_unable_to_consent: bool = Field(
        False, description="The person affected cannot give consent (has died or lacks capacity)."
    )
    acts_in_persons_interest: bool | None = Field(
        None,
        description="Judgement: the representative acts in the person's interest (read "
        "only when the person cannot consent).",
    )
    person_has_died: bool = Field(
        False,
        description="The person affected has died (so cannot consent; implies "
        "`person_unable_to_consent`).",
    )
    personal_representative: bool = Field(
        False,
        description="The representative is the personal representative (executor or "
        "administrator) of the person who has died.",
    )
    relative: bool = Field(
        False, description="The representative is a member of the person's family."
    )
    first_knew: dt.date | None = Field(
        None,
        description="When the representative first knew of the matter complained about "
        "(read when the person affected has died).",
    )

    @model_validator(mode="after")
    def _death_means_unable_to_consent(self) -> Representative:
        if self.person_has_died:
            self.person_unable_to_consent = True
        return self


class CouncilReply(_Facts):
    date: dt.date = Field(description="When the council replied.")
    stage: int | None = Field(None, ge=1, le=3, description="The stage of its procedure (1-3).")
    final: bool = Field(False, description="The council said this was its final response.")
    next_stage_requested: dt.date | None = Field(
        None,
        description="When the person asked the council to take the complaint to its next "
        "stage after this reply (for a reply that was not final). Empty: not asked.",
    )


class Dates(_Facts):
    first_knew: dt.date | None = Field(
        None, description="When the person first knew of the matter complained about."
    )
    events_started: dt.date | None = Field(
        None, description="When the events complained about began."
    )
    complained_to_council: dt.date | None = Field(
        None, description="When the person first complained to the council."
    )
    council_replies: list[CouncilReply] = Field(
        default_factory=list, description="The council's replies to the complaint, in order."
    )
    came_to_ombudsman: dt.date | None = Field(
        None, description="When the complaint reached the Ombudsman."
    )
    agreed_response_date: dt.date | None = Field(
        None,
        description="A later date for the council's final response that the person and the "
        "council agreed (an adult social care complaint may agree a period longer than six "
        "months).",
    )


class StatutoryStage(_Facts):
    """One stage of the statutory children's complaints procedure (Children Act 1989;
    SI 2006/1738)."""

    stage: int = Field(
        ge=1, le=3, description="1 local resolution, 2 investigation, 3 review panel."
    )
    requested: dt.date | None = Field(None, description="When the stage was asked for.")
    completed: dt.date | None = Field(
        None, description="When the council's response at this stage was sent."
    )
    complete: bool = Field(
        False,
        description="The stage has ended (implied by `completed`); "
        "set it when the end date is not known.",
    )
    refused_by_council: bool = Field(
        False, description="The council refused to take the complaint to this stage."
    )

    @model_validator(mode="after")
    def _completed_means_complete(self) -> StatutoryStage:
        if self.completed is not None:
            self.complete = True
        return self


class Remedy(_Facts):
    action: RemedyAction = Field(description="What the council did or agreed to do.")
    status: RemedyStatus = Field(RemedyStatus.done, description="Offered, agreed or done.")
    after_ombudsman_enquiries: bool = Field(
        False, description="The council offered or agreed it after the Ombudsman's enquiries."
    )
    detail: str = Field(
        "",
        description="A few words that complete the action, as a phrase (not a sentence): "
        '"with an advocate" (a meeting offered), "how to record assessments" (staff '
        'reminded), "£300 for her time and trouble" (a payment).',
    )


class CouncilResponse(_Facts):
    raised_with_council: bool = Field(
        True,
        description="This part was put to the council as a complaint. Set false for a "
        "part first raised with the Ombudsman.",
    )
    investigated: bool | None = Field(
        None, description="The council looked into this part and replied on its substance."
    )
    declined: bool = Field(False, description="The council declined to consider this part.")
    stage: int | None = Field(
        None,
        ge=1,
        le=3,
        description="The last stage of the council's procedure that considered this part.",
    )
    statutory_procedure: bool = Field(
        False,
        description="This part went through the statutory children's complaints "
        "procedure (its stages are listed in the complaint's `childrens_procedure`).",
    )
    adult_social_care_procedure: bool | None = Field(
        None,
        description="This part is (or was) considered under the council's adult social care "
        "complaints procedure (Local Authority Social Services and NHS Complaints (England) "
        "Regulations 2009). Empty: read from the topics (adult care topics go through it).",
    )
    upheld: Upheld | None = Field(None, description="Whether the council upheld this part.")
    remedies: list[Remedy] = Field(default_factory=list, description="What it did or agreed.")
    summary: str = Field(
        "",
        description="What the council found or decided, as one or two full sentences with "
        'their own subject: "It found no record of the call and apologised." Written as fact '
        "about the council's reply; the statement attributes it to the council.",
    )


class AppealRight(_Facts):
    route: AppealRoute = Field(description="Tribunal, Minister (Planning Inspectorate) or court.")
    body: str = Field(description='The tribunal, minister or court: "SEND Tribunal".')
    used: bool = Field(False, description="The person appealed or started court action.")
    barriers: list[AppealBarrier] = Field(
        default_factory=list, description="Facts that made using it hard."
    )
    about_later_act: bool = Field(
        False,
        description="This part complains of something done after the appeal or claim was "
        "decided (for example the council not carrying out what the tribunal decided, or not "
        "making a refund it ordered), not of the action appealed against.",
    )


class CouncilReview(_Facts):
    name: str = Field(description='The council\'s own review or appeal: "section 202 review".')
    used: bool = Field(False, description="The person has asked for it.")
    barriers: list[AppealBarrier] = Field(
        default_factory=list, description="Facts that made using it hard."
    )


class Allegation(_Facts):
    kind: AllegationKind = Field(description="The kind of thing the person says went wrong.")
    officer: str | None = Field(None, description='The officer\'s role: "social worker".')
    detail: str = Field(
        "",
        description="The allegation in the person's terms, as a noun phrase: \"a taxi that "
        'did not arrive", "fraud".',
    )


class EarlierCase(_Facts):
    reference: str = Field(description='The earlier Ombudsman reference: "24 021 658".')
    decided: dt.date | None = Field(None, description="When it was decided.")
    same_matter: bool | None = Field(
        None, description="This part is the matter the earlier case decided."
    )
    new_events_since: bool = Field(
        False, description="Something new has happened since the earlier decision."
    )


class Judgement(_Facts):
    """Facts an investigator must judge. Empty means "not yet judged", never "no"."""

    evidence_of_fault: EvidenceOfFault | None = Field(
        None, description="How much sign of fault the information shows."
    )
    outcome_same_without_fault: bool | None = Field(
        None, description="The person would have been in the same position without the fault."
    )
    injustice_significant: bool | None = Field(
        None, description="The injustice claimed is significant enough to justify involvement."
    )
    council_investigation_thorough: bool | None = Field(
        None,
        description="The council's (or statutory procedure's) investigation was thorough "
        "and its process sound.",
    )
    remedy_proportionate: bool | None = Field(
        None, description="What the council did or agreed is proportionate to the fault."
    )
    public_interest: bool | None = Field(
        None, description="Wider or systemic injustice, or a risk to others."
    )
    could_raise_in_proceedings: bool | None = Field(
        None,
        description="The issues could reasonably be, or have been, raised in the related "
        "legal proceedings.",
    )
    data_protection_good_reasons: bool | None = Field(
        None,
        description="There are good reasons for the Ombudsman, not the ICO, to look at a "
        "data protection matter.",
    )
    worth_investigating: bool | None = Field(
        None,
        description="Overall view on fault, injustice, remedy and public interest, for a "
        "part no specific test closes.",
    )


class Head(_Facts):
    summary: str = Field(
        min_length=1,
        description="This part of the complaint as a clause with its own subject, as the "
        'person puts it: "the council took seven months to assess her needs". The statement '
        'reports it ("Mrs X complains that..."); a leading "Mrs X says" is understood.',
    )
    what_happened: str = Field(
        "",
        description="The events, briefly, as full sentences; claims the person makes are "
        'attributed ("Mr X says...").',
    )
    about: HeadSubject = Field(description="What this part is mainly about.")
    acting_body: ActingBody = Field(
        ActingBody.council, description="Who did what this part complains of."
    )
    topics: list[Topic] = Field(default_factory=list, description="The subject matter.")
    council_acting_as: CouncilRole | None = Field(
        None,
        description="The capacity the council acted in, when it was not acting as a public "
        "authority (a school's employer in an internal matter, a charity's trustee). Empty: "
        "as a public authority.",
    )
    privately_arranged_care: bool = Field(
        False,
        description="The person arranged the care with the provider themselves and pays for "
        "it (the council did not arrange or fund it). Read when `acting_body` is a care "
        "provider.",
    )
    allegations: list[Allegation] = Field(default_factory=list, description="What went wrong.")
    people_affected: PeopleAffected = Field(
        PeopleAffected.person_or_household, description="Who the matter affects."
    )
    personally_affected: bool = Field(True, description="The complainant is personally affected.")
    first_knew: dt.date | None = Field(
        None,
        description="When the person first knew of this part, where it differs from the "
        "complaint's `dates.first_knew`.",
    )
    late_reasons: list[LateReason] = Field(
        default_factory=list, description="Reasons given for the time taken to complain."
    )
    urgent_risk: bool = Field(False, description="There is an urgent risk to someone.")
    council_response: CouncilResponse = Field(
        default_factory=CouncilResponse, description="The council's response to this part."
    )
    appeal_rights: list[AppealRight] = Field(
        default_factory=list, description="Rights of appeal the person has or had."
    )
    council_review: CouncilReview | None = Field(
        None, description="A review or appeal the council itself offers."
    )
    related_court_cases: list[int] = Field(
        default_factory=list, description="Indexes into `court_cases` this part relates to."
    )
    linked_topics: list[Topic] = Field(
        default_factory=list,
        description="Subject matter the council's actions were about, "
        "when this part complains of the council's handling of another matter.",
    )
    earlier_case: EarlierCase | None = Field(
        None, description="An earlier Ombudsman case about this part."
    )
    case_closed: bool | None = Field(
        None, description="The council's involvement (the case or service) has ended."
    )
    views_already_on_record: bool | None = Field(
        None, description="The person's disagreement is already on the council's file."
    )
    outcomes_wanted: list[OutcomeWanted] = Field(
        default_factory=list, description="What the person asks for."
    )
    injustice_claimed: list[str] = Field(
        default_factory=list,
        description='The harm the person describes, each a noun phrase: "distress", "the '
        'cost of private care for seven months". (A clause such as "she paid for care" is '
        "reported as the person's words, but a noun phrase reads best.)",
    )
    judgement: Judgement = Field(default_factory=Judgement, description="Investigator's view.")


class CourtCase(_Facts):
    kind: ProceedingsKind = Field(description="What kind of proceedings.")
    status: ProceedingsStatus = Field(description="Planned, ongoing or decided.")
    court: str = Field("", description='Which court: "Family Court".')


class Complaint(_Facts):
    """A complaint to the Ombudsman, as facts. YAML or JSON; see `ombuds schema complaint`."""

    body: str = Field(min_length=1, description="The council or care provider complained about.")
    category: str | None = Field(
        None, description='"Top > Sub" as the Ombudsman files it. An unknown one gives a warning.'
    )
    reference: str | None = Field(None, description='The Ombudsman\'s reference: "24 015 969".')
    assessment_date: dt.date | None = Field(
        None, description="The date the assessment is made (the CLI's --date overrides it)."
    )
    complainant: Complainant = Field(description="Who complains.")
    representative: Representative | None = Field(
        None, description="Someone complaining for the person affected."
    )
    dates: Dates = Field(default_factory=Dates, description="When things happened.")
    childrens_procedure: list[StatutoryStage] = Field(
        default_factory=list,
        description="Stages of the statutory children's complaints "
        "procedure asked for, for the parts that went through it.",
    )
    court_cases: list[CourtCase] = Field(
        default_factory=list, description="Court proceedings connected with the complaint."
    )
    heads: list[Head] = Field(min_length=1, description="The parts of the complaint.")
    injustice_claimed: list[str] = Field(
        default_factory=list,
        description='The harm the person describes overall, each a noun phrase: "distress and '
        'uncertainty".',
    )
    subject: str | None = Field(
        None,
        description="What the complaint is about, as a noun phrase for the statement's "
        'Summary: "how the Council assessed her care needs". Left empty, the '
        "statement words it from the parts' subject matter.",
    )
    outcomes_wanted: list[OutcomeWanted] = Field(
        default_factory=list,
        description="What the person asks for overall (the engine reads "
        "each head's own list; this one feeds the statement).",
    )
    information_considered: list[InformationSource] = Field(
        default_factory=lambda: [InformationSource.complainant],
        description="What the assessment considered.",
    )
    information_requested_not_provided: bool = Field(
        False,
        description="The Ombudsman asked for information needed to proceed and the "
        "person has not provided it.",
    )
