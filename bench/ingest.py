"""Benchmark: `ombuds ingest` against the floor of a raw SQLite FTS5 insert, in the same run.

    python bench/ingest.py                 # 100,000 decisions (targets: ratio <= 3, peak <= 500 MB)
    python bench/ingest.py --n 5000        # a quick run while developing
    python bench/ingest.py --n 100000 --keep /tmp/ombuds-bench   # keep corpus and DB for search.py

Why this shape: the floor is what any full-text store must at least do with the same files
(read, decode, insert into FTS5, in batched transactions, with the same durable-but-fast pragmas),
so the ratio shows what parsing and the structured store cost on top. Each side runs in its own
child process so that its memory is its own: ru_maxrss (read with os.wait4) for its largest
process, and the peak total PSS of its process tree, because ingest parses in worker processes.
The timing is measured inside the child and excludes interpreter start-up; the OS file cache is
warm for both (the generator has just written the files, and the floor reads them first).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402

FLOOR_BATCH = 500
TARGET_RATIO = 3.0
TARGET_PEAK_MB = 500.0
SUFFIXES = {".txt", ".html", ".htm"}


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES)


def write_corpus(folder: Path, n: int, seed: int) -> float:
    """Write the synthetic corpus (reused when a previous run wrote the same n and seed)."""
    marker = folder / ".synthetic.json"
    wanted = {"n": n, "seed": seed, "format": "mixed"}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return 0.0
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    for name, text in synthetic.generate(n, seed, "mixed"):
        (folder / name).write_text(text, encoding="utf-8")
    marker.write_text(json.dumps(wanted))
    return time.perf_counter() - start


def floor_child(corpus: Path, db_path: Path) -> dict:
    """The floor: the same files read and inserted raw into a bare FTS5 table."""
    start = time.perf_counter()
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE VIRTUAL TABLE raw USING fts5(text)")
    batch: list[tuple[str]] = []
    count = 0

    def flush() -> None:
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO raw(text) VALUES (?)", batch)
        connection.execute("COMMIT")
        batch.clear()

    for path in corpus_files(corpus):
        batch.append((path.read_bytes().decode("utf-8"),))
        count += 1
        if len(batch) >= FLOOR_BATCH:
            flush()
    if batch:
        flush()
    connection.close()
    return {"seconds": time.perf_counter() - start, "files": count}


def ingest_child(corpus: Path, db_path: Path) -> dict:
    """`ombuds ingest CORPUS --db sqlite:///DB`: the service function the command calls."""
    from ombuds.corpus.service import ingest_paths

    start = time.perf_counter()
    report = ingest_paths(f"sqlite:///{db_path}", [corpus])
    return {"seconds": time.perf_counter() - start, "report": report.summary()}


def _process_tree(root: int) -> list[int]:
    """`root` and every process descended from it (ingest parses in worker processes)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        tree += frontier
    return tree


def _pss_mb(pid: int) -> float:
    """Proportional set size: a forked worker's pages shared with its parent count once."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_child(mode: str, corpus: Path, db_path: Path) -> tuple[dict, float, float]:
    """Run one side in a child process: its JSON result, the peak resident memory of its
    largest process (ru_maxrss from os.wait4, MB) and the peak total PSS of its whole process
    tree (sampled every 0.2 s, MB)."""
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [sys.executable, __file__, f"--child={mode}", str(corpus), str(db_path)],
            stdout=output,
            cwd=ROOT,
        )
        tree_peak = 0.0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            tree_peak = max(tree_peak, sum(map(_pss_mb, _process_tree(process.pid))))
            time.sleep(0.2)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"the {mode} run failed (exit status {process.returncode})")
        output.seek(0)
        result = json.loads(output.read().decode().strip().splitlines()[-1])
    return result, usage.ru_maxrss / 1024, tree_peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: python bench/ingest.py --n 5000",
    )
    parser.add_argument("--n", type=int, default=100_000, help="decisions (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="work in this folder and keep corpus/ and ombuds.db for search.py",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="alternate floor and ingest this many times and compare the best "
        "of each (the disk and page cache make single runs noisy; default 1)",
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:  # inside a child process: one side of the benchmark
        corpus, db_path = args.paths
        result = (
            floor_child(corpus, db_path) if args.child == "floor" else ingest_child(corpus, db_path)
        )
        print(json.dumps(result))
        return 0

    work = args.keep or Path(tempfile.mkdtemp(prefix="ombuds-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    generated = write_corpus(corpus, args.n, args.seed)
    files = corpus_files(corpus)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(
        f"corpus: {len(files)} files, {megabytes:.0f} MB in {corpus}"
        + (f" (generated in {generated:.1f} s)" if generated else " (reused)")
    )

    floor_db, ombuds_db = work / "floor.db", work / "ombuds.db"
    floors, ingests = [], []
    for round_ in range(1, max(1, args.rounds) + 1):
        for path in (floor_db, ombuds_db):
            for leftover in path.parent.glob(path.name + "*"):
                leftover.unlink()
        floors.append(run_child("floor", corpus, floor_db))
        ingests.append(run_child("ingest", corpus, ombuds_db))
        if args.rounds > 1:
            print(
                f"round {round_}: floor {floors[-1][0]['seconds']:.1f} s, "
                f"ingest {ingests[-1][0]['seconds']:.1f} s"
            )
    floor, floor_peak, floor_tree = min(floors, key=lambda r: r[0]["seconds"])
    ingest, ingest_peak, ingest_tree = min(ingests, key=lambda r: r[0]["seconds"])
    ingest_peak = max(r[1] for r in ingests)  # memory: the worst round, not the fastest
    ingest_tree = max(r[2] for r in ingests)

    ratio = ingest["seconds"] / floor["seconds"]
    peak = max(ingest_peak, ingest_tree)
    rows = [
        ("raw FTS5 insert (floor)", floor["seconds"], floor_peak, floor_tree, floor_db),
        ("ombuds ingest", ingest["seconds"], ingest_peak, ingest_tree, ombuds_db),
    ]
    print(
        f"\n{'':26}{'seconds':>9}{'decisions/s':>13}{'max RSS MB':>12}{'tree PSS MB':>13}"
        f"{'DB MB':>8}"
    )
    for name, seconds, largest, tree, path in rows:
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
        print(
            f"{name:26}{seconds:9.1f}{len(files) / seconds:13.0f}{largest:12.0f}{tree:13.0f}"
            f"{size:8.0f}"
        )
    print(
        "(max RSS: the largest single process; tree PSS: all its processes together, "
        "sampled every 0.2 s)"
    )
    print(
        f"\nratio ingest / floor: {ratio:.2f} (target <= {TARGET_RATIO:g}: "
        f"{'met' if ratio <= TARGET_RATIO else 'NOT met'})"
    )
    print(
        f"peak memory of ingest: {peak:.0f} MB (target <= {TARGET_PEAK_MB:g} MB: "
        f"{'met' if peak <= TARGET_PEAK_MB else 'NOT met'})"
    )
    print(f"ingest report: {ingest['report']}")
    if args.keep:
        print(f"kept: {corpus} and {ombuds_db}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
