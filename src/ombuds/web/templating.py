"""Jinja2 for the web pages: our templates, the GOV.UK Frontend macros, strict undefineds.

The GOV.UK components come from govuk-frontend-jinja (4.1.0, a port of govuk-frontend 6.3.0's
Nunjucks macros, the version package.json pins), loaded under the "govuk_frontend_jinja/"
prefix. Our templates are strict: a variable that is not passed is an error, not an empty
string (notifications-admin's approach). The GOV.UK macros read optional parameters that are
often absent (`params.classes`), as Nunjucks allows, so an undefined used by the code of a
GOV.UK macro (or of its page template) stays lenient; one used in our templates raises.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ombuds.statement.grammar import long_date
from ombuds.vocabulary import id_label

TEMPLATES = Path(__file__).parent / "templates"

JINJA_DIR = str(Path(jinja2.__file__).parent)
GOVUK_MACROS = "govuk_frontend_jinja"


def _in_govuk_macro() -> bool:
    """Whether the template code using an undefined is a GOV.UK macro (or the page template):
    the first frame outside Jinja's own modules and this one is compiled from a file under
    govuk_frontend_jinja/ (Jinja compiles each template with its file name)."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if not name.startswith(JINJA_DIR) and name != __file__:
            return GOVUK_MACROS in name
        frame = frame.f_back  # type: ignore[assignment]
    return False


class GovukStrictUndefined(jinja2.Undefined):
    """Strict (an error on any use) in our templates; empty and false inside the GOV.UK macros."""

    def _check(self) -> None:
        if not _in_govuk_macro():
            self._fail_with_undefined_error()

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        self._check()
        return GovukStrictUndefined(obj=self, name=name)

    def __getitem__(self, name: Any) -> Any:
        self._check()
        return GovukStrictUndefined(obj=self, name=str(name))

    def __bool__(self) -> bool:
        self._check()
        return False

    def __str__(self) -> str:
        self._check()
        return ""

    def __iter__(self) -> Iterator[Any]:
        self._check()
        return iter(())

    def __len__(self) -> int:
        self._check()
        return 0

    def __eq__(self, other: object) -> bool:
        self._check()
        return isinstance(other, jinja2.Undefined)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = jinja2.Undefined.__hash__


def highlight(text: str, spans: list[dict[str, Any]]) -> Markup:
    """`text` escaped, with each evidence span wrapped in <mark> naming the fact it supports."""
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: (s["start"], s["end"])):
        start, end = max(span["start"], pos), min(span["end"], len(text))
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        label = escape(span.get("fact") or "")
        out.append(
            Markup(
                '<mark class="evidence" title="{0}">{1}<span class="govuk-visually-hidden">'
                " (evidence for {0})</span></mark>"
            ).format(label, text[start:end])
        )
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def day_month_year(value: object) -> str:
    """A date (or an ISO date string) as GOV.UK writes dates: "5 February 2025". Anything else
    (text a decision gave that is not a date) is shown as it is."""
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, str):
        try:
            return long_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return "" if value is None else str(value)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(str(TEMPLATES)),
                jinja2.PrefixLoader(
                    {"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja")}
                ),
            ]
        ),
        autoescape=True,
        undefined=GovukStrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    env.filters["id_label"] = id_label  # a ground's title or a body's name, for people
    env.filters["date"] = day_month_year
    return env
