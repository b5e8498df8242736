"""HTML (and the page the PDF is printed from), written through Jinja2 with autoescape on.

Whatever a complaint or a wording pack puts in the text is escaped here, once. Each paragraph
carries `data-section` and `data-finding`: the space-separated "<head>:<ground>" keys of the
findings that produced it ("*" for the whole complaint; an empty ground for a paragraph that
introduces a head), so a reviewer can trace any sentence back to the assessment.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from ombuds.statement.model import Statement, Trace
from ombuds.statement.render.text import header_lines

_HERE = Path(__file__).resolve().parent
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(_HERE)),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def finding_keys(traces: list[Trace]) -> str:
    """The `data-finding` value: unique "<head>:<ground>" keys, in order."""
    return " ".join(dict.fromkeys(t.key for t in traces))


_ENV.filters["finding_keys"] = finding_keys


@functools.lru_cache(maxsize=1)
def stylesheet() -> str:
    """The statement's CSS, read once per process."""
    return (_HERE / "statement.css").read_text(encoding="utf-8")


def to_html(statement: Statement, *, for_print: bool = False) -> str:
    """A complete HTML document; `for_print` adds the page rules WeasyPrint uses."""
    return _ENV.get_template("statement.html.j2").render(
        s=statement, header=header_lines(statement), css=stylesheet(), for_print=for_print
    )
