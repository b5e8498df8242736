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

  ombuds draft complaint.yaml -o decision.docx   (the format from the extension)

  ombuds draft complaint.yaml --format pdf > decision.pdf

  ombuds draft complaint.yaml --check   (house-style findings on standard error)

  ombuds draft complaint.yaml --json   (each paragraph with the finding(s) behind it)
"""


def _stdout_is_terminal() -> bool:
    """True when standard output is a terminal (binary formats are not printed to one)."""
    return sys.stdout.isatty()


@command("draft", epilog=DRAFT_EPILOG)
def draft(
    file: Annotated[
        Path,
        typer.Argument(
            help="The complaint: YAML or JSON in the complaint "
            "schema (see `ombuds schema complaint`)."
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="txt, md, html, docx or pdf (default: from the -o file's extension, else txt).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the statement to this file; its extension (.txt, .md, .html, .docx, "
            ".pdf) sets the format unless --format is given, and must agree with it.",
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
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Run the house-style checker on the draft: findings go to standard error and "
            "the exit status is 1 if there are any.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Assess a complaint and draft its decision statement in the Ombudsman's published form.

    Each paragraph records the finding(s) behind it (--json; data-finding in HTML).

    Example: ombuds draft examples/seeds/000_5d44b0c00c107248.yaml --format md
    """
    from ombuds.errors import InputError
    from ombuds.statement.render import BINARY_FORMATS, format_of_path
    from ombuds.statement.service import draft_file

    if fmt is None:
        fmt = (format_of_path(out) if out is not None else None) or "txt"
    if fmt.lower() in BINARY_FORMATS and out is None and not as_json and _stdout_is_terminal():
        raise InputError(
            f"the {fmt.lower()} format is binary and cannot be printed to the terminal",
            source="--format",
            hint=f"add -o FILE.{fmt.lower()}, or redirect the output to a file",
        )
    result = draft_file(
        file,
        fmt=fmt,
        out=out,
        wording=wording,
        assessment_date=parse_date_option(date),
        trace_only=as_json,
        check=check,
    )
    if as_json:
        print(json.dumps(result.statement.model_dump(mode="json"), indent=2, ensure_ascii=False))
    elif out is None and result.content is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.content)
        sys.stdout.buffer.flush()
    else:
        print(
            f"wrote {out} ({result.fmt}, {len(result.statement.paragraphs)} paragraphs)",
            file=sys.stderr,
        )
    for warning in result.statement.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if check:
        for finding in result.style:
            print(f"style: {finding}", file=sys.stderr)
        if result.style:
            print(f"style: {len(result.style)} house-style finding(s)", file=sys.stderr)
            raise typer.Exit(1)
        print("style: no house-style findings", file=sys.stderr)
