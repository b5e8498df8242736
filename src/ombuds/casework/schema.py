"""The casework tables, in the corpus database (created by migration 0002_casework).

Only `ombuds.casework.repository` reads or writes these tables (a test checks that no other
module imports this one). Times are ISO 8601 text in UTC ("2026-12-04T18:20:00+00:00"), as the
corpus stores `stored_at`, so they compare in order on both backends.

Why it looks like this:
- `cases.version` is the optimistic lock: every save says which version it started from and is
  refused when the row moved on (`CaseChanged`), so two people editing one case lose nothing.
- `case_audit` is append-only: the code has no update or delete path to it, and the migration
  adds triggers that refuse UPDATE and DELETE on both backends, so not even a bug can rewrite
  history. Each row holds who, when, what (the action) and the changed fields before and after.
- Sessions are stored server-side: the cookie holds a random token and the table its SHA-256, so
  a copy of the database does not hand out live sessions.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()
JsonColumn = sa.JSON().with_variant(JSONB(), "postgresql")

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("email", sa.String(254), nullable=False, unique=True),  # lower case
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)

web_sessions = sa.Table(
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

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("email", sa.String(254), nullable=False),
    sa.Column("client", sa.String(64), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("succeeded", sa.Boolean, nullable=False),
)

cases = sa.Table(
    "cases",
    metadata,
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
    # What the complainant sent, kept as the case's text, and the name of the file it came in.
    sa.Column("letter_text", sa.Text),
    sa.Column("letter_name", sa.String(300)),
    # The complaint's facts (the Complaint schema as JSON), the reader's evidence, the guided
    # interview's state and the engine's last Assessment.
    sa.Column("facts", JsonColumn),
    sa.Column("reading", JsonColumn),
    sa.Column("interview", JsonColumn),
    sa.Column("assessment", JsonColumn),
    # The statement: the drafter's Statement (with its trace), the editable text, the anonymised
    # text with every replacement, and the case's pseudonym map (real names: never shown in the
    # API or the audit export).
    sa.Column("statement", JsonColumn),
    sa.Column("draft_text", sa.Text),
    sa.Column("anonymised_text", sa.Text),
    sa.Column("replacements", JsonColumn),
    sa.Column("pseudonyms", JsonColumn),
    # Review comments ({"at", "by", "decision", "comment"} in order) and the gate's last look.
    sa.Column("review", JsonColumn),
    sa.Column("gate", JsonColumn),
    sa.Column("published_reference", sa.String(80)),
)

case_audit = sa.Table(
    "case_audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id")),  # None: a user event
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("users.id")),  # None: the command line
    sa.Column("actor", sa.String(254), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("version", sa.Integer),
    sa.Column("changes", JsonColumn, nullable=False),  # {field: {"old": ..., "new": ...}}
    sa.Column("note", sa.Text),
)

# Fields of a case never shown outside the case page's own people (real names).
PRIVATE_CASE_FIELDS = frozenset({"pseudonyms"})
