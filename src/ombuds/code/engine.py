"""The engine: validity, then jurisdiction, then discretion, head by head, then the whole.

`assess(complaint, assessment_date=...)` never reads today's date: the date is an input (the
argument, else the complaint's `assessment_date`, else an error saying how to give one).

Order and outcome:
- Validity (consent, member of the public; enough information) is decided once for the
  complaint; standing (`no_standing`, s26A(1)) is decided for each head, since a person claims
  injustice part by part. A complaint-wide failure makes every head `invalid`; a head the
  complainant has no standing for is `invalid` on its own.
- A head that mixes subject matter the law divides (the council as social landlord together with
  allocations, homelessness or another service) is split into parts first (`code/split.py`).
- Each head runs every jurisdiction test. If one applies the head cannot be investigated
  (`premature` when that is the only bar, else `closed_after_initial_enquiries`), and discretion
  is not considered for it.
- Otherwise every discretion test runs; any that applies closes the head. A `decisive` one
  (`previously_decided`) ends the stage when it applies: a matter already decided is not weighed
  afresh.
- A head no test closes is investigated. The complaint is investigated if any head is, `invalid`
  if every head is, `premature` if every valid head is, otherwise closed after initial enquiries.
Heads about complaint handling are decided after the others, since whether their substance is
investigated matters; the output keeps the complaint's order, split-off parts last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

from ombuds.code.parameters import Parameter, earliest_assessment_date, parameters_on
from ombuds.code.provisional import with_open_judgements
from ombuds.code.registry import load_rules
from ombuds.code.result import (
    Assessment,
    CaseDetails,
    Finding,
    HeadAssessment,
    PartDetails,
    Question,
    RemedyDetails,
)
from ombuds.code.split import Part, split_heads
from ombuds.code.unit import Context, Rule
from ombuds.complaint import Complaint
from ombuds.complaint.facts import ActingBody, HeadSubject
from ombuds.errors import ContradictoryFacts, InputError
from ombuds.vocabulary import (
    PUBLISHED_LABELS,
    FindingResult,
    Ground,
    Outcome,
    Stage,
    is_known_category,
    normalise_category,
    normalise_reference,
)

T = TypeVar("T")


def _contradictions(complaint: Complaint, date: dt.date) -> list[str]:
    """Facts that cannot all be true."""
    d = complaint.dates
    problems = []
    for path, start in (
        ("dates.events_started", d.events_started),
        ("dates.first_knew", d.first_knew),
    ):
        if d.complained_to_council and start and d.complained_to_council < start:
            problems.append(
                f"dates.complained_to_council ({d.complained_to_council}) is before "
                f"{path} ({start}): a complaint cannot come before the events or "
                "before the person knew of them"
            )
    if d.came_to_ombudsman and d.first_knew and d.came_to_ombudsman < d.first_knew:
        problems.append(
            f"dates.came_to_ombudsman ({d.came_to_ombudsman}) is before "
            f"dates.first_knew ({d.first_knew})"
        )
    for i, reply in enumerate(d.council_replies):
        if d.complained_to_council and reply.date < d.complained_to_council:
            problems.append(
                f"dates.council_replies[{i}].date ({reply.date}) is before the "
                f"complaint to the council ({d.complained_to_council})"
            )
        if reply.next_stage_requested and reply.next_stage_requested < reply.date:
            problems.append(
                f"dates.council_replies[{i}].next_stage_requested "
                f"({reply.next_stage_requested}) is before the reply it follows ({reply.date})"
            )
    agreed, complained = d.agreed_response_date, d.complained_to_council
    if agreed and complained and agreed < complained:
        problems.append(
            f"dates.agreed_response_date ({agreed}) is before the "
            f"complaint to the council ({complained})"
        )
    dated = [
        ("dates.first_knew", d.first_knew),
        ("dates.events_started", d.events_started),
        ("dates.complained_to_council", d.complained_to_council),
        ("dates.came_to_ombudsman", d.came_to_ombudsman),
    ]
    dated += [(f"dates.council_replies[{i}].date", r.date) for i, r in enumerate(d.council_replies)]
    dated += [
        (f"dates.council_replies[{i}].next_stage_requested", r.next_stage_requested)
        for i, r in enumerate(d.council_replies)
    ]
    dated += [(f"heads[{i}].first_knew", h.first_knew) for i, h in enumerate(complaint.heads)]
    if complaint.representative is not None:
        dated.append(("representative.first_knew", complaint.representative.first_knew))
    for path, value in dated:
        if value and value > date:
            problems.append(f"{path} ({value}) is after the assessment date ({date})")
    for i, head in enumerate(complaint.heads):
        raised = head.council_response.raised_with_council
        if (
            raised
            and d.complained_to_council
            and head.first_knew
            and d.complained_to_council < head.first_knew
        ):
            problems.append(
                f"heads[{i}] was put to the council ({d.complained_to_council}) "
                f"before the person knew of it ({head.first_knew})"
            )
        for j in head.related_court_cases:
            if not 0 <= j < len(complaint.court_cases):
                problems.append(
                    f"heads[{i}].related_court_cases names {j}, but only "
                    f"{len(complaint.court_cases)} court proceedings are listed"
                )
    for stage in complaint.childrens_procedure:
        if stage.completed and stage.requested and stage.completed < stage.requested:
            problems.append(
                f"children's procedure stage {stage.stage} completed "
                f"({stage.completed}) before it was asked for ({stage.requested})"
            )
    return problems


def _run(rules: Iterable[Rule], ctx: Context) -> list[Finding]:
    """Run `rules` in order on one context; each sees the findings made before it. A decisive
    rule that applies ends the run."""
    found: list[Finding] = []
    for r in rules:
        ctx.reads = []
        result = r.evaluate(ctx)
        found.extend(result)
        ctx.findings.extend(result)
        if r.decisive and any(f.result is FindingResult.applies for f in result):
            break
    return found


def _unique(items: Iterable[T]) -> list[T]:
    """The items without repeats, in first-seen order."""
    return list(dict.fromkeys(items))


def _decide_head(
    complaint: Complaint,
    part: Part,
    date: dt.date,
    params: dict[str, Parameter],
    validity: list[Finding],
    invalid: bool,
    decided: list[HeadAssessment],
    questions: list[Question],
) -> HeadAssessment:
    """Decide one head (or part of one): its own validity, jurisdiction, then (if nothing bars
    it) discretion. Its questions are added to `questions`."""
    rules = load_rules()
    head = part.head
    ctx = Context(
        complaint, head, part.source, date, params, decided=decided, findings=list(validity)
    )
    findings = list(validity)
    if not invalid:
        own = _run([r for r in rules if r.stage is Stage.validity and r.per_head], ctx)
        findings += own
        invalid = any(f.result is FindingResult.applies for f in own)
    if invalid:
        outcome = Outcome.invalid
    else:
        jurisdiction = _run([r for r in rules if r.stage is Stage.jurisdiction], ctx)
        findings += jurisdiction
        bars = [f.ground for f in jurisdiction if f.result is FindingResult.applies]
        if bars:
            outcome = (
                Outcome.premature
                if set(bars) == {Ground.premature}
                else Outcome.closed_after_initial_enquiries
            )
        else:
            discretion = _run([r for r in rules if r.stage is Stage.discretion], ctx)
            findings += discretion
            closed = any(f.result is FindingResult.applies for f in discretion)
            outcome = Outcome.closed_after_initial_enquiries if closed else Outcome.investigate
    questions.extend(ctx.questions)
    applying = [f for f in findings if f.result is FindingResult.applies]
    return HeadAssessment(
        summary=head.summary,
        outcome=outcome,
        grounds=_unique(f.ground for f in applying),
        referrals=_unique(f.referral for f in applying if f.referral is not None),
        findings=findings,
        split_from=part.source if part.split else None,
        topics=part.topics,
    )


def _part(complaint: Complaint, part: Part) -> PartDetails:
    """The facts of one head (or split part), as the drafter reports them: ids, not the schema's
    phrases, and the head's summary as the person gave it (a split part's topics say which)."""
    head = part.head
    response = head.council_response
    return PartDetails(
        summary=head.summary,
        what_happened=head.what_happened,
        about=head.about.name,
        acting_body=head.acting_body.name,
        topics=[t.name for t in head.topics],
        linked_topics=[t.name for t in head.linked_topics],
        allegations=_unique(a.kind.name for a in head.allegations),
        officers=_unique(a.officer for a in head.allegations if a.officer),
        raised_with_council=response.raised_with_council,
        council_investigated=response.investigated,
        council_declined=response.declined,
        council_stage=response.stage,
        statutory_procedure=response.statutory_procedure,
        upheld=response.upheld.name if response.upheld else None,
        remedies=[
            RemedyDetails(
                action=r.action.name,
                status=r.status.name,
                detail=r.detail,
                after_ombudsman_enquiries=r.after_ombudsman_enquiries,
            )
            for r in response.remedies
        ],
        council_summary=response.summary,
        outcomes_wanted=[w.name for w in head.outcomes_wanted],
        injustice_claimed=list(head.injustice_claimed),
        appeal_bodies=[a.body for a in head.appeal_rights],
        appeal_used=any(a.used for a in head.appeal_rights),
        council_review=head.council_review.name if head.council_review else None,
        council_review_used=bool(head.council_review and head.council_review.used),
        earlier_reference=(
            normalise_reference(head.earlier_case.reference) or head.earlier_case.reference
            if head.earlier_case
            else None
        ),
        case_closed=head.case_closed,
        views_already_on_record=head.views_already_on_record,
        first_knew=head.first_knew,
        source=part.source,
        split=part.split,
        original_summary=complaint.heads[part.source].summary,
    )


def _court_case(kind: str, court: str) -> str:
    """ "care proceedings in the Family Court"."""
    if not court:
        return kind
    article = "" if court.lower().startswith(("the ", "a ", "an ")) else "the "
    return f"{kind} in {article}{court}"


def _case(complaint: Complaint, date: dt.date) -> CaseDetails:
    """The particulars the drafter needs, without any private name."""
    injustice = list(complaint.injustice_claimed)
    wanted = [w.value for w in complaint.outcomes_wanted]
    for head in complaint.heads:
        injustice += head.injustice_claimed
        wanted += [w.value for w in head.outcomes_wanted]
    references = [h.earlier_case.reference for h in complaint.heads if h.earlier_case]
    d = complaint.dates
    return CaseDetails(
        body=complaint.body,
        reference=normalise_reference(complaint.reference) if complaint.reference else None,
        category=normalise_category(complaint.category) if complaint.category else None,
        complainant=complaint.complainant.alias,
        assessment_date=date,
        information_considered=[s.value for s in complaint.information_considered],
        complaint_summary=" ".join(h.summary.rstrip(".") + "." for h in complaint.heads),
        injustice_claimed=_unique(injustice),
        outcomes_wanted=_unique(wanted),
        joint=any(h.acting_body is ActingBody.nhs_with_council for h in complaint.heads),
        related_references=_unique(normalise_reference(r) or r for r in references),
        complainant_title=complaint.complainant.title,
        complainant_pronoun=complaint.complainant.pronoun,
        complainant_kind=complaint.complainant.kind.name,
        representative=complaint.representative.alias if complaint.representative else None,
        representative_relationship=(
            complaint.representative.relationship if complaint.representative else None
        ),
        subject=complaint.subject,
        first_knew=d.first_knew,
        complained_to_council=d.complained_to_council,
        council_final_reply=min((r.date for r in d.council_replies if r.final), default=None),
        came_to_ombudsman=d.came_to_ombudsman,
        childrens_procedure_stages=sorted(
            {s.stage for s in complaint.childrens_procedure if s.complete}
        ),
        court_cases=[_court_case(c.kind.value, c.court) for c in complaint.court_cases],
        parts=[_part(complaint, p) for p in split_heads(complaint)],
    )


def assess(complaint: Complaint, *, assessment_date: dt.date | None = None) -> Assessment:
    """Decide a complaint under the Assessment Code. See the module docstring for the order.

    Where an investigator's judgement the rules asked for is missing, the outcome is the one the
    facts so far support; `open_judgements` says what each answer would decide, and the
    assessment is `provisional` when some answer would change its outcome
    (`ombuds.code.provisional`).
    """
    result = assess_once(complaint, assessment_date=assessment_date)
    return with_open_judgements(complaint, result, assess_once)


def assess_once(complaint: Complaint, *, assessment_date: dt.date | None = None) -> Assessment:
    """One pass of the rules over the complaint as it stands, without trying the answers of the
    judgements it leaves open (`assess` does that): for callers that try many answers
    themselves, such as the reader's first readings and the public self-check."""
    date = assessment_date or complaint.assessment_date
    if date is None:
        raise InputError(
            "no assessment date: the rules never assume today's date",
            source="assessment_date",
            hint="pass --date YYYY-MM-DD, or set assessment_date in the complaint",
        )
    problems = _contradictions(complaint, date)
    if problems:
        raise ContradictoryFacts(
            "facts that cannot all be true: " + "; ".join(problems),
            source="complaint",
            hint="correct the dates and try again",
        )
    try:
        params = parameters_on(date)
    except ValueError as error:
        raise InputError(
            str(error),
            source="assessment_date",
            hint=f"give an assessment date on or after {earliest_assessment_date()}",
        ) from None
    warnings: list[str] = []
    if complaint.category and not is_known_category(complaint.category):
        warnings.append(
            f"unknown category {complaint.category!r}: kept as given; known "
            "categories are listed in ombuds.vocabulary.CATEGORIES"
        )
    questions: list[Question] = []

    validity_rules = [r for r in load_rules() if r.stage is Stage.validity and not r.per_head]
    ctx = Context(complaint, complaint.heads[0], 0, date, params)
    validity = _run(validity_rules, ctx)
    questions.extend(ctx.questions)
    invalid = any(f.result is FindingResult.applies for f in validity)
    if complaint.information_requested_not_provided:
        invalid = True
        warnings.append(
            "invalid: the Ombudsman asked for information needed to proceed and it "
            "has not been provided (information_requested_not_provided)"
        )

    parts = split_heads(complaint)
    order = sorted(
        range(len(parts)),
        key=lambda i: parts[i].head.about is HeadSubject.complaint_handling,
    )
    decided: dict[int, HeadAssessment] = {}
    for i in order:
        substantive = [
            h
            for j, h in decided.items()
            if parts[j].head.about is not HeadSubject.complaint_handling
        ]
        decided[i] = _decide_head(
            complaint, parts[i], date, params, validity, invalid, substantive, questions
        )
    heads = [decided[i] for i in range(len(parts))]

    valid = [h for h in heads if h.outcome is not Outcome.invalid]
    if not valid:
        outcome = Outcome.invalid
    elif any(h.outcome is Outcome.investigate for h in valid):
        outcome = Outcome.investigate
    elif all(h.outcome is Outcome.premature for h in valid):
        outcome = Outcome.premature
    else:
        outcome = Outcome.closed_after_initial_enquiries
    first_question: dict[str, Question] = {}  # one question per fact, the first asked
    for q in questions:
        first_question.setdefault(q.fact, q)
    return Assessment(
        outcome=outcome,
        published_label=PUBLISHED_LABELS[outcome],
        grounds=_unique(g for h in heads for g in h.grounds),
        referrals=_unique(r for h in heads for r in h.referrals),
        heads=heads,
        questions=list(first_question.values()),
        warnings=warnings,
        case=_case(complaint, date),
    )


__all__ = ["assess"]
