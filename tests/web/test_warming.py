"""Start-up work of the web app: the search caches are filled in the background at once, and
heavy work (the precedents' matrix) waits until no request is in flight; the first request
waits for the warming, a few seconds at most."""

from __future__ import annotations

import threading
import time

from fastapi.testclient import TestClient

from ombuds.corpus.store import Store
from ombuds.web import warming
from ombuds.web.app import WebSettings, create_app


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


def test_the_app_takes_its_first_request_once_the_search_warming_is_done(db_url, monkeypatch):
    done = threading.Event()

    def slow_warming(self, stop=lambda: False):
        time.sleep(0.3)
        done.set()
        return 0

    monkeypatch.setattr(Store, "warm_search", slow_warming)
    with TestClient(create_app(db_url)):
        assert done.is_set()  # start-up waited for it


def test_the_app_waits_for_the_warming_a_few_seconds_at_most(db_url, monkeypatch):
    release, done = threading.Event(), threading.Event()

    def endless_warming(self, stop=lambda: False):
        while not (release.is_set() or stop()):
            time.sleep(0.01)
        done.set()
        return 0

    monkeypatch.setattr(Store, "warm_search", endless_warming)
    started = time.monotonic()
    app = create_app(db_url, settings=WebSettings(secure_cookies=False, warm_before_ready=0.2))
    with TestClient(app) as client:
        assert time.monotonic() - started < 5 and not done.is_set()
        assert client.get("/api/decisions", params={"q": "complaint"}).status_code == 200
    assert done.is_set()  # shutdown stopped the warming and joined it


def test_a_quiet_moment_is_counted_from_when_the_app_takes_requests():
    activity = warming.Activity()
    activity.last -= 60  # a start-up (the warming) that took longer than any quiet moment
    activity.ready()
    started = time.monotonic()
    assert activity.wait_quiet(0.3, threading.Event())
    assert time.monotonic() - started >= 0.25  # not at once, under the first requests
