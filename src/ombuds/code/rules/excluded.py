"""Matters Schedule 5 of the LGA 1974 puts outside the Ombudsman's jurisdiction.

Each test reads the head's subject matter (`topics`) and, where relevant, its allegations and the
complainant. `EXCLUDED_TOPICS` is shared with `linked_to_excluded_matter`, which asks whether the
council's handling of another matter concerns one of these.
"""

from __future__ import annotations

from collections.abc import Iterable

from ombuds.code.registry import rule
from ombuds.code.result import Finding
from ombuds.code.unit import Context, Rule, Unless
from ombuds.complaint.facts import AllegationKind, Topic
from ombuds.vocabulary import Ground, Referral, Stage

COURT_TOPICS = frozenset(
    {
        Topic.care_proceedings,
        Topic.child_arrangements,
        Topic.evidence_to_court,
        Topic.starting_court_action,
    }
)
COMMERCIAL_TOPICS = frozenset({Topic.commercial_contract, Topic.council_trading_service})
PERSONNEL_TOPICS = frozenset(
    {
        Topic.staff_appointment,
        Topic.staff_pay_or_pension,
        Topic.staff_discipline,
        Topic.staff_grievance,
    }
)
SCHOOL_TOPICS = frozenset(
    {Topic.teaching_or_curriculum, Topic.school_discipline, Topic.school_management}
)
LANDLORD_TOPICS = frozenset(
    {Topic.council_home_repairs, Topic.council_home_damp, Topic.council_tenancy_management}
)
HOUSING_AUTHORITY_TOPICS = frozenset(
    {Topic.housing_allocation, Topic.homelessness_decision, Topic.homelessness_suitability}
)

# Subject matter outside jurisdiction, and the ground that excludes it.
EXCLUDED_TOPICS: dict[Topic, Ground] = {
    **dict.fromkeys(COURT_TOPICS, Ground.court_proceedings),
    **dict.fromkeys(COMMERCIAL_TOPICS, Ground.commercial),
    **dict.fromkeys(PERSONNEL_TOPICS, Ground.personnel),
    **dict.fromkeys(SCHOOL_TOPICS, Ground.school_internal),
    **dict.fromkeys(LANDLORD_TOPICS, Ground.social_housing),
}


def _named(topics: Iterable[Topic]) -> str:
    return ", ".join(t.value for t in topics)


@rule
class CourtProceedingsRule(Rule):
    """LGA 1974 Schedule 5 para 1 (Schedule 5A para 3 for providers): the Ombudsman cannot
    investigate the start or conduct of civil or criminal proceedings in a court, including what
    an officer said or filed in court (care proceedings, reports to the court, child arrangements).

    Leaves out: matters only closely linked to proceedings, which are a discretion question
    (`linked_to_legal_proceedings`).
    """

    ground, stage = Ground.court_proceedings, Stage.jurisdiction
    statement = "The Ombudsman cannot investigate starting court action or what happened in court."
    reads = ("topics", "allegations")

    def evaluate(self, ctx: Context) -> list[Finding]:
        topics = COURT_TOPICS.intersection(ctx.fact("topics"))
        if topics:
            return self.applies(
                ctx, f"This part concerns {_named(topics)}: what happens in court is for the court."
            )
        if any(
            a.kind is AllegationKind.officer_false_evidence_to_court
            for a in ctx.fact("allegations")
        ):
            return self.applies(ctx, "This part is about what an officer told a court.")
        return self.does_not_apply(
            ctx, "This part is not about court action or what happened in court."
        )


@rule
class Crime(Rule):
    """LGA 1974 Schedule 5 para 2: the investigation or prevention of crime is excluded; alleged
    crimes are signposted to the police.

    Leaves out: a council's own regulatory duties that touch on offences (for example licensing),
    which stay in jurisdiction.
    """

    ground, stage = Ground.crime, Stage.jurisdiction
    statement = "The Ombudsman cannot investigate alleged crimes; the police can."
    reads = ("allegations",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        if any(a.kind is AllegationKind.crime for a in ctx.fact("allegations")):
            return self.applies(
                ctx, "This part alleges a crime, which is for the police.", referral=Referral.police
            )
        return self.does_not_apply(ctx, "This part alleges no crime.")


@rule
class Commercial(Rule):
    """LGA 1974 Schedule 5 para 3: commercial or contractual transactions of the council are
    excluded (transport, markets, entertainment, industrial premises).

    Exception `land_transaction`: the acquisition or disposal of land is not excluded.
    Leaves out: procurement of goods and services for the public, judged case by case.
    """

    ground, stage = Ground.commercial, Stage.jurisdiction
    statement = "The Ombudsman cannot investigate the council's commercial or contractual dealings."
    reads = ("topics",)
    exceptions = (Unless("land_transaction", "Land transactions are not excluded."),)

    def evaluate(self, ctx: Context) -> list[Finding]:
        topics = ctx.fact("topics")
        found = COMMERCIAL_TOPICS.intersection(topics)
        if not found:
            return self.does_not_apply(ctx, "This part is not about a commercial transaction.")
        if Topic.land_transaction in topics:
            return self.excepted(
                ctx, "land_transaction", "The transaction is about land, which is not excluded."
            )
        return self.applies(ctx, f"This part concerns {_named(found)}, a commercial matter.")


@rule
class Personnel(Rule):
    """LGA 1974 Schedule 5 para 4: appointments, pay, pensions, discipline and other personnel
    matters of the council's staff are excluded.

    Exception `complaint_as_service_user`: a member of staff may complain like anyone else about a
    service they receive. Leaves out: a member of the public's demand that an officer be
    disciplined, which the engine treats as an outcome the Ombudsman cannot achieve
    (`cannot_achieve_outcome`) rather than as the subject of the complaint.
    """

    ground, stage = Ground.personnel, Stage.jurisdiction
    statement = "The Ombudsman cannot investigate the council's personnel matters."
    reads = ("topics", "complaint.complainant.employed_by_body")
    exceptions = (
        Unless(
            "complaint_as_service_user",
            "A member of staff complaining as a user of a council service.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        found = PERSONNEL_TOPICS.intersection(ctx.fact("topics"))
        staff = ctx.fact("complaint.complainant.employed_by_body")
        if found:
            return self.applies(ctx, f"This part concerns {_named(found)}: a personnel matter.")
        if staff:
            return self.excepted(
                ctx,
                "complaint_as_service_user",
                "The complainant works for the council but complains about a "
                "service, not their employment.",
            )
        return self.does_not_apply(ctx, "This part is not about a personnel matter.")


@rule
class SchoolInternal(Rule):
    """LGA 1974 Schedule 5 para 5(2): teaching, curriculum, discipline and internal management of
    schools are excluded.

    Exception `special_educational_provision`: provision the council must secure for a child with
    special educational needs stays in jurisdiction. Leaves out: admissions and exclusions, which
    have their own appeal routes (`tribunal_appeal`).
    """

    ground, stage = Ground.school_internal, Stage.jurisdiction
    statement = (
        "The Ombudsman cannot investigate teaching, curriculum, discipline or internal "
        "management of a school."
    )
    reads = ("topics",)
    exceptions = (
        Unless(
            "special_educational_provision",
            "Special educational provision the council must secure is not excluded.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        topics = ctx.fact("topics")
        found = SCHOOL_TOPICS.intersection(topics)
        if not found:
            return self.does_not_apply(ctx, "This part is not about a school's internal matters.")
        if Topic.special_educational_provision in topics:
            return self.excepted(
                ctx,
                "special_educational_provision",
                "It concerns special educational provision the council must secure.",
            )
        return self.applies(ctx, f"This part concerns {_named(found)}, internal to a school.")


@rule
class SocialHousing(Rule):
    """LGA 1974 Schedule 5 para 5A: the council acting as a social landlord (repairs, damp,
    tenancy management) is for the Housing Ombudsman.

    Exception `housing_authority_function`: allocations and homelessness are the council acting as
    housing authority and stay in jurisdiction. Leaves out: housing associations (another body:
    `body_out_of_jurisdiction`).
    """

    ground, stage = Ground.social_housing, Stage.jurisdiction
    statement = "The Ombudsman cannot investigate the council acting as a social landlord."
    reads = ("topics",)
    exceptions = (
        Unless(
            "housing_authority_function",
            "Allocations and homelessness are not social landlord matters.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        topics = ctx.fact("topics")
        found = LANDLORD_TOPICS.intersection(topics)
        authority = HOUSING_AUTHORITY_TOPICS.intersection(topics)
        if not found:
            return self.does_not_apply(ctx, "This part is not about the council as landlord.")
        if authority:
            return self.excepted(
                ctx,
                "housing_authority_function",
                f"This part also concerns {_named(authority)}, which the "
                "council does as housing authority, not as landlord.",
            )
        return self.applies(
            ctx,
            f"This part concerns {_named(found)}: the council acting as social landlord.",
            referral=Referral.housing_ombudsman,
        )
