"""The one call behind `ombuds draft`: assess a complaint file, draft, render, write.

Kept apart from the CLI so that the web app and the benchmark use the same path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ombuds.errors import InputError
from ombuds.outputs import check_output_path, write_output
from ombuds.statement.check import StyleFinding, check_statement
from ombuds.statement.draft import default_pack, draft_statement
from ombuds.statement.model import Statement
from ombuds.statement.pack import WordingPack
from ombuds.statement.render import check_format, format_of_path, render


@dataclass
class Draft:
    """What `draft_file` made: the statement (with its trace), its rendering unless only the
    trace was wanted, and the house-style checker's findings when a check was asked for."""

    statement: Statement
    fmt: str
    content: bytes | None  # None when only the JSON trace was asked for
    style: list[StyleFinding] = field(default_factory=list)


def check_output_format(fmt: str, out: str | Path | None) -> None:
    """Refuse an output file whose extension names another format (`-o x.docx --format txt`)."""
    named = format_of_path(out) if out is not None else None
    if named is not None and named != fmt:
        raise InputError(
            f"the output file's extension names the {named} format, but the format is {fmt}",
            source=str(out),
            hint=f"leave out --format to write {named}, or name the file *.{fmt}",
        )


def draft_file(
    path: str | Path,
    *,
    fmt: str = "txt",
    out: str | Path | None = None,
    wording: str | Path | None = None,
    assessment_date: dt.date | None = None,
    trace_only: bool = False,
    check: bool = False,
) -> Draft:
    """Assess the complaint at `path`, draft its statement and render it as `fmt`.

    With `out`, the rendered statement is written there (whole or not at all); an `out` whose
    extension names another format is refused. With `check`, the house-style checker
    (`ombuds.statement.check`) reads the statement and its findings come back in `Draft.style`.
    Everything that can be checked is checked before the assessment runs, so a bad argument fails
    fast.
    """
    fmt = check_format(fmt)
    if not Path(path).is_file():
        raise InputError(
            "the complaint file does not exist",
            source=str(path),
            hint="give the path of a YAML or JSON complaint",
        )
    target = check_output_path(out) if out is not None else None
    check_output_format(fmt, out)
    pack = WordingPack(wording) if wording is not None else default_pack()
    from ombuds.reading.service import assess_path  # a complaint file or a letter; imported late

    assessment = assess_path(path, assessment_date=assessment_date)
    statement = draft_statement(assessment, wording=pack)
    content = None
    if target is not None or not trace_only:
        content = render(statement, fmt)
    style = check_statement(statement) if check else []
    if target is not None and content is not None:
        write_output(target, content)
    return Draft(statement=statement, fmt=fmt, content=content, style=style)
