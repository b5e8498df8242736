"""The goal-driven interview: ask only what the rules still need to decide the outcome.

The answers so far are turned into a complaint (`build_complaint`): every fact nobody has
answered keeps the schema's default or stays empty, which the rules treat as not known (a test
that needs it says so and closes nothing). The engine then assesses it, and its trace says which
facts each test read on the way (`Finding.facts`) and which it needed but lacked
(`Assessment.questions`). The next question is the first, in the question file's order, that
- settles a fact the rules read (or asked for) this time,
- has not been answered, and its `requires` are met, and
- has an answer that would change the outcome, all else as it stands (tried answer by answer).
When no question is left the interview ends: nothing anyone could still answer here changes
the outcome. Each answer can so end it early: a council in Scotland ends it at the first
question. "I don't know" leaves the facts as not known; the ending then says which of those
answers could still change the outcome (`open_answers`), so an unknown never turns into a
confident "cannot".
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ombuds.code.engine import assess_once
from ombuds.code.result import Assessment
from ombuds.code.rules.appeals import IMPLIED_RIGHTS
from ombuds.complaint import Complaint
from ombuds.complaint.facts import Topic
from ombuds.errors import ContradictoryFacts, InputError
from ombuds.selfcheck.catalogue import UNKNOWN, Catalogue, Question

Answers = dict[str, Any]
_INDEX = re.compile(r"^(\w+)\[(\d+)\]$")
MORE = "more"  # the "another part?" question's id
_PROBE_DAYS = (0, 45, 120, 250, 500, 4000)  # dates tried for a date question, days before the check


def key(question: Question | str, part: int | None) -> str:
    """The answer's key: "acting_body@0" for a part's question, "for_whom" for the complaint's."""
    qid = question if isinstance(question, str) else question.id
    scope = "part" if isinstance(question, str) else question.scope
    return f"{qid}@{part}" if scope == "part" and part is not None else qid


def part_count(answers: Answers, catalogue: Catalogue) -> int:
    """1, plus one for each "another part?" answered yes (at most the catalogue's maximum)."""
    count = 1
    while count < catalogue.max_parts and answers.get(f"{MORE}@{count}") == "yes":
        count += 1
    return count


def requires_met(catalogue: Catalogue, q: Question, part: int | None, answers: Answers) -> bool:
    for needed, values in q.requires.items():
        required = catalogue.get(needed)
        if required.scope == "part" and part is None:
            given = [v for k, v in answers.items() if k.startswith(f"{needed}@")]
        else:
            given = [answers.get(key(required, part))]
        if not any(_contains(v, values) for v in given):
            return False
    return True


def _contains(answer: Any, values: tuple[str, ...]) -> bool:
    if isinstance(answer, list):
        return any(a in values for a in answer)
    return answer in values


def _route(head: dict[str, Any]) -> str:
    """The appeal route the law gives for the part's subject, else a tribunal."""
    for topic in head.get("topics") or []:
        implied = IMPLIED_RIGHTS.get(Topic(topic))
        if implied:
            return implied[0].value
    return "tribunal"


def _substitute(value: Any, day: dt.date, head: dict[str, Any]) -> Any:
    if value == "$date":
        return day.isoformat()
    if value == "$route":
        return _route(head)
    if isinstance(value, list):
        return [_substitute(v, day, head) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, day, head) for k, v in value.items()}
    return value


def _set(node: dict[str, Any], path: str, value: Any, source: str) -> None:
    parts = path.split(".")
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        m = _INDEX.match(part)
        if m:
            items = node.get(m.group(1))
            index = int(m.group(2))
            if not isinstance(items, list) or index >= len(items):
                raise InputError(f"no item {part} to set", source=source)
            if last:
                items[index] = value
            else:
                node = items[index]
            continue
        if last:
            node[part] = value
        else:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child


def _apply(data: dict[str, Any], q: Question, value: Any, part: int | None, day: dt.date) -> None:
    if q.kind == "date":
        updates: dict[str, Any] = {q.date_path or "": value}
    else:
        chosen = value if isinstance(value, list) else [value]
        updates = {}
        for option in (q.option(v) for v in chosen):
            if option is None:
                continue
            for path, v in option.sets.items():
                if q.kind == "choices" and isinstance(v, list):
                    updates[path] = updates.get(path, []) + v
                else:
                    updates[path] = v
    heads = data["heads"]
    for path, v in updates.items():
        if path.startswith("complaint."):
            _set(data, path.removeprefix("complaint."), _substitute(v, day, heads[0]), q.id)
            continue
        for i in range(len(heads)) if part is None else [part]:
            _set(heads[i], path, _substitute(copy.deepcopy(v), day, heads[i]), q.id)


def build_complaint(
    catalogue: Catalogue, answers: Answers, day: dt.date, arrives: dt.date
) -> Complaint:
    """The complaint the answers state: one part per part asked about, every fact not answered
    left as the schema leaves it. InputError when the answers state facts the schema refuses."""
    parts = part_count(answers, catalogue)
    data: dict[str, Any] = {
        "body": "the council",
        "assessment_date": day.isoformat(),
        "complainant": {"title": "", "alias": "you", "pronoun": "they"},
        "dates": {"came_to_ombudsman": arrives.isoformat()},
        "heads": [
            {"summary": f"part {i + 1} of the complaint", "about": "service"} for i in range(parts)
        ],
    }
    for q in catalogue.questions:
        for part in range(parts) if q.scope == "part" else [None]:
            value = answers.get(key(q, part))
            if value in (None, UNKNOWN, []) or not requires_met(catalogue, q, part, answers):
                continue
            _apply(data, q, value, part, day)
    try:
        return Complaint.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(
            f"the answers state facts the schema refuses: {where}: {first['msg'][:120]}"
        ) from None


def read_facts(result: Assessment) -> set[str]:
    """Every fact a test read (or needed) in reaching `result`, as full paths."""
    read = {q.fact for q in result.questions}
    for head in result.heads:
        for finding in head.findings:
            for entry in finding.facts:
                if not entry.startswith("parameter "):
                    read.add(entry.split(" = ", 1)[0])
    return read


def _full(fact: str, part: int) -> str:
    return (
        fact.removeprefix("complaint.")
        if fact.startswith("complaint.")
        else f"heads[{part}].{fact}"
    )


def _overlaps(a: str, b: str) -> bool:
    return a == b or any(
        x.startswith(y) and x[len(y)] in ".[" for x, y in ((a, b), (b, a)) if len(x) > len(y)
    )


def relevant(q: Question, part: int | None, parts: int, read: set[str]) -> bool:
    """Whether a test read one of the facts `q` settles (for `part`, or any part)."""
    indexes = range(parts) if part is None else [part]
    paths = {_full(f, i) for f in q.facts for i in indexes}
    return any(_overlaps(p, r) for p in paths for r in read)


@dataclass
class Step:
    """What comes next: a question (with its part, None for the complaint's own), the "another
    part?" question, or the end (`question is None and not more`)."""

    question: Question | None
    part: int | None
    key: str
    more: bool = False
    outcome: str = ""


class Interview:
    """The interview for a check made on `day`, the complaint reaching the Ombudsman on
    `arrives` (the same day, unless the caller knows better)."""

    def __init__(self, catalogue: Catalogue, day: dt.date, arrives: dt.date | None = None):
        self.catalogue = catalogue
        self.day = day
        self.arrives = arrives or day
        self._cache: dict[str, str | None] = {}

    def outcome(self, answers: Answers) -> str | None:
        """The outcome the answers lead to (None when they contradict each other)."""
        cache_key = repr(sorted(answers.items()))
        if cache_key not in self._cache:
            try:
                complaint = build_complaint(self.catalogue, answers, self.day, self.arrives)
                self._cache[cache_key] = assess_once(complaint, assessment_date=self.day).outcome
            except (ContradictoryFacts, InputError):
                self._cache[cache_key] = None
        return self._cache[cache_key]

    def assess(self, answers: Answers) -> Assessment:
        from ombuds.code.engine import assess

        complaint = build_complaint(self.catalogue, answers, self.day, self.arrives)
        return assess(complaint, assessment_date=self.day)

    def probes(self, q: Question, part: int | None) -> list[Answers]:
        """Answers to try for `q`: each option (with the follow-up answers an option that states
        nothing leads to), or dates from the check day back over ten years."""
        k = key(q, part)
        if q.kind == "date":
            return [{k: (self.day - dt.timedelta(days=d)).isoformat()} for d in _PROBE_DAYS]
        tried: list[Answers] = []
        for option in q.options:
            value: Any = [option.value] if q.kind == "choices" else option.value
            follow = self.catalogue.follow_ups(q.id, option.value) if not option.sets else []
            if not follow:
                tried.append({k: value})
            for f in follow:
                for o in f.options:
                    tried.append({k: value, key(f, part): o.value})
        return tried

    def changes(
        self,
        q: Question,
        part: int | None,
        answers: Answers,
        outcome: str,
        towards: str | None = None,
    ) -> bool:
        """Whether some answer to `q` changes `outcome` (to `towards`, when given), all other
        answers as they are."""
        base = {k: v for k, v in answers.items() if k != key(q, part)}
        for probe in self.probes(q, part):
            found = self.outcome({**base, **probe})
            if found is not None and found != outcome and towards in (None, found):
                return True
        return False

    def next_step(self, answers: Answers) -> Step:
        """The next question, or the end."""
        result = self._assess_once(answers)
        read = read_facts(result)
        parts = part_count(answers, self.catalogue)
        outcome = result.outcome
        for part in range(parts):
            for q in self.catalogue.questions:
                if q.scope == "complaint" and part > 0:
                    continue
                where = part if q.scope == "part" else None
                if key(q, where) in answers or not requires_met(self.catalogue, q, where, answers):
                    continue
                if relevant(q, where, parts, read) and self.changes(q, where, answers, outcome):
                    return Step(q, where, key(q, where), outcome=outcome)
        more = f"{MORE}@{parts}"
        if (
            outcome != "investigate"
            and parts < self.catalogue.max_parts
            and more not in answers
            and self.outcome({**answers, more: "yes"}) not in (None, outcome)
        ):
            return Step(None, None, more, more=True, outcome=outcome)
        return Step(None, None, "", outcome=outcome)

    def _assess_once(self, answers: Answers) -> Assessment:
        complaint = build_complaint(self.catalogue, answers, self.day, self.arrives)
        return assess_once(complaint, assessment_date=self.day)

    def open_answers(self, answers: Answers) -> list[tuple[Question, int | None]]:
        """The questions answered "I don't know" whose answer could still change the outcome: to
        an investigation, when the outcome is not one; to anything else, when it is."""
        outcome = self.outcome(answers)
        if outcome is None:
            return []
        towards = None if outcome == "investigate" else "investigate"
        found = []
        parts = part_count(answers, self.catalogue)
        for q in self.catalogue.questions:
            for part in range(parts) if q.scope == "part" else [None]:
                if (
                    answers.get(key(q, part)) == UNKNOWN
                    and requires_met(self.catalogue, q, part, answers)
                    and self.changes(q, part, answers, outcome, towards)
                ):
                    found.append((q, part))
        return found


__all__ = ["MORE", "Answers", "Interview", "Step", "build_complaint", "key", "part_count"]
