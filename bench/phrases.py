"""Benchmark and check: quoted phrases on PostgreSQL from our adjacent word pairs against the
tsvector, on a stored corpus (after migration 0004_phrase_pairs).

    python bench/phrases.py --url postgresql://postgres@127.0.0.1/phrases_100k
    python bench/phrases.py --url postgresql://postgres@127.0.0.1/scratch --ingest FOLDER

For every quoted phrase of the search benchmark's queries (bench/search.py), and two-word
phrases taken from the stored texts (`--sample`), it finds the matching decisions both ways,
cold (a new Store, so no cache), reports any decision found by one way only, with a piece of
its text around the phrase's words, and the time (wall and this process's CPU) of each way.

With --ingest, it empties the database instead and times `ombuds ingest FOLDER` into it: wall
time, the CPU of the ingest's processes (writer and parsing processes) and of the PostgreSQL
backends serving it (read from /proc while it runs), so that the cost of writing pairs can be
compared with and without them (run it once with this tree, once with an older one on
PYTHONPATH) on a machine whose load moves.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from bench import search as search_bench  # noqa: E402
from ombuds.corpus.store import open_store  # noqa: E402
from ombuds.corpus.store.query_text import Term, parse_user_query  # noqa: E402
from ombuds.corpus.store.ranking import _phrase_core  # noqa: E402
from ombuds.corpus.store.terms import PHRASE_STOPWORDS  # noqa: E402


def bench_phrases() -> list[Term]:
    terms = []
    for query in search_bench.make_queries(300, 0):
        text = parse_user_query(query["q"])
        for group in text.groups if text else []:
            terms += [t for t in group if len(t.words) > 1]
    cores = [_phrase_core(t) for t in terms]  # a one-word core is searched as a word
    return list(dict.fromkeys(t for t in cores if len(t.words) > 1))


def sampled_phrases(connection: sa.Connection, n: int, seed: int) -> list[Term]:
    """`n` two- and three-word phrases read from random stored texts."""
    rng = random.Random(seed)
    top = connection.execute(sa.text("SELECT max(decision_id) FROM decision_documents")).scalar()
    terms: list[Term] = []
    while len(terms) < n:
        text = connection.execute(
            sa.text("SELECT text FROM decision_documents WHERE decision_id >= :i LIMIT 1"),
            {"i": rng.randint(1, int(top or 1))},
        ).scalar()
        words = re.findall(r"[^\W_]+", (text or "").lower())
        if len(words) < 4:
            continue
        start = rng.randrange(len(words) - 3)
        picked = tuple(words[start : start + rng.choice((2, 2, 3))])
        if picked[0] in PHRASE_STOPWORDS or picked[-1] in PHRASE_STOPWORDS:
            continue
        terms.append(Term(picked, False))
    return terms


def timed(function, *args):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _backend_cpu(url: str, stop: threading.Event, seen: dict[int, float]) -> None:
    """CPU seconds of each backend of the database (polled from /proc until `stop`)."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    database = engine.url.database
    tick = os.sysconf("SC_CLK_TCK")
    with engine.connect() as connection:
        own = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        while not stop.is_set():
            pids = connection.execute(
                sa.text("SELECT pid FROM pg_stat_activity WHERE datname = :d AND pid <> :own"),
                {"d": database, "own": own},
            ).scalars()
            for pid in pids:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                seen[pid] = max(seen.get(pid, 0.0), (int(fields[11]) + int(fields[12])) / tick)
            connection.commit()
            stop.wait(0.2)
    engine.dispose()


def time_ingest(url: str, folder: str) -> None:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    seen: dict[int, float] = {}
    stop = threading.Event()
    poller = threading.Thread(target=_backend_cpu, args=(url, stop, seen))
    poller.start()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    ombuds = str(Path(sys.executable).parent / "ombuds")
    done = subprocess.run(
        [ombuds, "ingest", folder, "--db", url], check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stop.set()
    poller.join()
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:])
    print(
        f"ingest {wall:.1f} s wall; CPU: ombuds processes {cpu:.1f} s, PostgreSQL backends "
        f"{sum(seen.values()):.1f} s; load {os.getloadavg()[0]:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--sample", type=int, default=100, help="phrases read from the texts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ingest", help="time an ingest of this folder instead (empties --url)")
    args = parser.parse_args(argv)
    if args.ingest:
        time_ingest(args.url, args.ingest)
        return 0
    with open_store(args.url) as store, store.engine.connect() as connection:
        terms = bench_phrases() + sampled_phrases(connection, args.sample, args.seed)
    differ = 0
    rows = []
    for term in terms:
        with open_store(args.url) as store, store.engine.connect() as connection:
            search = store._search
            search.facet_index(connection)  # built outside the timing
            old, old_ms, old_cpu = timed(search.tsvector_ids, connection, term)
            new, new_ms, new_cpu = timed(search.phrase_ids, connection, term)
            only_old = sorted(set(old.tolist()) - set(new.tolist()))
            only_new = sorted(set(new.tolist()) - set(old.tolist()))
            rows.append((term, len(old), old_ms, old_cpu, new_ms, new_cpu))
            if only_old or only_new:
                differ += 1
                print(
                    f'"{" ".join(term.words)}": tsvector only {only_old[:5]} '
                    f"({len(only_old)}), pairs only {only_new[:5]} ({len(only_new)})"
                )
                for i in (only_old + only_new)[:2]:
                    text = connection.execute(
                        sa.text("SELECT text FROM decision_documents WHERE decision_id = :i"),
                        {"i": i},
                    ).scalar()
                    at = re.search(re.escape(term.words[-1]), text or "", re.IGNORECASE)
                    start = max(0, (at.start() if at else 0) - 80)
                    print(f"  {i}: ...{(text or '')[start : start + 160]!r}")
    print(f"\n{'phrase':44}{'matches':>8}{'tsv ms':>9}{'tsv cpu':>9}{'pairs ms':>9}{'cpu':>7}")
    for term, n, a, b, c, d in rows[: len(bench_phrases())]:
        print(f"{' '.join(term.words)[:43]:44}{n:8}{a:9.1f}{b:9.1f}{c:9.1f}{d:7.1f}")
    for name, part in (("bench phrases", rows[: len(bench_phrases())]), ("all", rows)):
        old_ms = [r[2] for r in part]
        new_ms = [r[4] for r in part]
        print(
            f"{name} ({len(part)}): tsvector p50 {statistics.median(old_ms):.1f} ms, max "
            f"{max(old_ms):.0f} ms, total {sum(old_ms):.0f} ms; pairs p50 "
            f"{statistics.median(new_ms):.1f} ms, max {max(new_ms):.0f} ms, total "
            f"{sum(new_ms):.0f} ms"
        )
    print(f"phrases whose matches differ: {differ} of {len(terms)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
