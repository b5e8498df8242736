"""Which missing judgements matter: the outcome the facts support, and what could change it.

A test that needs an investigator's judgement (is there evidence of fault? is the injustice
significant?) and does not have it returns `needs_judgement` and asks a question; it never
assumes an answer, so such a test closes nothing and the head goes on to the next test. The
outcome reached that way is the one the facts so far support. This module tries each possible
answer of each missing judgement, one at a time, and records what the complaint and the head
would then come to. The assessment is *provisional* when some answer would change its outcome;
a judgement no answer of which changes anything is still listed, but is not a reason to wait.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from ombuds.code.result import Assessment, OpenJudgement
from ombuds.complaint import Complaint, Judgement

_HEAD_JUDGEMENT = re.compile(r"^heads\[(\d+)\]\.judgement\.(\w+)$")

Assess = Callable[..., Assessment]


def _answers(field: str) -> list[Any]:
    """Every answer a Judgement field can take: the members of its enum, or True and False."""
    annotation = Judgement.model_fields[field].annotation
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, Enum):
            return list(arg)
    if annotation in (bool, bool | None) or isinstance(annotation, types.UnionType):
        return [True, False]
    return []  # pragma: no cover - every Judgement field is a bool or an enum


def _label(answer: Any) -> str:
    if isinstance(answer, Enum):
        return str(answer.value)
    return "yes" if answer else "no"


def with_open_judgements(complaint: Complaint, result: Assessment, assess: Assess) -> Assessment:
    """`result` with `open_judgements` and `provisional` filled in, and a warning naming the
    judgements that could change the outcome."""
    date = result.case.assessment_date if result.case else None
    opened: list[OpenJudgement] = []
    for question in result.questions:
        m = _HEAD_JUDGEMENT.match(question.fact)
        if m is None:
            continue
        index, field = int(m.group(1)), m.group(2)
        item = OpenJudgement(fact=question.fact, why=question.why, head=index)
        for answer in _answers(field):
            trial = complaint.model_copy(deep=True)
            setattr(trial.heads[index].judgement, field, answer)
            outcome = assess(trial, assessment_date=date)
            item.outcomes[_label(answer)] = outcome.outcome
            item.head_outcomes[_label(answer)] = outcome.heads[index].outcome
        item.changes_outcome = any(o is not result.outcome for o in item.outcomes.values())
        item.changes_head_outcome = any(
            o is not result.heads[index].outcome for o in item.head_outcomes.values()
        )
        opened.append(item)
    heads = [
        head.model_copy(
            update={
                "provisional": any(j.changes_head_outcome for j in opened if j.head == i),
            }
        )
        for i, head in enumerate(result.heads)
    ]
    deciding = [j for j in opened if j.changes_outcome]
    warnings = list(result.warnings)
    if deciding:
        named = "; ".join(
            f"{j.fact} ("
            + ", ".join(
                f"{answer}: {outcome.value.replace('_', ' ')}"
                for answer, outcome in j.outcomes.items()
                if outcome is not result.outcome
            )
            + ")"
            for j in deciding
        )
        warnings.append(
            f"provisional: the outcome ({result.outcome.value.replace('_', ' ')}) could change "
            f"with a judgement not yet made: {named}"
        )
    return result.model_copy(
        update={
            "heads": heads,
            "open_judgements": opened,
            "provisional": bool(deciding),
            "warnings": warnings,
        }
    )


__all__ = ["with_open_judgements"]
