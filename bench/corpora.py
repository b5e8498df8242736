"""The benchmark corpora, written to folders of files as investigators save them.

    synthetic  long, tidy decisions from bench/synthetic.py (65% text, 35% saved HTML pages)
    seeds      the five seed texts, varied (bench/realshaped.py): short, copied-page noise
    pages      the saved HTML pages of tests/corpus/fixtures/html, varied: navigation, banners
    dev        the real decisions of /work/shared/decisions-dev, varied (read at bench time, never
               copied into the project; not for CI)

A folder is reused when a marker file says it holds the same corpus (kind, n, seed, start).
Corpora that are stored together get disjoint `start` numbers so that no two share a reference.

    python bench/corpora.py seeds 100000 /tmp/corpus-seeds --processes 2
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import realshaped, synthetic

KINDS = ("synthetic", "seeds", "pages", "dev")
SUFFIXES = {".txt", ".html", ".htm"}


def _generate(kind: str, n: int, seed: int, start: int):
    if kind == "synthetic":
        return synthetic.generate(n, seed, "mixed", start=start)
    return realshaped.generate(n, seed, kind, start=start)


def _write_part(args: tuple[Path, str, int, int, int]) -> int:
    folder, kind, n, seed, start = args
    for name, text in _generate(kind, n, seed, start):
        (folder / name).write_text(text, encoding="utf-8")
    return n


def write(
    folder: Path, kind: str, n: int, *, seed: int = 0, start: int = 0, processes: int = 1
) -> float:
    """Write corpus `kind` (n decisions from number `start`) to `folder`, in `processes`
    processes; returns the seconds it took (0 when the folder already held it)."""
    if kind not in KINDS:
        raise SystemExit(f"unknown corpus {kind!r}: one of {', '.join(KINDS)}")
    marker = folder / ".corpus.json"
    wanted = {"kind": kind, "n": n, "seed": seed, "start": start}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return 0.0
    legacy = folder / ".synthetic.json"  # written by earlier versions of bench/ingest.py
    if (
        kind == "synthetic"
        and start == 0
        and legacy.exists()
        and json.loads(legacy.read_text()) == {"n": n, "seed": seed, "format": "mixed"}
    ):
        marker.write_text(json.dumps(wanted))
        return 0.0
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    begin = time.perf_counter()
    parts = max(1, processes) * 8
    size = -(-n // parts)
    jobs = [
        (folder, kind, min(size, n - i), seed, start + i) for i in range(0, n, size) if n - i > 0
    ]
    if processes > 1:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            sum(pool.imap_unordered(_write_part, jobs))
    else:
        for job in jobs:
            _write_part(job)
    marker.write_text(json.dumps(wanted))
    return time.perf_counter() - begin


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python bench/corpora.py pages 10000 /tmp/corpus-pages",
    )
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="first decision number")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args(argv)
    seconds = write(
        args.folder, args.kind, args.n, seed=args.seed, start=args.start, processes=args.processes
    )
    print(f"{args.kind}: {args.n} decisions in {args.folder} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
