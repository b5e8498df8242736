"""The self-check's endings: what the Ombudsman would normally do, why, and what to do next.

Built from the engine's own assessment of the answers: the tests that apply give the reasons
(each with the law behind it, from `ombuds.vocabulary`), the referrals name the better-placed
body, and a premature complaint says how long the council normally has, from the dated
parameters in force on the day of the check (`code/parameters.yaml`). The words are in
`endings.yaml`, replaceable like the questions.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from ombuds.code.parameters import parameters_on
from ombuds.code.result import Assessment
from ombuds.selfcheck.catalogue import UNKNOWN, Catalogue
from ombuds.selfcheck.interview import MORE, Answers, Interview, key, part_count
from ombuds.statement.grammar import long_date
from ombuds.vocabulary import GROUNDS, REFERRAL_BODIES, FindingResult, Ground, Outcome, Referral

ENDINGS_FILE = Path(__file__).with_name("endings.yaml")


class Reason(BaseModel):
    part: int  # 1-based
    ground: str
    title: str
    text: str  # the engine's plain-English reason
    law: str  # "Local Government Act 1974, section 26(5)"
    url: str


class Body(BaseModel):
    id: str
    name: str
    what: str
    how: str


class Ending(BaseModel):
    kind: str  # can_look, depends, council_first, elsewhere, cannot
    outcome: str  # the engine's outcome id
    heading: str
    summary: str
    reasons: list[Reason] = Field(default_factory=list)
    wait: str | None = None
    bodies: list[Body] = Field(default_factory=list)
    next_step: str
    open: list[str] = Field(default_factory=list)  # questions whose answer could change this
    parts: list[str] = Field(default_factory=list)  # each part's outcome, when more than one


@lru_cache(maxsize=1)
def wording() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ENDINGS_FILE.read_text(encoding="utf-8"))
    return data


def _kind(outcome: Outcome, referrals: list[Referral], uncertain: bool) -> str:
    if outcome is Outcome.investigate:
        return "can_look"
    if uncertain:
        return "depends"
    if outcome is Outcome.premature:
        return "council_first"
    return "elsewhere" if referrals else "cannot"


def _reasons(result: Assessment) -> list[Reason]:
    reasons: list[Reason] = []
    for head in result.heads:
        number = (head.split_from if head.split_from is not None else result.heads.index(head)) + 1
        for f in head.findings:
            if f.result is not FindingResult.applies:
                continue
            citation = next(
                (c for c in GROUNDS[f.ground].citations if str(c) == f.citation),
                GROUNDS[f.ground].citations[0],
            )
            reason = Reason(
                part=number,
                ground=f.ground.value,
                title=GROUNDS[f.ground].title,
                text=f.reason,
                law=f.citation,
                url=citation.url,
            )
            if reason not in reasons:
                reasons.append(reason)
    return reasons


def _wait(result: Assessment, day: Any) -> str | None:
    texts = wording()["wait"]
    for head in result.heads:
        for f in head.findings:
            if f.ground is not Ground.premature or f.result is not FindingResult.applies:
                continue
            if "children's procedure" in f.reason:
                return str(texts["childrens"])
            read = [e.split(" ")[1] for e in f.facts if e.startswith("parameter ")]
            name = next((n for n in read if n in texts), "council_procedure_weeks")
            value = parameters_on(day)[name].value
            return str(texts[name]).format(value=value)
    return None


def ending(interview: Interview, answers: Answers) -> Ending:
    """The ending the answers lead to."""
    result = interview.assess(answers)
    catalogue: Catalogue = interview.catalogue
    open_items = [q.text for q, _ in interview.open_answers(answers)]
    for judgement in result.open_judgements:
        towards_investigation = Outcome.investigate in judgement.outcomes.values()
        if judgement.changes_outcome and (
            result.outcome is Outcome.investigate or towards_investigation
        ):
            fact = judgement.fact.split(".", 1)[1] if judgement.fact.startswith("heads[") else ""
            q = next((q for q in catalogue.questions if fact in q.facts), None)
            if q is not None and q.text not in open_items:
                open_items.append(q.text)
    uncertain = result.outcome is not Outcome.investigate and bool(open_items)
    kind = _kind(result.outcome, result.referrals, uncertain)
    texts = wording()
    bodies = [
        Body(
            id=r.value,
            name=REFERRAL_BODIES[r],
            what=texts["bodies"][r.value]["what"],
            how=texts["bodies"][r.value]["how"],
        )
        for r in result.referrals
    ]
    names = ", ".join(b.name for b in bodies) or "another organisation"
    parts = part_count(answers, catalogue)
    return Ending(
        kind=kind,
        outcome=result.outcome.value,
        heading=texts["endings"][kind]["heading"],
        summary=texts["endings"][kind]["summary"].format(bodies=names),
        reasons=_reasons(result),
        wait=_wait(result, interview.day),
        bodies=bodies,
        next_step=texts["next_steps"][kind],
        open=open_items,
        parts=[
            f"Part {i + 1}: {h.outcome.value.replace('_', ' ')}" for i, h in enumerate(result.heads)
        ]
        if parts > 1
        else [],
    )


def answered(interview: Interview, answers: Answers) -> list[tuple[str, str]]:
    """(question, answer) in plain words, in the order of the question file."""
    rows: list[tuple[str, str]] = []
    catalogue = interview.catalogue
    for part in range(part_count(answers, catalogue)):
        for q in catalogue.questions:
            if q.scope == "complaint" and part > 0:
                continue
            value = answers.get(key(q, part if q.scope == "part" else None))
            if value is None:
                continue
            label = q.text if part == 0 or q.scope == "complaint" else f"Part {part + 1}: {q.text}"
            rows.append((label, plain_answer(q, value)))
        more = answers.get(f"{MORE}@{part + 1}")
        if more is not None:
            rows.append(
                (catalogue.more_parts_text, {"yes": "Yes", "no": "No"}.get(more, "I don't know"))
            )
    return rows


def plain_answer(q: Any, value: Any) -> str:
    if value == UNKNOWN:
        return "I don't know"
    if q.kind == "date":
        return long_date(dt.date.fromisoformat(value))
    values = value if isinstance(value, list) else [value]
    return "; ".join(o.label for o in q.options if o.value in values)


__all__ = ["Body", "Ending", "Reason", "answered", "ending", "plain_answer"]
