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
from ombuds.complaint.facts import ActingBody, AllegationKind, Topic
from ombuds.vocabulary import Ground, Referral, Stage

COURT_TOPICS = frozenset(
    {
        Topic.care_proceedings,
        Topic.child_arrangements,
        Topic.evidence_to_court,
        Topic.starting_court_action,
    }
)
# Schedule 5 para 3(1): the five areas. A transaction "in connection with" one of them is
# excluded; `council_trading_service` names a transaction of the council's trading in one of
# them, so it is excluded alone; a contract (`commercial_contract`) only with an area.
TRADING_AREAS = frozenset(
    {
        Topic.public_passenger_transport,
        Topic.dock_or_harbour,
        Topic.entertainment,
        Topic.industrial_premises,
        Topic.council_market,
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
    {
        Topic.teaching_or_curriculum,
        Topic.school_discipline,
        Topic.school_management,
        Topic.school_exclusion,
    }
)
# Bodies the council convenes that review a school's decision: the Ombudsman looks at how they
# did it (s34(3) keeps it from their merits), not at the school.
REVIEW_PANELS = frozenset({ActingBody.exclusion_review_panel, ActingBody.admission_appeal_panel})
LANDLORD_TOPICS = frozenset(
    {Topic.council_home_repairs, Topic.council_home_damp, Topic.council_tenancy_management}
)

# Subject matter outside jurisdiction, and the ground that excludes it.
EXCLUDED_TOPICS: dict[Topic, Ground] = {
    **dict.fromkeys(COURT_TOPICS, Ground.court_proceedings),
    Topic.council_trading_service: Ground.commercial,
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
    """LGA 1974 Schedule 5 para 2: excluded is "action taken by or on behalf of" a local policing
    body (a police and crime commissioner, or the Mayor's Office for Policing and Crime) "in
    connection with the investigation or prevention of crime". Nothing else: a council's own
    handling of an alleged crime stays in jurisdiction (a safeguarding alert about abuse in a care
    home it commissioned, antisocial behaviour, fraud by its contractor).

    Leaves out: a person who wants charges or a prosecution; the police are the body for that and
    the Ombudsman cannot achieve it, which the discretion stage says (`better_placed` with the
    police, `cannot_achieve_outcome`, s24A(6)), never this paragraph. The police force itself is
    not an authority the Ombudsman investigates (`body_out_of_jurisdiction`).
    """

    ground, stage = Ground.crime, Stage.jurisdiction
    statement = (
        "The Ombudsman cannot investigate what a local policing body does to investigate or "
        "prevent crime; a council's own handling of an alleged crime is not excluded."
    )
    reads = ("acting_body", "topics")

    def evaluate(self, ctx: Context) -> list[Finding]:
        body = ctx.fact("acting_body")
        crime_work = Topic.investigation_or_prevention_of_crime in ctx.fact("topics")
        if body is ActingBody.local_policing_body and crime_work:
            return self.applies(
                ctx,
                f"This part is about action by {body.value} in connection with investigating or "
                "preventing crime.",
            )
        if body is ActingBody.local_policing_body:
            return self.does_not_apply(
                ctx,
                f"This part concerns {body.value}, but not its work on investigating or "
                "preventing crime.",
            )
        return self.does_not_apply(
            ctx,
            "What this part complains of was not done by a local policing body: a council's own "
            "handling of an alleged crime is not excluded.",
        )


@rule
class Commercial(Rule):
    """LGA 1974 Schedule 5 para 3(1): excluded is action in matters relating to contractual or
    other commercial transactions of the authority in connection with one of five areas only: the
    operation of public passenger transport, the carrying on of a dock or harbour undertaking,
    the provision of entertainment, the provision of industrial establishments, and the provision
    of markets. A contract dispute outside the five areas is not this paragraph; its bar, if any,
    is a remedy in court (s26(6)(c), `court_remedy`).

    Exceptions: `land_transaction` (para 3(2): transactions for or relating to the acquisition or
    disposal of land, and moorings, are not excluded) and `market_pitch_licence` (para 3(4): the
    grant, renewal or revocation of a licence for a market pitch or stall is not excluded).
    Leaves out: procurement of goods and services for the public, judged case by case.
    """

    ground, stage = Ground.commercial, Stage.jurisdiction
    statement = (
        "The Ombudsman cannot investigate the council's commercial or contractual dealings in "
        "public passenger transport, docks and harbours, entertainment, industrial "
        "establishments or markets."
    )
    reads = ("topics",)
    exceptions = (
        Unless("land_transaction", "Transactions for land, or moorings, are not excluded."),
        Unless(
            "market_pitch_licence",
            "The grant, renewal or revocation of a market pitch or stall licence is not excluded.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        topics = ctx.fact("topics")
        areas = TRADING_AREAS.intersection(topics)
        trading = Topic.council_trading_service in topics
        contract = Topic.commercial_contract in topics
        if Topic.market_pitch_licence in topics:
            return self.excepted(
                ctx,
                "market_pitch_licence",
                "This part is about the grant, renewal or revocation of a market pitch or stall "
                "licence, which the law does not exclude.",
            )
        if not trading and not (contract and areas):
            if contract:
                return self.does_not_apply(
                    ctx,
                    "This part is about a contract with the council outside the five areas the "
                    "law excludes (public passenger transport, docks and harbours, "
                    "entertainment, industrial establishments, markets).",
                )
            return self.does_not_apply(ctx, "This part is not about a commercial transaction.")
        if Topic.land_transaction in topics or Topic.moorings in topics:
            return self.excepted(
                ctx,
                "land_transaction",
                "The transaction is about land or moorings, which the law does not exclude.",
            )
        where = _named(areas) if areas else Topic.council_trading_service.value
        return self.applies(
            ctx, f"This part concerns a commercial or contractual transaction in {where}."
        )


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
    """LGA 1974 Schedule 5 para 5(2): excluded is action concerning the giving of instruction,
    conduct, curriculum, internal organisation, management or discipline in a school maintained
    by the council. Excluding a pupil is the school's discipline: its route is the governing
    board's review and then an independent review panel, which the council convenes for a
    maintained school; the Ombudsman looks at how such a panel did its work (s34(3) keeps it
    from the panel's merits), and at the council's own duties, such as education for a child out
    of school, which stay in.

    Exception `special_educational_provision`: provision the council must secure for a child with
    special educational needs stays in jurisdiction. Leaves out: admissions, which have their own
    appeal route (`tribunal_appeal`); academies, which are another body
    (`body_out_of_jurisdiction`).
    """

    ground, stage = Ground.school_internal, Stage.jurisdiction
    statement = (
        "The Ombudsman cannot investigate teaching, curriculum, discipline or internal "
        "management of a school."
    )
    reads = ("topics", "acting_body")
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
        body = ctx.fact("acting_body")
        if body in REVIEW_PANELS:
            return self.does_not_apply(
                ctx,
                f"This part complains of {body.value}, not of the school: how the panel did its "
                "work is not internal to the school.",
            )
        if Topic.special_educational_provision in topics:
            return self.excepted(
                ctx,
                "special_educational_provision",
                "It concerns special educational provision the council must secure.",
            )
        route = (
            " A permanent exclusion can be taken to the governing board and then to an "
            "independent review panel."
            if Topic.school_exclusion in found
            else ""
        )
        return self.applies(
            ctx, f"This part concerns {_named(found)}, internal to a school.{route}"
        )


@rule
class SocialHousing(Rule):
    """LGA 1974 Schedule 5 para 5A: excluded is action taken by the council as a social
    landlord in matters the Housing Ombudsman's scheme covers (repairs, damp, tenancy
    management); the finding signposts the Housing Ombudsman. What the council does as housing
    authority (allocations, homelessness) is not excluded, even when it comes in the same
    complaint as a landlord matter: the engine splits such a head first (`ombuds.code.split`), so
    this test sees the landlord part alone and the rest is assessed as a part of its own.

    Leaves out: housing associations (another body: `body_out_of_jurisdiction`).
    """

    ground, stage = Ground.social_housing, Stage.jurisdiction
    statement = (
        "The Ombudsman cannot investigate the council acting as a social landlord; "
        "allocations and homelessness stay in, even in the same complaint."
    )
    reads = ("topics",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        found = LANDLORD_TOPICS.intersection(ctx.fact("topics"))
        if not found:
            return self.does_not_apply(ctx, "This part is not about the council as landlord.")
        return self.applies(
            ctx,
            f"This part concerns {_named(found)}: the council acting as social landlord.",
            referral=Referral.housing_ombudsman,
        )
