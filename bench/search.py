"""Benchmark: the search API over the benchmark corpus, side by side with Datasette's FTS search.

    python bench/ingest.py --n 100000 --keep /tmp/ombuds-bench      # builds the corpus DB
    python bench/search.py --db /tmp/ombuds-bench/ombuds.db         # then this

Targets: p95 <= 20 ms for keyword + facet queries, and no slower than Datasette.

What is measured, for one fixed seeded set of queries (keywords, sometimes a phrase, and one
facet filter on most):
1. `Store.search` in process (the library the API and CLI call);
2. `GET /api/decisions` over HTTP, served by `ombuds serve` (uvicorn, one process) on 127.0.0.1;
3. Datasette's table JSON with `_search=` and `_facet=` over the same texts and fields (same FTS5
   tokenizer as ours: porter unicode61), served by `datasette serve` on 127.0.0.1.
   Datasette gets its best settings: an immutable database, facet and SQL time limits raised
   so that it really computes every facet (otherwise it would skip slow ones), facet
   suggestions off (we do not compute them either), the long text column left
   out of the response (`_nocol=text`), and indexes on every filtered column.
Each HTTP side is a bounded loop over the queries, in sequence, with a 30 s timeout per request.
Ours is timed from the moment the server answers its first request, without a warm-up, in two
rounds: the first round is what the first users after start-up meet (the search caches filling,
the start-up warming in the background beside them), the second a warm server; with the server
process's CPU time (user + sys, from /proc) per request. Datasette gets one warm-up pass over 20
queries, then each query once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import wording as W  # noqa: E402
from ombuds.corpus.models import SearchQuery  # noqa: E402
from ombuds.corpus.store import open_store  # noqa: E402

TARGET_P95_MS = 20.0
VENV_BIN = Path(sys.executable).parent
EXTRA_WORDS = [
    "social worker",
    "apology",
    "delay",
    "complaint",
    "assessment",
    "injustice",
    "distress",
    "fault",
    "refund",
    "policy",
    "records",
    "review",
    "payment",
    "manager",
    "letter",
    "officer",
    "information",
    "decision",
    "remedy",
    "care",
]
FACETS = ("category", "decision", "body", "year", "ground", "referral")


def make_queries(count: int, seed: int) -> list[dict]:
    """A fixed list of keyword + facet queries (same seed, same list)."""
    rng = random.Random(f"ombuds-search-bench:{seed}")
    things = sorted({t for topic in W.TOPICS.values() for t in topic["things"]})
    queries = []
    for _ in range(count):
        words = rng.choice(things) if rng.random() < 0.6 else rng.choice(EXTRA_WORDS)
        if rng.random() < 0.3:
            words += " " + rng.choice(EXTRA_WORDS)
        q = f'"{words}"' if rng.random() < 0.15 and " " in words else words
        query: dict = {"q": q}
        kind = rng.choice(("none", "category", "top", "decision", "ground", "dates", "body"))
        if kind == "category":
            query["category"] = rng.choice(W.KNOWN_CATEGORIES)
        elif kind == "top":
            query["category"] = rng.choice(sorted({c.split(" > ")[0] for c in W.KNOWN_CATEGORIES}))
        elif kind == "decision":
            query["decision"] = rng.choice(
                ("Closed after initial enquiries", "Upheld", "Not upheld")
            )
        elif kind == "ground":
            query["ground"] = str(rng.choice(W.DISCRETION))
        elif kind == "dates":
            year = rng.randint(2014, 2025)
            query["from"], query["to"] = f"{year}-01-01", f"{year + rng.randint(0, 2)}-12-31"
        elif kind == "body":
            query["body"] = rng.choice(W.BODIES)
        queries.append(query)
    return queries


def search_query(query: dict, limit: int = 20) -> SearchQuery:
    """The `Store.search` query for one of make_queries' queries."""
    return SearchQuery(
        q=query["q"],
        category=query.get("category"),
        decision=query.get("decision"),
        body=query.get("body"),
        ground=query.get("ground"),
        date_from=query.get("from"),
        date_to=query.get("to"),
        limit=limit,
    )


def datasette_params(query: dict) -> dict:
    params: list[tuple[str, str]] = [("_search", query["q"]), ("_size", "20"), ("_nocol", "text")]
    params += [("_facet", name) for name in ("category", "decision", "body", "year")]
    params += [("_facet_array", "grounds"), ("_facet_array", "referrals")]
    if "category" in query:
        if " > " in query["category"]:
            params.append(("category", query["category"]))
        else:
            params.append(("category__startswith", query["category"] + " > "))
    for name in ("decision", "body"):
        if name in query:
            params.append((name, query[name]))
    if "ground" in query:
        params.append(("grounds__arraycontains", query["ground"]))
    if "from" in query:
        params += [("decision_date__gte", query["from"]), ("decision_date__lte", query["to"])]
    return params


def build_datasette_db(source: Path, target: Path) -> None:
    """The same texts and fields as a plain table + FTS5 index, the way Datasette serves them."""
    if target.exists() and target.stat().st_mtime > source.stat().st_mtime:
        return
    target.unlink(missing_ok=True)
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
    connection.executescript("""
        BEGIN;
        CREATE TABLE decisions (id INTEGER PRIMARY KEY, reference TEXT, body TEXT, category TEXT,
            decision TEXT, decision_date TEXT, year INTEGER, summary TEXT, grounds TEXT,
            referrals TEXT, text TEXT);
        INSERT INTO decisions SELECT d.id, d.reference, d.body, d.category, d.decision,
            d.decision_date, d.year, d.summary,
            (SELECT json_group_array(ground) FROM src.decision_grounds g
             WHERE g.decision_id = d.id),
            (SELECT json_group_array(referral) FROM src.decision_referrals r
             WHERE r.decision_id = d.id),
            doc.text
          FROM src.decisions d JOIN src.decision_documents doc ON doc.decision_id = d.id;
        CREATE INDEX decisions_body ON decisions(body);
        CREATE INDEX decisions_category ON decisions(category);
        CREATE INDEX decisions_decision ON decisions(decision);
        CREATE INDEX decisions_date ON decisions(decision_date);
        CREATE INDEX decisions_year ON decisions(year);
        CREATE VIRTUAL TABLE decisions_fts USING fts5(text, content="decisions",
            content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
        INSERT INTO decisions_fts(decisions_fts) VALUES ('rebuild');
        COMMIT;
    """)
    connection.execute("DETACH DATABASE src")
    connection.execute("VACUUM")
    connection.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(command: list[str], probe: str) -> subprocess.Popen:
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(probe, timeout=5).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"server exited early: {' '.join(command)}")
        time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"server did not answer: {' '.join(command)}")


def time_http(base: str, urls: list[str]) -> tuple[list[float], list[int]]:
    """Milliseconds per request, and each response's total (or -1)."""
    timings, totals = [], []
    with httpx.Client(base_url=base, timeout=30) as client:
        for url in urls[:20]:  # warm-up
            client.get(url)
        for url in urls:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{base}{url}: HTTP {response.status_code} {response.text[:200]}")
            data = response.json()
            totals.append(int(data.get("total", data.get("filtered_table_rows_count", -1)) or 0))
    return timings, totals


def process_cpu_ms(pid: int) -> float:
    """User + system CPU time of process `pid` so far, in ms (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def time_http_rounds(
    base: str, urls: list[str], rounds: int, pid: int
) -> list[tuple[list[float], float]]:
    """Per round: milliseconds per request (no warm-up), and the server's CPU ms per request."""
    out = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(rounds):
            timings, cpu_start = [], process_cpu_ms(pid)
            for url in urls:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{base}{url}: HTTP {response.status_code}")
            out.append((timings, (process_cpu_ms(pid) - cpu_start) / len(urls)))
    return out


def serve_rounds(url: str, queries: list[dict], rounds: int = 2) -> dict[str, list[float]]:
    """`ombuds serve` started afresh, then `rounds` timed passes over the queries (see the
    module's docstring); prints each round's server CPU time."""
    port = free_port()
    server = start_server(
        [str(VENV_BIN / "ombuds"), "serve", "--db", url, "--port", str(port)],
        f"http://127.0.0.1:{port}/api/decisions?limit=1",
    )
    try:
        measured = time_http_rounds(
            f"http://127.0.0.1:{port}",
            ["/api/decisions?" + urlencode({**q, "limit": 20}) for q in queries],
            rounds,
            server.pid,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    results = {}
    for number, (timings, cpu) in enumerate(measured, start=1):
        name = "ombuds, HTTP, round 1" if number == 1 else f"ombuds, HTTP, round {number}"
        results[name] = timings
        print(f"{name}: server CPU {cpu:.1f} ms a request (user + sys, mean)")
    return results


# The CPU time of each in-process search (this thread's own: SQLite works in it; a PostgreSQL
# server's work is not counted), per round: on a shared machine, wall time also counts the time
# other people's processes held the cores.
CPU_RUNS: list[list[float]] = []


def time_in_process(
    url: str, queries: list[dict], rounds: int = 1, *, warm: bool = False
) -> list[list[float]]:
    """Milliseconds per search, one list per round: after a warm-up of 20 searches, or with
    `warm`, after `Store.warm_search()` (what the web app does at start-up) and no warm-up."""
    store = open_store(url, create=False)
    try:
        search_queries = [search_query(q) for q in queries]
        if warm:
            store.search(SearchQuery(limit=1))  # the column index, as the web app builds it
            start, start_cpu = time.perf_counter(), time.process_time()
            stems = store.warm_search()
            print(
                f"in process, Store.warm_search: {stems} stems in "
                f"{time.perf_counter() - start:.2f} s (CPU {time.process_time() - start_cpu:.2f} s)"
            )
        for query in search_queries[: 0 if warm else 20]:
            store.search(query)
        runs = []
        for _ in range(max(1, rounds)):
            timings, cpu = [], []
            for query in search_queries:
                start, start_cpu = time.perf_counter(), time.thread_time()
                store.search(query)
                cpu.append((time.thread_time() - start_cpu) * 1000)
                timings.append((time.perf_counter() - start) * 1000)
            runs.append(timings)
            CPU_RUNS.append(cpu)
        return runs
    finally:
        store.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def in_process_only(url: str, count: int, rounds: int) -> int:
    """A first pass over the queries with the search caches cold (the column index built by
    one search before it), then `rounds` warm passes: wall and this thread's CPU time."""
    queries = [search_query(q) for q in make_queries(count, 0)]
    store = open_store(url, create=False)
    try:
        start = time.perf_counter()
        store.search(queries[0])
        print(f"first search (builds the column index): {time.perf_counter() - start:.1f} s")
        print(f"{'':30}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'max ms':>9}")
        for number in range(rounds + 1):
            timings, cpu = [], []
            for query in queries:
                start, start_cpu = time.perf_counter(), time.thread_time()
                store.search(query)
                cpu.append((time.thread_time() - start_cpu) * 1000)
                timings.append((time.perf_counter() - start) * 1000)
            name = f"round {number}" if number else "first pass (cold caches)"
            for label, values in ((name, timings), ("  its CPU time", cpu)):
                print(
                    f"{label:30}{percentile(values, 0.5):9.1f}{percentile(values, 0.95):9.1f}"
                    f"{statistics.fmean(values):9.1f}{max(values):9.1f}"
                )
    finally:
        store.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Search latency: ombuds (in process and HTTP) beside Datasette.",
        epilog="Example: python bench/search.py --db /tmp/ombuds-bench/ombuds.db",
    )
    parser.add_argument("--db", type=Path, default=None, help="the SQLite file ingest built")
    parser.add_argument(
        "--url",
        default=None,
        help="or any database URL (postgresql://...): ombuds only, in process and over HTTP",
    )
    parser.add_argument("--queries", type=int, default=300, help="queries (default 300)")
    parser.add_argument("--seed", type=int, default=0, help="query seed (default 0)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="in-process passes; best and spread (default 3)"
    )
    parser.add_argument(
        "--in-process-only",
        action="store_true",
        help="only Store.search in this process: a first pass with cold caches, then --rounds "
        "warm passes, wall and CPU time (no warm-up, no HTTP, no Datasette)",
    )
    args = parser.parse_args(argv)
    if args.in_process_only and (args.db or args.url):
        return in_process_only(args.url or f"sqlite:///{args.db}", args.queries, args.rounds)
    if (args.db is None) == (args.url is None):
        raise SystemExit("give --db FILE (SQLite, with Datasette beside) or --url URL")
    if args.db is not None and not args.db.exists():
        raise SystemExit(f"{args.db}: no such database (run bench/ingest.py --keep DIR first)")
    url = args.url or f"sqlite:///{args.db}"

    queries = make_queries(args.queries, args.seed)
    runs = time_in_process(url, queries, args.rounds)
    p95s = [percentile(t, 0.95) for t in runs]
    cpu95 = [percentile(t, 0.95) for t in CPU_RUNS[-len(runs) :]]
    print(
        f"in process, {len(runs)} rounds: p95 best {min(p95s):.1f} ms, spread "
        f"{min(p95s):.1f}-{max(p95s):.1f} ms; CPU time p95 best {min(cpu95):.1f} ms "
        f"(p50 {min(percentile(t, 0.5) for t in CPU_RUNS[-len(runs) :]):.1f} ms)"
    )
    warmed = time_in_process(url, queries, 1, warm=True)[0]
    results = {
        "ombuds, in process, round 1": runs[0],
        "ombuds, in process, best": min(runs, key=lambda t: percentile(t, 0.95)),
        "in process, warmed, round 1": warmed,
    }
    if args.url:
        results |= serve_rounds(url, queries)
        print(f"\n{'':28}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'max ms':>9}")
        for name, timings in results.items():
            print(
                f"{name:28}{percentile(timings, 0.5):9.1f}{percentile(timings, 0.95):9.1f}"
                f"{statistics.fmean(timings):9.1f}{max(timings):9.1f}"
            )
        return 0

    datasette_db = args.db.with_name("datasette.db")
    start = time.perf_counter()
    build_datasette_db(args.db, datasette_db)
    print(
        f"{len(queries)} queries; Datasette copy {datasette_db} ready in "
        f"{time.perf_counter() - start:.1f} s"
    )

    ours_port, theirs_port = free_port(), free_port()
    ours_urls = ["/api/decisions?" + urlencode({**q, "limit": 20}) for q in queries]
    theirs_urls = ["/datasette/decisions.json?" + urlencode(datasette_params(q)) for q in queries]
    servers = []
    try:
        servers.append(
            start_server(
                [
                    str(VENV_BIN / "ombuds"),
                    "serve",
                    "--db",
                    f"sqlite:///{args.db}",
                    "--port",
                    str(ours_port),
                ],
                f"http://127.0.0.1:{ours_port}/api/decisions?limit=1",
            )
        )
        results["ombuds, HTTP"], ours_totals = time_http(f"http://127.0.0.1:{ours_port}", ours_urls)
        servers.pop().terminate()
        servers.append(
            start_server(
                [
                    str(VENV_BIN / "datasette"),
                    "serve",
                    "-i",
                    str(datasette_db),
                    "--port",
                    str(theirs_port),
                    "--setting",
                    "suggest_facets",
                    "off",
                    "--setting",
                    "facet_time_limit_ms",
                    "10000",
                    "--setting",
                    "sql_time_limit_ms",
                    "30000",
                    "--setting",
                    "default_facet_size",
                    "30",
                ],
                f"http://127.0.0.1:{theirs_port}/datasette/decisions.json?_size=1",
            )
        )
        results["Datasette, HTTP"], theirs_totals = time_http(
            f"http://127.0.0.1:{theirs_port}", theirs_urls
        )
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)

    print(f"\n{'':22}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'max ms':>9}")
    summary = {}
    for name, timings in results.items():
        summary[name] = (percentile(timings, 0.5), percentile(timings, 0.95))
        print(
            f"{name:28}{summary[name][0]:9.1f}{summary[name][1]:9.1f}"
            f"{statistics.fmean(timings):9.1f}{max(timings):9.1f}"
        )
    ours, theirs = summary["ombuds, HTTP"], summary["Datasette, HTTP"]
    print(
        f"\nratio ombuds HTTP / Datasette: p50 {ours[0] / theirs[0]:.2f}, "
        f"p95 {ours[1] / theirs[1]:.2f} (target <= 1)"
    )
    for name in ("ombuds, in process, best", "ombuds, HTTP"):
        p95 = summary[name][1]
        print(
            f"{name}: p95 {p95:.1f} ms (target <= {TARGET_P95_MS:g} ms: "
            f"{'met' if p95 <= TARGET_P95_MS else 'NOT met'})"
        )
    same = sum(a == b for a, b in zip(ours_totals, theirs_totals, strict=False))
    print(
        f"same total number of matches as Datasette: {same} of {len(queries)} queries "
        "(ombuds matches a word by its Snowball stem over whole words, Datasette by FTS5's "
        "porter tokens, so a few totals differ)"
    )
    print(
        json.dumps({k: {"p50": round(v[0], 2), "p95": round(v[1], 2)} for k, v in summary.items()})
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
