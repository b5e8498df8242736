"""The corpus store: where published decisions are kept, found again and counted.

This is the stable API that ingest, the CLI, the web API and the benchmarks build on:

    from ombuds.corpus.store import open_store
    from ombuds.corpus.models import SearchQuery

    store = open_store("sqlite:///data/ombuds.db")      # or "postgresql://user@host/db"
    store = open_store(url, create=False)                # readers: no file is an error
    status = store.upsert(parsed, text)                  # "added" | "updated" | "unchanged"
    counts = store.upsert_many([(parsed, text), ...])    # one transaction for the batch
    record = store.get("24-015-969")                     # dict, or raises NotFound
    results = store.search(SearchQuery(q="social worker", ground="better_placed"))
    figures = store.stats()                              # {"decisions": 5, "by_decision": ...}
    store.count(); store.check_consistency()             # 5; [] when sound (after a crash)
    store.close()                                        # or: with open_store(url) as store: ...

Why it looks like this:
- One `Store` for both backends (SQLite, the embedded default, and PostgreSQL). Search works the
  same on both: words are matched and every search is ranked by BM25 from the store's own word
  counts (`terms.py`, `rank_index.py`, `ranking.py`), filters and facets come from an in-memory
  column index (`facet_index.py`); only quoted phrases ask the backend's full-text index (SQLite
  FTS5; PostgreSQL tsvector + GIN), which knows word positions. Same data, same order.
  A Store keeps the decoded rows of the words searched (`rank_index.PostingsCache`, read on
  by block after a write) and each state of the store keeps each term's count in each decision
  holding it, and the scores of a term ranked whole (`rank_index.TermCache`; a word's counts are
  carried across a write and brought up to date from the rows written since); both grow with the
  store (`rank_index.cache_budget`): a word searched again costs no reading. A search scores
  only its matches, so a filter or another word narrows the work. `store.warm_search()` reads
  the commonest stems' counts (the web app calls it at start-up), so the first searches after
  start-up cost what later ones do.
- Records are keyed by the normalised reference ("24 015 969"), so re-ingesting never
  duplicates; the SHA-256 of the text decides whether a stored record changed. A decision
  without a reference is keyed by "sha256:<hash>" and a warning is stored with it.
- Grounds and referrals live in their own tables (decision_id, id), so filters and facet counts
  never read JSON; the column index built from these tables counts six facets over 100,000
  matches in about a millisecond. `stats` reads counts the writer keeps per facet value
  (`counts.py`), instant at any size.
- The schema is created and upgraded by Alembic at `open_store`, from migration scripts shipped
  inside this package (so an installed wheel can migrate a database).
- Snippets mark matched words with SNIPPET_START / SNIPPET_END (two brackets that do not occur
  in decisions), so a caller can escape the text first and then turn the marks into HTML or
  terminal styling safely.
- Search text is read by `query_text.py`: words (all required), "phrases", prefix*, OR, -word.
  Nothing a user types reaches FTS5 or tsquery syntax unescaped. Every search is ranked (higher
  score first, then newest decision, then higher id); an empty search browses newest first.
- PostgreSQL takes ingest batches by COPY (`bulk.py`).

Errors: `StorageError` (bad URL, unreachable server, failed migration) and `NotFound`
(`get` of an unknown reference), both from `ombuds.errors`.
"""

from __future__ import annotations

from ombuds.corpus.store.base import (
    SNIPPET_END,
    SNIPPET_START,
    Store,
    UpsertItem,
    UpsertStatus,
)
from ombuds.corpus.store.engine import open_store
from ombuds.errors import NotFound, StorageError

__all__ = [
    "SNIPPET_END",
    "SNIPPET_START",
    "NotFound",
    "StorageError",
    "Store",
    "UpsertItem",
    "UpsertStatus",
    "open_store",
]
