"""What an investigation could add or achieve (LGA 1974 s24A(6) and (7))."""

from __future__ import annotations

from collections.abc import Iterable

from ombuds.code.registry import rule
from ombuds.code.result import Finding
from ombuds.code.unit import Context, Rule, Unless
from ombuds.complaint import Remedy
from ombuds.complaint.facts import HeadSubject, OutcomeWanted, Upheld
from ombuds.vocabulary import Ground, Stage

# Outcomes no Ombudsman recommendation can deliver.
BEYOND_POWERS = {
    OutcomeWanted.disciplinary_action: "the Ombudsman cannot order disciplinary action against a "
    "member of staff: that is for the council as employer",
    OutcomeWanted.dismissal: "the Ombudsman cannot order that a member of staff be dismissed: that "
    "is for the council as employer",
    OutcomeWanted.damages: "damages for loss in law are for a court",
    OutcomeWanted.court_order_changed: "only a court can change its order",
    OutcomeWanted.prosecution: "prosecution is for the police and the Crown Prosecution Service",
}
# Outcomes that are the council's own professional choice: the Ombudsman cannot direct them, but
# where the head challenges the council's decision on that very request the merits test decides.
COUNCIL_CHOICES = {
    OutcomeWanted.different_officer: "the Ombudsman cannot choose who the council allocates",
    OutcomeWanted.officer_removed: "the Ombudsman cannot remove an officer from duties",
    OutcomeWanted.record_rewritten: "an assessment records the author's view when it was made "
    "and is not rewritten after the event",
}


def _council_investigated(ctx: Context) -> str | None:
    """Why the council (or the statutory procedure) has investigated this part, or None."""
    if ctx.fact("council_response.investigated"):
        stage = ctx.fact("council_response.stage")
        return "The council investigated this part" + (f" at stage {stage}." if stage else ".")
    if ctx.fact("council_response.statutory_procedure"):
        done = {s.stage for s in ctx.fact("complaint.childrens_procedure") if s.complete}
        if {1, 2, 3} <= done:
            return "This part went through all three stages of the statutory children's procedure."
    return None


@rule
class CouldNotAdd(Rule):
    """LGA 1974 s24A(6): where the council (or another body) has already investigated properly,
    an Ombudsman investigation would add nothing; this includes complaints taken through all three
    stages of the statutory children's procedure when the process itself was sound.

    Exception `process_flawed` is the judgement that the council's investigation was not thorough
    or its process unsound (`judgement.council_investigation_thorough: false`). Leaves out: a
    second look at the council's conclusions on the evidence, which is the point of the test.
    """

    ground, stage = Ground.could_not_add, Stage.discretion
    statement = (
        "If the council has already investigated properly, the Ombudsman could not add to it."
    )
    reads = (
        "council_response.investigated",
        "council_response.stage",
        "council_response.statutory_procedure",
        "complaint.childrens_procedure",
        "judgement.council_investigation_thorough",
    )
    exceptions = (Unless("process_flawed", "The council's investigation or process was flawed."),)

    def evaluate(self, ctx: Context) -> list[Finding]:
        investigated = _council_investigated(ctx)
        if investigated is None:
            return self.does_not_apply(ctx, "No council investigation of this part is recorded.")
        thorough = ctx.fact("judgement.council_investigation_thorough")
        if thorough is None:
            return self.needs(
                ctx,
                "judgement.council_investigation_thorough",
                f"{investigated} Was it thorough, and the process sound?",
            )
        if thorough:
            return self.applies(
                ctx, f"{investigated} It was thorough; the Ombudsman could not add to it."
            )
        return self.excepted(
            ctx, "process_flawed", f"{investigated} But its investigation or process was flawed."
        )


def _remedies(ctx: Context, *, after_enquiries: bool) -> list[Remedy]:
    return [
        r
        for r in ctx.fact("council_response.remedies")
        if r.after_ombudsman_enquiries is after_enquiries
    ]


def _described(remedies: Iterable[Remedy]) -> str:
    return "; ".join(
        r.action.value + (f" ({r.detail})" if r.detail else "") + f" [{r.status.value}]"
        for r in remedies
    )


@rule
class NoDifferentOutcome(Rule):
    """LGA 1974 s24A(6): an investigation would not change the outcome where the council has
    already accepted fault and put it right proportionately (apology, staff reminder, a note on a
    record).

    Leaves out: remedies agreed only after the Ombudsman's enquiries (`satisfied_with_actions`).
    """

    ground, stage = Ground.no_different_outcome, Stage.discretion
    statement = (
        "An investigation would not change the outcome where the council has accepted "
        "fault and put it right proportionately."
    )
    reads = (
        "council_response.upheld",
        "council_response.remedies",
        "judgement.remedy_proportionate",
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        upheld = ctx.fact("council_response.upheld")
        remedies = _remedies(ctx, after_enquiries=False)
        if upheld not in (Upheld.yes, Upheld.partly) or not remedies:
            return self.does_not_apply(
                ctx, "The council has not upheld this part and put it right."
            )
        proportionate = ctx.fact("judgement.remedy_proportionate")
        if proportionate is None:
            return self.needs(
                ctx,
                "judgement.remedy_proportionate",
                f"the council upheld this part and gave: {_described(remedies)}. "
                "Is that proportionate?",
            )
        if proportionate:
            upheld_text = "upheld this part" if upheld is Upheld.yes else "partly upheld this part"
            return self.applies(
                ctx,
                f"The council {upheld_text} and gave "
                f"{_described(remedies)}: proportionate, so an investigation "
                "would not change the outcome.",
            )
        return self.does_not_apply(ctx, "The council's remedy is not proportionate to the fault.")


@rule
class SatisfiedWithActions(Rule):
    """LGA 1974 s24A(7): the Ombudsman may end its involvement when satisfied with what the body
    has done or agreed to do after its initial enquiries (such cases may be published "Upheld").

    Leaves out: remedies given before the Ombudsman's involvement (`no_different_outcome`).
    """

    ground, stage = Ground.satisfied_with_actions, Stage.discretion
    statement = "The Ombudsman may stop when satisfied with what the council has done or agreed."
    reads = ("council_response.remedies", "judgement.remedy_proportionate")

    def evaluate(self, ctx: Context) -> list[Finding]:
        remedies = _remedies(ctx, after_enquiries=True)
        if not remedies:
            return self.does_not_apply(
                ctx, "The council agreed nothing after the Ombudsman's enquiries."
            )
        proportionate = ctx.fact("judgement.remedy_proportionate")
        if proportionate is None:
            return self.needs(
                ctx,
                "judgement.remedy_proportionate",
                f"after initial enquiries the council agreed: {_described(remedies)}."
                " Is that enough?",
            )
        if proportionate:
            return self.applies(
                ctx,
                "After the Ombudsman's enquiries the council agreed "
                f"{_described(remedies)}, which puts the matter right.",
            )
        return self.does_not_apply(ctx, "What the council agreed does not put the matter right.")


@rule
class CannotAchieveOutcome(Rule):
    """LGA 1974 s24A(6): the Ombudsman may decline where it cannot give what the person wants:
    disciplinary action or dismissal, damages, a changed court order, a prosecution; nor can it
    choose a council's social worker or have an assessment rewritten.

    Leaves out: where the head itself challenges the council's decision on such a request (for
    example its refusal to change the social worker), the merits test decides instead, since the
    Ombudsman could find fault in how that decision was made.
    """

    ground, stage = Ground.cannot_achieve_outcome, Stage.discretion
    statement = "The Ombudsman cannot give some outcomes people ask for."
    reads = ("outcomes_wanted", "about")

    def evaluate(self, ctx: Context) -> list[Finding]:
        wanted = ctx.fact("outcomes_wanted")
        if not wanted:
            return self.does_not_apply(ctx, "No outcome is stated for this part.")
        challenge = ctx.fact("about") is HeadSubject.council_decision
        out = [f"{w.value} ({BEYOND_POWERS[w]})" for w in wanted if w in BEYOND_POWERS]
        if not challenge:
            out += [f"{w.value} ({COUNCIL_CHOICES[w]})" for w in wanted if w in COUNCIL_CHOICES]
        if out:
            return self.applies(ctx, "The person wants " + "; ".join(out) + ".")
        return self.does_not_apply(
            ctx, "What the person wants is within what the Ombudsman can recommend."
        )


@rule
class NoWorthwhileOutcome(Rule):
    """LGA 1974 s24A(6): nothing significant or worthwhile could be achieved now, for example when
    the council's involvement has ended and the person's disagreement is already on its file
    (the most the Ombudsman would seek).

    Leaves out: the age of events alone, which the time limit (`late`) governs.
    """

    ground, stage = Ground.no_worthwhile_outcome, Stage.discretion
    statement = "The Ombudsman will not investigate when nothing worthwhile could be achieved now."
    reads = ("case_closed", "views_already_on_record")

    def evaluate(self, ctx: Context) -> list[Finding]:
        closed = ctx.fact("case_closed")
        if not closed:
            return self.does_not_apply(
                ctx, "The council's involvement has not ended (or is not stated to have ended)."
            )
        on_record = ctx.fact("views_already_on_record")
        if on_record is None:
            return self.needs(
                ctx,
                "views_already_on_record",
                "the case is closed; are the person's views already on its file?",
            )
        if on_record:
            return self.applies(
                ctx,
                "The case is closed and the person's views are already on "
                "its file, which is the most an investigation would seek.",
            )
        return self.does_not_apply(
            ctx,
            "The case is closed but adding the person's views to the file could still be achieved.",
        )
