"""The guided interview: one question a page, asking only what the engine still needs.

The engine lists what it could not decide without as `Assessment.questions`, each naming a path
in the complaint schema ("dates.first_knew", "heads[0].judgement.evidence_of_fault"). This module
turns such a path into a form field, read from the schema itself (its type, description and
allowed values), and writes the answer back into the facts. Asked again after each answer, the
engine moves on to its next question: a goal-driven interview whose goal is a decided case.

A path whose value is a structure (a list of the children's procedure's stages, say) is not asked
field by field: the page sends the investigator to the facts editor instead (`Field.kind ==
"structure"`).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ombuds.complaint import Complaint
from ombuds.errors import InputError

_PART = re.compile(r"^(\w+)(?:\[(\d+)\])?$")
YES, NO = "yes", "no"


@dataclass
class Field:
    """A form field for one fact: what to show and how to read the answer."""

    path: str
    label: str  # the schema's description of the fact
    kind: str  # "yes_no", "choice", "choices", "date", "text", "number" or "structure"
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    current: Any = None

    @property
    def name(self) -> str:
        """A form field name safe in HTML ids: the path with punctuation as underscores."""
        return "f_" + re.sub(r"\W+", "_", self.path).strip("_")


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the inner type, whether it is a list) of `X | None`, `list[X]`, `list[X] | None`."""
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        annotation = next(a for a in args if a is not type(None))
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0], True
    return annotation, False


def _walk(path: str) -> tuple[Any, str]:
    """(the annotation at `path`, its description) in the Complaint schema; InputError if the
    path names no field."""
    model: Any = Complaint
    annotation: Any = None
    description = ""
    parts = path.split(".")
    for position, part in enumerate(parts):
        m = _PART.match(part)
        if not m or not (isinstance(model, type) and issubclass(model, BaseModel)):
            raise InputError("not a fact of the complaint schema", source=path)
        info = model.model_fields.get(m.group(1))
        if info is None:
            raise InputError("not a fact of the complaint schema", source=path)
        annotation, description = info.annotation, info.description or m.group(1)
        inner, is_list = _unwrap(annotation)
        if m.group(2) is not None:
            if not is_list:
                raise InputError("not a list in the complaint schema", source=path)
            annotation = inner
        elif is_list and position < len(parts) - 1:
            raise InputError("a list in the complaint schema needs an index", source=path)
        model = _unwrap(annotation)[0]
    return annotation, description


def field_for(path: str, facts: dict[str, Any]) -> Field:
    """The form field that asks for the fact at `path`, with its current value."""
    annotation, description = _walk(path)
    inner, is_list = _unwrap(annotation)
    current = get_value(facts, path)
    label = description.rstrip(".")
    if is_list and isinstance(inner, type) and issubclass(inner, Enum):
        options = [(m.value, str(m.value)) for m in inner]
        return Field(path, label, "choices", options, current or [])
    if is_list or (isinstance(inner, type) and issubclass(inner, BaseModel)):
        return Field(path, label, "structure", current=current)
    if inner is bool:
        kind = "yes_no"
        return Field(path, label, kind, [(YES, "Yes"), (NO, "No")], current)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return Field(path, label, "choice", [(m.value, str(m.value)) for m in inner], current)
    if inner is dt.date:
        return Field(path, label, "date", current=current)
    if inner is int:
        return Field(path, label, "number", current=current)
    return Field(path, label, "text", current=current)


def read_answer(fld: Field, form: dict[str, Any]) -> Any:
    """The answer in a submitted form, as the facts store it; InputError naming the field when
    it cannot be read (the page shows it in its error summary)."""
    if fld.kind == "choices":
        values = form.get(fld.name) or []
        values = values if isinstance(values, list) else [values]
        allowed = {v for v, _ in fld.options}
        if not set(values) <= allowed:
            raise InputError("choose from the options listed", source=fld.name)
        return values
    if fld.kind == "date":
        parts = [str(form.get(f"{fld.name}-{p}", "")).strip() for p in ("day", "month", "year")]
        if not all(parts):
            raise InputError("enter a day, month and year", source=f"{fld.name}-day")
        try:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
        except ValueError:
            raise InputError(
                "enter a real date, for example 27 3 2024", source=f"{fld.name}-day"
            ) from None
    value = str(form.get(fld.name) or "").strip()
    if not value:
        raise InputError("select an answer" if fld.options else "enter an answer", source=fld.name)
    if fld.kind == "yes_no":
        if value not in (YES, NO):
            raise InputError("select yes or no", source=fld.name)
        return value == YES
    if fld.kind == "choice":
        if value not in {v for v, _ in fld.options}:
            raise InputError("select one of the options", source=fld.name)
        return value
    if fld.kind == "number":
        if not value.isdigit():
            raise InputError("enter a whole number", source=fld.name)
        return int(value)
    return value[:2000]


def get_value(facts: dict[str, Any], path: str) -> Any:
    node: Any = facts
    for part in path.split("."):
        m = _PART.match(part)
        if m is None or not isinstance(node, dict):
            return None
        node = node.get(m.group(1))
        if m.group(2) is not None:
            index = int(m.group(2))
            node = node[index] if isinstance(node, list) and index < len(node) else None
    return node


def set_value(facts: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `facts` with `value` at `path` (missing mappings on the way are created; a list
    index must exist already)."""
    import copy

    result = copy.deepcopy(facts)
    node: Any = result
    parts = path.split(".")
    for position, part in enumerate(parts):
        m = _PART.match(part)
        if m is None:
            raise InputError("not a fact path", source=path)
        last = position == len(parts) - 1
        name, index = m.group(1), m.group(2)
        if index is None:
            if last:
                node[name] = value
            else:
                node = node.setdefault(name, {}) if node.get(name) is not None else _new(node, name)
            continue
        items = node.get(name)
        if not isinstance(items, list) or int(index) >= len(items):
            raise InputError("no such item in the facts", source=path)
        if last:
            items[int(index)] = value
        else:
            node = items[int(index)]
    return result


def _new(node: dict[str, Any], name: str) -> dict[str, Any]:
    node[name] = {}
    return node[name]


def next_question(assessment: dict[str, Any] | None, skipped: list[str]) -> dict[str, Any] | None:
    """The engine's first question not yet skipped ({"fact", "why", "suggested"}), or None."""
    for question in (assessment or {}).get("questions", []):
        if question["fact"] not in skipped:
            return question
    return None
