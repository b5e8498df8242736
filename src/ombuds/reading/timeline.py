"""When things happened: each date in a letter given its role by the words nearest to it.

A date next to "complained" is the complaint to the council; next to "replied", "final response"
or a stage, a council reply; next to "found out", when the person first knew; any other date
before the letter's own is an event. Dates after the letter's date (a hearing, a deadline) are not
events. The result never contradicts itself: a reply before the complaint, or a complaint before
the events, is dropped from the facts and kept as a question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ombuds.complaint import CouncilReply, Dates
from ombuds.reading.context import APPROXIMATE, DIRECT, ReadContext
from ombuds.reading.dates import DateMention
from ombuds.reading.sentences import Cue, Sentence, is_furniture

_ROLE_SIGNALS = {
    "complained": "complained",
    "reply": "reply",
    "final": "reply",
    "first_knew": "first_knew",
    "upheld_yes": "reply",
    "upheld_partly": "reply",
    "upheld_no": "reply",
    "declined": "reply",
}


@dataclass
class Timeline:
    dates: Dates
    events: list[DateMention] = field(default_factory=list)
    complained_cue: Cue | None = None


def _role(sentence: Sentence, mention: DateMention) -> tuple[str, Cue | None]:
    """The role of a date: the nearest role cue before it in its sentence (else after it)."""
    best: tuple[int, str, Cue | None] = (10**9, "event", None)
    for cue in sentence.cues:
        role = _ROLE_SIGNALS.get(cue.value) if cue.family == "signal" else None
        if cue.family == "stage":
            role = "reply"
        if role is None or cue.negated:
            continue
        distance = mention.start - cue.end if cue.end <= mention.start else cue.start - mention.end
        if cue.end > mention.start:
            distance += 60  # a cue after the date is a weaker pointer than one before it
        if distance < best[0]:
            best = (distance, role, cue)
    return best[1], best[2]


def read_timeline(ctx: ReadContext) -> Timeline:
    complained: list[tuple[DateMention, Cue | None]] = []
    replies: list[tuple[DateMention, Sentence]] = []
    knew: list[tuple[DateMention, Cue | None]] = []
    events: list[DateMention] = []
    for sentence in ctx.sentences:
        if is_furniture(sentence) and not sentence.quoted:
            continue  # a header's or a signature's date
        for mention in ctx.dates.get(sentence.index, []):
            if mention.future:
                continue
            role, cue = _role(sentence, mention)
            if sentence.quoted:
                role = "event" if role != "reply" else role
                if role == "event":
                    continue
            if role == "complained":
                complained.append((mention, cue))
            elif role == "reply":
                replies.append((mention, sentence))
            elif role == "first_knew":
                knew.append((mention, cue))
            else:
                events.append(mention)
    dates = Dates()
    timeline = Timeline(dates=dates, events=events)
    if complained:
        mention, cue = min(complained, key=lambda c: c[0].date)
        dates.complained_to_council = mention.date
        timeline.complained_cue = cue
        _dated(ctx, "dates.complained_to_council", mention, cue)
    elif ctx.has("signal", "complained", quoted=False):
        cue = ctx.cues("signal", "complained", quoted=False)[0]
        timeline.complained_cue = cue
        ctx.ask(
            "dates.complained_to_council",
            f"When did {ctx.alias} first complain to the council? The letter says so, but not when.",
            suggested="the date of the first complaint to the council",
        )
    finals = [s for s in ctx.sentences if s.has("signal", "final")]
    for mention, sentence in sorted(replies, key=lambda r: r[0].date):
        if dates.complained_to_council and mention.date < dates.complained_to_council:
            continue  # a decision the complaint was about, not a reply to it
        stage = None
        for cue in sentence.cues:
            if cue.family == "stage":
                stage = int(cue.value)
        final = sentence.has("signal", "final")
        dates.council_replies.append(CouncilReply(date=mention.date, stage=stage, final=final))
        ctx.add(
            f"dates.council_replies[{len(dates.council_replies) - 1}]",
            f"{mention.date}"
            + (" (final)" if final else "")
            + (f" stage {stage}" if stage else ""),
            [(mention.start, mention.end)],
            "date-role:reply",
            APPROXIMATE if mention.approximate else DIRECT,
        )
    if dates.council_replies and finals and not any(r.final for r in dates.council_replies):
        # "That was their final response." after the sentence that dates the reply
        last = dates.council_replies[-1]
        cue = finals[0].first("signal", "final")
        if cue is not None:
            dates.council_replies[-1] = last.model_copy(update={"final": True})
            ctx.add(
                f"dates.council_replies[{len(dates.council_replies) - 1}].final",
                True,
                [cue],
                cue.rule,
            )
    limit = dates.complained_to_council or ctx.letter_date
    early = [m for m in events if limit is None or m.date <= limit]
    if knew:
        mention, cue = min(knew, key=lambda k: k[0].date)
        if limit is None or mention.date <= limit:
            dates.first_knew = mention.date
            _dated(ctx, "dates.first_knew", mention, cue)
    if early:
        first = min(early, key=lambda m: m.date)
        dates.events_started = first.date
        _dated(ctx, "dates.events_started", first, None, "date-role:event")
        if dates.first_knew is None:  # the earliest event: an approximation, flagged as one
            dates.first_knew = first.date
            _dated(
                ctx, "dates.first_knew", first, None, "date-role:earliest-event", approximate=True
            )
    if ctx.letter_date and ctx.sent:
        dates.came_to_ombudsman = ctx.letter_date
    _consistent(dates, ctx)
    return timeline


def _dated(
    ctx: ReadContext,
    fact: str,
    mention: DateMention,
    cue: Cue | None,
    rule: str = "date-role",
    *,
    approximate: bool = False,
) -> None:
    """The evidence for a dated fact: the date's words and the cue that gave it its role."""
    ctx.add(
        fact,
        mention.date,
        [(mention.start, mention.end)] + ([(cue.start, cue.end)] if cue else []),
        cue.rule if cue else rule,
        APPROXIMATE if mention.approximate or approximate else DIRECT,
    )


def _consistent(dates: Dates, ctx: ReadContext) -> None:
    """Drop a fact that would contradict another, and ask about it instead."""
    if (
        dates.complained_to_council
        and dates.first_knew
        and dates.complained_to_council < dates.first_knew
    ):
        dates.first_knew = None
        dates.events_started = None
        ctx.ask(
            "dates.first_knew",
            f"When did {ctx.alias} first know about the matter? The dates read put the events "
            "after the complaint.",
        )
    if dates.came_to_ombudsman and dates.first_knew and dates.came_to_ombudsman < dates.first_knew:
        dates.first_knew = None
    if ctx.letter_date:
        dates.council_replies = [r for r in dates.council_replies if r.date <= ctx.letter_date]
        if dates.complained_to_council and dates.complained_to_council > ctx.letter_date:
            dates.complained_to_council = None


__all__ = ["Timeline", "read_timeline"]
