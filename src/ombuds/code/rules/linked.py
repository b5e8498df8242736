"""Tests that look beyond the head itself: complaint handling, linked matters, the general test.

`complaint_handling_only` needs the other heads' decisions, so the engine decides complaint-handling
heads last. `tests_not_met` reads this head's other findings, so it runs last of all.
"""

from __future__ import annotations

from ombuds.code.registry import rule
from ombuds.code.result import Finding
from ombuds.code.rules.appeals import IMPLIED_RIGHTS
from ombuds.code.rules.excluded import EXCLUDED_TOPICS
from ombuds.code.unit import Context, Rule
from ombuds.complaint.facts import HeadSubject
from ombuds.vocabulary import FindingResult, Ground, Outcome, Stage


def excluded_linked_topics(ctx: Context) -> list[str]:
    """The linked subject matter the Ombudsman cannot look at, with the reason."""
    found = []
    for topic in ctx.fact("linked_topics"):
        if topic in EXCLUDED_TOPICS:
            found.append(f"{topic.value} ({EXCLUDED_TOPICS[topic].value})")
        elif topic in IMPLIED_RIGHTS:
            found.append(f"{topic.value} (for {IMPLIED_RIGHTS[topic][1]})")
    return found


@rule
class ComplaintHandlingOnly(Rule):
    """LGA 1974 s24A(6): the Ombudsman does not normally investigate how a complaint was handled
    when it is not investigating the matter the complaint was about.

    Leaves out: complaint handling so poor that it is a significant injustice on its own, which an
    investigator records with `judgement.worth_investigating`.
    """

    ground, stage = Ground.complaint_handling_only, Stage.discretion
    statement = (
        "Complaint handling alone is not investigated when the matter complained about is not."
    )
    reads = ("about", "linked_topics")

    def evaluate(self, ctx: Context) -> list[Finding]:
        if ctx.fact("about") is not HeadSubject.complaint_handling:
            return self.does_not_apply(ctx, "This part is not about complaint handling.")
        substantive = [h for h in ctx.decided if h.outcome is not Outcome.invalid]
        if any(h.outcome is Outcome.investigate for h in substantive):
            return self.does_not_apply(
                ctx,
                "Another part of the complaint is being investigated; "
                "its handling can be looked at with it.",
            )
        if substantive:
            return self.applies(
                ctx,
                "None of the matters complained about is being investigated, "
                "so their complaint handling is not investigated alone.",
            )
        excluded = excluded_linked_topics(ctx)
        if excluded:
            return self.applies(
                ctx,
                "The complaint the council handled was about "
                f"{', '.join(excluded)}, which the Ombudsman cannot look at.",
            )
        if ctx.fact("linked_topics"):
            return self.does_not_apply(
                ctx, "The matter the council handled is one the Ombudsman can look at."
            )
        return self.needs(
            ctx,
            "linked_topics",
            "what the complaint the council handled was about",
            reason="This part is only about complaint handling and the matter "
            "handled is not stated.",
        )


@rule
class LinkedToExcludedMatter(Rule):
    """R (M) v Commissioner for Local Administration [2006] EWHC 2847 (Admin): the Ombudsman need
    not investigate the council's actions on a matter it cannot itself look at (handling a
    complaint about a school's internal matters, or about a court matter).

    Leaves out: council actions that are separable from the excluded matter, which the intake
    officer records as a head of their own.
    """

    ground, stage = Ground.linked_to_excluded_matter, Stage.discretion
    statement = (
        "The Ombudsman need not investigate the council's actions on a matter it cannot look at."
    )
    reads = ("linked_topics",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        excluded = excluded_linked_topics(ctx)
        if excluded:
            return self.applies(
                ctx,
                "The council's actions here concern "
                f"{', '.join(excluded)}, which the Ombudsman cannot look at.",
            )
        return self.does_not_apply(ctx, "This part is not linked to a matter outside jurisdiction.")


@rule
class LinkedToLegalProceedings(Rule):
    """LGA 1974 ss24A(6) and 34B(8): the Ombudsman may decline issues that could reasonably be, or
    have been, raised in related legal proceedings.

    Leaves out: what happened in the proceedings themselves (`court_cases`, jurisdiction).
    """

    ground, stage = Ground.linked_to_legal_proceedings, Stage.discretion
    statement = (
        "Issues that could be, or could have been, raised in related legal proceedings "
        "are left to them."
    )
    reads = ("related_court_cases", "complaint.court_cases", "judgement.could_raise_in_proceedings")

    def evaluate(self, ctx: Context) -> list[Finding]:
        indexes = ctx.fact("related_court_cases")
        if not indexes:
            return self.does_not_apply(ctx, "This part is not related to legal proceedings.")
        proceedings = ctx.fact("complaint.court_cases")
        named = ", ".join(
            f"{proceedings[i].kind.value} ({proceedings[i].status.value})" for i in indexes
        )
        could = ctx.fact("judgement.could_raise_in_proceedings")
        if could is None:
            return self.needs(
                ctx,
                "judgement.could_raise_in_proceedings",
                f"this part relates to {named}; could its issues be raised there?",
            )
        if could:
            return self.applies(ctx, f"The issues could be, or could have been, raised in {named}.")
        return self.does_not_apply(ctx, f"The issues could not be raised in {named}.")


@rule
class TestsNotMet(Rule):
    """LGA 1974 s24A(6): the general statement that the Assessment Code's tests for starting an
    investigation are not met. Used when an investigator, weighing fault, injustice, remedy and
    public interest together, decides a part is not worth investigating and no specific test
    says why.

    Leaves out: any automatic use beside specific tests; those already carry the reasons.
    """

    ground, stage = Ground.tests_not_met, Stage.discretion
    statement = "The Assessment Code's tests for starting an investigation must be met."
    reads = ("judgement.worth_investigating",)

    def evaluate(self, ctx: Context) -> list[Finding]:
        specific = [
            f.ground.value
            for f in ctx.findings
            if f.stage is Stage.discretion and f.result is FindingResult.applies
        ]
        if specific:
            return self.does_not_apply(
                ctx,
                "Specific tests already decide this part: "
                + ", ".join(dict.fromkeys(specific))
                + ".",
            )
        worth = ctx.fact("judgement.worth_investigating")
        if worth is None:
            return self.needs(
                ctx,
                "judgement.worth_investigating",
                "no specific test closes this part; weighing fault, injustice, "
                "remedy and public interest, is it worth investigating?",
            )
        if worth:
            return self.does_not_apply(
                ctx, "Weighing the tests together, this part is worth investigating."
            )
        return self.applies(
            ctx,
            "Weighing fault, injustice, remedy and public interest, the "
            "tests for an investigation are not met.",
        )
