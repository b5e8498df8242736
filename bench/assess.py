"""Assess a structured complaint in process: the median must be <= 10 ms.

Times, for the five seed complaints and every example complaint, (a) `assess` on an already
loaded complaint (the rules alone) and (b) `assess_file` (read the YAML, validate it, assess).
Prints the median and 95th percentile of each, and their ratio to the 10 ms target. Drafting is
measured by bench/draft.py.

Run:  .venv/bin/python bench/assess.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 10.0


def _times_ms(fn, repeat: int) -> list[float]:
    for _ in range(min(20, repeat)):  # warm up: rule loading, parameter and schema caches
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="timed runs per complaint")
    args = parser.parse_args(argv)

    from ombuds.code import assess, assess_file
    from ombuds.complaint import load_complaint

    files = sorted((ROOT / "examples" / "seeds").glob("*.yaml"))
    files += sorted(
        p for p in (ROOT / "examples" / "complaints").glob("*.yaml") if p.name != "expected.yaml"
    )
    rules_only, whole = [], []
    for path in files:
        complaint = load_complaint(path)
        rules_only += _times_ms(lambda c=complaint: assess(c), args.repeat)
        whole += _times_ms(lambda p=path: assess_file(p), args.repeat)
    print(f"complaints: {len(files)}, timed runs each: {args.repeat}")
    failed = False
    for label, times in (
        ("assess (loaded complaint)", rules_only),
        ("assess_file (YAML -> Assessment)", whole),
    ):
        median, p95 = _summary(times)
        ratio = median / TARGET_MS
        failed |= median > TARGET_MS
        print(
            f"{label:34s} median {median:6.3f} ms   p95 {p95:6.3f} ms   median/target {ratio:5.3f}"
        )
    print("target: median <= 10 ms:", "FAIL" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
