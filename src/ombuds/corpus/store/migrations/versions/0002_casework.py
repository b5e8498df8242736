"""Casework: users, sessions, sign-in attempts, cases and their append-only audit trail.

Revision ID: 0002_casework
Revises: 0001_corpus
Create Date: 2026-12-04

Adds tables only: every stored decision is kept as it was (tests upgrade a 0001 database with
the seeds on SQLite and PostgreSQL and read every decision back). The audit table refuses UPDATE
and DELETE through triggers on both backends.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002_casework"
down_revision = "0001_corpus"
branch_labels = None
depends_on = None

APPEND_ONLY_MESSAGE = "the case audit trail is append-only"

SQLITE_TRIGGERS = [
    (
        "CREATE TRIGGER case_audit_no_update BEFORE UPDATE ON case_audit "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    ),
    (
        "CREATE TRIGGER case_audit_no_delete BEFORE DELETE ON case_audit "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    ),
]
POSTGRES_TRIGGERS = [
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


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    json = sa.JSON().with_variant(JSONB(), "postgresql")
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("last_seen", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_web_sessions_user", "web_sessions", ["user_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("succeeded", sa.Boolean, nullable=False),
    )
    op.create_index("ix_login_attempts_email", "login_attempts", ["email", "at"])
    op.create_index("ix_login_attempts_client", "login_attempts", ["client", "at"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.String(300)),
        sa.Column("reference", sa.String(40)),
        sa.Column("assigned_to", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("letter_text", sa.Text),
        sa.Column("letter_name", sa.String(300)),
        sa.Column("facts", json),
        sa.Column("reading", json),
        sa.Column("interview", json),
        sa.Column("assessment", json),
        sa.Column("statement", json),
        sa.Column("draft_text", sa.Text),
        sa.Column("anonymised_text", sa.Text),
        sa.Column("replacements", json),
        sa.Column("pseudonyms", json),
        sa.Column("review", json),
        sa.Column("gate", json),
        sa.Column("published_reference", sa.String(80)),
    )
    op.create_index("ix_cases_status", "cases", ["status", "updated_at"])
    op.create_index("ix_cases_assigned", "cases", ["assigned_to", "status"])
    op.create_table(
        "case_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id")),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("version", sa.Integer),
        sa.Column("changes", json, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_case_audit_case", "case_audit", ["case_id", "id"])
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TABLE case_audit")
        op.execute("DROP FUNCTION case_audit_append_only()")
    else:
        op.drop_table("case_audit")
    for table in ("cases", "login_attempts", "web_sessions", "users"):
        op.drop_table(table)
