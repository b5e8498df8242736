"""`ombuds draft`: write the decision statement for a complaint file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ombuds.cli.app import JsonOption, command, parse_date_option

DRAFT_EPILOG = """Examples:

  ombuds draft examples/seeds/000_5d44b0c00c107248.yaml

  ombuds draft complaint.yaml --format pdf -o decision.pdf --date 2025-02-10

  ombuds draft complaint.yaml --format html -o decision.html --wording my-wording/

  ombuds draft complaint.yaml --json   (each paragraph with the finding(s) behind it)
"""


@command("draft", epilog=DRAFT_EPILOG)
def draft(
    file: Annotated[
        Path,
        typer.Argument(
            help="The complaint: YAML or JSON in the complaint "
            "schema (see `ombuds schema complaint`)."
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="txt, md, html, docx or pdf.")] = "txt",
    out: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the statement to this file (required for docx and pdf)."
        ),
    ] = None,
    wording: Annotated[
        Path | None,
        typer.Option(
            "--wording",
            help="A folder of your own wording templates; missing ones fall back to ours.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="The assessment date, YYYY-MM-DD (the decision date of the statement)."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Assess a complaint and draft its decision statement in the Ombudsman's published form.

    Each paragraph records the finding(s) behind it (--json; data-finding in HTML).

    Example: ombuds draft examples/seeds/000_5d44b0c00c107248.yaml --format md
    """
    from ombuds.statement.service import draft_file

    result = draft_file(
        file,
        fmt=fmt,
        out=out,
        wording=wording,
        assessment_date=parse_date_option(date),
        trace_only=as_json,
    )
    if as_json:
        print(json.dumps(result.statement.model_dump(mode="json"), indent=2, ensure_ascii=False))
    elif out is None and result.content is not None:
        sys.stdout.write(result.content.decode("utf-8"))
    else:
        print(
            f"wrote {out} ({result.fmt}, {len(result.statement.paragraphs)} paragraphs)",
            file=sys.stderr,
        )
    for warning in result.statement.warnings:
        print(f"warning: {warning}", file=sys.stderr)
