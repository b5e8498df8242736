"""Start-up work of the web app that would otherwise fall on its first users, done in the
background and out of their way.

    app.add_middleware(Tracked, activity=(activity := Activity()))  # requests in flight
    thread = warm_search(store, stop)   # now: the commonest words' counts, read
    thread.join(READY_WITHIN)           # the app takes requests once warm, or after this
    later_when_quiet(activity, stop, warm_precedents, store.engine)   # heavy work, when idle

Why: the first searches after start-up paid for reading and scoring every word they met (p95
29 ms on SQLite and 60 ms on PostgreSQL in the first round at 100,000 decisions, against 5-7 ms
warm), and the precedents' term matrix, built in the background at start-up, took 3.7 s of
processor time (4-6 s of wall time) beside them. So the search caches are filled at once
(`Store.warm_search`, 1-2 s at 100,000 decisions and about 7 s at a million, after a column
index of about 3 s, at a lower priority), and the app takes its first request once they are,
or after READY_WITHIN seconds (the warming then goes on beside the requests). The matrix is
built at the first moment no request has been in flight for `QUIET` seconds: a page that needs
it earlier builds it then, as it would without warming (`ombuds.precedents.lexical`).
At shutdown the app sets `stop`: warming ends between two words and is joined, and work not yet
begun never begins, so the store is never closed under a background read.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from ombuds.corpus.store import Store

QUIET = 1.0  # seconds without a request in flight before heavy background work starts
# Seconds the app waits at start-up for the search warming before taking requests. Why wait at
# all: warming beside the first requests held the interpreter's lock while they ran (p95 of the
# first round over HTTP 20.5 ms against 10.7 ms in process after warming, PostgreSQL, 100,000
# decisions); starting half a second later costs no user anything.
READY_WITHIN = 10.0
LOWER_PRIORITY = 10  # nice increment of a warming thread (Linux: each thread has its own)


class Activity:
    """How many HTTP requests are in flight, and when the last one ended (kept by `Tracked`)."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.last = time.monotonic()
        self._lock = threading.Lock()

    def ready(self) -> None:
        """The app takes requests from now: a quiet moment is counted from here, not from
        before start-up (which would let heavy work start at once, under the first requests)."""
        with self._lock:
            self.last = time.monotonic()

    def begin(self) -> None:
        with self._lock:
            self.in_flight += 1

    def end(self) -> None:
        with self._lock:
            self.in_flight -= 1
            self.last = time.monotonic()

    def wait_quiet(self, seconds: float, stop: threading.Event) -> bool:
        """Block until no request has been in flight for `seconds` (True), or `stop` is set."""
        while not stop.is_set():
            with self._lock:
                idle = 0.0 if self.in_flight else time.monotonic() - self.last
            if idle >= seconds:
                return True
            stop.wait(max(seconds - idle, 0.05))
        return False


class Tracked:
    """ASGI middleware keeping an `Activity` up to date."""

    def __init__(self, app: ASGIApp, activity: Activity):
        self.app = app
        self.activity = activity

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.activity.begin()
        try:
            await self.app(scope, receive, send)
        finally:
            self.activity.end()


def _lower_priority() -> None:
    with suppress(AttributeError, OSError):  # not Linux, or not allowed: run as it is
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWER_PRIORITY)


def warm_search(store: Store, stop: threading.Event) -> threading.Thread:
    """Fill the store's search caches (`Store.warm_search`) in a background thread at a lower
    priority, until done or `stop` is set (join the thread before closing the store). A
    failure leaves the caches to fill as searches come, as without it."""

    def work() -> None:
        _lower_priority()
        with suppress(Exception):  # a search reads what it needs itself
            store.warm_search(stop.is_set)

    thread = threading.Thread(target=work, name="search-warming", daemon=True)
    thread.start()
    return thread


def later_when_quiet(
    activity: Activity,
    stop: threading.Event,
    work: Callable[..., Any],
    *args: Any,
    after: threading.Thread | None = None,
) -> threading.Thread:
    """Run `work(*args)` in a background thread once `after` (if given) has finished and the
    app has had no request in flight for QUIET seconds; never once `stop` is set."""

    def run() -> None:
        if after is not None:
            after.join()
        if not activity.wait_quiet(QUIET, stop):
            return
        if not stop.is_set():
            with suppress(Exception):
                work(*args)

    thread = threading.Thread(target=run, name="warming-when-quiet", daemon=True)
    thread.start()
    return thread
