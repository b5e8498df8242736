"""Benchmark: each search's first run in a new process after start-up warming, query by query,
and the first runs again after a write.

    python bench/first_searches.py --url postgresql://postgres@127.0.0.1/ombuds_million
    python bench/first_searches.py --url URL --after-write FILE   # then store FILE changed
    python bench/first_searches.py --url URL --warm-share 0.5     # warming another share

Targets (those of bench/million.py and bench/search.py): p95 <= 50 ms at a million decisions,
<= 20 ms at 100,000. Where bench/million.py and bench/search.py give each pass's percentiles,
this says which queries are slow and whether the time is ours: it opens the store, builds the
column index and warms the caches as `ombuds serve` does (`Store.warm_search`), then times the
300 seeded queries of bench/search.py once each, wall and this thread's CPU (a PostgreSQL
server's work is in the wall time only), and prints the slowest. A warm pass follows. With
`--after-write FILE`, a copy of FILE with one word added is then ingested (the decision is
stored again in a new block, as a re-published decision is) and both passes are timed again:
what the searches after a write meet. Run it on a store of data shaped like real pages (the
corpora of bench/million.py); the store is changed only with `--after-write`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.search import make_queries, percentile, search_query  # noqa: E402
from ombuds.corpus.store import Store, open_store  # noqa: E402


def timed_pass(store: Store, queries: list[dict]) -> list[tuple[float, float, dict]]:
    """(wall ms, this thread's CPU ms, query) of each query, run once each in order."""
    out = []
    for query in queries:
        wall, cpu = time.perf_counter(), time.thread_time()
        store.search(search_query(query))
        out.append(((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000, query))
    return out


def report(name: str, timed: list[tuple[float, float, dict]], top: int) -> None:
    walls = [t[0] for t in timed]
    print(
        f"{name}: p50 {percentile(walls, 0.5):.1f} ms, p95 {percentile(walls, 0.95):.1f} ms, "
        f"max {max(walls):.1f} ms"
    )
    for wall, cpu, query in sorted(timed, key=lambda t: -t[0])[:top]:
        print(f"  {wall:7.1f} ms (CPU {cpu:6.1f})  {query}")


def write_again(store: Store, source: Path) -> None:
    """Ingest a copy of `source` with one word added: its decision is stored again."""
    from ombuds.corpus.ingest import ingest

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / source.name
        copy.write_text(
            source.read_text(encoding="utf-8") + f"\n\nRevised {time.time_ns()}.\n",
            encoding="utf-8",
        )
        began = time.perf_counter()
        report_ = ingest(store, [Path(folder)], workers=1)
    print(
        f"write: added {report_.added}, updated {report_.updated}, unchanged "
        f"{report_.unchanged} in {time.perf_counter() - began:.2f} s"
    )
    if not report_.updated and not report_.added:
        raise SystemExit(f"{source}: not stored again; give a decision's text file from the corpus")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the store to search")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--top", type=int, default=20, help="slowest queries shown per pass")
    parser.add_argument("--warm-share", type=float, default=None, help="ranking.WARM_SHARE")
    parser.add_argument("--after-write", type=Path, default=None, help="a decision's file")
    args = parser.parse_args(argv)
    if args.warm_share is not None:
        from ombuds.corpus.store import ranking

        ranking.WARM_SHARE = args.warm_share
    queries = make_queries(args.queries, 0)
    store = open_store(args.url, create=args.after_write is not None)
    began = time.perf_counter()
    store.search(search_query({"q": ""}))
    print(f"column index: {time.perf_counter() - began:.1f} s")
    began, cpu = time.perf_counter(), time.process_time()
    stems = store.warm_search()
    print(
        f"warming: {stems} stems in {time.perf_counter() - began:.1f} s "
        f"(CPU {time.process_time() - cpu:.1f} s)"
    )
    report("first pass after warming", timed_pass(store, queries), args.top)
    report("warm pass", timed_pass(store, queries), 0)
    if args.after_write is not None:
        write_again(store, args.after_write)
        report("first pass after the write", timed_pass(store, queries), args.top)
        report("warm pass", timed_pass(store, queries), 0)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
