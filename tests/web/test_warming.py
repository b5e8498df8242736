"""Start-up work of the web app: the search caches are filled in the background at once, and
heavy work (the precedents' matrix) waits until no request is in flight."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

from ombuds.web import warming
from ombuds.web.app import create_app


def test_quiet_means_no_request_in_flight_for_a_while():
    activity, stop = warming.Activity(), threading.Event()
    activity.last -= 1.0
    assert activity.wait_quiet(0.5, stop)  # nothing since start-up
    activity.begin()
    stopper = threading.Timer(0.2, stop.set)
    stopper.start()
    started = time.monotonic()
    assert not activity.wait_quiet(0.05, stop)  # a request in flight: never quiet; stop ends it
    assert time.monotonic() - started >= 0.15
    activity.end()
    assert activity.wait_quiet(0.0, threading.Event())


def test_heavy_work_waits_for_the_requests_in_flight_to_end(monkeypatch):
    monkeypatch.setattr(warming, "QUIET", 0.1)
    activity, stop, done = warming.Activity(), threading.Event(), threading.Event()
    activity.begin()
    thread = warming.later_when_quiet(activity, stop, done.set)
    time.sleep(0.3)
    assert not done.is_set()  # still a request in flight
    activity.end()
    thread.join(timeout=5)
    assert done.is_set()
    never = threading.Event()
    stop.set()  # shut down before a quiet moment: the work is not done
    activity.begin()
    warming.later_when_quiet(activity, stop, never.set).join(timeout=5)
    assert not never.is_set()


def test_the_app_warms_the_search_caches_at_start_up(db_url):
    with TestClient(create_app(db_url)) as client:
        store = client.app.state.store  # type: ignore[attr-defined]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not store._search._index.terms._kept:
            time.sleep(0.05)
        assert store._search._index.terms._kept, "no word was warmed"
        assert store._search._postings.size > 0
        response = client.get("/api/decisions", params={"q": "complaint"})
        assert response.status_code == 200
