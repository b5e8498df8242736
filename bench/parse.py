"""Parser speed: `parse_document` per decision, on the three bench corpora, in CPU time.

Why: ingest parses every file, and the ingest target is at most 3x the cost of a raw SQLite FTS5
insert of the same text; with two cores the whole ingest pipeline may spend about a millisecond
of CPU per decision, so the parser must take well under that. Corpora (bench/corpora.py):

    seeds      the five seed texts varied: short, with their copied-page noise
    pages      the saved HTML pages varied: navigation, cookie banners, scripts
    synthetic  long, tidy decisions (65% text, 35% saved HTML pages)

Each figure is the median of several passes of the CPU time (time.process_time: the machine is
shared, and CPU time moves far less with other work than the wall clock) to parse one decision
as ingest does (`parse_document`: the parsed decision and the text stored). Each pass starts with
everything the parser remembers between decisions forgotten (`ombuds.corpus.parse.forget`), as a
fresh ingest does. The "of which HTML" column is
the part spent turning saved pages into lines (`html_to_text`), over all decisions of the corpus.

    python bench/parse.py                     # 2,000 decisions of each corpus, 5 passes
    python bench/parse.py --n 500 --passes 3 --corpora pages
    python bench/parse.py --profile pages     # cProfile of one pass, the top functions
    python bench/parse.py --against 05d5ba9   # this parser against an earlier commit's, by turns

`--against REV` is for a shared machine: the parser of commit REV (its src/, from git archive)
and the working tree's are measured by turns, each pass in a fresh process, the same corpora,
and the best of `--rounds` turns of each is compared, so that other work slows both alike.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpora
from ombuds.corpus.parse import parse_document

try:
    from ombuds.corpus.parse import forget
except ImportError:  # an older parser (`--against`): it remembered only the lines it matched
    from ombuds.corpus.parse.matching import forget_lines as forget
from ombuds.corpus.parse.html import html_to_text, looks_like_html
from ombuds.inputs import CONTROL_CHARACTERS

CORPORA = ("seeds", "pages", "synthetic")


def texts_of(kind: str, n: int, seed: int) -> list[str]:
    return [text for _name, text in corpora._generate(kind, n, seed, 0)]


def _pass(texts: list[str]) -> float:
    forget()
    start = time.process_time()
    for text in texts:
        parse_document(text, "bench")
    return time.process_time() - start


def per_decision_ms(texts: list[str], passes: int) -> float:
    """Median over `passes` of the CPU time to parse one of `texts`, in milliseconds."""
    for text in texts[:50]:
        parse_document(text, "warm-up")
    return statistics.median(_pass(texts) for _ in range(passes)) / len(texts) * 1e3


def html_ms(texts: list[str], passes: int) -> float:
    """Median CPU time of `html_to_text` per decision of `texts` (0 for plain text)."""
    pages = [CONTROL_CHARACTERS.sub("", t) for t in texts]
    pages = [t for t in pages if looks_like_html(t)]
    if not pages:
        return 0.0
    runs = []
    for _ in range(passes):
        start = time.process_time()
        for page in pages:
            html_to_text(page, "bench")
        runs.append(time.process_time() - start)
    return statistics.median(runs) / len(texts) * 1e3


def fts5_insert_ms(texts: list[str]) -> float:
    """The floor ingest is measured against: the same texts inserted raw into an FTS5 table
    (a file database, one transaction), CPU time per decision, in milliseconds."""
    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(Path(folder) / "floor.db")
        db.execute("create virtual table t using fts5(body)")
        start = time.process_time()
        with db:
            db.executemany("insert into t(body) values (?)", ((t,) for t in texts))
        elapsed = time.process_time() - start
        db.close()
    return elapsed / len(texts) * 1e3


def profile(texts: list[str], top: int = 30) -> None:
    import cProfile
    import pstats

    for text in texts[:50]:
        parse_document(text, "warm-up")
    forget()
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        parse_document(text, "bench")
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


ROOT = Path(__file__).resolve().parents[1]


def _child(kind: str, src: Path, args: argparse.Namespace) -> float:
    """`per_decision_ms` of corpus `kind`, measured in a new process importing `src`'s parser."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
    command += ["--n", str(args.n), "--passes", str(args.passes), "--seed", str(args.seed)]
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return float(done.stdout)


def against(rev: str, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        print(
            f"parse_document, CPU time per decision, best of {args.rounds} turns of "
            f"{args.passes} passes (median), {rev} against the working tree "
            f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}):"
        )
        for kind in args.corpora:
            before, after = [], []
            for _ in range(args.rounds):
                before.append(_child(kind, Path(folder) / "src", args))
                after.append(_child(kind, ROOT / "src", args))
            print(
                f"  {kind:<10} ({args.n}) {rev} {min(before):6.3f} ms   now {min(after):6.3f} ms"
                f"   now/{rev} {min(after) / min(before):4.2f}"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="decisions of each corpus")
    parser.add_argument("--passes", type=int, default=5, help="timed passes (median reported)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--corpora", nargs="+", choices=CORPORA, default=list(CORPORA))
    parser.add_argument("--profile", choices=CORPORA, help="profile one pass over this corpus")
    parser.add_argument("--against", metavar="REV", help="compare with commit REV's parser")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each side (--against)")
    parser.add_argument("--child", choices=CORPORA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(per_decision_ms(texts_of(args.child, args.n, args.seed), args.passes))
        return
    if args.against:
        against(args.against, args)
        return

    if args.profile:
        profile(texts_of(args.profile, args.n, args.seed))
        return
    print(
        f"parse_document, CPU time per decision, median of {args.passes} passes "
        f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}):"
    )
    for kind in args.corpora:
        texts = texts_of(kind, args.n, args.seed)
        size = sum(map(len, texts)) / len(texts) / 1024
        parse = per_decision_ms(texts, args.passes)
        html = html_ms(texts, args.passes)
        floor = statistics.median(fts5_insert_ms(texts) for _ in range(args.passes))
        print(
            f"  {kind:<10} ({args.n}) parse {parse:6.3f} ms, of which HTML {html:5.3f} ms"
            f"   FTS5 insert {floor:6.3f} ms   parse/insert {parse / floor:4.1f}"
            f"   ({size:.1f} KB average)"
        )


if __name__ == "__main__":
    main()
