"""PostgreSQL's phrase index: each decision's triples of words in a row, beside its pairs.

Revision ID: 0005_phrase_triples
Revises: 0004_phrase_pairs
Create Date: 2026-12-05

Adds to `rank_pairs` the triple keys (`pairs.py`) of every decision already stored, in its
current block, as ingest now stores them beside the pairs, so that a three-word phrase is one
indexed read on an upgraded corpus as on a new one. The backfill is 0004's
(`phrase_backfill.py`: a block at a time, `corpus_state` held FOR UPDATE, one process per core,
progress on standard error), with rows merged rather than copied (`phrase_backfill.merge_pairs`):
a row already stored under the same (key, block) is kept, or given the union of both id lists,
so that a database whose rows already hold triples (created at HEAD, then stamped back) is not
given a primary key twice. No schema change; SQLite is not changed.

Downgrade: a triple's row cannot be told from a pair's by its key, so it empties `rank_pairs`
and fills it again with the pairs alone of every decision, as 0004's upgrade does (the rows of
blocks no decision is in any more, never read, are not written again).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_phrase_triples"
down_revision = "0004_phrase_pairs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from ombuds.corpus.store.pairs import triples_of
    from ombuds.corpus.store.phrase_backfill import backfill, merge_pairs

    backfill(bind, triples_of, merge_pairs, "phrase triples")
    # About three times the rows it held: the planner's figures for it are refreshed at once
    # rather than when autovacuum gets round to it.
    bind.execute(sa.text("ANALYZE rank_pairs"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from ombuds.corpus.store.pairs import pairs_of, write_pairs
    from ombuds.corpus.store.phrase_backfill import backfill

    bind.execute(sa.text("SELECT generation FROM corpus_state WHERE id = 1 FOR UPDATE"))
    bind.execute(sa.text("TRUNCATE rank_pairs"))
    backfill(bind, pairs_of, write_pairs, "phrase pairs")
