"""PostgreSQL's phrase index: each decision's pairs of adjacent words, per ingest block.

Revision ID: 0004_phrase_pairs
Revises: 0003_precedents
Create Date: 2026-12-05

Adds `rank_pairs` (pair key, block, decision ids; see `ombuds/corpus/store/pairs.py`) on
PostgreSQL and fills it for every decision already stored, so that an upgraded corpus finds its
phrases from pairs like a new one. Each decision's pairs go into its current block
(`decisions.rank_block`), as if the ingest that wrote it had written them: the blocks, the
generation and the word counts are left as they are. The texts are read a block at a time and
their pairs computed by one process per core; progress goes to standard error
(`phrase_backfill.py`). SQLite is not changed (FTS5 keeps positions of its own).

Pairs only (`pairs.pairs_of`), as this revision stored them: the triples that ingest now stores
beside them are 0005_phrase_triples' to add.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_phrase_pairs"
down_revision = "0003_precedents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from ombuds.corpus.store.pairs import pairs_of, write_pairs
    from ombuds.corpus.store.phrase_backfill import backfill

    op.create_table(
        "rank_pairs",
        sa.Column("pair", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("block", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("ids", sa.LargeBinary, nullable=False),
    )
    backfill(bind, pairs_of, write_pairs, "phrase pairs")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table("rank_pairs")
