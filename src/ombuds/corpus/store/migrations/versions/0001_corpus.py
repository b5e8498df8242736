"""The corpus: decisions, their documents, grounds, referrals and the full-text index.

Revision ID: 0001_corpus
Revises:
Create Date: 2026-11-23

SQLite gets an FTS5 table over decision_documents.text (external content, so the text is stored
once). Updates and deletes keep it in step by triggers; inserts are indexed by the writer with one
executemany in the same transaction, because an AFTER INSERT trigger makes FTS5 indexing about
three times slower on bulk loads. Either way the index and the rows commit together, so a killed
process cannot leave them disagreeing. PostgreSQL gets a generated tsvector column
with a GIN index, which the server keeps in step by itself.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR

revision = "0001_corpus"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_FTS = [
    (
        "CREATE VIRTUAL TABLE decisions_fts USING fts5(text, content='decision_documents', "
        "content_rowid='decision_id', tokenize='porter unicode61 remove_diacritics 2')"
    ),
    (
        "CREATE TRIGGER decision_documents_ad AFTER DELETE ON decision_documents BEGIN "
        "INSERT INTO decisions_fts(decisions_fts, rowid, text) "
        "VALUES ('delete', old.decision_id, old.text); END"
    ),
    (
        "CREATE TRIGGER decision_documents_au AFTER UPDATE OF text ON decision_documents BEGIN "
        "INSERT INTO decisions_fts(decisions_fts, rowid, text) "
        "VALUES ('delete', old.decision_id, old.text); "
        "INSERT INTO decisions_fts(rowid, text) VALUES (new.decision_id, new.text); END"
    ),
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    json = sa.JSON().with_variant(JSONB(), "postgresql")
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(80), nullable=False, unique=True),
        sa.Column("reference", sa.String(40)),
        sa.Column("body", sa.String(300)),
        sa.Column("category", sa.String(300)),
        sa.Column("decision", sa.String(100)),
        sa.Column("decision_date", sa.Date),
        sa.Column("year", sa.Integer),
        sa.Column("complainant", sa.String(200)),
        sa.Column("summary", sa.Text),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("stored_at", sa.String(40), nullable=False),
        sa.Column("source", sa.Text),
    )
    for column in ("category", "decision", "body", "year"):
        op.create_index(f"ix_decisions_{column}", "decisions", [column])
    op.create_index("ix_decisions_date", "decisions", ["decision_date", "id"])

    document_columns: list[sa.schema.SchemaItem] = [
        sa.Column(
            "decision_id",
            sa.Integer,
            sa.ForeignKey("decisions.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("document", json, nullable=False),
        sa.Column("publication", json),
        sa.Column("text", sa.Text, nullable=False),
    ]
    if dialect == "postgresql":
        document_columns.append(
            sa.Column(
                "search_vector",
                TSVECTOR,
                sa.Computed("to_tsvector('english', text)", persisted=True),
            )
        )
    op.create_table("decision_documents", *document_columns)

    for table, column in (("decision_grounds", "ground"), ("decision_referrals", "referral")):
        op.create_table(
            table,
            sa.Column(
                "decision_id",
                sa.Integer,
                sa.ForeignKey("decisions.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column(column, sa.String(60), primary_key=True),
            sqlite_with_rowid=False,
        )
        op.create_index(f"ix_{table}_{column}", table, [column, "decision_id"])

    # One row whose generation goes up with every committed write, so that a reader can cache
    # what depends only on the data (the unfiltered facet counts) and know when to drop it.
    state = op.create_table(
        "corpus_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("generation", sa.Integer, nullable=False),
    )
    op.bulk_insert(state, [{"id": 1, "generation": 0}])

    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.create_index(
            "ix_decision_documents_search",
            "decision_documents",
            ["search_vector"],
            postgresql_using="gin",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS decisions_fts")
    for table in (
        "corpus_state",
        "decision_referrals",
        "decision_grounds",
        "decision_documents",
        "decisions",
    ):
        op.drop_table(table)
