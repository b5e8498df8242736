"""Who may complain, about whom, and whether the Ombudsman has already decided it.

`no_consent` and `not_member_of_public` run in the validity stage, once for the whole complaint:
the Assessment Code checks the complainant's standing before anything else, and a complaint that
fails it is closed by letter (outcome `invalid`), not published.
"""

from __future__ import annotations

from ombuds.code.registry import rule
from ombuds.code.result import Finding, Question
from ombuds.code.unit import Context, Rule, Unless
from ombuds.complaint.facts import ActingBody, ComplainantKind, PeopleAffected
from ombuds.vocabulary import Ground, Referral, Stage

_OUT_OF_JURISDICTION: dict[ActingBody, Referral | None] = {
    ActingBody.academy_or_free_school: Referral.dfe,
    ActingBody.valuation_office_agency: Referral.valuation_office_agency,
    ActingBody.court_or_hmcts: Referral.courts,
    ActingBody.member_of_parliament: None,
    ActingBody.police: Referral.police,
    ActingBody.nhs_alone: Referral.phso,
    ActingBody.housing_association: Referral.housing_ombudsman,
}


@rule
class NoConsent(Rule):
    """LGA 1974 s26A(1)(b) and (2)(b): a complaint may be made by a representative only with the
    person's written consent, or, where the person cannot consent, by a suitable representative.

    Leaves out: how consent must be evidenced, and the Ombudsman's power to accept a complaint
    from a representative of a person who has died (treated as "cannot consent" plus the judgement
    whether the representative acts in the person's interest).
    """

    ground, stage = Ground.no_consent, Stage.validity
    statement = (
        "A third party may complain for someone else only with their written consent, or "
        "as a suitable representative when the person cannot consent."
    )
    reads = ("complaint.representative",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        rep = ctx.fact("complaint.representative")
        if rep is None:
            return self.does_not_apply(ctx, "The person affected complains for themselves.")
        if rep.person_unable_to_consent:
            suitable = ctx.fact("complaint.representative.acts_in_persons_interest")
            if suitable is None:
                return self.needs(
                    ctx,
                    "complaint.representative.acts_in_persons_interest",
                    "the person cannot consent, so the representative must be a "
                    "suitable one acting in their interest",
                )
            if suitable:
                return self.does_not_apply(
                    ctx,
                    "The person cannot consent and the representative "
                    "is a suitable one acting in their interest.",
                )
            return self.applies(
                ctx, "The person cannot consent and the representative is not a suitable one."
            )
        consent = ctx.fact("complaint.representative.written_consent")
        if consent is None:
            return self.needs(
                ctx,
                "complaint.representative.written_consent",
                "a representative needs the person's written consent",
                suggested="ask the representative for signed consent",
            )
        if consent:
            return self.does_not_apply(ctx, "The representative has the person's written consent.")
        # Invalid as it stands, but curable: the investigator's next step is to ask for consent.
        ctx.questions.append(
            Question(
                fact=ctx.full_path("complaint.representative.written_consent"),
                why="the complaint cannot go ahead without the person's written consent; it can be "
                "considered once the representative sends it",
                suggested="ask the representative for the person's signed consent",
            )
        )
        return self.applies(ctx, "A representative complains without the person's written consent.")


@rule
class NotMemberOfPublic(Rule):
    """LGA 1974 s27(1)(a): a complaint cannot be made by a local authority or other public body.

    Leaves out: bodies whose public character is arguable (treated by the intake officer when
    choosing the complainant's kind).
    """

    ground, stage = Ground.not_member_of_public, Stage.validity
    statement = "The complainant must be a member of the public, not a public body."
    reads = ("complaint.complainant.kind",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        kind = ctx.fact("complaint.complainant.kind")
        article = "an" if kind.value[0] in "aeiou" else "a"
        if kind in (ComplainantKind.parish_or_town_council, ComplainantKind.other_public_body):
            return self.applies(
                ctx,
                f"The complainant is {article} {kind.value}, a public body, "
                "not a member of the public.",
            )
        return self.does_not_apply(
            ctx, f"The complainant ({article} {kind.value}) is a member of the public."
        )


@rule
class BodyOutOfJurisdiction(Rule):
    """LGA 1974 ss25 and 34A: the Ombudsman investigates the authorities listed in s25 and adult
    social care providers (Part 3A). Academies, the Valuation Office Agency, courts, MPs, the
    police and the NHS acting alone are outside; the finding signposts the right body.

    Leaves out: joint NHS and council cases (in jurisdiction, handled with the health ombudsman).
    """

    ground, stage = Ground.body_out_of_jurisdiction, Stage.jurisdiction
    statement = "The act complained of must have been done by a body the Ombudsman can investigate."
    reads = ("acting_body",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        body = ctx.fact("acting_body")
        if body in _OUT_OF_JURISDICTION:
            return self.applies(
                ctx,
                f"What this part complains of was done by {body.value}, "
                "which the Ombudsman cannot investigate.",
                referral=_OUT_OF_JURISDICTION[body],
            )
        return self.does_not_apply(ctx, f"What this part complains of was done by {body.value}.")


@rule
class AllOrMost(Rule):
    """LGA 1974 s26(7): no investigation of a complaint about action which affects all or most of
    the inhabitants of the council's area.

    Leaves out: the judgement whether a group is large enough to be "most" (the intake officer
    records who is affected).
    """

    ground, stage = Ground.all_or_most, Stage.jurisdiction
    statement = (
        "The Ombudsman cannot investigate a matter that affects all or most people in the area."
    )
    reads = ("people_affected",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        who = ctx.fact("people_affected")
        if who is PeopleAffected.all_or_most_in_area:
            return self.applies(ctx, "The matter affects all or most people in the council's area.")
        return self.does_not_apply(ctx, f"The matter affects {who.value}.")


@rule
class PreviouslyDecided(Rule):
    """LGA 1974 s24A(6): the Ombudsman does not re-open a matter it has already decided.

    Exception `new_matters_since`: events after the earlier decision may be looked at.
    Leaves out: reconsideration of the earlier decision itself (a separate review process).
    """

    ground, stage = Ground.previously_decided, Stage.jurisdiction
    statement = "The Ombudsman will not look again at a matter it has already decided."
    reads = ("earlier_case",)
    exceptions = (
        Unless(
            "new_matters_since",
            "Something new has happened since the earlier decision, which may be looked at.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        earlier = ctx.fact("earlier_case")
        if earlier is None:
            return self.does_not_apply(ctx, "No earlier Ombudsman case is recorded for this part.")
        same = ctx.fact("earlier_case.same_matter")
        if same is None:
            return self.needs(
                ctx,
                "earlier_case.same_matter",
                f"whether case {earlier.reference} decided this same matter",
                suggested="compare the earlier decision with this part",
            )
        if not same:
            return self.does_not_apply(
                ctx, f"Case {earlier.reference} was about a different matter."
            )
        if ctx.fact("earlier_case.new_events_since"):
            return self.excepted(
                ctx,
                "new_matters_since",
                f"New events have happened since case {earlier.reference} was decided.",
            )
        return self.applies(
            ctx,
            f"The Ombudsman has already decided this matter under reference {earlier.reference}.",
        )
