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
from ombuds.inputs import parse_date, quoted, shorten

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
# The corpus filters, as `search` and `insight` take them (corpus.service.make_query reads them).
CategoryOption = Annotated[
    str | None, typer.Option("--category", help="A category, 'Top > Sub' or just 'Top'.")
]
DecisionOption = Annotated[
    str | None,
    typer.Option("--decision", help="Upheld, Not upheld or Closed after initial enquiries."),
]
BodyOption = Annotated[str | None, typer.Option("--body", help="The council or body, exactly.")]
GroundOption = Annotated[str | None, typer.Option("--ground", help="A ground id, e.g. late.")]
ReferralOption = Annotated[str | None, typer.Option("--referral", help="A referral id, e.g. ico.")]
FromOption = Annotated[str | None, typer.Option("--from", help="Decided on or after YYYY-MM-DD.")]
ToOption = Annotated[str | None, typer.Option("--to", help="Decided on or before YYYY-MM-DD.")]


def parse_date_option(value: str | None, option: str = "--date") -> dt.date | None:
    """An ISO date given on the command line, or an InputError naming the option."""
    return parse_date(value, option)


# An error's message and each of its listed problems are cut to these lengths, and at most
# MAX_LISTED problems or findings are printed: whatever a hostile input holds, an error is a few
# lines, never megabytes.
MAX_MESSAGE = 1000
MAX_LISTED = 20


def fail(error: OmbudsError) -> typer.Exit:
    """Print a domain error as a CLI message and return the Exit to raise."""
    print(f"error: {shorten(str(error), MAX_MESSAGE)}", file=sys.stderr)
    problems = getattr(error, "problems", []) or []
    for problem in problems[:MAX_LISTED]:
        where = shorten(str(problem.get("path") or ""), 200)
        if problem.get("line"):
            where += f" (line {problem['line']})"
        got = "" if problem.get("path") == "(file)" else f" (got {quoted(problem.get('value'))})"
        print(
            f"  - {where}: {shorten(str(problem.get('expected', '')), 300)}{got}", file=sys.stderr
        )
    findings = getattr(error, "findings", []) or []
    for finding in findings[:MAX_LISTED]:
        print(f"  - {shorten(str(finding), 300)}", file=sys.stderr)
    hidden = max(len(problems) - MAX_LISTED, 0) + max(len(findings) - MAX_LISTED, 0)
    if hidden:
        print(f"  ... and {hidden} more", file=sys.stderr)
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
