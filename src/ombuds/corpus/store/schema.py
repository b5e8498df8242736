"""The corpus tables as SQLAlchemy Core objects (the queries use these; Alembic creates them).

Why the split into two tables: `decisions` holds the short fields that filters, facets and result
lists read, so many rows fit on a page and facet counts over thousands of hits stay in cache;
`decision_documents` holds the long text and the parsed structure, read only by `get` and by the
full-text index. Grounds and referrals each get a table of (decision_id, id) pairs so a facet or
a filter is an indexed join, never a LIKE on JSON.

The full-text index is not declared here because it is backend-specific: an FTS5 table kept in
step by triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL (both
created by the migration `versions/0001_corpus.py`).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

# JSONB on PostgreSQL (indexable, compact); JSON text elsewhere.
JsonColumn = sa.JSON().with_variant(JSONB(), "postgresql")

decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # The normalised reference ("24 015 969"), or "sha256:<hash>" for a decision without one.
    sa.Column("key", sa.String(80), nullable=False, unique=True),
    sa.Column("reference", sa.String(40)),
    sa.Column("body", sa.String(300)),
    sa.Column("category", sa.String(300)),
    sa.Column("decision", sa.String(100)),
    sa.Column("decision_date", sa.Date),
    sa.Column("year", sa.Integer),  # decision_date's year, indexed for the year facet
    sa.Column("complainant", sa.String(200)),
    sa.Column("summary", sa.Text),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("stored_at", sa.String(40), nullable=False),  # ISO 8601, UTC
    sa.Column("source", sa.Text),
    # For ranking (see terms.py): the text's length in words, and the block of its word counts.
    sa.Column("words", sa.Integer),
    sa.Column("rank_block", sa.Integer, index=True),
)

decision_documents = sa.Table(
    "decision_documents",
    metadata,
    sa.Column(
        "decision_id",
        sa.Integer,
        sa.ForeignKey("decisions.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    # The rest of ParsedDecision: sections, paragraphs, statutes, grounds and referrals in the
    # parser's order, related references, warnings (see writer.document_fields).
    sa.Column("document", JsonColumn, nullable=False),
    sa.Column("publication", JsonColumn),
    sa.Column("text", sa.Text, nullable=False),
)

decision_grounds = sa.Table(
    "decision_grounds",
    metadata,
    sa.Column(
        "decision_id",
        sa.Integer,
        sa.ForeignKey("decisions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("ground", sa.String(60), primary_key=True),
)

decision_referrals = sa.Table(
    "decision_referrals",
    metadata,
    sa.Column(
        "decision_id",
        sa.Integer,
        sa.ForeignKey("decisions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("referral", sa.String(60), primary_key=True),
)

# The store's own term statistics (terms.py, rank_index.py; migration 0002_rank_index).
rank_words = sa.Table(
    "rank_words",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("word", sa.String(200), nullable=False, unique=True),
    sa.Column("stem", sa.String(200), nullable=False, index=True),
)

rank_postings = sa.Table(
    "rank_postings",
    metadata,
    sa.Column("word_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("block", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("ids", sa.LargeBinary, nullable=False),  # uint32 little-endian decision ids
    sa.Column("counts", sa.LargeBinary, nullable=False),  # uint8, one per id
)

# PostgreSQL only (pairs.py; migrations 0004_phrase_pairs and 0005_phrase_triples): for each
# ingest block, the decisions holding each pair, and each triple, of adjacent words, so that a
# quoted phrase of two or three words needs no tsvector recheck.
rank_pairs = sa.Table(
    "rank_pairs",
    metadata,
    sa.Column("pair", sa.BigInteger, primary_key=True, autoincrement=False),  # pairs.py's key
    sa.Column("block", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("ids", sa.LargeBinary, nullable=False),  # uint32 little-endian decision ids
)

# How many stored decisions have each value of each facet ("total", "" counts them all), kept by
# the writer in every batch's transaction, so that `stats` reads a few hundred rows at any size.
corpus_counts = sa.Table(
    "corpus_counts",
    metadata,
    sa.Column("facet", sa.String(20), primary_key=True),
    sa.Column("value", sa.String(300), primary_key=True),
    sa.Column("n", sa.Integer, nullable=False),
)

corpus_state = sa.Table(
    "corpus_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("generation", sa.Integer, nullable=False),
)
