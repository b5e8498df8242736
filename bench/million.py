"""Benchmark: the team backend (PostgreSQL) at a million decisions, and a CI-sized 100,000.

    python bench/million.py --url postgresql://postgres@127.0.0.1/ombuds_million --fresh
    python bench/million.py --n 100000 --url postgresql://postgres@127.0.0.1/ombuds_100k --fresh
    python bench/million.py --url ... --skip-ingest --rounds 3   # measure searches again

Targets: search p95 <= 50 ms with facets at 1,000,000 (<= 20 ms at 100,000), in process and over
HTTP; `ombuds stats` and the API fast; no search statement scanning a whole table.

What it does, in order:
1. Writes the corpora (bench/corpora.py), 20% synthetic, 40% seed-shaped, 40% page-shaped, with
   disjoint reference numbers; folders already holding the same corpus are reused.
2. With --fresh: empties the database's public schema, then runs `ombuds ingest` (the service
   function, batched COPY, one parsing process per core) over every folder in one child
   process; reports decisions per second and peak memory (largest process, and the whole
   process tree's PSS sampled every 0.2 s).
3. Times the 300 seeded queries of bench/search.py in process (`Store.search`): a first pass
   with the process's caches of word counts and scored terms cold, then `--rounds` warm passes,
   wall and CPU time each; the first search is reported apart (it builds the column index of
   the short fields, once per process).
4. Serves the database (`ombuds serve`) and times `GET /api/decisions` for the same queries
   twice (each query's first search on a fresh server, then again warm; both are judged
   against the target), `GET /api/decisions/{reference}`, and `ombuds stats` as a user runs it
   (a new process).
5. EXPLAIN (ANALYZE, BUFFERS) of every SQL statement a sample of searches sends, written to
   plans.txt in the work folder; any sequential scan of a corpus table is reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpora  # noqa: E402
from bench import ingest as ingest_bench  # noqa: E402
from bench import search as search_bench  # noqa: E402

CORPUS_TABLES = (
    "decisions",
    "decision_documents",
    "decision_grounds",
    "decision_referrals",
    "rank_postings",
    "rank_words",
)
SYNTHETIC_CHUNK = 100_000


def plan(n: int) -> list[tuple[str, int, int]]:
    """(kind, first number, count) of each corpus folder: 20% synthetic (in folders of at most
    100,000, so that a smaller run's folders are reused), 40% seeds, 40% pages."""
    synthetic = n // 5
    seeds = (n - synthetic) // 2
    parts = [
        ("synthetic", start, min(SYNTHETIC_CHUNK, synthetic - start))
        for start in range(0, synthetic, SYNTHETIC_CHUNK)
    ]
    parts.append(("seeds", synthetic, seeds))
    parts.append(("pages", synthetic + seeds, n - synthetic - seeds))
    return parts


def folder_of(work: Path, kind: str, start: int, count: int) -> Path:
    return work / f"{kind}-{start}-{count}"


def ingest_child(url: str, batch_size: int, folders: list[Path]) -> dict:
    started = time.perf_counter()
    from ombuds.corpus.service import ingest_paths

    imported = time.perf_counter()
    report = ingest_paths(url, folders, batch_size=batch_size)
    return {
        "seconds": time.perf_counter() - imported,
        "imports": imported - started,
        "report": report.summary(),
        "added": report.added,
    }


def measure(command: list[str]) -> tuple[dict, float, float]:
    """Run a child; its JSON result, ru_maxrss of its largest process and its tree's peak PSS."""
    import os

    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, cwd=ROOT)
        tree_peak = 0.0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            tree_peak = max(
                tree_peak,
                sum(map(ingest_bench._pss_mb, ingest_bench._process_tree(process.pid))),
            )
            time.sleep(0.2)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
        output.seek(0)
        result = json.loads(output.read().decode().strip().splitlines()[-1])
    return result, usage.ru_maxrss / 1024, tree_peak


def search_queries(count: int):
    return [search_bench.search_query(q) for q in search_bench.make_queries(count, 0)]


def time_searches(
    url: str, rounds: int, count: int
) -> tuple[float, list[list[float]], list[list[float]]]:
    """(seconds of the first search, wall ms per search per pass, CPU ms per search per pass).

    Pass 0 is the first pass over the queries, with the process's caches of word counts and
    scored terms cold (only the column index is built); the later passes are warm."""
    from ombuds.corpus.store import open_store

    queries = search_queries(count)
    with open_store(url, create=False) as store:
        begin = time.perf_counter()
        store.search(queries[0])
        first = time.perf_counter() - begin
        runs, cpu_runs = [], []
        for _ in range(rounds + 1):
            timings, cpu = [], []
            for query in queries:
                begin, begin_cpu = time.perf_counter(), time.thread_time()
                store.search(query)
                cpu.append((time.thread_time() - begin_cpu) * 1000)
                timings.append((time.perf_counter() - begin) * 1000)
            runs.append(timings)
            cpu_runs.append(cpu)
    return first, runs, cpu_runs


def explain(url: str, work: Path, count: int) -> list[str]:
    """EXPLAIN ANALYZE every statement a sample of searches sends; the problems found."""
    import sqlalchemy as sa

    from ombuds.corpus.store import open_store

    statements: list[tuple[str, object]] = []
    queries = search_queries(count)
    sample = queries[:: max(1, len(queries) // 40)]
    problems, lines = [], []
    with open_store(url, create=False) as store:
        store.search(queries[0])  # the column index is built outside the sample

        @sa.event.listens_for(store.engine, "before_cursor_execute")
        def record(_conn, _cursor, statement, parameters, _context, _many):
            statements.append((statement, parameters))

        for query in sample:
            store.search(query)
        store.stats()
        sa.event.remove(store.engine, "before_cursor_execute", record)
        with store.engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            seen = set()
            for statement, parameters in statements:
                if statement in seen or not statement.lstrip().upper().startswith(
                    ("SELECT", "WITH")
                ):
                    continue
                seen.add(statement)
                with raw.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                    plan_text = "\n".join(row[0] for row in cursor.fetchall())
                lines += ["-- " + " ".join(statement.split())[:300], plan_text, ""]
                for table in CORPUS_TABLES:
                    if f"Seq Scan on {table} " in plan_text + " ":
                        problems.append(f"sequential scan of {table}: {statement[:120]}")
            raw.rollback()
    (work / "plans.txt").write_text("\n".join(lines), encoding="utf-8")
    return problems


def time_http(url: str, count: int) -> dict[str, list[float]]:
    queries = search_bench.make_queries(count, 0)
    port = search_bench.free_port()
    server = search_bench.start_server(
        [str(search_bench.VENV_BIN / "ombuds"), "serve", "--db", url, "--port", str(port)],
        f"http://127.0.0.1:{port}/api/decisions?limit=1",
    )
    try:
        base = f"http://127.0.0.1:{port}"
        search_urls = ["/api/decisions?" + urlencode({**q, "limit": 20}) for q in queries]
        searches, _totals = search_bench.time_http(base, search_urls)  # each query's first
        again, _totals = search_bench.time_http(base, search_urls)  # the same, warm
        import httpx

        references = [
            hit["reference"]
            for hit in httpx.get(base + "/api/decisions?limit=50", timeout=60).json()["results"]
        ]
        shows, _ = search_bench.time_http(
            base, ["/api/decisions/" + ref.replace(" ", "-") for ref in references]
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    stats_runs = []
    for _ in range(3):
        begin = time.perf_counter()
        subprocess.run(
            [str(search_bench.VENV_BIN / "ombuds"), "stats", "--db", url, "--json"],
            check=True,
            capture_output=True,
        )
        stats_runs.append((time.perf_counter() - begin) * 1000)
    return {
        "GET /api/decisions": searches,
        "GET /api/decisions, again": again,
        "GET /api/decisions/{ref}": shows,
        "stats": stats_runs,
    }


def _row(name: str, timings: list[float]) -> str:
    p = search_bench.percentile
    return (
        f"{name:34}{p(timings, 0.5):9.1f}{p(timings, 0.95):9.1f}"
        f"{statistics.fmean(timings):9.1f}{max(timings):9.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: python bench/million.py --n 100000 --url postgresql://postgres@"
        "127.0.0.1/ombuds_100k --fresh",
    )
    parser.add_argument("--url", required=True, help="the PostgreSQL database to fill and search")
    parser.add_argument("--n", type=int, default=1_000_000, help="decisions (default 1000000)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ombuds-million")
    parser.add_argument("--fresh", action="store_true", help="empty the database and ingest")
    parser.add_argument("--skip-ingest", action="store_true", help="measure the stored corpus")
    parser.add_argument("--batch-size", type=int, default=2000, help="decisions per COPY batch")
    parser.add_argument("--rounds", type=int, default=2, help="timed passes over the queries")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--child-ingest", nargs="+", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child_ingest:
        url, batch, *folders = args.child_ingest
        print(json.dumps(ingest_child(url, int(batch), [Path(f) for f in folders])))
        return 0
    if not args.url.startswith(("postgresql://", "postgres://")):
        raise SystemExit("--url: this benchmark is for PostgreSQL (postgresql://user@host/db)")

    summary: dict = {"n": args.n}
    if not args.skip_ingest:
        if not args.fresh:
            raise SystemExit("give --fresh (the database is emptied first) or --skip-ingest")
        args.work.mkdir(parents=True, exist_ok=True)
        folders = []
        for kind, start, count in plan(args.n):
            folder = folder_of(args.work, kind, start, count)
            seconds = corpora.write(folder, kind, count, start=start, processes=2)
            print(f"corpus {folder.name}: {'reused' if not seconds else f'{seconds:.0f} s'}")
            folders.append(folder)
        import sqlalchemy as sa

        from ombuds.corpus.store.engine import driver_url

        engine = sa.create_engine(driver_url(args.url))
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
        command = [sys.executable, __file__, "--url", args.url, "--child-ingest", args.url]
        command += [str(args.batch_size), *map(str, folders)]
        result, largest, tree = measure(command)
        rate = result["added"] / result["seconds"]
        print(
            f"\ningest: {result['report']} in {result['seconds']:.0f} s: {rate:.0f} decisions/s "
            f"(imports {result['imports']:.1f} s before that); peak memory: largest process "
            f"{largest:.0f} MB, process tree {tree:.0f} MB (PSS)"
        )
        summary["ingest"] = {
            "seconds": round(result["seconds"]),
            "per_second": round(rate),
            "max_rss_mb": round(largest),
            "tree_pss_mb": round(tree),
        }

    first, all_runs, cpu_runs = time_searches(args.url, max(1, args.rounds), args.queries)
    target = 50.0 if args.n >= 1_000_000 else 20.0
    print(f"\nfirst search of the process (builds the column index): {first:.1f} s")
    print(f"\n{'':34}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'max ms':>9}")
    for number, (timings, cpu) in enumerate(zip(all_runs, cpu_runs, strict=True)):
        name = f"round {number}" if number else "first pass (cold caches)"
        print(_row(f"in process, {name}", timings))
        print(_row("  its CPU time (this process)", cpu))
    runs = all_runs[1:]
    summary["search_cold_p95"] = round(search_bench.percentile(all_runs[0], 0.95), 1)
    p95s = [search_bench.percentile(t, 0.95) for t in runs]
    http = time_http(args.url, args.queries)
    for name, timings in http.items():
        print(_row(name if name != "stats" else "ombuds stats (new process)", timings))
    http_p95 = search_bench.percentile(http["GET /api/decisions"], 0.95)
    warm_p95 = search_bench.percentile(http["GET /api/decisions, again"], 0.95)

    def verdict(ms: float) -> str:
        return "met" if ms <= target else "NOT met"

    # Both passes are judged, neither hidden: warm (what a running server answers) and each
    # query's first search after a restart (what the caches' cold reads cost).
    print(
        f"\nsearch p95 (target <= {target:g} ms), warm: in process best {min(p95s):.1f} ms "
        f"(spread {min(p95s):.1f}-{max(p95s):.1f}), over HTTP {warm_p95:.1f} ms: "
        f"{verdict(max(min(p95s), warm_p95))}; each query's first search, over HTTP from a "
        f"fresh server: {http_p95:.1f} ms: {verdict(http_p95)}"
    )
    problems = explain(args.url, args.work, args.queries)
    print(
        f"plans: {args.work / 'plans.txt'}; "
        + ("no sequential scan of a corpus table" if not problems else "; ".join(problems))
    )
    summary["search"] = {
        "p95_best": round(min(p95s), 1),
        "p95_http": round(http_p95, 1),  # each query's first search, fresh server
        "p95_http_warm": round(warm_p95, 1),
    }
    summary["stats_ms"] = round(min(http["stats"]))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
