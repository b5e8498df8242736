"""Stored sentence vectors of decisions, for precedents by embeddings (ombuds.precedents.vectors).

Revision ID: 0003_precedents
Revises: 0002_rank_index
Create Date: 2026-12-04

One row per decision and model: the vector (float32, little-endian, unit length) and the content
hash of the text it was made from. Filled only by `ombuds similar --method embeddings` (the
optional extra); empty otherwise. Rows go with their decision (ON DELETE CASCADE).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_precedents"
down_revision = "0002_rank_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision_vectors",
        sa.Column(
            "decision_id",
            sa.Integer,
            sa.ForeignKey("decisions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("model", sa.String(80), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("decision_vectors")
