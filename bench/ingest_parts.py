"""Benchmark: where ingest's CPU goes, per decision, part by part, in one process.

    python bench/ingest_parts.py /tmp/corpus-pages --n 2000
    python bench/ingest_parts.py /tmp/corpus-seeds --n 2000 --profile writer   # cProfile a part

Each part is timed in CPU time of this process (time.process_time: it does not move with the
machine's load the way wall time does), over the first `--n` files of a corpus folder written
by bench/corpora.py (or bench/ingest.py --keep):

    parse     read the file and parse it (`ingest.read_decision`; the parser's own cost)
    prepare   the rows the writer stores: word counts, the JSON document, the hash (`prepare`)
    hand-off  what crosses from a parsing process to the writer: pickled there, unpickled here
              (both sides' CPU, as ingest's worker pool pays them)
    writer    `Store.upsert_many` of batches of ingest.BATCH_SIZE into a new SQLite database
    floor     the floor of bench/ingest.py: read, decode and insert into a bare FTS5 table

The parsing processes pay parse, prepare and the pickling; the main process the unpickling and
the writer; with two cores, the whole is what the machine must do for each decision.

`--pool` measures instead what the hand-off costs the main process as ingest runs it: the files
parsed by 2 processes (`ingest._parsing`) and only received, CPU of the main process and of the
parsing processes per decision.

`--start-up` measures the fixed costs instead, each round in a fresh process that has imported
what bench/ingest.py's child imports before its timing: opening a new SQLite store (creating its
tables; the main process, beside the first files' parsing), and the first decision parsed
against the same file parsed again (what each parsing process pays once: the grounds tables'
regexes, their literals and the line matcher's automaton).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpora  # noqa: E402

PARTS = ("parse", "prepare", "hand-off", "writer", "floor")


def _cpu(run, profile: bool = False):
    profiler = cProfile.Profile() if profile else None
    start = time.process_time()
    if profiler:
        profiler.enable()
    result = run()
    if profiler:
        profiler.disable()
    spent = time.process_time() - start
    if profiler:
        pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(30)
    return result, spent


def _measure(
    files: list[Path], profile: str | None
) -> tuple[dict[str, float], float, float, float]:
    """CPU seconds of each part over `files`, of pickling and unpickling, and the pickled size."""
    from ombuds.corpus import ingest
    from ombuds.corpus.store import open_store
    from ombuds.corpus.store.writer import prepare

    n = len(files)
    spent: dict[str, float] = {}
    items, spent["parse"] = _cpu(
        lambda: [ingest.read_decision(p) for p in files], profile == "parse"
    )
    prepared, spent["prepare"] = _cpu(lambda: [prepare(i) for i in items], profile == "prepare")
    pickled, pickling = _cpu(lambda: [pickle.dumps(p, pickle.HIGHEST_PROTOCOL) for p in prepared])
    prepared, unpickling = _cpu(lambda: [pickle.loads(b) for b in pickled])
    spent["hand-off"] = pickling + unpickling
    size = sum(map(len, pickled)) / n
    with tempfile.TemporaryDirectory() as work:
        store = open_store(f"sqlite:///{work}/parts.db")

        def write() -> None:
            for start in range(0, n, ingest.BATCH_SIZE):
                store.upsert_many(prepared[start : start + ingest.BATCH_SIZE])

        _none, spent["writer"] = _cpu(write, profile == "writer")
        store.close()

        def floor() -> None:
            connection = sqlite3.connect(f"{work}/floor.db", isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("CREATE VIRTUAL TABLE raw USING fts5(text)")
            for start in range(0, n, 500):
                connection.execute("BEGIN")
                connection.executemany(
                    "INSERT INTO raw(text) VALUES (?)",
                    [(p.read_bytes().decode("utf-8"),) for p in files[start : start + 500]],
                )
                connection.execute("COMMIT")
            connection.close()

        _none, spent["floor"] = _cpu(floor, profile == "floor")
    return spent, pickling, unpickling, size


def _pool(corpus: Path, n: int) -> int:
    import resource

    from ombuds.corpus import ingest

    files = [str(path) for path in corpora.files(corpus)[:n]]
    before = resource.getrusage(resource.RUSAGE_SELF)
    with ingest._parsing(iter(files), len(files), 2) as parsed:
        count = sum(1 for _result in parsed)
    after = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    main = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(
        f"{corpus.name}: {count} decisions through 2 parsing processes, CPU ms a decision: "
        f"main process {main / count * 1000:.3f}, parsing processes "
        f"{(workers.ru_utime + workers.ru_stime) / count * 1000:.3f}"
    )
    return 0


_START_UP = """
import sys, tempfile, time
from ombuds.corpus import ingest, service
cpu = time.process_time
with tempfile.TemporaryDirectory() as work:
    begin = cpu()
    service.open_store(f"sqlite:///{work}/new.db").close()
    opened = cpu()
    ingest.read_decision(sys.argv[1])
    first = cpu()
    ingest.read_decision(sys.argv[1])
    print(opened - begin, first - opened, cpu() - first)
"""


def _start_up(corpus: Path, rounds: int) -> int:
    import subprocess

    first_file = str(corpora.files(corpus)[0])
    runs = [
        [
            float(v)
            for v in subprocess.check_output(
                [sys.executable, "-c", _START_UP, first_file], text=True
            ).split()
        ]
        for _round in range(max(1, rounds))
    ]
    best = [min(run[i] for run in runs) for i in range(3)]
    print(
        f"{corpus.name}: start-up, CPU s, best of {len(runs)} fresh processes: open a new store "
        f"{best[0]:.3f}; first decision parsed {best[1]:.3f}, the same again {best[2]:.4f}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus folder (bench/corpora.py)")
    parser.add_argument("--n", type=int, default=2000, help="files to measure (default 2000)")
    parser.add_argument("--profile", choices=PARTS, default=None, help="cProfile this part")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many (default 3)")
    parser.add_argument("--pool", action="store_true", help="the hand-off through the pool")
    parser.add_argument("--start-up", action="store_true", help="the fixed costs (see above)")
    args = parser.parse_args(argv)
    if args.start_up:
        return _start_up(args.corpus, args.rounds)
    if args.pool:
        return _pool(args.corpus, args.n)
    files = corpora.files(args.corpus)[: args.n]
    n = len(files)
    best: dict[str, float] = {}
    for _round in range(max(1, args.rounds)):
        spent, pickling, unpickling, size = _measure(files, args.profile)
        for part, seconds in (*spent.items(), ("pickling", pickling), ("unpickling", unpickling)):
            best[part] = min(best.get(part, seconds), seconds)
    print(
        f"{args.corpus.name}: {n} decisions, CPU ms a decision, best of {args.rounds} "
        f"(pickled {size / 1024:.1f} KB a decision)"
    )
    print("  " + "  ".join(f"{part} {best[part] / n * 1000:.3f}" for part in PARTS))
    print(
        f"  hand-off: pickling {best['pickling'] / n * 1000:.3f}, "
        f"unpickling {best['unpickling'] / n * 1000:.3f}"
    )
    total = sum(best[p] for p in PARTS if p != "floor")
    print(f"  ingest in all {total / n * 1000:.3f} ms = {total / best['floor']:.2f}x the floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
