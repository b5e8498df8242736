"""Assess and draft a structured complaint, in process: the median must be <= 10 ms.

Times, for each example complaint, the whole path `ombuds draft FILE` takes in process (read and
validate the YAML, assess it, draft the statement, render it as plain text), and its parts, so
that a slow part shows. HTML rendering is timed too. PDF and DOCX rendering are EXCLUDED from the
target (WeasyPrint lays out pages and takes far longer); their time is printed for information.

Run:  .venv/bin/python bench/draft.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 10.0


def _median_ms(fn, repeat: int) -> float:
    for _ in range(min(20, repeat)):  # warm up: template compilation, imports, caches
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="timed runs per example")
    args = parser.parse_args()

    from ombuds.code import assess_file
    from ombuds.statement import draft_statement, render

    files = sorted(
        p
        for p in [*ROOT.glob("examples/seeds/*.yaml"), *ROOT.glob("examples/complaints/*.yaml")]
        if p.name != "expected.yaml"
    )
    if not files:
        print("no example complaints under examples/", file=sys.stderr)
        return 1
    rows = []
    for path in files:
        a = assess_file(path)
        s = draft_statement(a)
        full = _median_ms(
            lambda p=path: render(draft_statement(assess_file(p)), "txt"), args.repeat
        )
        assess = _median_ms(lambda p=path: assess_file(p), args.repeat)
        draft = _median_ms(lambda a=a: draft_statement(a), args.repeat)
        txt = _median_ms(lambda s=s: render(s, "txt"), args.repeat)
        html = _median_ms(lambda s=s: render(s, "html"), args.repeat)
        rows.append((path, full, assess, draft, txt, html))
    print(
        f"{'example':44} {'assess+draft+txt':>16} {'assess':>8} {'draft':>7} {'txt':>6} "
        f"{'html':>6}  (median ms, {args.repeat} runs)"
    )
    for path, *ms in rows:
        name = f"{path.parent.name}/{path.stem}"
        print(f"{name:44} {ms[0]:16.2f} {ms[1]:8.2f} {ms[2]:7.2f} {ms[3]:6.2f} {ms[4]:6.2f}")
    overall = statistics.median(r[1] for r in rows)
    worst = max(r[1] for r in rows)
    print(
        f"\nassess+draft (txt), median over {len(rows)} examples: {overall:.2f} ms; "
        f"slowest example {worst:.2f} ms; target {TARGET_MS:.0f} ms; "
        f"ratio to target {overall / TARGET_MS:.2f}"
    )

    s = draft_statement(assess_file(files[0]))
    docx_ms = _median_ms(lambda: render(s, "docx"), 10)
    pdf_ms = _median_ms(lambda: render(s, "pdf"), 3)
    print(
        f"not in the target: docx {docx_ms:.1f} ms, pdf {pdf_ms:.1f} ms (median, {files[0].stem})"
    )
    return 0 if overall <= TARGET_MS else 2


if __name__ == "__main__":
    raise SystemExit(main())
