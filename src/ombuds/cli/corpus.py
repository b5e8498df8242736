"""`ombuds ingest`, `ombuds search`, `ombuds show`, `ombuds stats`: the corpus commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ombuds.cli.app import (
    BodyOption,
    CategoryOption,
    DbOption,
    DecisionOption,
    FromOption,
    GroundOption,
    JsonOption,
    ReferralOption,
    ToOption,
    command,
)
from ombuds.corpus.models import SNIPPET_END, SNIPPET_START

INGEST_EPILOG = """Examples:

  ombuds ingest examples/decisions --db sqlite:///data/ombuds.db

  ombuds ingest saved-pages/ more/24-015-969.html --db postgresql://postgres@127.0.0.1/test

Folders are read recursively (.txt, .html, .htm). Running it again is safe: unchanged decisions
are left alone, changed ones updated. A file that cannot be parsed is reported and skipped, and
the exit status is then 1.
"""

SEARCH_EPILOG = """Examples:

  ombuds search "social worker" --db sqlite:///data/ombuds.db

  ombuds search 'council -court' --ground better_placed --from 2024-01-01 --json

  ombuds search "" --category "Children's care services" --referral ico   (browse, newest first)

Words are all required; use "quoted phrases", prefix*, OR, and -word to exclude.
"""

SHOW_EPILOG = """Examples:

  ombuds show 24-015-969

  ombuds show "24 015 969" --json --db sqlite:///data/ombuds.db
"""

STATS_EPILOG = """Examples:

  ombuds stats

  ombuds stats --json --db postgresql://postgres@127.0.0.1/test
"""


def _dump(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@command("ingest", epilog=INGEST_EPILOG)
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Decision files or folders of them.")],
    db: DbOption = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Decisions stored per transaction.")
    ] = 2000,
    as_json: JsonOption = False,
) -> None:
    """Parse published decisions and store them in the corpus (idempotent)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from ombuds.corpus.service import ingest_paths

    def report_failure(file: str, reason: str) -> None:
        message = f"skipped {file}: {reason}"
        if progress is not None:
            progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr)

    # A bar only for a person watching: quiet in pipes, logs and CI.
    progress = None
    if sys.stderr.isatty() and sys.stdout.isatty():
        progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
        )
    try:
        if progress is None:
            report = ingest_paths(db, paths, batch_size=batch_size, on_failure=report_failure)
        else:
            with progress:
                task = progress.add_task("ingesting", total=None)

                def advance(done: int, total: int) -> None:
                    progress.update(task, completed=done, total=total)

                report = ingest_paths(
                    db, paths, batch_size=batch_size, on_progress=advance, on_failure=report_failure
                )
    except KeyboardInterrupt:  # Ctrl-C: say what is kept and how to go on, no traceback
        print(
            "ingest: interrupted; the batches already stored are kept whole (run the same "
            "command again to store the rest: what is stored is skipped as unchanged)",
            file=sys.stderr,
        )
        raise typer.Exit(130) from None
    if as_json:
        _dump(report.as_dict())
    else:
        print(report.summary())
    if report.without_reference:
        print(
            f"warning: {len(report.without_reference)} decision(s) had no reference and are "
            "stored under the hash of their text",
            file=sys.stderr,
        )
    if report.failed:
        raise typer.Exit(1)


def _marked(text: str) -> str:
    return text.replace(SNIPPET_START, "*").replace(SNIPPET_END, "*")


@command("search", epilog=SEARCH_EPILOG)
def search_command(
    query: Annotated[str, typer.Argument(help='Words to find; "" to browse.')] = "",
    db: DbOption = None,
    category: CategoryOption = None,
    decision: DecisionOption = None,
    body: BodyOption = None,
    ground: GroundOption = None,
    referral: ReferralOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    limit: Annotated[int, typer.Option("--limit", help="Results to show (1-500).")] = 20,
    offset: Annotated[int, typer.Option("--offset", help="Results to skip.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Search the corpus: ranked full-text results with snippets and facet counts."""
    from ombuds.corpus.service import make_query, search

    results = search(
        db,
        make_query(
            query,
            category=category,
            decision=decision,
            body=body,
            ground=ground,
            referral=referral,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            offset=offset,
        ),
    )
    if as_json:
        _dump(results.model_dump(mode="json"))
        return
    shown = len(results.results)
    print(f"{results.total} decision(s) match" + (f"; showing {shown}" if shown else ""))
    for hit in results.results:
        date = hit.decision_date.isoformat() if hit.decision_date else "no date"
        print(f"\n{hit.reference}  {date}  {hit.decision or '-'}  {hit.body or '-'}")
        if hit.category:
            print(f"  {hit.category}")
        excerpt = hit.snippet or hit.summary
        if excerpt:
            print(f"  {_marked(' '.join(excerpt.split()))}")
    for name, counts in results.facets.items():
        if counts:
            top = ", ".join(f"{value} ({n})" for value, n in list(counts.items())[:6])
            print(f"\n{name}: {top}" if name == "category" else f"{name}: {top}")


@command("show", epilog=SHOW_EPILOG)
def show_command(
    reference: Annotated[str, typer.Argument(help="e.g. 24-015-969, '24 015 969' or 24015969.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print one stored decision."""
    from ombuds.corpus.layout import as_text, lay_out
    from ombuds.corpus.service import show

    record = show(db, reference)
    if as_json:
        _dump(record)
        return
    for label, key in (
        ("Reference", "reference"),
        ("Body", "body"),
        ("Category", "category"),
        ("Decision", "decision"),
        ("Decision date", "decision_date"),
        ("Grounds", "grounds"),
        ("Referrals", "referrals"),
    ):
        value = record.get(key)
        if isinstance(value, list):
            value = ", ".join(value) or "-"
        print(f"{label}: {value if value is not None else '-'}")
    for warning in record.get("warnings") or []:
        print(f"warning: {warning}")
    print()
    print(as_text(lay_out(record)))


@command("stats", epilog=STATS_EPILOG)
def stats_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Count the stored decisions by decision, category, ground, referral and year."""
    from ombuds.corpus.service import stats

    figures = stats(db)
    if as_json:
        _dump(figures)
        return
    print(f"decisions: {figures['decisions']}")
    for name in ("decision", "category", "body", "ground", "referral", "year"):
        counts = figures[f"by_{name}"]
        print(f"\nby {'council' if name == 'body' else name}:")
        for value, n in counts.items():
            print(f"  {n:>7}  {value}")
