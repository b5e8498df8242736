"""Benchmark: the cost of the bench's quoted phrases on PostgreSQL by the path they take, and
their results, to compare two versions of the code on PYTHONPATH.

    python bench/phrase_paths.py --url postgresql://postgres@127.0.0.1/h_tri_20k
    python bench/phrase_paths.py --url URL --results out.json   # totals and top 20 only

For every quoted phrase of bench/search.py's queries with three words outside the stop words
(one triple: one indexed read) and with four or more (triples intersected, then the tsvector
checks the candidates), `PostgresSearch.phrase_ids` is timed in a new Store (no process cache:
"cold", the OS page cache as the caller left it) and then again ("warm"): wall time, this
process's CPU and the PostgreSQL backend's CPU (read from /proc: the server must be local).

With --results, it writes instead the total and the top 20 references of every phrase query,
with its filters and without, as JSON, for comparing two versions' answers on one database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from bench import search as search_bench  # noqa: E402
from bench.phrases import bench_phrases  # noqa: E402
from ombuds.corpus.store import open_store  # noqa: E402
from ombuds.corpus.store.pairs import _positions  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK * 1000


def results(url: str, out: Path) -> None:
    queries = [q for q in search_bench.make_queries(300, 0) if q["q"].startswith('"')]
    queries += [{"q": q["q"]} for q in queries if len(q) > 1]
    found = {}
    with open_store(url, create=False) as store:
        for query in queries:
            got = store.search(search_bench.search_query(query))
            key = json.dumps(query, sort_keys=True)
            found[key] = [got.total, [h.reference for h in got.results]]
    out.write_text(json.dumps(found, indent=0), encoding="utf-8")
    print(f"{len(found)} searches, {sum(v[0] for v in found.values()):,} matches -> {out}")


def timings(url: str) -> None:
    by_path: dict[str, list[tuple]] = {"3 words": [], "4+ words": []}
    for term in bench_phrases():
        words = len(np.flatnonzero(_positions(" ".join(term.words))))
        if words < 3:
            continue
        with open_store(url, create=False) as store, store.engine.connect() as connection:
            search = store._search
            index = search.facet_index(connection)  # built outside the timing
            pid = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
            row: list = [" ".join(term.words)]
            for _ in range(2):  # cold, then warm
                backend = backend_cpu_ms(pid)
                wall, cpu = time.perf_counter(), time.process_time()
                ids = search.phrase_ids(connection, term, index)
                row += [
                    (time.perf_counter() - wall) * 1000,
                    (time.process_time() - cpu) * 1000,
                    backend_cpu_ms(pid) - backend,
                ]
            by_path["3 words" if words == 3 else "4+ words"].append((*row, len(ids)))
    for path, rows in by_path.items():
        print(f"-- {path}: {len(rows)} phrases (ms: wall, CPU here, PostgreSQL CPU)")
        for r in rows:
            print(
                f"{r[0][:40]:42}{r[7]:6} cold {r[1]:7.1f} ({r[2]:5.1f}, {r[3]:4.0f})  "
                f"warm {r[4]:6.1f} ({r[5]:5.1f}, {r[6]:4.0f})"
            )
        for name, i in (("cold", 1), ("warm", 4)):
            walls = [r[i] for r in rows]
            print(
                f"   {name}: p50 {statistics.median(walls):.1f} ms, max {max(walls):.1f}, total "
                f"{sum(walls):.1f} ms; CPU here {sum(r[i + 1] for r in rows):.1f} ms, "
                f"PostgreSQL {sum(r[i + 2] for r in rows):.0f} ms"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--results", type=Path, help="write totals and top 20 here instead")
    args = parser.parse_args(argv)
    if args.results:
        results(args.url, args.results)
    else:
        timings(args.url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
