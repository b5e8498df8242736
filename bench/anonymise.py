"""Anonymisation speed on one core: ombuds against vanilla Presidio, in the same run.

    .venv/bin/python bench/anonymise.py [--kb 600]

Documents: the five seed decisions and the labelled paragraphs (grouped four to a document),
repeated until the text reaches --kb kilobytes. ombuds runs the whole `anonymise` (detection,
labels, replacement); vanilla Presidio runs AnalyzerEngine (default recognisers, the same spaCy
model) then AnonymizerEngine on the same documents (a quarter of them: it is several times
slower). Both are warmed up first, so model loading is not timed. Prints KB/s and the ratio.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import argparse  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def documents(target_kb: int) -> list[str]:
    from ombuds.privacy.evaluation import load_labelled

    seeds = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "examples/decisions/seeds").glob("*.txt"))
    ]
    paragraphs = [p.text for p in load_labelled(ROOT / "tests/privacy/data/labelled.txt")]
    base = seeds + ["\n\n".join(paragraphs[i : i + 4]) for i in range(0, len(paragraphs), 4)]
    docs, size = [], 0
    while size < target_kb * 1000:
        for doc in base:
            docs.append(doc)
            size += len(doc.encode())
    return docs


def rate(docs: list[str], run) -> tuple[float, float, int, float]:
    """KB/s of wall time, the seconds, the bytes, and KB/s of this process's CPU time (steadier
    on a machine shared with other work: time spent waiting for the core is not counted)."""
    size = sum(len(d.encode()) for d in docs)
    start, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        run(doc)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    return size / seconds / 1000, seconds, size, size / cpu_seconds / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=600, help="kilobytes of text for ombuds")
    args = parser.parse_args()

    from presidio_anonymizer import AnonymizerEngine

    from ombuds.privacy.analyzer import engine, vanilla_engine
    from ombuds.privacy.anonymise import anonymise

    docs = documents(args.kb)
    engine()
    anonymise(docs[0])
    vanilla, anonymizer = vanilla_engine(), AnonymizerEngine()

    def vanilla_run(text: str) -> str:
        return anonymizer.anonymize(text, vanilla.analyze(text, language="en")).text

    vanilla_run(docs[0])
    ours_rate, ours_s, ours_size, ours_cpu = rate(docs, anonymise)
    van_docs = docs[: max(1, len(docs) // 4)]
    van_rate, van_s, van_size, van_cpu = rate(van_docs, vanilla_run)
    print(
        f"ombuds anonymise : {ours_rate:8.1f} KB/s  "
        f"({ours_size / 1000:.0f} KB in {ours_s:.2f} s, "
        f"{len(docs)} documents, one core; {ours_cpu:.1f} KB per CPU second)"
    )
    print(
        f"vanilla Presidio : {van_rate:8.1f} KB/s  ({van_size / 1000:.0f} KB in {van_s:.2f} s; "
        f"{van_cpu:.1f} KB per CPU second)"
    )
    print(f"load average     : {os.getloadavg()[0]:8.1f}  (other work on the machine)")
    print(
        f"ratio            : {ours_rate / van_rate:8.1f}x  (target: ombuds >= 100 KB/s: "
        f"{'met' if ours_rate >= 100 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
