"""`ombuds vocabulary`: the shared ids, with their tests and citations."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ombuds.cli.app import JsonOption, command
from ombuds.vocabulary_doc import vocabulary_data, vocabulary_markdown


@command("vocabulary")
def vocabulary(
    json_: JsonOption = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print docs/vocabulary.md.")] = False,
) -> None:
    """List the ground, referral and outcome ids, each ground with its statutory citation.

    Example: ombuds vocabulary --json | jq '.grounds[] | select(.stage=="jurisdiction")'
    """
    if markdown:
        typer.echo(vocabulary_markdown(), nl=False)
    elif json_:
        typer.echo(json.dumps(vocabulary_data(), indent=2, ensure_ascii=False))
    else:
        data = vocabulary_data()
        for g in data["grounds"]:
            typer.echo(f"{g['id']:<32} {g['stage']:<13} {g['citation']}")
        typer.echo("")
        for r in data["referrals"]:
            typer.echo(f"{r['id']:<32} {r['body']}")
