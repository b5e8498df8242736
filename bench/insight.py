"""Benchmark: insight over a large store, every figure, with and without filters.

    python bench/insight.py --db /tmp/ombuds-100k.db

Times `insight(store, query)` (what `ombuds insight` and the /insight page compute: counts by
outcome, category, ground, referral and year, the uphold rate of every council with its Wilson
interval, and every council-ground consistency test) for a fixed set of queries: everything,
one category, one outcome, a date range, and two searches by words. The first call builds the
store's column index (as the search's first call does; the web app builds it at start); it is
reported apart. Target: <= 1 s per insight at 100,000 decisions. Also times drawing the charts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ombuds.corpus.models import SearchQuery  # noqa: E402
from ombuds.corpus.store import open_store  # noqa: E402
from ombuds.insight import charts  # noqa: E402
from ombuds.insight.service import insight  # noqa: E402

TARGET_S = 1.0
QUERIES = [
    SearchQuery(),
    SearchQuery(category="Education"),
    SearchQuery(decision="Upheld"),
    SearchQuery(date_from="2020-01-01", date_to="2023-12-31"),
    SearchQuery(q="delay"),
    SearchQuery(q="social worker", category="Children's care services"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with open_store(f"sqlite:///{args.db}", create=False, read_only=True) as store:
        begin = time.perf_counter()
        first = insight(store)
        print(
            f"{first.decisions} decisions; first call (builds the column index): "
            f"{time.perf_counter() - begin:.2f} s"
        )
        worst = 0.0
        for query in QUERIES:
            times = []
            for _ in range(args.rounds):
                begin = time.perf_counter()
                figures = insight(store, query)
                times.append(time.perf_counter() - begin)
            worst = max(worst, *times)
            shown = query.model_dump(exclude_defaults=True) or "everything"
            print(
                f"  {shown}: {figures.decisions} decisions, median "
                f"{statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms"
            )
        begin = time.perf_counter()
        specs = charts.specs(first)
        for spec in specs.values():
            charts.svg(spec)
        drawn = time.perf_counter() - begin
    print(
        f"worst insight {worst:.3f} s (target <= {TARGET_S:.0f} s): "
        f"{'met' if worst <= TARGET_S else 'NOT met'}; {len(specs)} charts drawn in {drawn:.2f} s "
        "(first draw includes starting the renderer)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
