"""`ombuds parse FILE... [--json]`: read published decisions and show what the parser found."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ombuds.cli.app import JsonOption, command
from ombuds.corpus.models import ParsedDecision
from ombuds.corpus.parse import parse_file
from ombuds.errors import InputError


def _summary(d: ParsedDecision) -> str:
    """A readable account of one parsed decision."""
    lines = [
        f"{d.source}",
        f"  {d.body or '?'} ({d.reference or 'no reference'})",
        (
            f"  category: {d.category or '-'}    decision: {d.decision or '-'}    "
            f"date: {d.decision_date or '-'}    complainant: {d.complainant or '-'}"
        ),
        f"  sections: {', '.join(d.sections) or '-'}    paragraphs: {len(d.paragraphs)}",
        f"  grounds: {', '.join(d.grounds) or '-'}",
        f"  referrals: {', '.join(d.referrals) or '-'}",
        f"  statutes: {'; '.join(d.statutes) or '-'}",
    ]
    if d.related_references:
        lines.append(f"  related references: {', '.join(d.related_references)}")
    lines += [f"  warning: {w}" for w in d.warnings]
    return "\n".join(lines)


HELP = (
    "Parse published decision statements (copied text or saved HTML pages) and print what each "
    "says.\n\n"
    "With --json, prints one JSON object per file per line (JSON Lines): reference, body, "
    "category, decision, date, complainant, sections, numbered paragraphs, statutes, grounds, "
    "referrals, related references and warnings.\n\n"
    "A file that cannot be read or is not a decision is reported on standard error; the other "
    "files are still parsed, and the exit status is then 2.\n\n"
    "Example: ombuds parse examples/decisions/seeds/*.txt --json"
)


@command(
    "parse",
    help=HELP,
    epilog="More examples:\n\n  ombuds parse examples/decisions/seeds/*.txt\n\n"
    "  ombuds parse saved-page.html --json > decisions.jsonl",
)
def parse(
    files: Annotated[
        list[Path],
        typer.Argument(help="Decision files: copied text or saved HTML.", show_default=False),
    ],
    json: JsonOption = False,
) -> None:
    """Thin: one `parse_file` per file; errors are reported and counted, never fatal."""
    failed = 0
    for path in files:
        try:
            decision = parse_file(path)
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        if json:
            print(decision.model_dump_json())
        else:
            print(_summary(decision))
    if failed:
        print(f"{failed} of {len(files)} file(s) could not be parsed", file=sys.stderr)
        raise typer.Exit(InputError.exit_code)
