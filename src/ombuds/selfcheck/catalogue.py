"""The self-check's questions: a data file in plain words, checked against the complaint schema.

`questions.yaml` beside this module holds every question the public self-check may ask, each
naming the facts it settles (as the rules' "facts it reads" name them) and, per answer, the facts
that answer states (as the complaint schema writes them). Nothing here decides anything: the
interview (`selfcheck.interview`) asks a question only when a rule has read one of its facts on
the way to the outcome and some answer would change that outcome.

A replacement file (other wording, another language) is loaded with `load_catalogue(path)` and
checked the same way: a typo in a fact or an answer fails at load with the question named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ombuds.complaint.guard import load_yaml_file
from ombuds.errors import InputError

QUESTIONS_FILE = Path(__file__).with_name("questions.yaml")
UNKNOWN = "unknown"  # the "I don't know" answer, always allowed
KINDS = ("choice", "choices", "date")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    sets: dict[str, Any]  # fact path -> value ("complaint." paths are complaint-wide)
    hint: str = ""
    match: dict[str, Any] | None = None  # what the answer stands for, read back from a complaint

    @property
    def stands_for(self) -> dict[str, Any]:
        return self.match if self.match is not None else self.sets


@dataclass(frozen=True)
class Question:
    id: str
    scope: str  # "complaint" or "part"
    facts: tuple[str, ...]
    kind: str
    text: str
    hint: str = ""
    options: tuple[Option, ...] = ()
    requires: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_path: str | None = None  # for a date question: the fact the date is written to

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Catalogue:
    questions: tuple[Question, ...]
    more_parts_text: str
    more_parts_hint: str
    max_parts: int
    source: str

    def get(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise InputError("no such question", source=qid, hint="use an id from the questions file")

    def follow_ups(self, qid: str, value: str) -> list[Question]:
        """The questions asked only after answer `value` to question `qid`."""
        return [q for q in self.questions if value in q.requires.get(qid, ())]


def _fail(source: str, message: str) -> InputError:
    return InputError(message, source=source, hint="correct the questions file")


def _option(source: str, raw: Any) -> Option:
    if not isinstance(raw, dict) or not {"value", "label"} <= raw.keys():
        raise _fail(source, "each option needs a value and a label")
    sets = raw.get("set") or {}
    if not isinstance(sets, dict):
        raise _fail(source, "an option's `set` must be a mapping of facts to values")
    return Option(
        value=str(raw["value"]),
        label=str(raw["label"]),
        sets=dict(sets),
        hint=str(raw.get("hint") or ""),
        match=raw.get("match"),
    )


def _question(raw: Any, position: int) -> Question:
    if not isinstance(raw, dict):
        raise _fail(f"questions[{position}]", "each question must be a mapping")
    qid = str(raw.get("id", ""))
    source = f"question {qid or position}"
    if not _ID.match(qid):
        raise _fail(source, "needs an id of lower-case letters, digits and underscores")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(source, f"kind must be one of {', '.join(KINDS)}")
    scope = raw.get("scope")
    if scope not in ("complaint", "part"):
        raise _fail(source, "scope must be complaint or part")
    facts = raw.get("facts") or []
    if not facts or not all(isinstance(f, str) for f in facts):
        raise _fail(source, "must name the facts it settles")
    options = tuple(_option(source, o) for o in raw.get("options") or [])
    if kind == "date":
        if options or not isinstance(raw.get("set"), str):
            raise _fail(source, "a date question names the fact it sets (`set: PATH`), no options")
    elif not options:
        raise _fail(source, "needs options")
    values = [o.value for o in options]
    if len(values) != len(set(values)) or UNKNOWN in values:
        raise _fail(source, f"option values must be unique and not {UNKNOWN!r}")
    requires = raw.get("requires") or {}
    if not isinstance(requires, dict):
        raise _fail(source, "requires must map question ids to answers")
    return Question(
        id=qid,
        scope=scope,
        facts=tuple(facts),
        kind=kind,
        text=str(raw.get("text") or ""),
        hint=str(raw.get("hint") or ""),
        options=options,
        requires={str(k): tuple(str(v) for v in vs) for k, vs in requires.items()},
        date_path=raw.get("set") if kind == "date" else None,
    )


def _fill_requirements(catalogue: Catalogue, q: Question, answer: dict[str, Any]) -> None:
    """Add to `answer` the answers `q` requires, and those they require in turn."""
    for needed, values in q.requires.items():
        required = catalogue.get(needed)
        answer[needed if required.scope == "complaint" else f"{needed}@0"] = (
            [values[0]] if required.kind == "choices" else values[0]
        )
        _fill_requirements(catalogue, required, answer)


def _check_against_schema(catalogue: Catalogue) -> None:
    """Every answer must state facts the complaint schema accepts: each option is applied to an
    empty complaint of one part and the result validated."""
    from ombuds.selfcheck.interview import build_complaint

    ids = {q.id for q in catalogue.questions}
    day = dt.date(2025, 1, 1)
    for q in catalogue.questions:
        for needed, values in q.requires.items():
            if needed not in ids:
                raise _fail(f"question {q.id}", f"requires unknown question {needed!r}")
            known = {o.value for o in catalogue.get(needed).options}
            if not set(values) <= known:
                raise _fail(f"question {q.id}", f"requires answers {needed!r} does not offer")
        answers: list[dict[str, Any]] = []
        own = q.id if q.scope == "complaint" else f"{q.id}@0"
        if q.kind == "date":
            answers.append({own: "2024-12-01"})
        else:
            answers += [{own: o.value if q.kind == "choice" else [o.value]} for o in q.options]
        for answer in answers:
            _fill_requirements(catalogue, q, answer)
            try:
                build_complaint(catalogue, answer, day, day)
            except InputError as error:
                raise _fail(
                    f"question {q.id}", f"an answer states facts the schema refuses: {error}"
                ) from None


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """The questions in `path` (default: the shipped questions.yaml), checked."""
    file = Path(path) if path is not None else QUESTIONS_FILE
    if path is None:
        return _shipped()
    return _load(file)


@lru_cache(maxsize=1)
def _shipped() -> Catalogue:
    return _load(QUESTIONS_FILE)


def _load(file: Path) -> Catalogue:
    raw = load_yaml_file(
        file,
        "the questions file",
        "give a YAML file shaped like src/ombuds/selfcheck/questions.yaml",
    )
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise _fail(str(file), "expected a mapping with a `questions` list")
    questions = tuple(_question(q, i) for i, q in enumerate(raw["questions"]))
    if len({q.id for q in questions}) != len(questions):
        raise _fail(str(file), "question ids must be unique")
    more = raw.get("more_parts") or {}
    catalogue = Catalogue(
        questions=questions,
        more_parts_text=str(more.get("text") or "Is there another, separate problem?"),
        more_parts_hint=str(more.get("hint") or ""),
        max_parts=int(more.get("max_parts") or 4),
        source=str(file),
    )
    _check_against_schema(catalogue)
    return catalogue


__all__ = ["UNKNOWN", "Catalogue", "Option", "Question", "load_catalogue"]
