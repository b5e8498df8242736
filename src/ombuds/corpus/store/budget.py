"""How much of the machine searches may take, so that one client cannot starve the others.

Three limits, all in this file, each for a reason the public API showed (issue 10):
- The query budget (`query_text.py`): at most 32 words and 5 prefix terms; beyond it a search is
  refused before it runs (`QueryTooCostly`, HTTP 400).
- A time limit inside the database (5 seconds a statement, or $OMBUDS_SEARCH_TIMEOUT: see
  `ombuds.config.search_timeout`; set up by `engine.py`):
  SQLite calls a progress handler every hundred steps of its virtual machine, which stops the
  statement once its time is up; PostgreSQL has `statement_timeout`. The work stops
  in the database itself, not just the wait for it, so a client that gave up costs nothing more
  once the limit passes (`QueryTimeout`, HTTP 503 with Retry-After).
- Few costly searches at once (`SearchGate`): a search with a prefix or many words waits at most
  `COSTLY_WAIT` seconds for one of `COSTLY_AT_ONCE` slots, else it is turned away (`ServerBusy`,
  503 with Retry-After) without ever taking a database connection. Ordinary searches never wait
  for a slot, so they keep a processor and the connection pool to themselves while costly ones
  queue. A pool that has no connection free within `POOL_WAIT` seconds is also `ServerBusy`,
  never an unhandled error.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from ombuds.corpus.store.query_text import parse_user_query
from ombuds.errors import ServerBusy

COSTLY_AT_ONCE = max(1, (os.cpu_count() or 2) // 2)  # costly searches running at once
COSTLY_WAIT = 1.0  # seconds a costly search waits for a slot before it is turned away
POOL_WAIT = 10  # seconds a request waits for a pooled database connection


class SearchGate:
    """Admits searches: refuses those over the budget, and runs at most `slots` costly ones at a
    time (the rest wait up to `wait` seconds, then ServerBusy)."""

    def __init__(self, slots: int = COSTLY_AT_ONCE, wait: float = COSTLY_WAIT):
        self.slots = slots
        self.wait = wait
        self._free = threading.BoundedSemaphore(slots)

    @contextmanager
    def admit(self, text: str) -> Iterator[None]:
        """Run the body as the search for `text` (raises QueryTooCostly or ServerBusy)."""
        costly = parse_user_query(text).is_costly()
        if costly and not self._free.acquire(timeout=self.wait):
            raise ServerBusy(
                f"too many costly searches are running (at most {self.slots} at once)",
                source="query",
                hint="try again in a few seconds, or search for whole words without *",
            )
        try:
            yield
        except sa.exc.TimeoutError:  # the connection pool had nothing free in time
            raise ServerBusy(
                "the server is busy: no database connection became free in time",
                source="database",
                hint="try again in a few seconds",
            ) from None
        finally:
            if costly:
                self._free.release()


GATE = SearchGate()  # one per process: the processors it protects are the machine's
