"""PostgreSQL: the long columns of `decision_documents` compressed with LZ4 instead of pglz.

Revision ID: 0003_lz4_documents
Revises: 0002_rank_index
Create Date: 2026-12-04

Why: a profile of the PostgreSQL server during ingest had pglz compression of each decision's
text, document and tsvector as its largest single cost; LZ4 compresses several times faster (and
decompresses faster, for a page's snippets and a phrase's recheck of tsvectors), at a slightly
larger size. With LZ4 the server's CPU per seed-shaped decision written fell from about 0.77 to
0.70 ms. Values already stored keep pglz until rewritten; both are read alike. A server built
without LZ4 (or older than PostgreSQL 14) keeps pglz: nothing else depends on it. SQLite: nothing.
"""

from alembic import op

revision = "0003_lz4_documents"
down_revision = "0002_rank_index"
branch_labels = None
depends_on = None

_COLUMNS = ("text", "document", "search_vector")


def _set(method: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    columns = ", ".join(f"ALTER COLUMN {c} SET COMPRESSION {method}" for c in _COLUMNS)
    op.execute(
        "DO $$ BEGIN "
        f"EXECUTE 'ALTER TABLE decision_documents {columns}'; "
        "EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'LZ4 not available: pglz kept'; "
        "END $$"
    )


def upgrade() -> None:
    _set("lz4")


def downgrade() -> None:
    _set("pglz")
