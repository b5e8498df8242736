"""`ombuds read`: what the reader makes of a letter, with the words behind every fact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ombuds.cli.app import JsonOption, command, parse_date_option

READ_EPILOG = """Examples:

  ombuds read examples/letters/seeds/000_5d44b0c00c107248.txt

  ombuds read complaint.eml --json

  cat letter.txt | ombuds read - --date 2025-03-14
"""


@command("read", epilog=READ_EPILOG)
def read_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="The letter: .txt, .eml email, .docx, .pdf with a text layer, a web form's "
            ".json, or - for standard input."
        ),
    ],
    as_json: JsonOption = False,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The date the letter was received, YYYY-MM-DD, used when the letter has no "
            "date of its own.",
        ),
    ] = None,
) -> None:
    """Read a complaint letter into the complaint's facts, each with its evidence.

    Prints every fact read with the words it rests on and the rule that read it, the first
    reading of judgements, the sentences not used, and the questions still open.

    Example: ombuds read examples/letters/seeds/000_5d44b0c00c107248.txt --json
    """
    from ombuds.reading.render import reading_text
    from ombuds.reading.service import read_path

    result = read_path(file, received=parse_date_option(date))
    if as_json:
        data = {
            "complaint": result.complaint.model_dump(mode="json") if result.complaint else None,
            "reading": result.reading.model_dump(mode="json"),
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo(reading_text(result.complaint, result.reading))
