"""The store's own word counts, so that every search is ranked alike on SQLite and PostgreSQL.

Revision ID: 0002_rank_index
Revises: 0002_casework (re-chained after main gained it)
Create Date: 2026-12-04

Also adds `corpus_counts` (decisions by facet value, kept by the writer: `stats` at any size),
filled here from the stored rows.

Adds `decisions.words` (length in words) and `decisions.rank_block`, the vocabulary
(`rank_words`: word, Snowball stem) and the counts (`rank_postings`: one row per word and ingest
batch); see `ombuds/corpus/store/terms.py`. Every decision already stored is counted here, in
batches, so that an upgraded corpus ranks its old decisions like new ones; nothing else changes.
On PostgreSQL the word column uses the "C" collation, so that prefix searches (`educat*`) are an
index range.
"""

import numpy as np
import sqlalchemy as sa
from alembic import op

revision = "0002_rank_index"
down_revision = "0002_casework"
branch_labels = None
depends_on = None

BACKFILL_BATCH = 2000


def upgrade() -> None:
    from ombuds.corpus.store.rank_index import forget_vocabulary, write_postings
    from ombuds.corpus.store.terms import count_words

    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("words", sa.Integer))
        batch.add_column(sa.Column("rank_block", sa.Integer))
    # The write generation of each decision's last write: what a search's column index reads to
    # catch up after a write (facet_index.FacetIndex.refreshed).
    op.create_index("ix_decisions_rank_block", "decisions", ["rank_block"])
    word_type = sa.String(200, collation="C") if postgres else sa.String(200)
    op.create_table(
        "rank_words",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("word", word_type, nullable=False, unique=True),
        sa.Column("stem", sa.String(200), nullable=False),
    )
    op.create_index("ix_rank_words_stem", "rank_words", ["stem"])
    op.create_table(
        "rank_postings",
        sa.Column("word_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("block", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("ids", sa.LargeBinary, nullable=False),
        sa.Column("counts", sa.LargeBinary, nullable=False),
        sqlite_with_rowid=False,
    )

    op.create_table(
        "corpus_counts",
        sa.Column("facet", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(300), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    bind.execute(
        sa.text(
            "INSERT INTO corpus_counts (facet, value, n) SELECT 'total', '', count(*) FROM "
            "decisions HAVING count(*) > 0"
        )
    )
    for facet, source in (
        ("decision", "decision FROM decisions"),
        ("category", "category FROM decisions"),
        ("body", "body FROM decisions"),
        ("year", "CAST(year AS VARCHAR(8)) FROM decisions"),
        ("ground", "ground FROM decision_grounds"),
        ("referral", "referral FROM decision_referrals"),
    ):
        column = source.split(" FROM ")[0]
        bind.execute(
            sa.text(
                f"INSERT INTO corpus_counts (facet, value, n) SELECT '{facet}', {column}, count(*) "
                f"FROM {source.split(' FROM ')[1]} WHERE {column} IS NOT NULL GROUP BY {column}"
            )
        )

    # Count the decisions already stored, a batch per block, blocks after the current generation.
    generation = bind.execute(sa.text("SELECT generation FROM corpus_state WHERE id = 1")).scalar()
    block = int(generation or 0)
    last = 0
    try:
        while True:
            rows = bind.execute(
                sa.text(
                    "SELECT decision_id, text FROM decision_documents WHERE decision_id > :last "
                    "ORDER BY decision_id LIMIT :n"
                ),
                {"last": last, "n": BACKFILL_BATCH},
            ).all()
            if not rows:
                break
            block += 1
            counted = [(int(i), *count_words(text)) for i, text in rows]
            write_postings(bind, [(i, words, counts) for i, words, counts, _n in counted], block)
            bind.execute(
                sa.text("UPDATE decisions SET words = :n, rank_block = :block WHERE id = :id"),
                [{"n": n, "block": block, "id": i} for i, _w, _c, n in counted],
            )
            last = int(np.max([r[0] for r in rows]))
    except Exception:
        forget_vocabulary(bind.engine)
        raise
    bind.execute(sa.text("UPDATE corpus_state SET generation = :g WHERE id = 1"), {"g": block + 1})


def downgrade() -> None:
    op.drop_table("corpus_counts")
    op.drop_table("rank_postings")
    op.drop_table("rank_words")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("rank_block")
        batch.drop_column("words")
