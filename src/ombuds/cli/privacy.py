"""`ombuds anonymise` and `ombuds publish`: the anonymiser and the publication gate."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from ombuds.cli.app import DbOption, JsonOption, command
from ombuds.config import db_url

ANONYMISE_EPILOG = """Examples:

  ombuds anonymise draft.txt > statement.txt

  ombuds anonymise draft.txt --json   (with each replacement and its recogniser)

  ombuds anonymise letter2.txt --map case-24015969.map.json   (same labels across the case)

The --map file says who each label stands for: it is private case data, never publish it.
"""

PUBLISH_EPILOG = """Examples:

  ombuds publish statement.txt --db sqlite:///data/ombuds.db

  ombuds publish statement.txt --override "PERSON-1a2b3c4d:a council service" --reviewer "A B"

A statement with personal data left in it is refused (exit status 5) and each finding is listed
with its id; nothing is stored.
"""


@command("anonymise", epilog=ANONYMISE_EPILOG)
def anonymise_command(
    file: Annotated[Path, typer.Argument(help="The statement: plain text or HTML.")],
    as_json: JsonOption = False,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map", help="The case's pseudonym map (JSON): loaded if it exists, saved after."
        ),
    ] = None,
    complainant: Annotated[
        str | None,
        typer.Option(
            "--complainant",
            help="The complainant's name, when it is not the first titled adult of the text.",
        ),
    ] = None,
) -> None:
    """Replace the personal data in a statement the way published decisions do (Mrs X, Mr Y,
    a child's letter, staff by role; addresses, numbers and identifying places removed)."""
    from ombuds.privacy.anonymise import anonymise_file

    result = anonymise_file(file, map_path=map_file, complainant=complainant)
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        typer.echo(result.text, nl=not result.text.endswith("\n"))


@command("publish", epilog=PUBLISH_EPILOG)
def publish_command(
    statement: Annotated[Path, typer.Argument(help="The anonymised statement: text or HTML.")],
    db: DbOption = None,
    override: Annotated[
        list[str] | None,
        typer.Option("--override", help='Accept one finding: "FINDING_ID:reason" (repeatable).'),
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option("--reviewer", help="Who accepts the overridden findings (recorded)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Store a statement in the corpus only if no personal data is left in it."""
    from ombuds.privacy.gate import publish_file

    outcome = publish_file(
        statement,
        db_url=db_url(db),
        override_specs=override or [],
        reviewer=reviewer,
        at=dt.datetime.now(dt.UTC),
    )
    if as_json:
        typer.echo(json.dumps(outcome, ensure_ascii=False, indent=2))
    else:
        overrides = outcome["publication"]["overrides"]
        typer.echo(
            f"{outcome['source']}: {outcome['status']}"
            + (f" ({len(overrides)} finding(s) overridden)" if overrides else "")
        )
