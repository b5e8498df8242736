"""The schema at the head revision, created directly on a new database without Alembic.

Why: a new database was created by running every migration, which imports Alembic (about 0.2 s
of CPU, more than the migrations themselves) at the start of every first ingest, beside the first
files' parsing on a machine whose cores the parsing wants. A new database has nothing to
migrate, so `migrate.upgrade` creates what the migrations would have made in one transaction
here, and stamps the version table with HEAD as Alembic would; an existing database at an older
revision is still migrated by Alembic.

The tables below are the migrations' result, not the queries' view of it (`schema.py`): every
column in the order the migrations add it, every index, and the backend-specific parts (the FTS5
table and its triggers on SQLite, the generated tsvector and its GIN index on PostgreSQL, the
audit trail's triggers on both). `tests/corpus/store/test_head.py` builds one database each way
on SQLite and PostgreSQL and compares their catalogues and rows, so a migration added without
its counterpart here fails the suite: a new migration changes HEAD and this file together.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR

# The version table as Alembic makes it (alembic.ddl.impl.version_table_impl).
VERSION_COLUMN = "version_num"

# Migration 0001_corpus: the full-text index on SQLite (see that migration on why no insert
# trigger).
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

# Migration 0002_casework: the audit trail refuses UPDATE and DELETE.
APPEND_ONLY_MESSAGE = "the case audit trail is append-only"
SQLITE_AUDIT_TRIGGERS = [
    (
        "CREATE TRIGGER case_audit_no_update BEFORE UPDATE ON case_audit "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    ),
    (
        "CREATE TRIGGER case_audit_no_delete BEFORE DELETE ON case_audit "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    ),
]
POSTGRES_AUDIT_TRIGGERS = [
    (
        "CREATE FUNCTION case_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
    ),
    (
        "CREATE TRIGGER case_audit_no_change BEFORE UPDATE OR DELETE ON case_audit "
        "FOR EACH ROW EXECUTE FUNCTION case_audit_append_only()"
    ),
    (
        "CREATE TRIGGER case_audit_no_truncate BEFORE TRUNCATE ON case_audit "
        "FOR EACH STATEMENT EXECUTE FUNCTION case_audit_append_only()"
    ),
]


def _metadata(dialect: str, version_table: str) -> tuple[sa.MetaData, sa.Table]:
    """Every table at HEAD for `dialect`, and the corpus_state table (to fill its one row)."""
    postgres = dialect == "postgresql"
    metadata = sa.MetaData()
    json = sa.JSON().with_variant(JSONB(), "postgresql")

    def key(table: str) -> sa.Column:
        return sa.Column(
            "decision_id",
            sa.Integer,
            sa.ForeignKey(f"{table}.id", ondelete="CASCADE"),
            primary_key=True,
        )

    # 0001_corpus, with 0002_rank_index's two columns at the end.
    decisions = sa.Table(
        "decisions",
        metadata,
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
        sa.Column("words", sa.Integer),
        sa.Column("rank_block", sa.Integer),
    )
    for column in ("category", "decision", "body", "year", "rank_block"):
        sa.Index(f"ix_decisions_{column}", decisions.c[column])
    sa.Index("ix_decisions_date", decisions.c.decision_date, decisions.c.id)
    documents = sa.Table(
        "decision_documents",
        metadata,
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
    )
    if postgres:
        documents.append_column(
            sa.Column(
                "search_vector",
                TSVECTOR,
                sa.Computed("to_tsvector('english', text)", persisted=True),
            )
        )
        sa.Index("ix_decision_documents_search", documents.c.search_vector, postgresql_using="gin")
    for name, column in (("decision_grounds", "ground"), ("decision_referrals", "referral")):
        table = sa.Table(
            name,
            metadata,
            key("decisions"),
            sa.Column(column, sa.String(60), primary_key=True),
            sqlite_with_rowid=False,
        )
        sa.Index(f"ix_{name}_{column}", table.c[column], table.c.decision_id)
    state = sa.Table(
        "corpus_state",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("generation", sa.Integer, nullable=False),
    )

    # 0002_casework
    users = sa.Table(
        "users",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    sessions = sa.Table(
        "web_sessions",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("last_seen", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
    )
    sa.Index("ix_web_sessions_user", sessions.c.user_id)
    attempts = sa.Table(
        "login_attempts",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("succeeded", sa.Boolean, nullable=False),
    )
    sa.Index("ix_login_attempts_email", attempts.c.email, attempts.c.at)
    sa.Index("ix_login_attempts_client", attempts.c.client, attempts.c.at)
    cases = sa.Table(
        "cases",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.String(300)),
        sa.Column("reference", sa.String(40)),
        sa.Column("assigned_to", sa.Integer, sa.ForeignKey(users.c.id)),
        sa.Column("created_by", sa.Integer, sa.ForeignKey(users.c.id), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("letter_text", sa.Text),
        sa.Column("letter_name", sa.String(300)),
        *(
            sa.Column(name, json)
            for name in ("facts", "reading", "interview", "assessment", "statement")
        ),
        sa.Column("draft_text", sa.Text),
        sa.Column("anonymised_text", sa.Text),
        *(sa.Column(name, json) for name in ("replacements", "pseudonyms", "review", "gate")),
        sa.Column("published_reference", sa.String(80)),
    )
    sa.Index("ix_cases_status", cases.c.status, cases.c.updated_at)
    sa.Index("ix_cases_assigned", cases.c.assigned_to, cases.c.status)
    audit = sa.Table(
        "case_audit",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey(cases.c.id)),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey(users.c.id)),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("version", sa.Integer),
        sa.Column("changes", json, nullable=False),
        sa.Column("note", sa.Text),
    )
    sa.Index("ix_case_audit_case", audit.c.case_id, audit.c.id)

    # 0002_rank_index ("C" collation on PostgreSQL: prefix searches are an index range)
    words = sa.Table(
        "rank_words",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "word", sa.String(200, collation="C" if postgres else None), nullable=False, unique=True
        ),
        sa.Column("stem", sa.String(200), nullable=False),
    )
    sa.Index("ix_rank_words_stem", words.c.stem)
    sa.Table(
        "rank_postings",
        metadata,
        sa.Column("word_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("block", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("ids", sa.LargeBinary, nullable=False),
        sa.Column("counts", sa.LargeBinary, nullable=False),
        sqlite_with_rowid=False,
    )
    sa.Table(
        "corpus_counts",
        metadata,
        sa.Column("facet", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(300), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )

    # 0003_precedents
    sa.Table(
        "decision_vectors",
        metadata,
        key("decisions"),
        sa.Column("model", sa.String(80), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )

    # 0004_phrase_pairs: PostgreSQL only (SQLite's FTS5 keeps positions of its own).
    # 0005_phrase_triples adds rows (triple keys) to it: no schema change.
    if postgres:
        sa.Table(
            "rank_pairs",
            metadata,
            sa.Column("pair", sa.BigInteger, primary_key=True, autoincrement=False),
            sa.Column("block", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("ids", sa.LargeBinary, nullable=False),
        )

    sa.Table(
        version_table,
        metadata,
        sa.Column(VERSION_COLUMN, sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint(VERSION_COLUMN, name=f"{version_table}_pkc"),
    )
    return metadata, state


def create(connection: sa.Connection, version_table: str, head: str) -> None:
    """Create the schema at `head` on `connection` (in its transaction), on a new database."""
    dialect = connection.dialect.name
    metadata, state = _metadata(dialect, version_table)
    metadata.create_all(connection, checkfirst=False)
    sqlite = dialect == "sqlite"
    for statement in SQLITE_FTS + SQLITE_AUDIT_TRIGGERS if sqlite else POSTGRES_AUDIT_TRIGGERS:
        connection.exec_driver_sql(statement)
    # 0001 inserts generation 0; 0002_rank_index's backfill ends by setting it to its last
    # block + 1, which on an empty corpus is 1.
    connection.execute(state.insert().values(id=1, generation=1))
    version = metadata.tables[version_table]
    connection.execute(version.insert().values({VERSION_COLUMN: head}))
