"""Who may complain, about whom and in what capacity, and whether the Ombudsman has already
decided it.

`no_consent` and `not_member_of_public` run in the validity stage, once for the whole complaint;
`no_standing` runs in the validity stage for each head, since a person claims injustice part by
part. The Assessment Code checks the complainant's standing before anything else, and a
complaint that fails it is closed by letter (outcome `invalid`), not published.
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
    ActingBody.council_in_wales: Referral.psow,
    ActingBody.council_in_scotland: Referral.spso,
    ActingBody.council_in_northern_ireland: Referral.nipso,
}


@rule
class NoStanding(Rule):
    """LGA 1974 s26A(1): a complaint may be made "by a member of the public who claims to have
    sustained injustice" in consequence of the matter, or "by a person authorised in writing by
    such a member of the public to act on his behalf"; s26A(2): where that member of the public
    "has died or is otherwise unable to authorise" someone, by "his personal representative (if
    any)" or by "a person who appears to the Local Commissioner to be suitable to represent
    him".

    Decided for each head: the complainant (the person the complaint is for, whoever writes it)
    must claim injustice to themselves from this part (`personally_affected`). Someone not
    personally affected who is not acting for someone who is has no standing, and public
    interest does not cure it: that is a question of who may complain, not of the discretion
    (`injustice_not_significant` no longer reads it). The routes to standing for someone else
    (written authority; a person who has died or cannot authorise) are tested by `no_consent`.
    Leaves out: whether an injustice claimed is real or significant, which the discretion
    stage weighs.
    """

    ground, stage = Ground.no_standing, Stage.validity
    per_head = True
    statement = (
        "A complaint must come from someone who claims injustice from the matter, or from "
        "someone acting for them; public interest does not give anyone else standing."
    )
    reads = ("personally_affected", "complaint.representative")

    def evaluate(self, ctx: Context) -> list[Finding]:
        affected = ctx.fact("personally_affected")
        rep = ctx.fact("complaint.representative")
        who = "The person the complaint is made for" if rep is not None else "The complainant"
        if affected:
            return self.does_not_apply(
                ctx, f"{who} claims to have sustained injustice from this part."
            )
        return self.applies(
            ctx,
            f"{who} does not claim to have sustained injustice from this part, and does not "
            "complain for someone who does: there is no standing to complain about it, whatever "
            "the wider interest.",
        )


@rule
class NoConsent(Rule):
    """LGA 1974 s26A(1)(b): a complaint may be made "by a person authorised in writing by such a
    member of the public to act on his behalf"; s26A(2): where the person "has died or is
    otherwise unable to authorise a person to act on his behalf", by "his personal
    representative (if any)" or by "a person who appears to the Local Commissioner to be
    suitable to represent him".

    For a person who has died: their personal representative may complain; so may a relative,
    as a suitable person unless the investigator judges otherwise
    (`acts_in_persons_interest: false`); anyone else needs that judgement. For a person who
    cannot authorise for another reason, the representative must be judged suitable.
    Leaves out: how consent must be evidenced; when the time limit runs for a person who has
    died (the `late` test reads the representative's own notice).
    """

    ground, stage = Ground.no_consent, Stage.validity
    statement = (
        "A third party may complain for someone else only with their written consent, or, when "
        "the person has died or cannot authorise anyone, as their personal representative or "
        "a suitable person."
    )
    reads = ("complaint.representative",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        rep = ctx.fact("complaint.representative")
        if rep is None:
            return self.does_not_apply(ctx, "The person affected complains for themselves.")
        if ctx.fact("complaint.representative.person_has_died"):
            return self._for_person_who_died(ctx, rep.relationship)
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

    def _for_person_who_died(self, ctx: Context, relationship: str) -> list[Finding]:
        if ctx.fact("complaint.representative.personal_representative"):
            return self.does_not_apply(
                ctx,
                "The person affected has died and the complaint is made by their personal "
                "representative.",
            )
        suitable = ctx.fact("complaint.representative.acts_in_persons_interest")
        if suitable is False:
            return self.applies(
                ctx,
                f"The person affected has died and the representative ({relationship}) is not a "
                "suitable person to complain for them.",
            )
        if ctx.fact("complaint.representative.relative"):
            return self.does_not_apply(
                ctx,
                f"The person affected has died and a relative ({relationship}) complains for "
                "them, a suitable person to represent them.",
            )
        if suitable is None:
            return self.needs(
                ctx,
                "complaint.representative.acts_in_persons_interest",
                "the person affected has died and the representative is neither their personal "
                "representative nor a relative: are they suitable to represent them?",
            )
        return self.does_not_apply(
            ctx,
            "The person affected has died and the representative is a suitable person to "
            "represent them.",
        )


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
    """LGA 1974 s25: Part 3 applies to the authorities s25 lists (councils in England, and
    bodies such as admission appeal panels and exclusion review panels the council convenes);
    s34A: Part 3A applies to adult social care providers. Academies, the Valuation Office
    Agency, courts, MPs, the police force and the NHS acting alone are outside; so are councils
    in Wales, Scotland and Northern Ireland, which have their own ombudsmen (the Public Services
    Ombudsman for Wales, the Scottish and the Northern Ireland Public Services Ombudsmen). The
    finding signposts the right body. A local policing body is an authority to which Part 3
    applies; Schedule 5 paragraph 2 (`crime`) excludes only its crime work.

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
class NotAdministrativeFunction(Rule):
    """LGA 1974 s26(1): Part 3 applies to "alleged or apparent maladministration in connection
    with the exercise of the authority's administrative functions" and to failures in a service
    it was the authority's function to provide. Action the council takes in another capacity is
    not such a function: acting as the employer of a school's staff in a matter internal to the
    school, or as the trustee of a charity (whose trustees answer to the Charity Commission).

    Leaves out: the council's own services to the school or the charity, which are its
    administrative functions; personnel matters as such (`personnel`, Schedule 5 para 4).
    """

    ground, stage = Ground.not_administrative_function, Stage.jurisdiction
    statement = (
        "The Ombudsman looks at the council's administrative functions, not at what it does in "
        "another capacity, such as a school's employer or a charity's trustee."
    )
    reads = ("council_acting_as",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        role = ctx.fact("council_acting_as")
        if role is None:
            return self.does_not_apply(
                ctx, "The council acted as a public authority, in its administrative functions."
            )
        return self.applies(
            ctx,
            f"The council acted as {role.value}, not in the exercise of its administrative "
            "functions.",
        )


@rule
class PreviouslyDecided(Rule):
    """LGA 1974 s24A(6): "In determining whether to initiate, continue or discontinue an
    investigation" the Ombudsman acts at discretion. Declining a matter it has already decided
    is that discretion, not a bar on jurisdiction: it is weighed with any new events since the
    decision. The test is decisive: when it applies the other discretion tests are not weighed,
    since the matter is not looked at afresh.

    Exception `new_matters_since`: events after the earlier decision may be looked at.
    Leaves out: reconsideration of the earlier decision itself (a separate review process).
    """

    ground, stage = Ground.previously_decided, Stage.discretion
    decisive = True
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
