"""`ombuds assess` and `ombuds schema`: the Assessment Code engine on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ombuds.cli.app import JsonOption, command, parse_date_option
from ombuds.errors import InputError

ASSESS_EPILOG = """Examples:

  ombuds assess examples/seeds/000_5d44b0c00c107248.yaml

  ombuds assess complaint.yaml --json

  ombuds assess complaint.yaml --explain --date 2025-02-10

  ombuds assess examples/letters/seeds/000_5d44b0c00c107248.txt --json
"""

SCHEMA_EPILOG = """Examples:

  ombuds schema complaint > complaint.schema.json
"""

SCHEMAS = ("complaint",)


@command("assess", epilog=ASSESS_EPILOG)
def assess_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="The complaint: YAML or JSON in the complaint schema (see `ombuds schema "
            "complaint`), or a letter (.txt, .eml, .docx, .pdf, a form's .json, - for stdin)."
        ),
    ],
    as_json: JsonOption = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Print the trace: every test on every part, the facts read, the result and why.",
        ),
    ] = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The assessment date, YYYY-MM-DD (else the complaint's assessment_date, or a "
            "letter's own date).",
        ),
    ] = None,
) -> None:
    """Decide whether the Ombudsman can and should investigate a complaint.

    Runs validity, jurisdiction and discretion tests on each part of the complaint and prints the
    outcome, the grounds, the bodies better placed and the questions still open. A letter is
    read first (`ombuds read`); the outcome it supports is marked provisional where a judgement
    read from its words, or not yet made, could change it.

    Example: ombuds assess examples/seeds/000_5d44b0c00c107248.yaml --explain
    """
    from ombuds.code.explain import decision_text, trace_text
    from ombuds.reading.service import assess_path

    assessment = assess_path(file, assessment_date=parse_date_option(date))
    if as_json:
        typer.echo(json.dumps(assessment.model_dump(mode="json"), indent=2, ensure_ascii=False))
    elif explain:
        typer.echo(trace_text(assessment))
    else:
        typer.echo(decision_text(assessment))


@command("schema", epilog=SCHEMA_EPILOG)
def schema_command(
    name: Annotated[str, typer.Argument(help="Which schema: complaint.")],
) -> None:
    """Print the JSON Schema of a structured input, with every field described.

    Example: ombuds schema complaint > complaint.schema.json
    """
    if name not in SCHEMAS:
        raise InputError(
            f"unknown schema {name!r}", source="NAME", hint=f"choose one of: {', '.join(SCHEMAS)}"
        )
    from ombuds.complaint import Complaint

    typer.echo(json.dumps(Complaint.model_json_schema(), indent=2, ensure_ascii=False))
