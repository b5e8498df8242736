"""The Typer application and the one place where domain errors become CLI messages.

Command modules (`ombuds.cli.corpus`, `ombuds.cli.engine`, `ombuds.cli.privacy`) register their
commands with `@command()`. A command builds its objects and calls one service function; it never
holds domain logic.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from ombuds.config import DEFAULT_DB_URL
from ombuds.errors import OmbudsError
from ombuds.inputs import parse_date

app = typer.Typer(
    name="ombuds",
    help="Assess complaints under the LGSCO Assessment Code, draft and anonymise decision "
    "statements, and search the corpus of published decisions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from ombuds import __version__

        typer.echo(f"ombuds {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Assess complaints under the LGSCO Assessment Code, draft and anonymise decision
    statements, and search the corpus of published decisions."""


# Shared options.
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help=f"Database URL (default: $OMBUDS_DB or {DEFAULT_DB_URL}).", show_default=False
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def parse_date_option(value: str | None, option: str = "--date") -> dt.date | None:
    """An ISO date given on the command line, or an InputError naming the option."""
    return parse_date(value, option)


def fail(error: OmbudsError) -> typer.Exit:
    """Print a domain error as a CLI message and return the Exit to raise."""
    print(f"error: {error}", file=sys.stderr)
    for problem in getattr(error, "problems", []) or []:
        where = problem.get("path") or ""
        if problem.get("line"):
            where += f" (line {problem['line']})"
        print(
            f"  - {where}: {problem.get('expected', '')} (got {problem.get('value')!r})",
            file=sys.stderr,
        )
    for finding in getattr(error, "findings", []) or []:
        print(f"  - {finding}", file=sys.stderr)
    return typer.Exit(error.exit_code)


def command(*args: Any, **kwargs: Any) -> Callable[[Callable], Callable]:
    """Register a command whose domain errors print as messages with the error's exit status."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*a: Any, **k: Any) -> Any:
            try:
                return fn(*a, **k)
            except OmbudsError as error:
                raise fail(error) from None

        return app.command(*args, **kwargs)(wrapper)

    return decorate
