"""Settings shared by the CLI, the web app and the library: one place for each default."""

from __future__ import annotations

import os

# The embedded default: an SQLite file, no server. `OMBUDS_DB` overrides it everywhere.
DEFAULT_DB_URL = "sqlite:///data/ombuds.db"


def db_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get("OMBUDS_DB") or DEFAULT_DB_URL


# Seconds a reading statement (a search, a show) may run in the database before the database
# stops it (see ombuds.corpus.store.budget); `OMBUDS_SEARCH_TIMEOUT` overrides it.
DEFAULT_SEARCH_TIMEOUT = 5.0


def search_cache_mb() -> int | None:
    """A fixed budget in MB for each search cache ($OMBUDS_SEARCH_CACHE_MB), or None to let the
    budgets grow with the corpus (`corpus.store.rank_index.cache_budget`)."""
    from ombuds.errors import InputError

    text = os.environ.get("OMBUDS_SEARCH_CACHE_MB", "").strip()
    if not text:
        return None
    if not text.isdigit() or not 16 <= int(text) <= 65536:
        raise InputError(
            f"not a cache size: {text[:40]!r}",
            source="OMBUDS_SEARCH_CACHE_MB",
            hint="give megabytes for each search cache, from 16 to 65536, e.g. 1024",
        )
    return int(text)


def search_timeout() -> float:
    """The search time limit in seconds: $OMBUDS_SEARCH_TIMEOUT, else DEFAULT_SEARCH_TIMEOUT."""
    from ombuds.errors import InputError

    text = os.environ.get("OMBUDS_SEARCH_TIMEOUT", "").strip()
    if not text:
        return DEFAULT_SEARCH_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 3600:
        raise InputError(
            f"not a time limit: {text[:40]!r}",
            source="OMBUDS_SEARCH_TIMEOUT",
            hint="give seconds, from 0.01 to 3600, e.g. 5",
        )
    return seconds
