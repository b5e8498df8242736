"""Rights of appeal and remedies in court: LGA 1974 s26(6)(a), (b) and (c).

Section 26(6): the Ombudsman shall not investigate "(a) any action in respect of which the
person aggrieved has or had a right of appeal, reference or review to or before a tribunal
constituted under any enactment", "(b) any action in respect of which the person aggrieved has
or had a right of appeal to a Minister of the Crown", or "(c) any action in respect of which the
person aggrieved has or had a remedy by way of proceedings in any court of law"; provided that
the Ombudsman may investigate "if satisfied that in the particular circumstances it is not
reasonable to expect the person aggrieved to resort or have resorted to it".

The three tests share one shape. The right is either stated (`appeal_rights`) or given by law for
the head's subject matter (a penalty charge notice carries an appeal to the Traffic Penalty
Tribunal). A right the person used bars the Ombudsman outright; an unused right bars it unless it
was not reasonable to expect the person to use it (`not_reasonable_to_expect_appeal`), shown by
stated barriers (not told of it, illness, out of time for good reason, cost out of proportion).

The bar reaches only the action "in respect of which" the right exists: a later act after a used
right (the council not carrying out what the tribunal decided, or not making the refund it
ordered) is not barred, and nor is the conduct of a body the council convenes to hear the appeal
(an admission appeal panel, an exclusion review panel), which the Ombudsman looks at as to its
procedure (s34(3) keeps it from the panel's merits).
"""

from __future__ import annotations

from ombuds.code.registry import rule
from ombuds.code.result import Finding
from ombuds.code.unit import Context, Rule, Unless
from ombuds.complaint.facts import ActingBody, AppealRoute, Topic
from ombuds.vocabulary import Ground, Referral, Stage

NOT_REASONABLE = Unless(
    "not_reasonable_to_expect_appeal",
    "It was not reasonable to expect the person to use the right of appeal.",
)

# The rights the law gives for a subject matter: route, body, referral.
IMPLIED_RIGHTS: dict[Topic, tuple[AppealRoute, str, Referral]] = {
    Topic.ehc_plan_content: (AppealRoute.tribunal, "the SEND Tribunal", Referral.tribunal),
    Topic.housing_benefit_decision: (
        AppealRoute.tribunal,
        "the First-tier Tribunal (Social Entitlement Chamber)",
        Referral.tribunal,
    ),
    Topic.council_tax_bill: (AppealRoute.tribunal, "the Valuation Tribunal", Referral.tribunal),
    Topic.penalty_charge_notice: (
        AppealRoute.tribunal,
        "the Traffic Penalty Tribunal or London Tribunals",
        Referral.tribunal,
    ),
    Topic.school_admission_refusal: (
        AppealRoute.tribunal,
        "an independent school admission appeal panel",
        Referral.admission_appeal_panel,
    ),
    Topic.planning_refusal: (
        AppealRoute.minister,
        "the Planning Inspectorate",
        Referral.planning_inspectorate,
    ),
    Topic.planning_conditions: (
        AppealRoute.minister,
        "the Planning Inspectorate",
        Referral.planning_inspectorate,
    ),
    Topic.planning_non_determination: (
        AppealRoute.minister,
        "the Planning Inspectorate",
        Referral.planning_inspectorate,
    ),
    Topic.planning_enforcement_notice: (
        AppealRoute.minister,
        "the Planning Inspectorate",
        Referral.planning_inspectorate,
    ),
    Topic.damage_to_property: (
        AppealRoute.court,
        "the courts (a claim, usually first to the council's insurers)",
        Referral.insurers,
    ),
    Topic.personal_injury: (
        AppealRoute.court,
        "the courts (a claim, usually first to the council's insurers)",
        Referral.insurers,
    ),
    Topic.negligence_claim: (AppealRoute.court, "the courts", Referral.courts),
    Topic.court_of_protection: (AppealRoute.court, "the Court of Protection", Referral.courts),
    Topic.taxi_or_private_hire_licensing: (
        AppealRoute.court,
        "the magistrates' court (an appeal against the licensing decision)",
        Referral.courts,
    ),
    Topic.commercial_contract: (
        AppealRoute.court,
        "the courts (a claim about the contract)",
        Referral.courts,
    ),
}
# Not here on purpose: noise nuisance. The statutory nuisance remedy in the magistrates' court
# lies against the person making the noise, not against the council, and the Ombudsman routinely
# looks at how a council handled noise reports.

# Bodies that hear an appeal: a complaint about how they heard it is not barred by the right.
APPEAL_BODIES = frozenset({ActingBody.admission_appeal_panel, ActingBody.exclusion_review_panel})
_DEFAULT_REFERRAL = {
    AppealRoute.tribunal: Referral.tribunal,
    AppealRoute.minister: Referral.planning_inspectorate,
    AppealRoute.court: Referral.courts,
}


def _referral_for(route: AppealRoute, topics: list[Topic]) -> Referral:
    """The body a stated right goes to: the one the law gives for the head's topic on the same
    route (an admission appeal panel for a refused school place), else the route's default."""
    for topic in topics:
        implied = IMPLIED_RIGHTS.get(topic)
        if implied and implied[0] is route:
            return implied[2]
    return _DEFAULT_REFERRAL[route]


class _AppealRule(Rule):
    route: AppealRoute
    exceptions = (NOT_REASONABLE,)
    reads = ("appeal_rights", "topics", "acting_body")

    def evaluate(self, ctx: Context) -> list[Finding]:
        body = ctx.fact("acting_body")
        if body in APPEAL_BODIES:
            return self.does_not_apply(
                ctx,
                f"This part complains of how {body.value} dealt with the appeal, not of the "
                "decision appealed against: the right of appeal does not reach it.",
            )
        topics = ctx.fact("topics")
        rights = ctx.fact("appeal_rights")
        stated = [a for a in rights if a.route is self.route]
        later = [a for a in stated if a.used and a.about_later_act]
        stated = [a for a in stated if not (a.used and a.about_later_act)]
        for right in stated:
            if right.used:
                return self.applies(
                    ctx,
                    "The person has used the right of appeal to "
                    f"{right.body}: the matter is for that route, not the "
                    "Ombudsman.",
                    referral=_referral_for(self.route, topics),
                )
        if later:
            return self.does_not_apply(
                ctx,
                f"The person used the right of appeal to {later[0].body}; this part complains "
                "of what was done after it was decided, which the right does not cover.",
            )
        for right in stated:
            if right.barriers:
                why = "; ".join(b.value for b in right.barriers)
                return self.excepted(
                    ctx,
                    NOT_REASONABLE.name,
                    f"The person had a right of appeal to {right.body} but did "
                    f"not use it, and it was not reasonable to expect them to: "
                    f"{why}.",
                )
        if stated:
            right = stated[0]
            return self.applies(
                ctx,
                f"The person has or had a right of appeal to {right.body} "
                "and no fact shows it unreasonable to expect them to use it.",
                referral=_referral_for(self.route, topics),
            )
        for topic in topics:
            implied = IMPLIED_RIGHTS.get(topic)
            if implied and implied[0] is self.route:
                _, body, referral = implied
                return self.applies(
                    ctx,
                    f"For {topic.value} the law gives a right of appeal to "
                    f"{body}; no fact shows it unreasonable to expect the person "
                    "to use it.",
                    referral=referral,
                )
        return self.does_not_apply(
            ctx,
            f"No right of appeal to a {self.route.value} is stated or "
            "given by law for this subject matter.",
        )


@rule
class TribunalAppeal(_AppealRule):
    """LGA 1974 s26(6)(a): no investigation of "any action in respect of which the person
    aggrieved has or had a right of appeal, reference or review to or before a tribunal" (SEND
    Tribunal, Social Entitlement Chamber, Valuation Tribunal, Traffic Penalty Tribunal, an
    independent school admission appeal panel), unless not reasonable to expect its use. A used
    right bars the same action only: not a later act (the council not carrying out what the
    tribunal decided), and not the conduct of the admission appeal panel itself, which the
    Ombudsman looks at as to procedure.

    Exception `not_reasonable_to_expect_appeal`, for an unused right only. Leaves out: whether
    the tribunal could in fact have given the remedy wanted, which an investigator may weigh
    when deciding the exception.
    """

    ground, stage, route = Ground.tribunal_appeal, Stage.jurisdiction, AppealRoute.tribunal
    statement = (
        "A person who has or had a right of appeal to a tribunal should use it, unless "
        "it was not reasonable to expect them to."
    )


@rule
class MinisterialAppeal(_AppealRule):
    """LGA 1974 s26(6)(b): no investigation where the person has or had a right of appeal to a
    Minister; in practice planning appeals to the Planning Inspectorate (refusal, conditions,
    non-determination, enforcement notices).

    Exception `not_reasonable_to_expect_appeal`, for an unused right only. Leaves out: third
    parties' complaints about a neighbour's planning application, which carry no such right and
    stay in jurisdiction.
    """

    ground, stage, route = Ground.ministerial_appeal, Stage.jurisdiction, AppealRoute.minister
    statement = (
        "A person who has or had a right of appeal to a Minister (the Planning "
        "Inspectorate) should use it, unless not reasonable to expect them to."
    )


@rule
class CourtRemedy(_AppealRule):
    """LGA 1974 s26(6)(c): no investigation of "any action in respect of which the person
    aggrieved has or had a remedy by way of proceedings in any court of law" (negligence, damage
    or injury claims, a contract dispute, homelessness appeals under s204, an appeal to the
    magistrates' court against a taxi or private hire licensing decision, the Court of
    Protection), unless not reasonable to expect its use; once court action has started the bar
    is absolute for the same action (not for a later act, such as not paying what the court
    ordered). No remedy is implied for noise: the statutory nuisance remedy lies against the
    person making the noise, and how a council handled noise reports stays in.

    Exception `not_reasonable_to_expect_appeal`, for a remedy not yet used. Leaves out: the
    cost-benefit judgement of a small claim beyond the stated barrier "cost out of
    proportion".
    """

    ground, stage, route = Ground.court_remedy, Stage.jurisdiction, AppealRoute.court
    statement = (
        "A person who has or had a remedy in a court should use it, unless not "
        "reasonable to expect them to; once court action starts the bar is absolute."
    )
