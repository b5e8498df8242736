"""The two time tests: a complaint may come too late, or too early."""

from __future__ import annotations

import datetime as dt

from ombuds.code.dates import last_day_of_period, working_days_between
from ombuds.code.registry import rule
from ombuds.code.result import Finding
from ombuds.code.unit import Context, Rule, Unless
from ombuds.complaint import StatutoryStage
from ombuds.complaint.facts import LateReason
from ombuds.vocabulary import Ground, Stage


def _final_reply(ctx: Context) -> dt.date | None:
    replies = ctx.fact("complaint.dates.council_replies")
    finals = [r.date for r in replies if r.final]
    return min(finals) if finals else None


@rule
class Late(Rule):
    """LGA 1974 s26B (s34D for care providers): a complaint must be made to the Ombudsman before
    the end of the period of 12 months *beginning with* the day the person first had notice of
    the matter, unless the Ombudsman decides there are good reasons to accept it later. The day
    of notice counts, so the last day in time is the day before the anniversary.

    Exceptions: `unaware_until_recently`, `council_complaint_handling_delay` (stated, or shown by
    the dates: the person complained to the council in time and was still waiting for its final
    response when the 12 months ran out), `illness_or_incapacity`, `continuing_injustice` (the
    investigation then looks only at the recent period). Leaves out: the judgement whether a
    stated reason is good enough on its facts; the stated reason is recorded and accepted, and
    the investigator can overrule it.
    """

    ground, stage = Ground.late, Stage.jurisdiction
    statement = (
        "A complaint that reaches the Ombudsman after the 12 months beginning with the "
        "day the person first knew of the matter is late, unless there are good reasons."
    )
    reads = (
        "first_knew",
        "complaint.dates.first_knew",
        "complaint.dates.came_to_ombudsman",
        "complaint.dates.complained_to_council",
        "complaint.dates.council_replies",
        "late_reasons",
    )
    exceptions = (
        Unless("unaware_until_recently", "The person did not know of the matter until recently."),
        Unless(
            "council_complaint_handling_delay",
            "The delay was caused by the council's own complaint handling.",
        ),
        Unless("illness_or_incapacity", "Illness or incapacity kept the person from complaining."),
        Unless(
            "continuing_injustice",
            "The injustice is continuing; only the recent period is looked at.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        came = ctx.fact("complaint.dates.came_to_ombudsman")
        knew = ctx.fact("first_knew") or ctx.fact("complaint.dates.first_knew")
        if came is None:
            return self.needs(
                ctx,
                "complaint.dates.came_to_ombudsman",
                "the 12-month limit runs to the day the complaint reached the Ombudsman",
            )
        if knew is None:
            return self.needs(
                ctx,
                "complaint.dates.first_knew",
                "the 12-month limit runs from when the person first knew of the matter",
            )
        months = ctx.param("time_limit_months").value
        limit = last_day_of_period(knew, months)
        if came <= limit:
            return self.does_not_apply(
                ctx,
                f"The complaint reached the Ombudsman on {came}, within {months} months of "
                f"the person first knowing on {knew} (the last day in time was {limit}).",
            )
        late_by = (
            f"The complaint reached the Ombudsman on {came}, more than {months} months "
            f"after the person first knew on {knew} (the last day in time was {limit})."
        )
        reasons = ctx.fact("late_reasons")
        for reason in LateReason:
            if reason in reasons:
                return self.excepted(
                    ctx, reason.name, f"{late_by} Good reason given: {reason.value}."
                )
        complained = ctx.fact("complaint.dates.complained_to_council")
        final = _final_reply(ctx)
        if complained is not None and complained <= limit and (final is None or final > limit):
            return self.excepted(
                ctx,
                "council_complaint_handling_delay",
                f"{late_by} But the person complained to the council on {complained}, in time, and "
                f"was still waiting for its final response when the limit passed.",
            )
        return self.applies(ctx, f"{late_by} No good reason is given for the delay.")


@rule
class Premature(Rule):
    """LGA 1974 s26(5): the Ombudsman must be satisfied the council knows of the complaint and has
    had a reasonable chance to investigate and reply. About 12 weeks is the norm for a council's
    procedure; for children's social care the three-stage statutory procedure (Children Act 1989
    Representations Procedure (England) Regulations 2006) should normally be completed first.

    Exception `not_reasonable_to_wait`: an urgent risk, or the council not replying within its
    time (12 weeks, or the statutory stage's longest timescale). Leaves out: bank holidays in the
    working-day count, and the judgement whether a late council reply is close enough to wait for.
    """

    ground, stage = Ground.premature, Stage.jurisdiction
    statement = (
        "The council must have had the chance to consider the complaint and reply "
        "before the Ombudsman looks at it."
    )
    reads = (
        "council_response.raised_with_council",
        "council_response.declined",
        "urgent_risk",
        "complaint.dates.complained_to_council",
        "complaint.dates.council_replies",
        "council_response.statutory_procedure",
        "complaint.childrens_procedure",
    )
    exceptions = (
        Unless(
            "not_reasonable_to_wait",
            "It is not reasonable to expect the person "
            "to wait: an urgent risk, or the council not replying in time.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        urgent = ctx.fact("urgent_risk")
        if not ctx.fact("council_response.raised_with_council"):
            return self._not_yet(ctx, urgent, "This part has not been put to the council.")
        if ctx.fact("council_response.declined"):
            return self.does_not_apply(
                ctx, "The council declined to consider this part: it has had its chance."
            )
        if ctx.fact("council_response.statutory_procedure"):
            return self._childrens(ctx, ctx.fact("complaint.childrens_procedure"), urgent)
        final = _final_reply(ctx)
        if final is not None:
            return self.does_not_apply(ctx, f"The council gave its final response on {final}.")
        complained = ctx.fact("complaint.dates.complained_to_council")
        if complained is None:
            return self.needs(
                ctx,
                "complaint.dates.complained_to_council",
                "without a final response, the council's time to reply runs from "
                "the date of the complaint",
            )
        weeks = ctx.param("council_procedure_weeks").value
        due = complained + dt.timedelta(weeks=weeks)
        if ctx.date > due:
            return self.excepted(
                ctx,
                "not_reasonable_to_wait",
                f"The person complained to the council on {complained}; by "
                f"{ctx.date} more than {weeks} weeks have passed (due {due}) "
                "without a final response.",
            )
        return self._not_yet(
            ctx,
            urgent,
            f"The person complained to the council on {complained} "
            f"and the council's {weeks} weeks run to {due}.",
        )

    def _not_yet(self, ctx: Context, urgent: bool, why: str) -> list[Finding]:
        if urgent:
            return self.excepted(
                ctx,
                "not_reasonable_to_wait",
                f"{why} But there is an urgent risk: not reasonable to wait.",
            )
        return self.applies(ctx, f"{why} The council should have the chance to reply first.")

    def _childrens(self, ctx: Context, stages: list[StatutoryStage], urgent: bool) -> list[Finding]:
        stages = sorted(stages, key=lambda s: s.stage)
        if not stages:
            return self.needs(
                ctx,
                "complaint.childrens_procedure",
                "this part went through the statutory children's procedure; "
                "which stages were asked for and completed?",
            )
        if any(s.refused_by_council for s in stages):
            return self.does_not_apply(
                ctx,
                "The council refused to take the complaint further "
                "in the statutory procedure: it has had its chance.",
            )
        last = stages[-1]
        if last.complete:
            ended = f" on {last.completed}" if last.completed else ""
            if last.stage == 3:
                return self.does_not_apply(
                    ctx,
                    "All three stages of the statutory children's "
                    f"procedure are complete (stage 3 ended{ended}).",
                )
            return self._not_yet(
                ctx,
                urgent,
                f"Stage {last.stage} of the statutory children's "
                f"procedure ended{ended}; stage {last.stage + 1} has not been "
                "asked for.",
            )
        if last.requested is None:
            return self.needs(
                ctx,
                "complaint.childrens_procedure",
                f"when stage {last.stage} was asked for, to see whether its timescale has passed",
            )
        limit = ctx.param(f"childrens_stage{last.stage}_working_days").value
        used = working_days_between(last.requested, ctx.date)
        if used > limit:
            return self.excepted(
                ctx,
                "not_reasonable_to_wait",
                f"Stage {last.stage} was asked for on {last.requested}; "
                f"{used} working days have passed, beyond the longest "
                f"timescale of {limit}, without a response.",
            )
        return self._not_yet(
            ctx,
            urgent,
            f"Stage {last.stage} of the statutory children's "
            f"procedure is running: {used} of at most {limit} working days "
            f"since {last.requested}.",
        )
