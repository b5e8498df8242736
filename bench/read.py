"""Read and assess letters: a one-page letter (median <= 200 ms after warm-up), a 100-page
document (<= 10 s) and loading the pipeline (<= 2 s).

- Load: a fresh Python process imports the reader and builds its pipeline (the pinned model's
  tokenizer, the sentencizer and every cue rule); the time inside that process is reported,
  median of --loads runs.
- One page: every letter of examples/letters (dev, held-out, seeds: 55 real-shaped letters of
  one page or less), read from its file and assessed (`ombuds.reading.service.assess_path`, what
  `ombuds assess LETTER` calls), after a warm-up pass; median and 95th percentile.
- 100 pages: a bundle of about 100 pages (3,000 characters a page) made of the seed decision
  pages as copied from the Ombudsman's site (with their cookie banners, "Back to top" and
  numbering noise) and the letters, with one complaint letter at its head; read and assessed,
  median of --bundle runs.

Run:  .venv/bin/python bench/read.py [--loads 3] [--bundle 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LETTERS = sorted((ROOT / "examples" / "letters").glob("*/*.txt"))
PAGES = sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt"))
TARGETS = {"load": 2.0, "page_ms": 200.0, "bundle": 10.0}
PAGE_CHARS = 3000

_LOAD = """
import time
start = time.perf_counter()
from ombuds.reading.pipeline import get_nlp
get_nlp()
print(time.perf_counter() - start)
"""


def load_seconds(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-W", "ignore", "-c", _LOAD],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def one_page_ms() -> list[float]:
    import yaml

    from ombuds.reading.service import assess_path

    dates = {}
    for folder in {p.parent for p in LETTERS}:
        expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        dates.update({(folder.name, stem): e["assessment_date"] for stem, e in expected.items()})
    for path in LETTERS:  # warm up: the pipeline, the rules, dateparser's tables
        assess_path(path, assessment_date=dates[(path.parent.name, path.stem)])
    times = []
    for path in LETTERS:
        start = time.perf_counter()
        assess_path(path, assessment_date=dates[(path.parent.name, path.stem)])
        times.append((time.perf_counter() - start) * 1000)
    return times


def bundle_text() -> str:
    head = (ROOT / "examples" / "letters" / "dev" / "d24_adult_care_delay_rambling.txt").read_text()
    parts = [head]
    sources = [p.read_text(encoding="utf-8") for p in PAGES + LETTERS]
    i = 0
    while sum(len(p) for p in parts) < 100 * PAGE_CHARS:
        parts.append(sources[i % len(sources)])
        i += 1
    return "\n\n".join(parts)


def bundle_seconds(runs: int) -> tuple[list[float], int]:
    from ombuds.reading.service import assess_path

    text = bundle_text()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bundle.txt"
        path.write_text(text, encoding="utf-8")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            assess_path(path)
            times.append(time.perf_counter() - start)
    return times, len(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--bundle", type=int, default=3)
    args = parser.parse_args(argv)
    import warnings

    warnings.filterwarnings("ignore")
    loads = load_seconds(args.loads)
    pages = sorted(one_page_ms())
    bundles, chars = bundle_seconds(args.bundle)
    load, page, p95 = (
        statistics.median(loads),
        statistics.median(pages),
        pages[int(len(pages) * 0.95) - 1],
    )
    bundle = statistics.median(bundles)
    print(
        f"pipeline load         median {load:6.2f} s   (runs {', '.join(f'{t:.2f}' for t in loads)})"
        f"   target <= {TARGETS['load']} s: ratio {load / TARGETS['load']:.2f}"
    )
    print(
        f"one-page letter       median {page:6.1f} ms, p95 {p95:.1f} ms over {len(pages)} letters"
        f"   target <= {TARGETS['page_ms']:.0f} ms: ratio {page / TARGETS['page_ms']:.2f}"
    )
    print(
        f"100-page bundle       median {bundle:6.2f} s   ({chars:,} characters, ~{chars // PAGE_CHARS} pages)"
        f"   target <= {TARGETS['bundle']} s: ratio {bundle / TARGETS['bundle']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
