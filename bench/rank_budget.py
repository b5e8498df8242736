"""Benchmark: ranking every match by the store's own BM25 against FTS5's bm25(), speed and agreement.

    python bench/rank_budget.py --db /tmp/ombuds-bench/ombuds-synthetic.db

Why: until December 2026 SQLite ranked with FTS5's bm25() only when (matches x words) was under a
budget of 12,000, because bm25() costs about a microsecond per match per word, and listed broader
searches newest first. Ranking now comes from the store's own word counts (ranking.py). This
measures, over the search benchmark's queries (their words only, no filters, so that FTS5 can
rank them alone), the time to rank ALL matches and take the top ten each way, and how far the
two top tens agree (the share of ours in FTS5's). They need not agree exactly: FTS5 counts porter
tokens with stop words and gives words in more than half of the decisions no weight; ours
counts whole words by their Snowball stem and keeps a small weight for common words.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import search as search_bench  # noqa: E402
from ombuds.corpus.store import open_store, ranking  # noqa: E402
from ombuds.corpus.store.query_text import parse_user_query, to_fts5  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python bench/rank_budget.py --db /tmp/ombuds-bench/ombuds-seeds.db",
    )
    parser.add_argument("--db", type=Path, required=True, help="an SQLite corpus ingest built")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args(argv)
    texts = sorted({q["q"] for q in search_bench.make_queries(args.queries, 0)})
    raw = sqlite3.connect(args.db)
    ours_ms, fts_ms, agreement, broad_agreement = [], [], [], []
    with open_store(f"sqlite:///{args.db}", create=False) as store:
        search = store._search
        with store.engine.connect() as connection:
            index = search.facet_index(connection)
            for text in texts:  # warm-up: the page cache, both ways
                parsed = parse_user_query(text)
                ranking.match(connection, index, parsed, search.phrase_ids)
                raw.execute(
                    "SELECT count(*) FROM decisions_fts WHERE decisions_fts MATCH ?",
                    (to_fts5(parsed),),
                ).fetchall()
            for text in texts:
                parsed = parse_user_query(text)
                begin = time.perf_counter()
                ids, scores = ranking.match(connection, index, parsed, search.phrase_ids)
                ours = ranking.top(index, ids, scores, 0, 10)
                ours_ms.append((time.perf_counter() - begin) * 1000)
                begin = time.perf_counter()
                theirs = [
                    r[0]
                    for r in raw.execute(
                        "SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ? "
                        "ORDER BY bm25(decisions_fts) LIMIT 10",
                        (to_fts5(parsed),),
                    )
                ]
                fts_ms.append((time.perf_counter() - begin) * 1000)
                if theirs:
                    share = len(set(ours) & set(theirs)) / len(theirs)
                    (broad_agreement if len(ids) > index.count // 2 else agreement).append(share)
    p = search_bench.percentile
    print(f"{len(texts)} distinct query texts over {index.count} decisions\n")
    print(f"{'rank all matches, top 10':34}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, timings in (("ombuds BM25 (word counts)", ours_ms), ("FTS5 bm25()", fts_ms)):
        print(f"{name:34}{p(timings, 0.5):9.1f}{p(timings, 0.95):9.1f}{max(timings):9.1f}")
    for name, shares in (
        ("words in at most half the decisions", agreement),
        ("words in more than half", broad_agreement),
    ):
        if shares:
            print(
                f"top-10 agreement with FTS5, {name}: {sum(shares) / len(shares):.0%} "
                f"({len(shares)} queries)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
