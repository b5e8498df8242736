"""`ombuds insight`: what the corpus shows, as text, JSON or a stand-alone HTML report."""

from __future__ import annotations

import json
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

INSIGHT_EPILOG = """Examples:

  ombuds insight

  ombuds insight --category "Children's care services" --from 2024-01-01 --json

  ombuds insight --html report.html

Filters are the search's (see ombuds search --help). Uphold rates are of the decisions
investigated (upheld or not), with a 95% Wilson interval; a council's use of a ground is marked
an outlier only where its interval allows. docs/insight.md explains every figure.
"""


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


@command("insight", epilog=INSIGHT_EPILOG)
def insight_command(
    query: Annotated[str, typer.Argument(help='Words to match, as in search ("" for all).')] = "",
    db: DbOption = None,
    category: CategoryOption = None,
    decision: DecisionOption = None,
    body: BodyOption = None,
    ground: GroundOption = None,
    referral: ReferralOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the report, charts included.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """What the corpus shows: decisions by outcome, category, ground, referral and year, uphold
    rates by council with their intervals, and how consistently councils' cases use each ground."""
    from ombuds.corpus.service import make_query
    from ombuds.insight.service import for_url

    figures = for_url(
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
        ),
    )
    if html is not None:
        from ombuds.insight.report import html as report
        from ombuds.outputs import check_output_path, write_output

        check_output_path(html)
        write_output(html, report(figures).encode("utf-8"))
    if as_json:
        print(json.dumps(figures.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    print(f"{figures.decisions} decision(s)")
    for title, rows in (
        ("outcome", figures.by_outcome),
        ("category", figures.by_category),
        ("ground", figures.by_ground),
        ("referral", figures.by_referral),
        ("year", figures.by_year),
    ):
        if rows:
            shown = ", ".join(f"{r.value} {r.decisions} ({r.share:.0%})" for r in rows[:8])
            print(f"by {title}: {shown}" + (f", and {len(rows) - 8} more" if len(rows) > 8 else ""))
    n = figures.national_uphold
    print(
        f"\nuphold rate, all: {_pct(n.rate)} of {n.investigated} investigated "
        f"(95% interval {_pct(n.low)} to {_pct(n.high)})"
    )
    for r in [r for r in figures.uphold if r.rate is not None][:10]:
        print(
            f"  {r.council}: {_pct(r.rate)} of {r.investigated} ({_pct(r.low)} to {_pct(r.high)})"
        )
    outliers = [c for c in figures.consistency if c.outlier]
    print(f"\nconsistency: {len(outliers)} council and ground pair(s) outside the national share")
    for c in outliers[:10]:
        print(
            f"  {c.council}, {c.ground}: {c.using} of {c.closed} ({_pct(c.share)}; "
            f"{_pct(c.low)} to {_pct(c.high)}) against {_pct(c.national)} nationally: {c.outlier}"
        )
    if html is not None:
        print(f"\nreport written to {html}")
