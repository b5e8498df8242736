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
from ombuds.code.result import Finding, HeadAssessment, Period, Question
from ombuds.complaint import Complaint, Head
from ombuds.errors import InputError
from ombuds.vocabulary import (
    GROUNDS,
    Citation,
    FindingResult,
    Ground,
    GroundInfo,
    Referral,
    Stage,
)


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
        stated = (f"{k}: {render(v)}" for k, v in value if v not in (None, [], ""))
        return "{" + ", ".join(stated) + "}"
    if value is None:
        return "(not stated)"
    return str(value)


def _resolve(obj: Any, path: str) -> Any:
    """Follow a dotted path ("council_response.remedies[0].action"); None past a missing part."""
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


_COMPLAINT = "complaint."


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
        if path.startswith(_COMPLAINT):
            value = _resolve(self.complaint, path.removeprefix(_COMPLAINT))
        else:
            value = _resolve(self.head, path)
        self._record(f"{self.full_path(path)} = {render(value)}")
        return value

    def param(self, name: str) -> Parameter:
        """A dated parameter in force on the assessment date, recorded as read."""
        p = self.params.get(name)
        if p is None:
            raise InputError(
                f"parameter {name} has no value in force on {self.date}",
                source="assessment_date",
                hint="give a later assessment date, or add a dated value to parameters.yaml",
            )
        self._record(f"parameter {p}")
        return p

    def param_in_force(self, name: str) -> Parameter | None:
        """A parameter that may not yet exist on the assessment date (`required: false`):
        None before its first date, else its value, recorded as read."""
        return self.param(name) if name in self.params else None

    def full_path(self, path: str) -> str:
        """The path from the complaint's root: "heads[1].topics" for the head's "topics"."""
        if path.startswith(_COMPLAINT):
            return path.removeprefix(_COMPLAINT)
        return f"heads[{self.index}].{path}"

    def _record(self, entry: str) -> None:
        if entry not in self.reads:
            self.reads.append(entry)


class Rule:
    """One Assessment Code test. Subclasses set the class attributes and `evaluate`."""

    ground: ClassVar[Ground]
    stage: ClassVar[Stage]  # the stage it runs in; validity tests are decided once per complaint
    statement: ClassVar[str]
    reads: ClassVar[tuple[str, ...]]
    exceptions: ClassVar[tuple[Unless, ...]] = ()
    # Validity tests run once for the complaint unless `per_head`, when each head is checked
    # (standing is claimed part by part). A discretion test that is `decisive` ends the
    # discretion stage for the head when it applies: the matter is not weighed afresh.
    per_head: ClassVar[bool] = False
    decisive: ClassVar[bool] = False

    @property
    def info(self) -> GroundInfo:
        """The ground's vocabulary entry: its citations and stage."""
        return GROUNDS[self.ground]

    def evaluate(self, ctx: Context) -> list[Finding]:
        """Decide this test on `ctx.head`; subclasses return one of the result helpers."""
        raise NotImplementedError

    # Result helpers: each returns a one-item list so `evaluate` can `return self.applies(...)`.
    def _finding(
        self,
        ctx: Context,
        result: FindingResult,
        reason: str,
        *,
        exception: str | None = None,
        referral: Referral | None = None,
        cite: Citation | None = None,
        period: Period | None = None,
    ) -> Finding:
        if cite is not None and cite not in self.info.citations:
            raise ValueError(f"{self.ground}: {cite} is not one of the ground's citations")
        return Finding(
            ground=self.ground,
            stage=self.stage,
            result=result,
            citation=str(cite) if cite is not None else self.info.citation_text,
            reason=reason,
            facts=list(ctx.reads),
            exception=exception,
            referral=referral,
            period=period,
        )

    def applies(
        self,
        ctx: Context,
        reason: str,
        *,
        referral: Referral | None = None,
        cite: Citation | None = None,
    ) -> list[Finding]:
        """The test applies: the part cannot (or will not) be investigated on this ground.
        `cite` names the one provision of the ground's citations that applies, where the
        ground has several (Part 3 or Part 3A)."""
        return [self._finding(ctx, FindingResult.applies, reason, referral=referral, cite=cite)]

    def does_not_apply(
        self, ctx: Context, reason: str, *, cite: Citation | None = None
    ) -> list[Finding]:
        """The test does not apply to this part."""
        return [self._finding(ctx, FindingResult.does_not_apply, reason, cite=cite)]

    def excepted(
        self,
        ctx: Context,
        name: str,
        reason: str,
        *,
        cite: Citation | None = None,
        period: Period | None = None,
    ) -> list[Finding]:
        """The test would apply, but its declared "unless..." exception `name` holds; `period`
        is the period of events the Ombudsman would then look at, where the exception limits
        it."""
        if name not in {u.name for u in self.exceptions}:
            raise ValueError(f"{self.ground}: undeclared exception {name!r}")
        return [
            self._finding(
                ctx,
                FindingResult.exception_applies,
                reason,
                exception=name,
                cite=cite,
                period=period,
            )
        ]

    def needs(
        self,
        ctx: Context,
        fact: str,
        why: str,
        *,
        suggested: str | None = None,
        reason: str | None = None,
    ) -> list[Finding]:
        """The test cannot be decided without `fact`: say so and ask."""
        path = ctx.full_path(fact)
        ctx.questions.append(Question(fact=path, why=why, suggested=suggested))
        return [
            self._finding(
                ctx, FindingResult.needs_judgement, reason or f"Cannot decide without {path}: {why}"
            )
        ]
