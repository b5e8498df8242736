"""A first reading of the judgements an investigator makes, from the letter's own words.

The engine never assumes a judgement: a test that needs one and lacks it closes nothing. A reader
of a letter can still say what the words suggest: the council upheld the point and apologised
(the remedy looks proportionate, unless the writer says it is not enough); the council explained
its decision and the writer only disagrees (no sign of fault); the council admitted a failing
(some sign of fault); the council said the outcome would have been the same. Each is marked a
first reading: the assessment that rests on it is provisional, and lists it for the
investigator to confirm (`ombuds.reading.service`).

Two strengths. A *strong* reading rests on what the council itself did or said (it investigated
and found nothing; it upheld the point and put it right; it said the outcome would have been the
same; proceedings are running). A *weak* one rests on the writer's account alone (a failing
described, a decision explained, harm claimed): the service uses it only for a part the facts
and strong readings leave open, never to add a reason to a part already decided.
"""

from __future__ import annotations

from ombuds.complaint import Head, Judgement, StatutoryStage
from ombuds.complaint.facts import EvidenceOfFault, HeadSubject, Upheld
from ombuds.reading.context import FIRST_READING, ReadContext, tables
from ombuds.reading.heads import Part
from ombuds.reading.sentences import Cue

# The first readings that rest on the writer's account alone (see the module docstring).
WEAK = frozenset(
    {
        "council-explained-decision",
        "failing-described",
        "no-failing-described",
        "harm-described",
        "council-admitted-fault",
    }
)
_ADMISSIONS = ("upheld_yes", "upheld_partly")
_EXPLAINED = ("followed_policy", "upheld_no")


def _cues(part: Part, family: str, values: tuple[str, ...]) -> list[Cue]:
    return [
        c
        for s in part.sentences
        for c in s.cues
        if c.family == family and c.value in values and not c.negated
    ]


def _failings(part: Part, faults: set[str]) -> list[Cue]:
    """The cues of the part's failings (delay, failure to act...), one per place they are said."""
    return [
        c
        for s in part.sentences
        if not s.quoted
        for c in s.cues
        if c.family == "allegation" and c.value in faults and not c.negated
    ]


def first_reading(
    head: Head, part: Part, index: int, ctx: ReadContext, stages: list[StatutoryStage]
) -> Judgement:
    judgement = Judgement()
    path = f"heads[{index}].judgement"

    def propose(field: str, value: object, cues: list[Cue], why: str) -> None:
        setattr(judgement, field, value)
        ctx.add(
            f"{path}.{field}",
            value,
            cues[:2],
            f"first-reading:{why}",
            FIRST_READING,
            first_reading=True,
        )

    response = head.council_response
    admitted = _cues(part, "signal", _ADMISSIONS)
    explained = _cues(part, "signal", _EXPLAINED)
    kinds = {a.kind.name for a in head.allegations}
    faults = kinds & set(tables()["service_allegations"])
    not_enough = ctx.cues("signal", "remedy_not_enough", quoted=False)
    # Evidence of fault.
    if admitted or response.upheld in (Upheld.yes, Upheld.partly):
        propose("evidence_of_fault", EvidenceOfFault.some, admitted, "council-admitted-fault")
    elif explained:
        propose("evidence_of_fault", EvidenceOfFault.none, explained, "council-explained-decision")
    elif len(failings := _failings(part, faults)) >= 2 or (
        failings and ctx.has("signal", "injustice", quoted=False)
    ):
        propose("evidence_of_fault", EvidenceOfFault.some, failings, "failing-described")
    elif head.about in (HeadSubject.service, HeadSubject.council_decision):
        # the letter names no failing, or one in passing: nothing yet shows fault
        propose("evidence_of_fault", EvidenceOfFault.none, failings, "no-failing-described")
    # Was the council's own investigation sound?
    handling = [
        c
        for s in part.sentences
        for c in s.cues
        if c.value == "complaint_handling" and not c.negated
    ]
    statutory_done = response.statutory_procedure and {1, 2, 3} <= {
        s.stage for s in stages if s.complete
    }
    if handling and head.about is not HeadSubject.complaint_handling:
        propose(
            "council_investigation_thorough", False, handling, "writer-criticises-investigation"
        )
    elif statutory_done or (
        _cues(part, "signal", ("investigated",))
        and response.upheld is not Upheld.yes
        and not not_enough
    ):
        cues = _cues(part, "signal", ("investigated", "statutory"))
        propose("council_investigation_thorough", True, cues, "council-investigated-no-fault-found")
    # Was what the council did enough?
    if response.remedies and (
        response.upheld in (Upheld.yes, Upheld.partly)
        or any(r.after_ombudsman_enquiries for r in response.remedies)
    ):
        if not_enough:
            propose("remedy_proportionate", False, not_enough, "writer-says-not-enough")
        else:
            propose("remedy_proportionate", True, admitted or ctx.cues("remedy"), "remedy-accepted")
    same = ctx.cues("signal", "outcome_same")
    if same:
        propose("outcome_same_without_fault", True, same, "council-says-same-outcome")
    injustice = ctx.cues("signal", "injustice", quoted=False)
    if head.personally_affected and injustice:
        propose("injustice_significant", True, injustice, "harm-described")
    if head.related_court_cases:
        cues = ctx.cues("proceedings", quoted=False)
        propose("could_raise_in_proceedings", True, cues, "proceedings-connected")
    return judgement


__all__ = ["WEAK", "first_reading"]
