"""The `Store`: one interface over SQLite and PostgreSQL for writing, reading and searching.

Obtain one with `ombuds.corpus.store.open_store(url)`, which also creates or migrates the schema.
A Store is safe to share between threads (each call takes its own pooled connection), so the
web API can hold one for its lifetime. See the package docstring for the whole API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import sqlalchemy as sa

from ombuds.config import search_cache_mb
from ombuds.corpus.filters import resolve_filters
from ombuds.corpus.models import ParsedDecision, SearchQuery, SearchResults
from ombuds.corpus.store import counts as facet_counts
from ombuds.corpus.store.budget import GATE
from ombuds.corpus.store.facet_index import FacetIndex
from ombuds.corpus.store.rank_index import forget_vocabulary
from ombuds.corpus.store.schema import (
    decision_documents,
    decisions,
)
from ombuds.corpus.store.search import PostgresSearch, SqliteSearch, order_facets
from ombuds.corpus.store.snippets import SNIPPET_END, SNIPPET_START
from ombuds.corpus.store.writer import (
    Prepared,
    UpsertItem,
    UpsertStatus,
    document_fields,
    write_batch,
)
from ombuds.errors import NotFound, StorageError
from ombuds.vocabulary import normalise_reference

__all__ = ["SNIPPET_END", "SNIPPET_START", "Store", "UpsertItem", "UpsertStatus"]

# Execution option marking a connection whose transaction writes: on SQLite it begins with
# BEGIN IMMEDIATE, so concurrent writers queue (busy_timeout) instead of failing.
WRITE_OPTION = "ombuds_write"
REFERENCE_HINT = "give a reference such as 24 015 969 (24-015-969 and 24015969 work too)"


class Store:
    """A corpus of published decisions in one database (built by `open_store`)."""

    def __init__(self, engine: sa.Engine, *, url: str):
        self.engine = engine
        self.url = url  # as shown to users: the password is hidden
        self.dialect = engine.dialect.name  # "sqlite" | "postgresql"
        search_cache_mb()  # a bad $OMBUDS_SEARCH_CACHE_MB is refused once, here, not per search
        self._search = SqliteSearch() if self.dialect == "sqlite" else PostgresSearch()

    # Writing -------------------------------------------------------------------------------

    def upsert(
        self, parsed: ParsedDecision, text: str, *, publication: dict | None = None
    ) -> UpsertStatus:
        """Store one decision: "added", "updated" (its text's hash or its publication record
        changed) or "unchanged". A `publication` of None keeps any record already stored."""
        return self.upsert_many([UpsertItem(parsed, text, publication)])[0]

    def upsert_many(self, items: Iterable[UpsertItem | Prepared | tuple]) -> list[UpsertStatus]:
        """Store a batch in ONE transaction (all or nothing); one status per item, in order.

        Items are `UpsertItem(parsed, text, publication=None)`, plain tuples of the same, or
        `Prepared` items (`writer.prepare(item)`, which ingest runs in its parsing processes).
        Keep batches to a few thousand decisions: the batch is held in memory.
        """
        batch = [
            item if isinstance(item, (UpsertItem, Prepared)) else UpsertItem(*item)
            for item in items
        ]
        try:
            with (
                self.engine.connect().execution_options(**{WRITE_OPTION: True}) as connection,
                connection.begin(),
            ):
                return write_batch(connection, batch)
        except BaseException as error:
            forget_vocabulary(self.engine)  # words it added to the vocabulary were rolled back
            if not isinstance(error, sa.exc.OperationalError):
                raise
            raise StorageError(
                f"cannot write to the database: {error.orig}",
                source=self.url,
                hint="check the disk is not full and that no other process "
                "holds a write lock, then run ingest again",
            ) from None

    # Reading -------------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """A connection for reading; a database that has gone away is a StorageError (the API
        answers 503 and the CLI names the URL) rather than a crash."""
        try:
            with self.engine.connect() as opened:
                # PostgreSQL: each statement its own transaction, which is what READ COMMITTED
                # gives a reader anyway (every statement sees the latest commits), without a
                # BEGIN and a ROLLBACK, two round trips to the server for every search.
                yield (
                    opened.execution_options(isolation_level="AUTOCOMMIT")
                    if self.dialect == "postgresql"
                    else opened
                )
        except sa.exc.OperationalError as error:
            raise StorageError(
                f"cannot read the database: {error.orig}",
                source=self.url,
                hint="check that the database server is running and the URL is right",
            ) from None

    def get(self, reference: str) -> dict[str, Any]:
        """The stored decision: every ParsedDecision field (JSON-ready: dates as ISO text) plus
        text, content_hash, publication and stored_at. Raises NotFound.

        `reference` may be written "24 015 969", "24-015-969" or "24015969"; a decision stored
        without a reference is found by its key "sha256:<hash>".
        """
        key = normalise_reference(reference or "")
        if key is None and (reference or "").strip().startswith("sha256:"):
            key = reference.strip()
        if key is None:
            raise NotFound("not a decision reference", source=repr(reference), hint=REFERENCE_HINT)
        with self._reading() as connection:
            row = (
                connection.execute(
                    sa.select(
                        decisions,
                        decision_documents.c.document,
                        decision_documents.c.publication,
                        decision_documents.c.text,
                    )
                    .join(decision_documents, decision_documents.c.decision_id == decisions.c.id)
                    .where(decisions.c.key == key)
                )
                .mappings()
                .first()
            )
        if row is None:
            raise NotFound(
                "no decision with this reference in the corpus",
                source=key,
                hint=f"check the reference, or ingest the decision first "
                f"(ombuds ingest FILE --db {self.url})",
            )
        date = row["decision_date"]
        return {
            "source": row["source"],
            "reference": row["reference"],
            "body": row["body"],
            "category": row["category"],
            "decision": row["decision"],
            "decision_date": date.isoformat() if date else None,
            "complainant": row["complainant"],
            "summary": row["summary"],
            **document_fields(row["document"] or {}, row["text"]),
            "text": row["text"],
            "content_hash": row["content_hash"],
            "publication": row["publication"],
            "stored_at": row["stored_at"],
        }

    def search(self, query: SearchQuery) -> SearchResults:
        """Full-text search with filters, ranking, snippets and facet counts.

        `query.q` accepts words, "phrases", prefix*, OR, -exclusions; any other punctuation is
        ignored, so no input can break the query. An empty `q` browses the filtered set, newest
        first. Facets count the whole filtered set, not just the page.
        """
        with GATE.admit(query.q), self._reading() as connection:  # the budget: see budget.py
            query = resolve_filters(connection, query)  # one rule for filters: filters.py
            return self._search.search(connection, query)

    def warm_search(self, stop: Callable[[], bool] = lambda: False) -> int:
        """Fill the search caches with the commonest words of the corpus (the web app calls it
        in the background at start-up): the first search of such a word then costs what a
        repeated one does. Stops early once `stop()` is true. Returns the stems warmed; safe
        beside searches and writes."""
        with self._reading() as connection:
            return self._search.warm(connection, stop)

    def matching(self, query: SearchQuery) -> tuple[FacetIndex, np.ndarray]:
        """The in-memory column index (read it, never change it) and the ids of every decision
        `query` matches, text and filters as `search` reads them: for figures over the whole
        matching set, such as ombuds.insight's cross-tabulations."""
        with GATE.admit(query.q), self._reading() as connection:
            query = resolve_filters(connection, query)
            return self._search.matching(connection, query)

    def stats(self) -> dict[str, Any]:
        """{"decisions": total, "by_decision", "by_category", "by_body", "by_ground",
        "by_referral", "by_year": {value: count}}; values that are missing are not counted.

        Read from the counts the writer keeps (`counts.py`): instant at any size."""
        with self._reading() as connection:
            kept = facet_counts.read(connection)
        ordered = order_facets(kept)
        ordered["body"] = dict(sorted(kept.get("body", {}).items(), key=lambda kv: (-kv[1], kv[0])))
        return {
            "decisions": kept.get("total", {}).get("", 0),
            **{
                f"by_{name}": ordered.get(name, {})
                for name in ("decision", "category", "body", "ground", "referral", "year")
            },
        }

    def analyse(self) -> None:
        """Refresh the planner's statistics after a large load (ingest calls it when it added
        many decisions): on PostgreSQL, ANALYZE of the corpus tables, so that a search's
        plans use the indexes from the first query rather than after autovacuum gets round to
        it; on SQLite, PRAGMA optimize."""
        statements = (
            ["PRAGMA optimize"]
            if self.dialect == "sqlite"
            else [
                f"ANALYZE {table}"
                for table in (
                    "decisions",
                    "decision_documents",
                    "decision_grounds",
                    "decision_referrals",
                    "rank_words",
                    "rank_postings",
                    "rank_pairs",
                )
            ]
        )
        # As a writer: without the readers' time limit (ANALYZE of a million decisions takes
        # longer than a search may).
        with self.engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
            for statement in statements:
                connection.execute(sa.text(statement))
            connection.commit()

    def count(self) -> int:
        """The number of decisions stored."""
        with self._reading() as connection:
            return connection.execute(
                sa.select(sa.func.count()).select_from(decisions)
            ).scalar_one()

    def check_consistency(self) -> list[str]:
        """Problems found (an empty list when sound): decisions without their document, index
        row, or grounds/referrals rows pointing nowhere. Used by tests and after a crash."""
        problems: list[str] = []
        queries = {
            "decisions without a document": "SELECT count(*) FROM decisions d WHERE NOT EXISTS "
            "(SELECT 1 FROM decision_documents doc WHERE doc.decision_id = d.id)",
            "grounds of no decision": "SELECT count(*) FROM decision_grounds g WHERE NOT EXISTS "
            "(SELECT 1 FROM decisions d WHERE d.id = g.decision_id)",
            "referrals of no decision": "SELECT count(*) FROM decision_referrals r WHERE NOT "
            "EXISTS (SELECT 1 FROM decisions d WHERE d.id = r.decision_id)",
        }
        if self.dialect == "sqlite":
            queries["documents missing from the full-text index"] = (
                "SELECT (SELECT count(*) FROM decision_documents) - "
                "(SELECT count(*) FROM decisions_fts_docsize)"
            )
        with self.engine.connect() as connection:
            for name, sql in queries.items():
                n = connection.execute(sa.text(sql)).scalar_one()
                if n:
                    problems.append(f"{n} {name}")
            if facet_counts.read(connection) != facet_counts.recount(connection):
                problems.append("the kept counts by facet disagree with the stored decisions")
            if self.dialect == "sqlite":
                try:
                    connection.execute(
                        sa.text(
                            "INSERT INTO decisions_fts(decisions_fts, rank) "
                            "VALUES ('integrity-check', 1)"
                        )
                    )
                except sa.exc.DatabaseError as error:
                    problems.append(f"full-text index: {error.orig}")
                connection.rollback()
        return problems

    def close(self) -> None:
        """Release every pooled connection. The Store cannot be used afterwards."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"
