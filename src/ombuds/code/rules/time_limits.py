"""The two time tests: a complaint may come too late, or too early.

Part 3 (councils) and Part 3A (adult social care providers the person arranged and pays for
themselves) have parallel provisions; each finding cites the one that applies: s26B or s34D for
the time limit, s26(5) or s34B(6) for the body's chance to reply.
"""

from __future__ import annotations

import datetime as dt

from ombuds.code.dates import (
    first_day_in_time,
    holidays_between,
    last_day_of_period,
    working_days_between,
)
from ombuds.code.registry import rule
from ombuds.code.result import Finding, Period
from ombuds.code.unit import Context, Rule, Unless
from ombuds.complaint import CouncilReply, StatutoryStage
from ombuds.complaint.facts import ActingBody, LateReason, Topic
from ombuds.vocabulary import Citation, Ground, Stage, section

# Subject matter of the council's adult social services: complaints about it go through the
# statutory procedure of the 2009 regulations.
ADULT_CARE_TOPICS = frozenset(
    {Topic.adult_care_assessment, Topic.adult_care_charging, Topic.adult_safeguarding}
)


def _final_reply(ctx: Context) -> dt.date | None:
    replies = ctx.fact("complaint.dates.council_replies")
    finals = [r.date for r in replies if r.final]
    return min(finals) if finals else None


def part_3a(ctx: Context) -> bool:
    """True when the head is under Part 3A: a care provider the person arranged and pays for
    themselves (care the council arranged or funds is the council's, under Part 3)."""
    return ctx.fact("acting_body") is ActingBody.care_provider and bool(
        ctx.fact("privately_arranged_care")
    )


def _holidays_note(start: dt.date, end: dt.date) -> str:
    days = holidays_between(start, end)
    if not days:
        return ""
    named = ", ".join(f"{name} {day}" for day, name in days)
    return f" (not counting {named})"


@rule
class Late(Rule):
    """LGA 1974 s26B(1) (s34D for care providers under Part 3A): the Ombudsman may not entertain
    a complaint unless it is made "before the end of the period of 12 months beginning with the
    day on which the person affected first had notice of the matters alleged in the complaint";
    s26B(2): but may entertain a later one if it considers it reasonable to do so. The day of
    notice counts, so the last day in time is the day before the anniversary. For a person who
    has died, whose personal representative or relative complains for them (s26A(2)), the 12
    months run from the representative's own notice.

    Exceptions: `unaware_until_recently`, `council_complaint_handling_delay` (stated, or shown by
    the dates: the person complained to the council in time and was still waiting for its final
    response when the 12 months ran out), `illness_or_incapacity`, `continuing_injustice`. A
    continuing injustice does not bring old events back into time: the Ombudsman uses its
    discretion to look at the recent period, and the finding states that period
    (`Finding.period`: from the first day still in time). Leaves out: the judgement whether a
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
        "complaint.representative",
        "acting_body",
        "privately_arranged_care",
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
        cite = section("34D") if part_3a(ctx) else section("26B")
        came = ctx.fact("complaint.dates.came_to_ombudsman")
        if came is None:
            return self.needs(
                ctx,
                "complaint.dates.came_to_ombudsman",
                "the 12-month limit runs to the day the complaint reached the Ombudsman",
            )
        rep = ctx.fact("complaint.representative")
        who, note = "the person", ""
        if rep is not None and rep.person_has_died:
            knew = ctx.fact("complaint.representative.first_knew")
            who = f"the representative ({rep.relationship})"
            note = (
                "The person affected has died, so the 12 months run from their representative's "
                "own notice. "
            )
            if knew is None:
                return self.needs(
                    ctx,
                    "complaint.representative.first_knew",
                    "the person affected has died: the 12 months run from when their "
                    "representative first knew of the matter",
                )
        else:
            knew = ctx.fact("first_knew") or ctx.fact("complaint.dates.first_knew")
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
                f"{note}The complaint reached the Ombudsman on {came}, within {months} months of "
                f"{who} first knowing on {knew} (the last day in time was {limit}).",
                cite=cite,
            )
        late_by = note + (
            f"The complaint reached the Ombudsman on {came}, more than {months} months "
            f"after {who} first knew on {knew} (the last day in time was {limit})."
        )
        reasons = ctx.fact("late_reasons")
        for reason in LateReason:
            if reason in reasons:
                if reason is LateReason.continuing_injustice:
                    return self._recent_period(ctx, came, months, late_by, cite)
                return self.excepted(
                    ctx, reason.name, f"{late_by} Good reason given: {reason.value}.", cite=cite
                )
        complained = ctx.fact("complaint.dates.complained_to_council")
        final = _final_reply(ctx)
        if complained is not None and complained <= limit and (final is None or final > limit):
            return self.excepted(
                ctx,
                "council_complaint_handling_delay",
                f"{late_by} But the person complained to the council on {complained}, in time, and "
                f"was still waiting for its final response when the limit passed.",
                cite=cite,
            )
        return self.applies(ctx, f"{late_by} No good reason is given for the delay.", cite=cite)

    def _recent_period(
        self, ctx: Context, came: dt.date, months: int, late_by: str, cite: Citation
    ) -> list[Finding]:
        start = first_day_in_time(came, months)
        why = (
            f"The injustice continues, but that does not bring the earlier events back into "
            f"time: the Ombudsman would look at what happened from {start}, the "
            f"{months} months up to the complaint reaching it on {came}, and not before."
        )
        return self.excepted(
            ctx,
            "continuing_injustice",
            f"{late_by} {why}",
            cite=cite,
            period=Period(start=start, end=None, why=why),
        )


@rule
class Premature(Rule):
    """LGA 1974 s26(5) (s34B(6) for a care provider under Part 3A): before investigating, the
    Ombudsman must be satisfied that the matter "has been brought, by or on behalf of the person
    affected, to the notice of the authority" and that the authority "has been given a
    reasonable opportunity to investigate the matter, and to respond". The Ombudsman's Guidance
    on jurisdiction treats about 12 weeks as a reasonable time for a council's own procedure.
    For adult social care that expectation yields to the statutory period: the council must
    respond within six months beginning with the day it received the complaint, or such longer
    period as the person and the council agree (Local Authority Social Services and National
    Health Service Complaints (England) Regulations 2009, reg 14). Where the person has not moved
    their complaint on from one stage to the next, the council is allowed longer: a stage reply
    the person has not taken further keeps the council's procedure open, and the time the person
    took to ask for the next stage is added to the council's. For children's social care
    (Children Act 1989 Representations Procedure (England) Regulations 2006) stages 1 and 2 come
    first; each stage has its longest timescale in working days (reg 2: not Saturdays, Sundays,
    Christmas Day, Good Friday or bank holidays in England). After the stage 2 adjudication the
    council has had its chance: a stage 3 review panel not asked for is a discretion question
    (`council_review_available`, s24A(6)), not this test. Premature is for a council that has
    not had its chance.

    Exception `not_reasonable_to_wait`: an urgent risk, or the council not replying within its
    time (12 weeks, six months for adult social care, or the statutory stage's longest
    timescale). Leaves out: the judgement whether a late council reply is close enough to wait
    for.
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
        "complaint.dates.agreed_response_date",
        "council_response.statutory_procedure",
        "council_response.adult_social_care_procedure",
        "complaint.childrens_procedure",
        "acting_body",
        "privately_arranged_care",
        "topics",
    )
    exceptions = (
        Unless(
            "not_reasonable_to_wait",
            "It is not reasonable to expect the person "
            "to wait: an urgent risk, or the council not replying in time.",
        ),
    )

    def evaluate(self, ctx: Context) -> list[Finding]:
        cite = section("34B(6)") if part_3a(ctx) else section("26(5)")
        urgent = ctx.fact("urgent_risk")
        if not ctx.fact("council_response.raised_with_council"):
            body = "the care provider" if part_3a(ctx) else "the council"
            return self._not_yet(ctx, urgent, f"This part has not been put to {body}.", cite)
        if ctx.fact("council_response.declined"):
            return self.does_not_apply(
                ctx, "The council declined to consider this part: it has had its chance.", cite=cite
            )
        if ctx.fact("council_response.statutory_procedure"):
            return self._childrens(ctx, ctx.fact("complaint.childrens_procedure"), urgent, cite)
        final = _final_reply(ctx)
        if final is not None:
            return self.does_not_apply(
                ctx, f"The council gave its final response on {final}.", cite=cite
            )
        complained = ctx.fact("complaint.dates.complained_to_council")
        if complained is None:
            return self.needs(
                ctx,
                "complaint.dates.complained_to_council",
                "without a final response, the council's time to reply runs from "
                "the date of the complaint",
            )
        replies: list[CouncilReply] = ctx.fact("complaint.dates.council_replies")
        # A stage reply (not a holding letter: its stage is stated) the person has not moved on.
        waiting = [r for r in replies if r.stage is not None and r.next_stage_requested is None]
        if waiting:
            last = max(waiting, key=lambda r: r.date)
            stage = f" at stage {last.stage}" if last.stage else ""
            return self._not_yet(
                ctx,
                urgent,
                f"The council replied{stage} on {last.date} and the person has not asked it to "
                "take the complaint to its next stage: its procedure is not finished.",
                cite,
            )
        due, label = self._council_time(ctx, complained)
        moved_on = [r for r in replies if r.next_stage_requested is not None]
        person_days = sum(
            max(0, (r.next_stage_requested - r.date).days)
            for r in moved_on
            if r.next_stage_requested is not None
        )
        allowed = ""
        if person_days:
            due += dt.timedelta(days=person_days)
            allowed = (
                f", plus the {person_days} days the person took to move it on from one stage "
                "to the next"
            )
        if ctx.date > due:
            return self.excepted(
                ctx,
                "not_reasonable_to_wait",
                f"The person complained to the council on {complained}; by {ctx.date} its time "
                f"({label}{allowed}, to {due}) has passed without a final response.",
                cite=cite,
            )
        return self._not_yet(
            ctx,
            urgent,
            f"The person complained to the council on {complained} and the council's time "
            f"({label}{allowed}) runs to {due}.",
            cite,
        )

    def _council_time(self, ctx: Context, complained: dt.date) -> tuple[dt.date, str]:
        """The last day of the council's time to respond, and how it was set."""
        stated = ctx.fact("council_response.adult_social_care_procedure")
        adult_care = (
            stated
            if stated is not None
            else ctx.fact("acting_body") in (ActingBody.council, ActingBody.nhs_with_council)
            and bool(ADULT_CARE_TOPICS.intersection(ctx.fact("topics")))
        )
        months = ctx.param_in_force("adult_care_response_months") if adult_care else None
        if months is not None:
            due = last_day_of_period(complained, months.value)
            label = f"the {months.value} months the adult social care complaints regulations give"
            agreed = ctx.fact("complaint.dates.agreed_response_date")
            if agreed is not None and agreed > due:
                return agreed, f"{label}, extended by agreement"
            return due, label
        weeks = ctx.param("council_procedure_weeks").value
        return complained + dt.timedelta(weeks=weeks), f"the usual {weeks} weeks"

    def _not_yet(self, ctx: Context, urgent: bool, why: str, cite: Citation) -> list[Finding]:
        if urgent:
            return self.excepted(
                ctx,
                "not_reasonable_to_wait",
                f"{why} But there is an urgent risk: not reasonable to wait.",
                cite=cite,
            )
        return self.applies(
            ctx, f"{why} The council should have the chance to reply first.", cite=cite
        )

    def _childrens(
        self, ctx: Context, stages: list[StatutoryStage], urgent: bool, cite: Citation
    ) -> list[Finding]:
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
                cite=cite,
            )
        last = stages[-1]
        if last.complete:
            ended = f" on {last.completed}" if last.completed else ""
            if last.stage == 3:
                return self.does_not_apply(
                    ctx,
                    "All three stages of the statutory children's "
                    f"procedure are complete (stage 3 ended{ended}).",
                    cite=cite,
                )
            if last.stage == 2:
                return self.does_not_apply(
                    ctx,
                    f"Stage 2 of the statutory children's procedure ended{ended} with the "
                    "council's adjudication: the council has had its chance to investigate and "
                    "reply. Whether the person should first ask for a stage 3 review panel is "
                    "a question of discretion.",
                    cite=cite,
                )
            return self._not_yet(
                ctx,
                urgent,
                f"Stage {last.stage} of the statutory children's "
                f"procedure ended{ended}; stage {last.stage + 1} has not been "
                "asked for.",
                cite,
            )
        if last.requested is None:
            return self.needs(
                ctx,
                "complaint.childrens_procedure",
                f"when stage {last.stage} was asked for, to see whether its timescale has passed",
            )
        limit = ctx.param(f"childrens_stage{last.stage}_working_days").value
        used = working_days_between(last.requested, ctx.date)
        skipped = _holidays_note(last.requested, ctx.date)
        if used > limit:
            return self.excepted(
                ctx,
                "not_reasonable_to_wait",
                f"Stage {last.stage} was asked for on {last.requested}; "
                f"{used} working days have passed{skipped}, beyond the longest "
                f"timescale of {limit}, without a response.",
                cite=cite,
            )
        return self._not_yet(
            ctx,
            urgent,
            f"Stage {last.stage} of the statutory children's "
            f"procedure is running: {used} of at most {limit} working days "
            f"since {last.requested}{skipped}.",
            cite,
        )
