"""Answering the self-check's questions from a complaint's facts: the evaluation's respondent.

`answer(step, complaint)` gives the answer a person whose complaint has those facts would give:
the option whose `match` (else `set`) the complaint's facts agree with, the first in the
question file's order when several do (options run from the most decisive); "I don't know" when
none does or the fact is not stated. The evaluation
(bench/selfcheck.py) runs the interview with these answers and compares its outcome with the
engine's on the complete complaint.
"""

from __future__ import annotations

import enum
import re
from typing import Any

from ombuds.code.split import split_heads
from ombuds.complaint import Complaint
from ombuds.complaint import facts as fact_lists
from ombuds.selfcheck.catalogue import UNKNOWN, Catalogue, Option, Question
from ombuds.selfcheck.interview import Step

_INDEX = re.compile(r"^(\w+)\[(\d+)\]$")


def _canonical_values() -> dict[str, str]:
    table: dict[str, str] = {}
    for item in vars(fact_lists).values():
        if isinstance(item, type) and issubclass(item, enum.Enum):
            for member in item:
                table[member.name] = str(member.value)
                table[str(member.value)] = str(member.value)
    return table


_CANON = _canonical_values()


def _canon(value: Any) -> Any:
    return _CANON.get(value, value) if isinstance(value, str) else value


def _resolve(data: dict[str, Any], path: str, part: int | None) -> Any:
    node: Any = data
    if path.startswith("complaint."):
        path = path.removeprefix("complaint.")
    else:
        node = data["heads"][part or 0]
    for segment in path.split("."):
        m = _INDEX.match(segment)
        name = m.group(1) if m else segment
        node = node.get(name) if isinstance(node, dict) else None
        if m:
            index = int(m.group(2))
            node = node[index] if isinstance(node, list) and index < len(node) else None
    return node


def _agrees(expected: Any, actual: Any) -> bool:
    if expected == "*":
        return actual not in (None, [], "", False)
    if expected is None:
        return actual is None
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            _agrees(v, actual.get(k)) for k, v in expected.items()
        )
    if isinstance(expected, list):
        actual = actual or []
        if not expected:
            return actual == []
        return isinstance(actual, list) and all(
            any(_agrees(e, a) for a in actual) for e in expected
        )
    return _canon(expected) == _canon(actual)


def _matches(option: Option, data: dict[str, Any], part: int | None) -> bool:
    """Whether the complaint states every fact the option stands for."""
    spec = option.stands_for
    return bool(spec) and all(_agrees(v, _resolve(data, p, part)) for p, v in spec.items())


def _choice(catalogue: Catalogue, q: Question, data: dict[str, Any], part: int | None) -> Any:
    agreeing = []
    for option in q.options:  # in the file's order: options run from the most decisive
        agrees = _matches(option, data, part)
        if not option.sets:  # a routing answer: it stands for what its follow-ups stand for
            agrees = agrees or any(
                _matches(o, data, part)
                for follow in catalogue.follow_ups(q.id, option.value)
                for o in follow.options
            )
        if agrees:
            agreeing.append(option.value)
    if q.kind == "choices":
        return agreeing or UNKNOWN
    return agreeing[0] if agreeing else UNKNOWN


def _date(q: Question, data: dict[str, Any], part: int | None) -> str:
    path = q.date_path or ""
    if "council_replies" in path:
        finals = [r["date"] for r in data["dates"]["council_replies"] if r.get("final")]
        return min(finals) if finals else UNKNOWN
    value = _resolve(data, path, part)
    if value is None and path == "complaint.dates.first_knew":
        value = next((h.get("first_knew") for h in data["heads"] if h.get("first_knew")), None)
    return str(value) if value else UNKNOWN


def answer(catalogue: Catalogue, step: Step, complaint: Complaint) -> Any:
    """The answer a person with `complaint` would give to the question of `step`."""
    data = complaint.model_dump(mode="json")
    # A part mixing subject matter the law divides is two parts to a person (as to the engine).
    data["heads"] = [p.head.model_dump(mode="json") for p in split_heads(complaint)]
    if step.more:
        asked = int(step.key.split("@")[1])
        return "yes" if asked < len(data["heads"]) else "no"
    q = step.question
    assert q is not None
    part = step.part if step.part is not None else 0
    if q.kind == "date":
        return _date(q, data, part)
    return _choice(catalogue, q, data, step.part if q.scope == "part" else None)


__all__ = ["answer"]
