"""PostgreSQL's phrase index: each decision's pairs of adjacent words, per ingest block.

Revision ID: 0004_phrase_pairs
Revises: 0003_precedents
Create Date: 2026-12-05

Adds `rank_pairs` (pair key, block, decision ids; see `ombuds/corpus/store/pairs.py`) on
PostgreSQL and fills it for every decision already stored, so that an upgraded corpus finds its
phrases from pairs like a new one. Each decision's pairs go into its current block
(`decisions.rank_block`), as if the ingest that wrote it had written them: the blocks, the
generation and the word counts are left as they are. The texts are read a block at a time and
their pairs computed by one process per core; progress goes to standard error. SQLite is not
changed (FTS5 keeps positions of its own).
"""

import multiprocessing
import os
import sys
import time
from multiprocessing.pool import AsyncResult

import sqlalchemy as sa
from alembic import op

revision = "0004_phrase_pairs"
down_revision = "0003_precedents"
branch_labels = None
depends_on = None

REPORT_EVERY = 30.0  # seconds between progress lines


def _texts(bind: sa.Connection, block: int) -> tuple[list[int], list[str]]:
    rows = bind.execute(
        sa.text(
            "SELECT d.id, doc.text FROM decisions d JOIN decision_documents doc "
            "ON doc.decision_id = d.id WHERE d.rank_block = :block ORDER BY d.id"
        ),
        {"block": block},
    ).all()
    return [int(r[0]) for r in rows], [r[1] for r in rows]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from ombuds.corpus.store.pairs import pairs_of

    op.create_table(
        "rank_pairs",
        sa.Column("pair", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("block", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("ids", sa.LargeBinary, nullable=False),
    )
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
    # Forked workers compute the pairs of one block while this process reads the next and
    # writes the last (they never touch the connection).
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: tuple[int, list[int], AsyncResult] | None = None
        for block in blocks:
            ids, texts = _texts(bind, block)
            share = max(1, -(-len(texts) // workers))
            chunks = [texts[i : i + share] for i in range(0, len(texts), share)]
            started = (block, ids, pool.map_async(pairs_of, chunks))
            if pending is not None:
                done += _write(bind, *pending)
            pending = started
            now = time.monotonic()
            if now - last_report >= REPORT_EVERY:
                last_report = now
                print(
                    f"ombuds: phrase pairs of {done:,} of {total:,} decisions written "
                    f"({now - begin:.0f} s)",
                    file=sys.stderr,
                    flush=True,
                )
        if pending is not None:
            _write(bind, *pending)


def _write(bind: sa.Connection, block: int, ids: list[int], results: AsyncResult) -> int:
    from ombuds.corpus.store.pairs import write_pairs

    pairs = [p for part in results.get() for p in part]
    write_pairs(bind, list(zip(ids, pairs, strict=True)), block)
    return len(ids)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table("rank_pairs")
