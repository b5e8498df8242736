"""The backfill of PostgreSQL's phrase keys (`pairs.py`) for decisions stored before a migration
that adds keys: 0004_phrase_pairs (pairs), 0005_phrase_triples (triples, and its downgrade).

Each decision's keys go into its current block (`decisions.rank_block`), as if the ingest that
wrote it had written them: the blocks, the generation and the word counts are left as they are.
The texts are read a block at a time; their keys are computed by one forked process per core
(at most eight) while this process reads the next block and writes the last; progress goes to
standard error every 30 seconds.

Why `ProcessPoolExecutor` and not `multiprocessing.Pool` (as `ingest._parsing`): Pool's
worker-handler thread wakes whenever a result waits in its queue (it spins while this process is
busy writing), and Pool waits for ever for the results of a worker that died; the executor
raises `BrokenProcessPool` instead.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.pairs import write_pairs

REPORT_EVERY = 30.0  # seconds between progress lines

Compute = Callable[[list[str]], list[bytes]]
Write = Callable[[sa.Connection, list[tuple[int, bytes]], int], None]


def _texts(bind: sa.Connection, block: int) -> tuple[list[int], list[str]]:
    rows = bind.execute(
        sa.text(
            "SELECT d.id, doc.text FROM decisions d JOIN decision_documents doc "
            "ON doc.decision_id = d.id WHERE d.rank_block = :block ORDER BY d.id"
        ),
        {"block": block},
    ).all()
    return [int(r[0]) for r in rows], [r[1] for r in rows]


def backfill(bind: sa.Connection, compute: Compute, write: Write, what: str) -> None:
    """Write `compute`'s keys (a picklable function: texts -> key bytes of each) of every
    stored decision with `write(bind, [(id, keys)], block)`, in `bind`'s transaction."""
    # Writers update this row in every batch: holding it until this transaction commits keeps a
    # process still on the old code from storing a decision in a block the backfill never reads.
    bind.execute(sa.text("SELECT generation FROM corpus_state WHERE id = 1 FOR UPDATE"))
    blocks = [
        int(b)
        for b in bind.execute(
            sa.text(
                "SELECT DISTINCT rank_block FROM decisions WHERE rank_block IS NOT NULL ORDER BY 1"
            )
        ).scalars()
    ]
    if not blocks:
        return
    total = bind.execute(sa.text("SELECT count(*) FROM decisions")).scalar_one()
    begin = last_report = time.monotonic()
    done = 0
    workers = max(1, min(os.cpu_count() or 1, 8))
    context = multiprocessing.get_context("fork")  # the workers never touch the connection
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: tuple[int, list[int], list[Future[list[bytes]]]] | None = None
        for block in blocks:
            ids, texts = _texts(bind, block)
            share = max(1, -(-len(texts) // workers))
            chunks = [texts[i : i + share] for i in range(0, len(texts), share)]
            started = (block, ids, [pool.submit(compute, chunk) for chunk in chunks])
            if pending is not None:
                done += _write(bind, write, *pending)
            pending = started
            now = time.monotonic()
            if now - last_report >= REPORT_EVERY:
                last_report = now
                print(
                    f"ombuds: {what} of {done:,} of {total:,} decisions written "
                    f"({now - begin:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
        if pending is not None:
            _write(bind, write, *pending)


def _write(
    bind: sa.Connection, write: Write, block: int, ids: list[int], results: list[Future]
) -> int:
    keys = [k for part in results for k in part.result()]
    write(bind, list(zip(ids, keys, strict=True)), block)
    return len(ids)


def merge_pairs(connection: sa.Connection, docs: list[tuple[int, bytes]], block: int) -> None:
    """`write_pairs` where some of the rows may be stored already (0005's backfill): the new
    rows go through a temporary table; a row whose (key, block) is stored with other ids gets
    the union of both (a triple key equal to a pair key by chance, or a database already
    holding triples and stamped back), and identical rows are left alone, so that no primary key
    is inserted twice."""
    connection.execute(
        sa.text(
            "CREATE TEMP TABLE IF NOT EXISTS rank_pairs_new "
            "(pair bigint, block integer, ids bytea) ON COMMIT DROP"
        )
    )
    connection.execute(sa.text("TRUNCATE rank_pairs_new"))
    write_pairs(connection, docs, block, table="rank_pairs_new")
    clashes = connection.execute(
        sa.text(
            "SELECT n.pair, n.ids, r.ids FROM rank_pairs_new n "
            "JOIN rank_pairs r ON r.pair = n.pair AND r.block = n.block WHERE r.ids <> n.ids"
        )
    ).all()
    for key, new, old in clashes:
        merged = np.union1d(np.frombuffer(old, "<u4"), np.frombuffer(new, "<u4")).astype("<u4")
        if merged.tobytes() != bytes(old):
            connection.execute(
                sa.text("UPDATE rank_pairs SET ids = :ids WHERE pair = :pair AND block = :block"),
                {"ids": merged.tobytes(), "pair": key, "block": block},
            )
    connection.execute(
        sa.text(
            "INSERT INTO rank_pairs (pair, block, ids) SELECT pair, block, ids "
            "FROM rank_pairs_new ON CONFLICT (pair, block) DO NOTHING"
        )
    )
