"""Parser speed: `parse_text` per decision, on the five seeds and on synthetic decisions.

Why: ingest parses every file, and the ingest target is at most 3x the cost of a raw SQLite FTS5
insert of the same text; the parser must stay well under a millisecond for a typical plain-text
decision. Prints the median of several timed passes (the machine is shared: the median resists
other work better than the mean), per decision, for plain text and for saved HTML pages.

    python bench/parse.py            # 2,000 synthetic decisions of each format, 5 passes
    python bench/parse.py --n 500 --passes 3
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import generate
from ombuds.corpus.parse import parse_text
from ombuds.corpus.parse.matching import forget_lines

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "decisions" / "seeds"


def per_decision_us(texts: list[str], passes: int, forget_each: bool = False) -> float:
    """Median over `passes` of the mean time to parse one of `texts`, in microseconds.

    The parser remembers the lines it has matched (`ombuds.corpus.parse.linewise`), and a real
    ingest parses each decision once: every pass starts with that memo empty, so only lines
    repeated ACROSS the texts of one pass (boilerplate) are found in it. `forget_each` empties
    it before every text too, for texts that are copies of each other (the seeds row).
    """
    for text in texts[:50]:
        parse_text(text, "warm-up")
    runs = []
    for _ in range(passes):
        forget_lines()
        start = time.perf_counter()
        for text in texts:
            if forget_each:
                forget_lines()
            parse_text(text, "bench")
        runs.append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(runs)


def fts5_insert_us(texts: list[str]) -> float:
    """The floor ingest is measured against: the same texts inserted raw into an FTS5 table
    (a file database, one transaction), per decision, in microseconds."""
    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(Path(folder) / "floor.db")
        db.execute("create virtual table t using fts5(body)")
        start = time.perf_counter()
        with db:
            db.executemany("insert into t(body) values (?)", ((t,) for t in texts))
        elapsed = time.perf_counter() - start
        db.close()
    return elapsed / len(texts) * 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="synthetic decisions per format")
    parser.add_argument("--passes", type=int, default=5, help="timed passes (median reported)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    args = parser.parse_args(argv)

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rows = [("seeds (5 copied texts)", seeds * 40, True)]
    for fmt in ("txt", "html"):
        texts = [text for _name, text in generate(args.n, seed=args.seed, fmt=fmt)]
        rows.append((f"synthetic {fmt} ({args.n})", texts, False))
    print(
        f"parse_text, median of {args.passes} passes, per decision "
        "(and the raw FTS5 insert of the same texts, for scale):"
    )
    for label, texts, forget_each in rows:
        size = sum(map(len, texts)) / len(texts) / 1024
        parse = per_decision_us(texts, args.passes, forget_each)
        floor = statistics.median(fts5_insert_us(texts) for _ in range(args.passes))
        print(
            f"  {label:<26} parse {parse / 1000:6.3f} ms   FTS5 insert {floor / 1000:6.3f} ms"
            f"   parse/insert {parse / floor:4.1f}   ({size:.1f} KB average)"
        )


if __name__ == "__main__":
    main()
