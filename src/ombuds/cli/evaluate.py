"""`ombuds evaluate`: read and assess a folder of letters or published decisions, and score it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ombuds.cli.app import JsonOption, command

EVALUATE_EPILOG = """Examples:

  ombuds evaluate examples/letters/dev

  ombuds evaluate ../shared/decisions-dev --json > report.json
"""


@command("evaluate", epilog=EVALUATE_EPILOG)
def evaluate_command(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Letters with an expected.yaml (examples/letters/dev), or published decisions "
            "(.txt or saved .html)."
        ),
    ],
    as_json: JsonOption = False,
    which: Annotated[
        str,
        typer.Option(
            "--part",
            help="For a folder of decisions: all, tuning, or heldout (about a third of the files, "
            "by a hash of the name, never tuned on).",
        ),
    ] = "all",
) -> None:
    """Read and assess every letter or decision in a folder and compare with the known answers.

    For decisions the reader sees only "The complaint"; the statement's own decision, grounds
    and referrals are the answers. Every figure has the majority-class baseline beside it.

    Example: ombuds evaluate examples/letters/heldout
    """
    from ombuds.reading.evaluate import evaluate_folder, report_text

    report = evaluate_folder(folder, which=which)
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    else:
        typer.echo(report_text(report))
