"""Benchmark: CPU of `terms.count_words` per decision, with the C extension and without it.

    python bench/count_words.py /tmp/corpus-seeds --n 2000
    PYTHONPATH=/work/main/src python bench/count_words.py /tmp/corpus-seeds   # another tree's

The first `--n` files of a corpus folder (bench/corpora.py) are parsed as ingest parses them
(`ingest.read_decision`), then their texts are counted, best of `--rounds`, in CPU time of this
process (time.process_time), and wall time beside it: "C" as ingest counts when the extension
`_wordcount` is built, "Python" with it set aside (`terms._count_in_c = None`, the fallback). A
tree without the extension (main before it) measures "Python" only. Also: the share of the texts
that take the ASCII fast path (the part in C), and that both give the same results.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpora  # noqa: E402


def _best(texts: list[str], rounds: int) -> tuple[float, float, list]:
    from ombuds.corpus.store.terms import count_words

    best_cpu = best_wall = float("inf")
    results: list = []
    for _round in range(max(1, rounds)):
        cpu, wall = time.process_time(), time.perf_counter()
        results = [count_words(t) for t in texts]
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return best_cpu, best_wall, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus folder (bench/corpora.py)")
    parser.add_argument("--n", type=int, default=2000, help="files to measure (default 2000)")
    parser.add_argument("--rounds", type=int, default=5, help="best of this many (default 5)")
    args = parser.parse_args(argv)

    from ombuds.corpus import ingest
    from ombuds.corpus.store import terms

    texts = [ingest.read_decision(p).text for p in corpora.files(args.corpus)[: args.n]]
    n = len(texts)
    ascii_share = sum(
        t.isascii() or all(ord(c) < 128 or c in terms.WIDE_PUNCTUATION for c in t) for t in texts
    )
    size = sum(len(t) for t in texts) / n
    print(
        f"{args.corpus.name}: {n} decisions, {size / 1024:.1f} K characters a decision, "
        f"{ascii_share / n:.0%} on the ASCII path; count_words, ms a decision, best of "
        f"{args.rounds} (terms from {Path(terms.__file__).parent})"
    )
    built = getattr(terms, "_count_in_c", None)
    found = {}
    if built is not None:
        cpu, wall, found["C"] = _best(texts, args.rounds)
        print(f"  C       CPU {cpu / n * 1000:.4f}  wall {wall / n * 1000:.4f}")
        terms._count_in_c = None
    cpu, wall, found["Python"] = _best(texts, args.rounds)
    print(f"  Python  CPU {cpu / n * 1000:.4f}  wall {wall / n * 1000:.4f}")
    if built is not None:
        terms._count_in_c = built
        same = found["C"] == found["Python"]
        print(f"  C and Python give the same results: {same}")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
