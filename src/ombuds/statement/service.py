"""The one call behind `ombuds draft`: assess a complaint file, draft, render, write.

Kept apart from the CLI so that the web app and the benchmark use the same path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ombuds.errors import InputError
from ombuds.outputs import check_output_path, write_output
from ombuds.statement.draft import default_pack, draft_statement
from ombuds.statement.model import Statement
from ombuds.statement.pack import WordingPack
from ombuds.statement.render import BINARY_FORMATS, check_format, render


@dataclass
class Draft:
    """What `draft_file` made: the statement (with its trace) and, unless only the trace was
    wanted, its rendering."""

    statement: Statement
    fmt: str
    content: bytes | None  # None when only the JSON trace was asked for


def draft_file(
    path: str | Path,
    *,
    fmt: str = "txt",
    out: str | Path | None = None,
    wording: str | Path | None = None,
    assessment_date: dt.date | None = None,
    trace_only: bool = False,
) -> Draft:
    """Assess the complaint at `path`, draft its statement and render it as `fmt`.

    With `out`, the rendered statement is written there (atomically). A binary format (docx,
    pdf) needs `out` unless `trace_only` (the JSON trace is all that is wanted). Everything that
    can be checked is checked before the assessment runs, so a bad argument fails fast.
    """
    fmt = check_format(fmt)
    if not Path(path).is_file():
        raise InputError(
            "the complaint file does not exist",
            source=str(path),
            hint="give the path of a YAML or JSON complaint",
        )
    target = check_output_path(out) if out is not None else None
    if fmt in BINARY_FORMATS and target is None and not trace_only:
        raise InputError(
            f"the {fmt} format is binary and cannot be printed to the terminal",
            source="--format",
            hint=f"add -o FILE.{fmt} to write it to a file",
        )
    pack = WordingPack(wording) if wording is not None else default_pack()
    from ombuds.reading.service import assess_path  # a complaint file or a letter; imported late

    assessment = assess_path(path, assessment_date=assessment_date)
    statement = draft_statement(assessment, wording=pack)
    content = None
    if target is not None or not trace_only:
        content = render(statement, fmt)
    if target is not None and content is not None:
        write_output(target, content)
    return Draft(statement=statement, fmt=fmt, content=content)
