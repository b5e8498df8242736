"""Benchmark: `ombuds ingest` against the floor of a raw SQLite FTS5 insert, corpus by corpus.

    python bench/ingest.py --rounds 3      # 100,000 decisions of each corpus (targets: <= 3x, 500 MB)
    python bench/ingest.py --n 10000 --rounds 3              # the 10,000 size (target <= 4x)
    python bench/ingest.py --n 5000 --corpora seeds          # a quick run while developing
    python bench/ingest.py --keep /tmp/ombuds-bench          # keep corpora and DBs for search.py

Corpora (bench/corpora.py): synthetic (long, tidy decisions), seeds (the five seed texts varied:
short, with their copied-page noise), pages (the saved HTML pages varied: navigation, cookie
banners, scripts), and dev (the shared real decisions varied, read in place; not the default).

Why this shape: the floor is what any full-text store must at least do with the same files
(read, decode, insert into FTS5, in batched transactions, with the same durable-but-fast pragmas),
so the ratio shows what parsing, the structured store and the ranking counts cost on top. Each
side runs in its own child process so that its memory is its own: ru_maxrss (read with
os.wait4) for its largest process, and the peak total PSS of its process tree, because ingest
parses in worker processes. The timing is measured inside the child and excludes interpreter
start-up, which is reported apart with the other parts of the ingest's time (imports, opening the
store, finding the files, the writer's busy time). The machine is shared: `--rounds` alternates
floor and ingest, and the best and the spread of each side are reported.
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

from bench import corpora  # noqa: E402

FLOOR_BATCH = 500
TARGET_RATIO = 3.0  # at 100,000 decisions
TARGET_RATIO_SMALL = 4.0  # below 100,000 (start-up weighs more)
TARGET_PEAK_MB = 500.0
SUFFIXES = {".txt", ".html", ".htm"}


def corpus_files(folder: Path) -> list[Path]:
    return corpora.files(folder)


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
    """`ombuds ingest CORPUS --db sqlite:///DB`: the service function the command calls, with
    where its time goes (imports, opening the store, finding files, the writer's busy time)."""
    started = time.perf_counter()
    from ombuds.corpus import ingest as ingest_module
    from ombuds.corpus import service
    from ombuds.corpus.store.base import Store

    imported = time.perf_counter()
    parts = {"write": 0.0, "open": 0.0, "find files": 0.0}
    real_upsert, real_find, real_open = (
        Store.upsert_many,
        ingest_module._checked,
        service.open_store,
    )

    def timed(part, function):
        def run(*args, **kwargs):
            begin = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                parts[part] += time.perf_counter() - begin

        return run

    # Opening the store overlaps the first files' parsing (ingest_paths opens it once the
    # parsing processes are started), so its time is not all added to the ingest's.
    Store.upsert_many = timed("write", real_upsert)  # type: ignore[method-assign]
    ingest_module._checked = timed("find files", real_find)
    service.open_store = timed("open", real_open)
    try:
        report = service.ingest_paths(url_of(db_path), [corpus])
    finally:
        Store.upsert_many, ingest_module._checked, service.open_store = (
            real_upsert,
            real_find,
            real_open,
        )
    return {
        "seconds": time.perf_counter() - imported,
        "imports": imported - started,
        "parts": parts,
        "report": report.summary(),
    }


def url_of(db_path: Path) -> str:
    text = str(db_path)
    return text if "://" in text else f"sqlite:///{db_path}"


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


def _spread(values: list[float]) -> str:
    return f"{min(values):.1f}-{max(values):.1f}" if len(values) > 1 else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: python bench/ingest.py --n 5000 --corpora seeds pages",
    )
    parser.add_argument("--n", type=int, default=100_000, help="decisions per corpus (100000)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument(
        "--corpora",
        nargs="+",
        choices=corpora.KINDS,
        default=["synthetic", "seeds", "pages"],
        help="corpora to measure, side by side (default: synthetic seeds pages)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="work in this folder and keep the corpora and DBs (ombuds-KIND.db) for search.py",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="alternate floor and ingest this many times and compare the best of each, with "
        "the spread (the machine is shared; default 1)",
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
    folders = {}
    for kind in args.corpora:
        folder = work / f"corpus-{kind}"
        generated = corpora.write(folder, kind, args.n, seed=args.seed, processes=2)
        files = corpus_files(folder)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        print(
            f"corpus {kind}: {len(files)} files, {megabytes:.0f} MB in {folder}"
            + (f" (generated in {generated:.1f} s)" if generated else " (reused)")
        )
        folders[kind] = (folder, len(files))

    runs: dict[str, dict[str, list]] = {kind: {"floor": [], "ingest": []} for kind in folders}
    for round_ in range(1, max(1, args.rounds) + 1):
        for kind, (folder, _count) in folders.items():
            for side in ("floor", "ingest"):
                db = work / f"{'floor' if side == 'floor' else 'ombuds'}-{kind}.db"
                for leftover in db.parent.glob(db.name + "*"):
                    leftover.unlink()
                runs[kind][side].append((*run_child(side, folder, db), db))
            floor_s = runs[kind]["floor"][-1][0]["seconds"]
            ingest_s = runs[kind]["ingest"][-1][0]["seconds"]
            print(
                f"round {round_} {kind}: floor {floor_s:.1f} s, ingest {ingest_s:.1f} s "
                f"({ingest_s / floor_s:.2f}x)"
            )

    print(
        f"\n{'corpus':10}{'side':8}{'best s':>8}{'spread s':>12}{'dec/s':>8}{'max RSS MB':>12}"
        f"{'tree PSS MB':>13}{'DB MB':>8}"
    )
    verdicts, summary = [], {}
    for kind, (_folder, count) in folders.items():
        best = {}
        for side in ("floor", "ingest"):
            rounds = runs[kind][side]
            result, _rss, _pss, db = min(rounds, key=lambda r: r[0]["seconds"])
            rss = max(r[1] for r in rounds)  # memory: the worst round, not the fastest
            pss = max(r[2] for r in rounds)
            best[side] = (result, rss, pss)
            size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
            print(
                f"{kind:10}{side:8}{result['seconds']:8.1f}"
                f"{_spread([r[0]['seconds'] for r in rounds]):>12}"
                f"{count / result['seconds']:8.0f}{rss:12.0f}{pss:13.0f}{size:8.0f}"
            )
        ratio = best["ingest"][0]["seconds"] / best["floor"][0]["seconds"]
        peak = max(best["ingest"][1], best["ingest"][2])
        target = TARGET_RATIO if count >= 100_000 else TARGET_RATIO_SMALL
        verdicts.append((kind, ratio, target, peak, best["ingest"][0]))
        summary[kind] = {"ratio": round(ratio, 2), "peak_mb": round(peak)}
    print(
        "(best: the fastest round; spread: fastest-slowest; memory: the worst round. max RSS: "
        "the largest single process; tree PSS: all its processes, sampled every 0.2 s)\n"
    )
    for kind, ratio, target, peak, result in verdicts:
        parts = result["parts"]
        print(
            f"{kind}: ratio ingest / floor: {ratio:.2f} (target <= {target:g}: "
            f"{'met' if ratio <= target else 'NOT met'}); peak memory of ingest: {peak:.0f} MB "
            f"(target <= {TARGET_PEAK_MB:g} MB: {'met' if peak <= TARGET_PEAK_MB else 'NOT met'})"
        )
        print(
            f"  where the ingest's time went: imports {result['imports']:.2f} s (before the "
            f"timing), open store {parts['open']:.2f} s (beside the first files' parsing), "
            f"find files (count) {parts['find files']:.2f} s, "
            f"writer busy {parts['write']:.1f} s of {result['seconds']:.1f} s"
        )
        print(f"  ingest report: {result['report']}")
    print(json.dumps(summary))
    if args.keep:
        print(f"kept: {work} (corpus-KIND/, ombuds-KIND.db)")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
