"""The closed lists of facts a complaint can state.

Every value here describes what happened or what the person said or asked for, in words an
intake officer would use. None names an Assessment Code ground or a conclusion: "repairs to a
council home" is a fact; that it is a social-landlord matter outside jurisdiction is the engine's
conclusion (`ombuds.code.rules`). Adding a value is fine; renaming one breaks stored complaints.
"""

from __future__ import annotations

from enum import StrEnum as _StrEnum
from typing import Self


class StrEnum(_StrEnum):
    """A string enum that also accepts its member name ("council_home_repairs") as input."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if isinstance(value, str):
            return cls.__members__.get(value.strip().replace(" ", "_"))
        return None


class ComplainantKind(StrEnum):
    """Who the complainant is."""

    individual = "individual"
    business = "business"
    charity_or_community_group = "charity or community group"
    parish_or_town_council = "parish or town council"
    other_public_body = "another public body"


class ActingBody(StrEnum):
    """Who did the thing a head complains about."""

    council = "the council"
    care_provider = "an adult social care provider"
    academy_or_free_school = "an academy or free school"
    maintained_school = "a maintained school"
    valuation_office_agency = "the Valuation Office Agency"
    court_or_hmcts = "a court or HM Courts and Tribunals Service"
    member_of_parliament = "a Member of Parliament"
    police = "the police"
    nhs_alone = "the NHS alone"
    nhs_with_council = "the NHS together with the council"
    housing_association = "a housing association"
    local_policing_body = (
        "a local policing body (a police and crime commissioner, or the Mayor's Office for "
        "Policing and Crime)"
    )
    admission_appeal_panel = "an independent school admission appeal panel"
    exclusion_review_panel = "an independent review panel on a pupil's permanent exclusion"
    council_in_wales = "a council in Wales"
    council_in_scotland = "a council in Scotland"
    council_in_northern_ireland = "a council in Northern Ireland"


class CouncilRole(StrEnum):
    """A capacity in which the council acted other than as a public authority providing a
    service or taking a decision (read only when the intake officer states one)."""

    school_employer = "employer of a school's staff, in a matter internal to the school"
    charity_trustee = "trustee of a charity"


class HeadSubject(StrEnum):
    """What a head of complaint is mainly about (its substance, not every allegation in it)."""

    service = "a service the council provided or failed to provide"
    council_decision = "a decision the council made"
    record_or_assessment = "the content of a record or assessment"
    officer_conduct = "the conduct of an individual officer"
    information_handling = "how the council handled information"
    complaint_handling = "how the council handled a complaint"
    council_policy = "a council policy or spending decision"


class Topic(StrEnum):
    """The subject matter of a head: the service or area the events belong to."""

    # Tax and benefits.
    council_tax_band = "council tax band"
    council_tax_bill = "council tax bill or liability"
    council_tax_level = "the level of council tax set for the area"
    housing_benefit_decision = "housing benefit decision"
    # Parking and traffic.
    penalty_charge_notice = "penalty charge notice"
    # Education.
    ehc_plan_content = "content of an EHC plan"
    special_educational_provision = "special educational provision the council must secure"
    school_admission_refusal = "refusal of a school place"
    school_transport = "school transport"
    admission_arrangements = "a school's admission arrangements (its published admission rules)"
    school_exclusion = "exclusion of a pupil from school"
    education_out_of_school = "education the council must arrange for a child out of school"
    teaching_or_curriculum = "teaching or curriculum at a school"
    school_discipline = "discipline of pupils at a school"
    school_management = "internal management of a school"
    # Planning.
    planning_refusal = "refusal of the person's own planning application"
    planning_conditions = "conditions on the person's own planning permission"
    planning_non_determination = "the person's own planning application not decided"
    planning_enforcement_notice = "enforcement notice served on the person"
    neighbour_planning_application = "a neighbour's planning application"
    # Housing.
    council_home_repairs = "repairs to a council home"
    council_home_damp = "damp or mould in a council home"
    council_tenancy_management = "management of a council tenancy"
    housing_allocation = "housing allocation or the housing register"
    homelessness_decision = "homelessness decision"
    homelessness_suitability = "suitability of homelessness accommodation offered"
    # Courts and legal matters.
    care_proceedings = "care proceedings"
    child_arrangements = "child arrangements decided in court"
    evidence_to_court = "evidence or reports given to a court"
    starting_court_action = "the council starting court action"
    court_of_protection = "a Court of Protection matter"
    damage_to_property = "damage to property"
    personal_injury = "personal injury"
    negligence_claim = "a claim for negligence or damages"
    noise_nuisance = "noise nuisance"
    antisocial_behaviour = "antisocial behaviour"
    investigation_or_prevention_of_crime = "investigating or preventing crime"
    # Staff and contracts.
    staff_appointment = "appointment of staff"
    staff_pay_or_pension = "pay or pension of staff"
    staff_discipline = "discipline or dismissal of staff"
    staff_grievance = "a staff grievance"
    commercial_contract = "a commercial contract with the council"
    council_trading_service = (
        "a council trading service (market, transport, entertainment, industrial premises)"
    )
    land_transaction = "sale, purchase or lease of land"
    moorings = "moorings"
    public_passenger_transport = "public passenger transport the council runs"
    dock_or_harbour = "a dock or harbour the council runs"
    entertainment = "entertainment the council provides"
    industrial_premises = "industrial premises the council provides"
    council_market = "a market the council provides"
    market_pitch_licence = "the grant, renewal or revocation of a market pitch or stall licence"
    # Licensing.
    taxi_or_private_hire_licensing = "taxi or private hire licensing"
    # Care.
    child_protection = "child protection"
    looked_after_children = "children in care"
    foster_carer_approval = "approval or termination of a foster carer"
    adult_care_assessment = "adult care assessment or care plan"
    adult_care_charging = "charging for adult care"
    adult_safeguarding = "a safeguarding concern about an adult"
    blue_badge = "blue badge"
    # Other.
    waste_collection = "waste collection"
    highways = "highways"
    other = "other"


class AllegationKind(StrEnum):
    """What the person says went wrong."""

    officer_unprofessional = "an officer behaved unprofessionally"
    officer_biased = "an officer was biased or discriminatory"
    officer_dishonest = "an officer was dishonest"
    officer_conflict_of_interest = "an officer had a conflict of interest"
    officer_false_evidence_to_court = "an officer gave false evidence to a court"
    information_shared = "personal information was shared without consent or by mistake"
    information_withheld = "information or documents were withheld"
    subject_access_request = "a subject access request was not answered properly"
    foi_request = "a freedom of information or EIR request was refused or ignored"
    record_inaccurate = "a record or assessment contains inaccurate information"
    record_offensive = "a record or assessment contains offensive remarks"
    wrong_information_given = "the person was given wrong information"
    delay = "delay"
    failure_to_act = "the council failed to act"
    poor_communication = "poor communication"
    procedure_not_followed = "the council did not follow its procedure"
    disagrees_with_decision = "the person disagrees with a decision"
    crime = "a crime (fraud, theft, harassment, assault or abuse)"
    waste_of_public_money = "waste of public money"
    complaint_handling = "poor handling of a complaint"


# Allegations about how the council handled personal or requested information.
DATA_PROTECTION_ALLEGATIONS = frozenset(
    {
        AllegationKind.information_shared,
        AllegationKind.information_withheld,
        AllegationKind.subject_access_request,
        AllegationKind.foi_request,
        AllegationKind.record_inaccurate,
    }
)


class OutcomeWanted(StrEnum):
    """What the person asked for."""

    apology = "an apology"
    explanation = "an explanation"
    reassurance = "reassurance that it will not happen again"
    decision_retaken = "the decision made again"
    service_provided = "the service provided or put right"
    financial_payment = "a payment for distress, time and trouble"
    refund = "a refund of money paid"
    damages = "damages or compensation for loss in law"
    disciplinary_action = "disciplinary action against a member of staff"
    dismissal = "dismissal of a member of staff"
    officer_removed = "an officer removed from the case or from duties"
    different_officer = "a different social worker or officer"
    record_rewritten = "a record or assessment rewritten or withdrawn"
    note_added_to_record = "a note of the person's views added to a record"
    court_order_changed = "a court order changed or set aside"
    prosecution = "criminal charges or prosecution"
    policy_changed = "a council policy changed"
    service_improvements = "service improvements"


class RemedyAction(StrEnum):
    """What the council did or agreed to do to put things right."""

    apology = "an apology"
    explanation = "an explanation"
    staff_reminder = "staff reminded or trained"
    information_sent = "information sent to the person"
    note_added_to_record = "a note added to a record"
    record_corrected = "a record corrected"
    payment = "a payment"
    decision_retaken = "the decision made again"
    service_provided = "the service provided or put right"
    meeting_offered = "a meeting offered"
    referral_to_support = "a referral to other support"
    procedure_changed = "a procedure changed"


class RemedyStatus(StrEnum):
    offered = "offered"
    agreed = "agreed, not yet done"
    done = "done"


class Upheld(StrEnum):
    yes = "yes"
    partly = "partly"
    no = "no"

    @classmethod
    def _missing_(cls, value: object) -> Upheld | None:
        if isinstance(value, bool):  # YAML reads a bare yes/no as a boolean
            return cls.yes if value else cls.no
        return super()._missing_(value)


class AppealRoute(StrEnum):
    tribunal = "tribunal"
    minister = "minister"
    court = "court"


class AppealBarrier(StrEnum):
    """Facts that may make it unreasonable to expect a right of appeal to be used."""

    not_told_and_unaware = "the person was not told of the right and did not know of it"
    illness = "illness or incapacity"
    out_of_time_for_good_reason = "out of time for a good reason"
    cost_out_of_proportion = "cost out of proportion to what is at stake"


class LateReason(StrEnum):
    """Reasons the person gives for coming to the Ombudsman when they did."""

    unaware_until_recently = "unaware of the matter until recently"
    council_complaint_handling_delay = "waiting for the council's complaint procedure"
    illness_or_incapacity = "illness or incapacity"
    continuing_injustice = "the injustice is continuing"


class ProceedingsKind(StrEnum):
    care_proceedings = "care proceedings"
    child_arrangements = "child arrangements"
    court_of_protection = "Court of Protection"
    county_court_claim = "county court claim"
    magistrates = "magistrates' court"
    criminal = "criminal proceedings"
    other = "other"


class ProceedingsStatus(StrEnum):
    planned = "planned"
    ongoing = "ongoing"
    decided = "decided"


class PeopleAffected(StrEnum):
    person_or_household = "the person or their household"
    group = "a group of people"
    all_or_most_in_area = "all or most people in the council's area"


class EvidenceOfFault(StrEnum):
    none = "none"
    some = "some"
    strong = "strong"


class InformationSource(StrEnum):
    complainant = "information provided by the complainant"
    council = "information provided by the council"
    care_provider = "information provided by the care provider"
    assessment_code = "the Ombudsman's Assessment Code"
    comments_on_draft = "comments on a draft decision"
