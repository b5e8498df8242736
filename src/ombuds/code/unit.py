"""What one Assessment Code test is, and what it sees while it runs.

Each test is a small `Rule` subclass named by its ground id (see `ombuds.code.rules`). It carries
its citation (from `ombuds.vocabulary.GROUNDS`), a plain-English statement, the facts it reads and
its "unless..." exceptions by name. `evaluate` returns findings through the helpers below, so
every result says why, lists the facts read, and a missing judgement becomes a question: there is
no silent default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar

from pydantic import BaseModel

from ombuds.code.parameters import Parameter
from ombuds.code.result import Finding, HeadAssessment, Question
from ombuds.complaint import Complaint, Head
from ombuds.vocabulary import GROUNDS, FindingResult, Ground, GroundInfo, Referral, Stage


@dataclass(frozen=True)
class Unless:
    """A named exception to a test ("unless there are good reasons...")."""

    name: str
    statement: str


def render(value: Any) -> str:
    """A fact value as the trace prints it."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render(v) for v in value) + "]"
    if isinstance(value, BaseModel):
        return "{" + ", ".join(f"{k}: {render(v)}" for k, v in value if v not in (None, [], "")) + "}"
    if value is None:
        return "(not stated)"
    return str(value)


def _resolve(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        if "[" in part:
            name, index = part[:-1].split("[")
            seq = getattr(obj, name)
            obj = seq[int(index)] if int(index) < len(seq) else None
        else:
            obj = getattr(obj, part)
    return obj


@dataclass
class Context:
    """What a test sees: the complaint, the head being decided, the date and its parameters."""

    complaint: Complaint
    head: Head
    index: int
    date: dt.date
    params: dict[str, Parameter]
    decided: list[HeadAssessment] = field(default_factory=list)  # the substantive heads decided
    findings: list[Finding] = field(default_factory=list)  # this head's findings so far
    reads: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    def fact(self, path: str) -> Any:
        """Read a fact and record it. Paths starting "complaint." are complaint-wide; others
        are relative to the head."""
        if path.startswith("complaint."):
            full, value = path[len("complaint."):], _resolve(self.complaint, path[len("complaint."):])
        else:
            full, value = f"heads[{self.index}].{path}", _resolve(self.head, path)
        entry = f"{full} = {render(value)}"
        if entry not in self.reads:
            self.reads.append(entry)
        return value

    def param(self, name: str) -> Parameter:
        p = self.params[name]
        entry = f"parameter {p}"
        if entry not in self.reads:
            self.reads.append(entry)
        return p

    def full_path(self, path: str) -> str:
        if path.startswith("complaint."):
            return path[len("complaint."):]
        return f"heads[{self.index}].{path}"


class Rule:
    """One Assessment Code test. Subclasses set the class attributes and `evaluate`."""

    ground: ClassVar[Ground]
    stage: ClassVar[Stage]  # the stage it runs in (validity for the standing tests)
    statement: ClassVar[str]
    reads: ClassVar[tuple[str, ...]]
    exceptions: ClassVar[tuple[Unless, ...]] = ()
    scope: ClassVar[str] = "head"  # "complaint" for validity tests decided once for all heads

    @property
    def info(self) -> GroundInfo:
        return GROUNDS[self.ground]

    def evaluate(self, ctx: Context) -> list[Finding]:
        raise NotImplementedError

    # Result helpers: each returns a one-item list so `evaluate` can `return self.applies(...)`.
    def _finding(self, ctx: Context, result: FindingResult, reason: str, *,
                 exception: str | None = None, referral: Referral | None = None) -> Finding:
        return Finding(ground=self.ground, stage=self.stage, result=result,
                       citation=self.info.citation_text, reason=reason, facts=list(ctx.reads),
                       exception=exception, referral=referral)

    def applies(self, ctx: Context, reason: str, *, referral: Referral | None = None) -> list[Finding]:
        return [self._finding(ctx, FindingResult.applies, reason, referral=referral)]

    def does_not_apply(self, ctx: Context, reason: str) -> list[Finding]:
        return [self._finding(ctx, FindingResult.does_not_apply, reason)]

    def excepted(self, ctx: Context, name: str, reason: str) -> list[Finding]:
        if name not in {u.name for u in self.exceptions}:
            raise ValueError(f"{self.ground}: undeclared exception {name!r}")
        return [self._finding(ctx, FindingResult.exception_applies, reason, exception=name)]

    def needs(self, ctx: Context, fact: str, why: str, *, suggested: str | None = None,
              reason: str | None = None) -> list[Finding]:
        """The test cannot be decided without `fact`: say so and ask."""
        path = ctx.full_path(fact)
        ctx.questions.append(Question(fact=path, why=why, suggested=suggested))
        return [self._finding(ctx, FindingResult.needs_judgement,
                              reason or f"Cannot decide without {path}: {why}")]
