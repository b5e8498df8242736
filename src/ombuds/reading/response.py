"""What the council did with the complaint, what rights of appeal and review there are, and what
proceedings are connected: read per part from its sentences."""

from __future__ import annotations

import re

from ombuds.complaint import (
    AppealRight,
    CouncilResponse,
    CouncilReview,
    CourtCase,
    Remedy,
    StatutoryStage,
)
from ombuds.complaint.facts import (
    AppealBarrier,
    AppealRoute,
    ProceedingsKind,
    ProceedingsStatus,
    RemedyAction,
    RemedyStatus,
    Upheld,
)
from ombuds.reading.context import DIRECT, INFERRED, ReadContext
from ombuds.reading.sentences import Cue, Sentence

_AGREED = re.compile(r"(?i)\b(agreed to|will|would|promised|is going to|plans to)\b")
_OFFERED = re.compile(r"(?i)\b(offered|offer)\b")
_BODY_AFTER = re.compile(
    r"(?i)appeal(?:ed)?\s+to\s+(?P<body>(?:an?\s+|the\s+)?[\w' -]{3,60}?)(?=\s+within|\s+but|\s+if|[,.;:]|$)"
)


def council_response(
    sentences: list[Sentence], ctx: ReadContext, path: str, *, after_enquiries: bool
) -> CouncilResponse:
    """The council's response to one part, from the sentences about it."""
    response = CouncilResponse()
    if ctx.has("signal", "not_raised", quoted=False):
        cue = ctx.cues("signal", "not_raised", quoted=False)[0]
        response.raised_with_council = False
        ctx.add(f"{path}.raised_with_council", False, [cue], cue.rule)
        return response

    def first(value: str) -> tuple[Sentence, Cue] | None:
        for s in sentences:
            cue = s.first("signal", value)
            if cue is not None:
                return s, cue
        return None

    for value, upheld in (
        ("upheld_yes", Upheld.yes),
        ("upheld_no", Upheld.no),
        ("upheld_partly", Upheld.partly),
    ):
        found = first(value)
        if found:
            response.upheld = upheld
            ctx.add(f"{path}.upheld", upheld, [found[1]], found[1].rule, INFERRED)
            break
    investigated = first("investigated") or first("followed_policy")
    if investigated or response.upheld is not None:
        response.investigated = True
        if investigated:
            ctx.add(f"{path}.investigated", True, [investigated[1]], investigated[1].rule, INFERRED)
    declined = first("declined")
    if declined:
        response.declined = True
        ctx.add(f"{path}.declined", True, [declined[1]], declined[1].rule)
    stages = [
        int(c.value) for s in sentences for c in s.cues if c.family == "stage" and not c.negated
    ]
    if stages:
        response.stage = max(stages)
    for s in sentences:
        if s.quoted or s.has("signal", "want"):
            continue
        for cue in s.cues:
            if cue.family != "remedy" or cue.negated or cue.hypothetical:
                continue
            if cue.value == "explanation" and not response.upheld:
                continue
            status = RemedyStatus.done
            clause = re.split(r"[,;:]| and ", ctx.text[max(s.start, cue.start - 40) : cue.end])[-1]
            if _AGREED.search(clause):
                status = RemedyStatus.agreed
            elif _OFFERED.search(clause):
                status = RemedyStatus.offered
            action = RemedyAction[cue.value]
            if any(r.action is action for r in response.remedies):
                continue
            response.remedies.append(
                Remedy(
                    action=action,
                    status=status,
                    after_ombudsman_enquiries=after_enquiries,
                    detail=cue.text,
                )
            )
            ctx.add(
                f"{path}.remedies[{len(response.remedies) - 1}]",
                f"{action.value} [{status.value}]",
                [cue],
                cue.rule,
            )
    replies = [s for s in sentences if s.has("signal", "reply") or s.has("signal", "final")]
    if replies:
        response.summary = replies[0].text[:300]
    return response


def appeal_rights(ctx: ReadContext) -> tuple[list[AppealRight], CouncilReview | None]:
    """Rights of appeal and council reviews the letter (or a council letter it quotes) states."""
    rights: list[AppealRight] = []
    review: CouncilReview | None = None
    not_used = ctx.cues("signal", "appeal_not_used", quoted=False) + ctx.cues(
        "signal", "review_not_used", quoted=False
    )
    used = [c for c in ctx.cues("signal", "appeal_used", quoted=False) if not c.hypothetical]
    barriers = [AppealBarrier[c.value] for c in ctx.cues("barrier", quoted=False)]
    for s in ctx.sentences:
        if s.has("signal", "review_right") and review is None:
            cue = s.first("signal", "review_right")
            assert cue is not None
            name = "the council's own review of its decision"
            if "transport" in s.text.lower():
                name = "the council's school transport appeal"
            elif re.search(r"(?i)\b(s\.?\s?202|section 202)\b", s.text):
                name = "a review under section 202 of the Housing Act 1996"
            review = CouncilReview(name=name, used=False, barriers=list(barriers))
            ctx.add("council_review", name, [cue], cue.rule)
            continue
        if not s.has("signal", "appeal_right"):
            continue
        route = None
        if s.has("signal", "tribunal") or s.has("topic", "penalty_charge_notice"):
            route = AppealRoute.tribunal
        elif s.has("signal", "minister"):
            route = AppealRoute.minister
        elif s.has("signal", "court"):
            route = AppealRoute.court
        if route is None or any(r.route is route for r in rights):
            continue
        m = _BODY_AFTER.search(s.text)
        body = m.group("body").strip() if m else route.value
        cue = s.first("signal", "appeal_right")
        assert cue is not None
        right = AppealRight(
            route=route, body=body, used=bool(used) and not not_used, barriers=barriers
        )
        rights.append(right)
        ctx.add(
            "appeal_rights",
            f"{route.value}: {body}" + (" (used)" if right.used else ""),
            [cue],
            cue.rule,
        )
    if review is not None and ctx.has("signal", "review_used", quoted=False):
        review.used = True
    return rights, review


def statutory_stages(ctx: ReadContext) -> list[StatutoryStage]:
    """Stages of the statutory children's procedure the letter says were taken."""
    if not ctx.has("signal", "statutory"):
        return []
    text = ctx.text.lower()
    numbers = {int(c.value) for c in ctx.cues("stage")}
    if re.search(r"all three stages|three stages of", text):
        numbers |= {1, 2, 3}
    if not numbers:
        return []
    top = max(numbers)
    cue = ctx.cues("signal", "statutory")[0]
    ctx.add("childrens_procedure", f"stages 1 to {top}", [cue], cue.rule, INFERRED)
    return [StatutoryStage(stage=n, complete=True) for n in range(1, top + 1)]


def court_cases(ctx: ReadContext) -> list[CourtCase]:
    cases: list[CourtCase] = []
    for s in ctx.writer:
        for cue in s.cues:
            if cue.family != "proceedings" or cue.negated:
                continue
            kind = ProceedingsKind[cue.value]
            if any(c.kind is kind for c in cases):
                continue
            status = ProceedingsStatus.ongoing
            statuses = [c for c in s.cues if c.family == "status"] or ctx.cues(
                "status", quoted=False
            )
            if statuses:
                status = ProceedingsStatus[statuses[0].value]
            elif re.search(r"(?i)\b(made|decided|ruled|granted|ended|order was)\b", s.text):
                status = ProceedingsStatus.decided
            elif cue.hypothetical:
                status = ProceedingsStatus.planned
            cases.append(CourtCase(kind=kind, status=status, court=cue.text))
            ctx.add(
                f"court_cases[{len(cases) - 1}]",
                f"{kind.value} ({status.value})",
                [cue],
                cue.rule,
                DIRECT,
            )
    return cases


__all__ = ["appeal_rights", "council_response", "court_cases", "statutory_stages"]
