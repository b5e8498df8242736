"""How many searches SQLite ranks by BM25, and at what latency, for several ranking budgets.

`SqliteSearch.rank_budget` bounds (matches after filters) x (query words) for ranking; above it,
matches are listed newest first. This probe runs the search benchmark's seeded queries in process
against a database built by `bench/ingest.py --keep` and prints, for each budget, how many queries
were ranked and the p50/p95 latency.

Example: python bench/rank_budget.py --db /tmp/ombuds-bench/ombuds.db --budgets 4000 12000 20000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search as search_bench

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import open_store
from ombuds.corpus.store.search import SqliteSearch


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the SQLite file ingest built")
    parser.add_argument("--budgets", type=int, nargs="+", default=[4000, 12000, 20000, 10**9])
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args(argv)

    queries = [
        SearchQuery(
            q=q["q"],
            category=q.get("category"),
            decision=q.get("decision"),
            body=q.get("body"),
            ground=q.get("ground"),
            date_from=q.get("from"),
            date_to=q.get("to"),
            limit=20,
        )
        for q in search_bench.make_queries(args.queries, 0)
    ]
    ranked = 0
    real_ranked_page = SqliteSearch._ranked_page

    def counting(*a, **k):
        nonlocal ranked
        ranked += 1
        return real_ranked_page(*a, **k)

    SqliteSearch._ranked_page = staticmethod(counting)
    with open_store(f"sqlite:///{args.db}", create=False) as store:
        for query in queries[:20]:  # warm the facet index and the page cache
            store.search(query)
        print(f"{'budget':>12}  ranked  p50 ms  p95 ms")
        for budget in args.budgets:
            SqliteSearch.rank_budget = budget
            ranked, timings = 0, []
            for query in queries:
                start = time.perf_counter()
                store.search(query)
                timings.append((time.perf_counter() - start) * 1000)
            print(
                f"{budget:>12}  {ranked:>6}  {search_bench.percentile(timings, 0.5):6.1f}  "
                f"{search_bench.percentile(timings, 0.95):6.1f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
