"""The self-check service the CLI (`ombuds check`) and the web pages (/check) call.

    check = SelfCheck(day)                     # the day of the check; rules never read today
    step = check.next_step(answers)            # a question, "another part?", or the end
    answers = check.answer(answers, step, raw) # the raw answer read, checked, added
    result = check.ending(answers)             # what the Ombudsman would normally do, and why

Answers are a mapping of question key ("acting_body@0", "for_whom", "more@1") to the option's
value, a list of values, an ISO date or "unknown". They are kept by the caller (the page's
hidden fields, a file): the service stores nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ombuds.errors import InputError
from ombuds.selfcheck.catalogue import UNKNOWN, Catalogue, Question, load_catalogue
from ombuds.selfcheck.endings import Ending, answered, ending
from ombuds.selfcheck.interview import MORE, Answers, Interview, Step, part_count
from ombuds.statement.grammar import long_date

_KEY = re.compile(r"^([a-z][a-z0-9_]*)(?:@(\d))?$")
MAX_ANSWERS = 200


class SelfCheck:
    def __init__(
        self,
        day: dt.date,
        *,
        arrives: dt.date | None = None,
        questions: str | Path | None = None,
    ):
        self.catalogue: Catalogue = load_catalogue(questions)
        self.day = day
        self.interview = Interview(self.catalogue, day, arrives)

    # Reading answers.
    def check_value(self, q: Question | None, answer_key: str, value: Any) -> Any:
        """`value` as stored, or InputError naming the answer and what it accepts."""
        if value == UNKNOWN:
            return UNKNOWN
        if q is None:  # "another part?"
            if value not in ("yes", "no"):
                raise InputError("answer yes, no or unknown", source=answer_key)
            return value
        if q.kind == "date":
            try:
                day = dt.date.fromisoformat(str(value))
            except ValueError:
                raise InputError(
                    "expected a date as YYYY-MM-DD (or unknown)", source=answer_key
                ) from None
            if day > self.day:
                raise InputError(
                    f"the date {day} is after today ({self.day})",
                    source=answer_key,
                    hint="give the date it happened",
                )
            return day.isoformat()
        allowed = [o.value for o in q.options]
        values = value if isinstance(value, list) else [value]
        values = [str(v) for v in values]
        if (
            not values
            or not set(values) <= set(allowed)
            or (q.kind == "choice" and len(values) > 1)
        ):
            raise InputError(
                f"expected {'one' if q.kind == 'choice' else 'any'} of {', '.join(allowed)} "
                "(or unknown)",
                source=answer_key,
            )
        return values if q.kind == "choices" else values[0]

    def question_for(self, answer_key: str) -> Question | None:
        """The question an answer key names (None for "another part?"); InputError if none."""
        m = _KEY.match(answer_key)
        if m is None:
            raise InputError("not an answer key", source=answer_key[:40])
        qid, part = m.group(1), m.group(2)
        if qid == MORE:
            if part is None or not 1 <= int(part) < self.catalogue.max_parts:
                raise InputError("not an answer key", source=answer_key)
            return None
        q = self.catalogue.get(qid)
        if (q.scope == "part") != (part is not None) or (
            part is not None and int(part) >= self.catalogue.max_parts
        ):
            raise InputError("not an answer key", source=answer_key)
        return q

    def load(self, raw: Any) -> Answers:
        """Answers from a mapping (a saved file, the page's hidden fields), each checked."""
        if not isinstance(raw, dict):
            raise InputError("expected a mapping of question keys to answers")
        if len(raw) > MAX_ANSWERS:
            raise InputError(f"more than {MAX_ANSWERS} answers")
        answers: Answers = {}
        for k, v in raw.items():
            answers[str(k)] = self.check_value(self.question_for(str(k)), str(k), v)
        return answers

    def answer(self, answers: Answers, step: Step, value: Any) -> Answers:
        """`answers` with the answer to `step`; InputError when it cannot be used, including
        a date that contradicts another answer."""
        checked = self.check_value(step.question, step.key, value)
        updated = {**answers, step.key: checked}
        if checked != UNKNOWN and self.interview.outcome(updated) is None:
            raise InputError(
                "this answer does not fit your other answers (for example, a complaint made "
                "before you knew of the problem)",
                source=step.key,
                hint="check the dates",
            )
        return updated

    # The flow.
    def next_step(self, answers: Answers) -> Step:
        return self.interview.next_step(answers)

    def ending(self, answers: Answers) -> Ending:
        return ending(self.interview, answers)

    def parts(self, answers: Answers) -> int:
        return part_count(answers, self.catalogue)

    def export(self, answers: Answers) -> dict[str, Any]:
        """Everything a saved copy holds: the day, the answers (raw and in words), the result."""
        return {
            "checked_on": self.day.isoformat(),
            "answers": answers,
            "in_words": [
                {"question": q, "answer": a} for q, a in answered(self.interview, answers)
            ],
            "result": self.ending(answers).model_dump(),
        }

    def result_text(self, answers: Answers) -> str:
        """The result in plain text: what the Ombudsman would normally do, why, and what next."""
        result = self.ending(answers)
        lines = [
            "Can the Ombudsman look at my complaint? A self-check",
            (
                f"Checked on {long_date(self.day)}. This is not a decision: it says what the "
                "Ombudsman would normally do."
            ),
            "",
            result.heading,
            result.summary,
            "",
        ]
        for reason in result.reasons:
            lines += [f"Why: {reason.text}", f"The law: {reason.law} ({reason.url})"]
        if result.wait:
            lines.append(result.wait)
        for body in result.bodies:
            lines.append(f"{body.name}: {body.what} {body.how}")
        for item in result.open:
            lines.append(f"Could change the answer: {item}")
        lines += ["", f"What to do next: {result.next_step}"]
        return "\n".join(lines) + "\n"

    def export_text(self, answers: Answers) -> str:
        """A plain-text copy of the result and the answers, for the person to keep."""
        lines = ["", "Your answers:"]
        lines += [f"- {q} {a}" for q, a in answered(self.interview, answers)]
        return self.result_text(answers) + "\n".join(lines) + "\n"


__all__ = ["SelfCheck"]
