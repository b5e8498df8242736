"""Other bodies and procedures better placed than the Ombudsman, and individual conduct."""

from __future__ import annotations

from ombuds.code.registry import rule
from ombuds.code.result import Finding
from ombuds.code.unit import Context, Rule, Unless
from ombuds.complaint import Allegation
from ombuds.complaint.facts import (
    DATA_PROTECTION_ALLEGATIONS,
    AllegationKind,
    HeadSubject,
    OutcomeWanted,
    RemedyStatus,
    Topic,
    Upheld,
)
from ombuds.vocabulary import REFERRAL_BODIES, Ground, Referral, Stage

# Council reviews the law or the council offers before anyone else looks.
IMPLIED_REVIEWS = {
    Topic.homelessness_decision: "a review under section 202 of the Housing Act 1996",
    Topic.homelessness_suitability: "a review under section 202 of the Housing Act 1996",
    Topic.school_transport: "the council's two-stage school transport appeal",
    Topic.blue_badge: "the council's blue badge review",
}


def _is_social_worker(officer: str | None) -> bool:
    return officer is not None and "social worker" in officer.lower()


@rule
class BetterPlaced(Rule):
    """LGA 1974 s24A(6): another body may be better placed to consider the matter, and the finding
    names it: the ICO for data protection (records shared in error, information withheld, subject
    access and FOI requests, inaccurate personal data), Social Work England for an individual
    social worker's conduct, the Independent Review Mechanism for foster carer decisions, the
    Schools Adjudicator for objections to a school's admission arrangements (School Standards
    and Framework Act 1998, s88H), and the police for a person who wants an alleged crime
    prosecuted (the Ombudsman cannot achieve that; Schedule 5 para 2 is not the reason, since a
    council's own handling of an alleged crime stays in jurisdiction).

    Exception `good_reasons_to_investigate`: the Ombudsman normally expects data protection
    matters to go to the ICO unless there are good reasons (an investigator's judgement).
    Leaves out: a data protection point the council has already accepted and fully put right,
    which leaves nothing for the ICO to consider (no referral is made for it). Bodies signposted
    because the Ombudsman has no jurisdiction are named by the jurisdiction tests instead.
    """

    ground, stage = Ground.better_placed, Stage.discretion
    statement = "The Ombudsman may leave a matter to another body better placed to consider it."
    reads = (
        "allegations",
        "about",
        "topics",
        "outcomes_wanted",
        "council_response.upheld",
        "council_response.remedies",
        "judgement.data_protection_good_reasons",
    )
    exceptions = (
        Unless(
            "good_reasons_to_investigate",
            "There are good reasons for the Ombudsman, not the ICO, to look at it.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        allegations = ctx.fact("allegations")
        findings = []
        data = [a for a in allegations if a.kind in DATA_PROTECTION_ALLEGATIONS]
        if data:
            findings += self._ico(ctx, data)
        conduct = [a for a in allegations if _is_social_worker(a.officer)]
        if ctx.fact("about") is HeadSubject.officer_conduct and conduct:
            findings += self.applies(
                ctx,
                "This part is about an individual social worker's "
                "conduct, which Social Work England, the regulator, is "
                "better placed to consider.",
                referral=Referral.social_work_england,
            )
        topics = ctx.fact("topics")
        if Topic.foster_carer_approval in topics:
            findings += self.applies(
                ctx,
                "Foster carer approval decisions can go to the Independent Review Mechanism.",
                referral=Referral.independent_review_mechanism,
            )
        if Topic.admission_arrangements in topics:
            findings += self.applies(
                ctx,
                "An objection to a school's admission arrangements is for the Schools "
                "Adjudicator, who decides whether the arrangements comply with the law.",
                referral=Referral.schools_adjudicator,
            )
        crime = any(a.kind is AllegationKind.crime for a in allegations)
        if crime and OutcomeWanted.prosecution in ctx.fact("outcomes_wanted"):
            findings += self.applies(
                ctx,
                "The person wants an alleged crime prosecuted: the police decide whether to "
                "investigate a crime, and the Ombudsman cannot bring charges.",
                referral=Referral.police,
            )
        return findings or self.does_not_apply(ctx, "No other body is better placed for this part.")

    def _ico(self, ctx: Context, data: list[Allegation]) -> list[Finding]:
        kinds = "; ".join(sorted({a.kind.value for a in data}))
        upheld = ctx.fact("council_response.upheld")
        remedies = ctx.fact("council_response.remedies")
        if (
            upheld is Upheld.yes
            and remedies
            and all(r.status is RemedyStatus.done for r in remedies)
        ):
            return self.does_not_apply(
                ctx,
                f"The data protection point ({kinds}) was accepted by "
                "the council and fully put right: nothing is left for "
                f"{REFERRAL_BODIES[Referral.ico]}.",
            )
        if ctx.fact("judgement.data_protection_good_reasons"):
            return self.excepted(
                ctx,
                "good_reasons_to_investigate",
                f"This part raises data protection matters ({kinds}), but there "
                "are good reasons for the Ombudsman to look at them.",
            )
        return self.applies(
            ctx,
            f"This part raises data protection matters ({kinds}); "
            f"{REFERRAL_BODIES[Referral.ico]} is better placed to consider them.",
            referral=Referral.ico,
        )


@rule
class CouncilReviewAvailable(Rule):
    """LGA 1974 s24A(6): it is reasonable to use the council's own review or appeal first
    (homelessness review under s202 Housing Act 1996, school transport appeals, blue badge
    reviews). This includes a stage 3 review panel of the statutory children's procedure
    (Children Act 1989 Representations Procedure (England) Regulations 2006): when stage 2 is
    complete and the person has not asked for the panel, the Ombudsman closes the complaint as
    it is reasonable to ask for the council's review, and publishes the decision; it is not
    premature, since the council has had its chance.

    Exception `not_reasonable_to_use_review`: stated barriers, or an urgent risk, make it
    unreasonable to expect the person to use it. Leaves out: the later court appeal (s204),
    which is `court_remedy`.
    """

    ground, stage = Ground.council_review_available, Stage.discretion
    statement = "The person should use the council's own review or appeal first."
    reads = (
        "council_review",
        "topics",
        "council_response.statutory_procedure",
        "complaint.childrens_procedure",
        "urgent_risk",
    )
    exceptions = (
        Unless(
            "not_reasonable_to_use_review",
            "It is not reasonable to expect the person to use the review.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        if ctx.fact("council_response.statutory_procedure"):
            stages = ctx.fact("complaint.childrens_procedure")
            done = {s.stage for s in stages if s.complete}
            asked = {s.stage for s in stages}
            refused = any(s.refused_by_council for s in stages)
            if 2 in done and 3 not in asked and not refused:
                panel = "a stage 3 review panel of the statutory children's procedure"
                if ctx.fact("urgent_risk"):
                    return self.excepted(
                        ctx,
                        "not_reasonable_to_use_review",
                        f"Stage 2 is complete and the person could ask for {panel}, but there "
                        "is an urgent risk.",
                    )
                return self.applies(
                    ctx,
                    f"Stage 2 is complete and the person has not asked for {panel}: it is "
                    "reasonable to ask the council for that review first.",
                )
        review = ctx.fact("council_review")
        if review is not None:
            if review.used:
                return self.does_not_apply(ctx, f"The person has used {review.name}.")
            if review.barriers:
                return self.excepted(
                    ctx,
                    "not_reasonable_to_use_review",
                    f"{review.name} is available, but: "
                    + "; ".join(b.value for b in review.barriers)
                    + ".",
                )
            return self.applies(ctx, f"The person can ask for {review.name} first.")
        for topic in ctx.fact("topics"):
            if topic in IMPLIED_REVIEWS:
                return self.applies(
                    ctx, f"For {topic.value} the person can ask for {IMPLIED_REVIEWS[topic]} first."
                )
        return self.does_not_apply(ctx, "No council review or appeal is available for this part.")


@rule
class IndividualConduct(Rule):
    """LGA 1974 ss26(1) and 26A(1): the Ombudsman looks at the fault of the organisation, not an
    individual officer's professional competence or fitness to practise ("the social worker lied,
    was biased, was unprofessional"). Goes with `better_placed` (Social Work England).

    Leaves out: allegations about an officer made in support of a head whose substance is a
    record, a decision or a service; those are tested as organisational fault.
    """

    ground, stage = Ground.individual_conduct, Stage.discretion
    statement = (
        "The Ombudsman looks at the council's fault as an organisation, not at an "
        "individual officer's conduct or fitness to practise."
    )
    reads = ("about", "allegations")

    def evaluate(self, ctx: Context) -> list[Finding]:
        if ctx.fact("about") is not HeadSubject.officer_conduct:
            return self.does_not_apply(ctx, "This part is not mainly about an individual officer.")
        officers = sorted({f"the {a.officer}" for a in ctx.fact("allegations") if a.officer})
        return self.applies(
            ctx,
            f"This part is about the conduct of "
            f"{' and '.join(officers) or 'an individual officer'}: "
            "holding an individual to account is for their employer or regulator.",
        )
