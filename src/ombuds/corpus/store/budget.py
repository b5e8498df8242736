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
  `COSTLY_WAIT` seconds for one of `COSTLY_AT_ONCE` slots, and at most `COSTLY_QUEUE` wait at a
  time; any other is turned away at once (`ServerBusy`, 503 with Retry-After), without ever
  taking a database connection. Ordinary searches never wait for a slot, so they keep a
  processor, the connection pool and the web server's worker threads (a waiting request holds
  one) to themselves while costly ones queue. A pool that has no connection free within `POOL_WAIT` seconds is also `ServerBusy`,
  never an unhandled error.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from ombuds.corpus.store.query_text import parse_user_query
from ombuds.errors import ServerBusy

COSTLY_AT_ONCE = max(1, (os.cpu_count() or 2) // 2)  # costly searches running at once
COSTLY_WAIT = 1.0  # seconds a costly search waits for a slot before it is turned away
COSTLY_QUEUE = 4  # costly searches waiting at once; more are turned away without waiting
COSTLY_REST = 1.0  # a slot rests this many times as long as its last search took
COSTLY_MAX_REST = 5.0  # seconds, at most
POOL_WAIT = 10  # seconds a request waits for a pooled database connection


class SearchGate:
    """Admits searches: refuses those over the budget, and runs at most `slots` costly ones at a
    time (the rest wait up to `wait` seconds, then ServerBusy)."""

    def __init__(
        self,
        slots: int = COSTLY_AT_ONCE,
        wait: float = COSTLY_WAIT,
        queue: int = COSTLY_QUEUE,
        rest: float = COSTLY_REST,
    ):
        self.slots = slots
        self.wait = wait
        self.queue = queue
        self.rest = rest
        self._free = threading.BoundedSemaphore(slots)
        self._waiting = 0
        self._lock = threading.Lock()

    def _acquire(self) -> bool:
        if self._free.acquire(blocking=False):
            return True
        with self._lock:
            if self._waiting >= self.queue:
                return False
            self._waiting += 1
        try:
            return self._free.acquire(timeout=self.wait)
        finally:
            with self._lock:
                self._waiting -= 1

    @contextmanager
    def admit(self, text: str) -> Iterator[None]:
        """Run the body as the search for `text` (raises QueryTooCostly or ServerBusy)."""
        costly = parse_user_query(text).is_costly()
        if costly and not self._acquire():
            raise ServerBusy(
                f"too many costly searches are running (at most {self.slots} at once)",
                source="query",
                hint="try again in a few seconds, or search for whole words without *",
            )
        started = time.monotonic()
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
                self._release(time.monotonic() - started)

    def _release(self, took: float) -> None:
        """Free the slot after a rest as long as the search took (times `rest`): costly searches
        then use at most 1 / (1 + rest) of a processor per slot, however many are sent."""
        pause = min(took * self.rest, COSTLY_MAX_REST)
        if pause <= 0.001:
            self._free.release()
            return
        timer = threading.Timer(pause, self._free.release)
        timer.daemon = True
        timer.start()


GATE = SearchGate()  # one per process: the processors it protects are the machine's
