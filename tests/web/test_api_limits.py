"""The public API under hostile use (issue 10): over-budget searches are a 400 saying the limits,
searches stopped at the time limit or turned away when busy a 503 with Retry-After, all in the
project's error shape; filters follow one rule; a read-only database is served. Through FastAPI's
TestClient, and the abuse through a real uvicorn on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ombuds.cli import app as cli_app
from ombuds.corpus.store import base
from ombuds.corpus.store.budget import SearchGate
from ombuds.web import api

ROOT = Path(__file__).resolve().parents[2]
ERROR_FIELDS = {"error", "message", "source", "hint", "problems"}
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT count(*) FROM n"
)


@pytest.fixture(scope="module")
def db_url(tmp_path_factory, seed_files) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('limits') / 'corpus.db'}"
    result = CliRunner().invoke(cli_app, ["ingest", *map(str, seed_files), "--db", url])
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture
def client(db_url):
    with TestClient(api.create_app(db_url)) as test_client:
        yield test_client


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_FIELDS
    return body


@pytest.mark.parametrize(
    "q",
    [" ".join(["c*"] * 166), " ".join(f"w{i}" for i in range(40)), " ".join(["c*"] * 6)],
)
def test_an_over_budget_search_is_a_400_saying_the_limits(client, q):
    body = _error(client.get("/api/decisions", params={"q": q}), 400)
    assert body["error"] == "QueryTooCostly"
    assert "32 words" in body["hint"] and "5 prefixes" in body["hint"]


def test_a_search_stopped_at_the_time_limit_is_a_503_with_retry_after(client, monkeypatch):
    store = client.app.state.store
    store.engine = store.engine.execution_options(ombuds_timeout=0.2)
    monkeypatch.setattr(
        store._search, "search", lambda connection, _query: connection.execute(sa.text(ENDLESS))
    )
    response = client.get("/api/decisions", params={"q": "council"})
    body = _error(response, 503)
    assert body["error"] == "QueryTimeout" and "limit" in body["message"]
    assert int(response.headers["retry-after"]) > 0


def test_costly_searches_beyond_the_slots_are_a_503_ordinary_ones_answered(client, monkeypatch):
    monkeypatch.setattr(base, "GATE", SearchGate(slots=0, wait=0.05))  # every slot taken
    response = client.get("/api/decisions", params={"q": "counc*"})
    body = _error(response, 503)
    assert body["error"] == "ServerBusy" and int(response.headers["retry-after"]) > 0
    assert client.get("/api/decisions", params={"q": "council"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "canonical"),
    [
        (
            {"decision": "CLOSED AFTER INITIAL ENQUIRIES"},
            {"decision": "Closed after initial enquiries"},
        ),
        ({"body": "warwickshire county council"}, {"body": "Warwickshire County Council"}),
    ],
)
def test_filters_match_whatever_the_case(client, params, canonical):
    loose = client.get("/api/decisions", params=params).json()
    exact = client.get("/api/decisions", params=canonical).json()
    assert loose["total"] == exact["total"] > 0


def test_a_category_matches_whatever_the_case(client):
    categories = client.get("/api/decisions").json()["facets"]["category"]
    category = next(iter(categories))
    loose = client.get("/api/decisions", params={"category": category.upper()}).json()
    assert loose["total"] == categories[category]


@pytest.mark.parametrize(
    ("params", "listed"),
    [
        ({"decision": "foo"}, "Not upheld"),
        ({"category": "No such category"}, "top-level categories"),
        ({"body": "Nowhere Council"}, "ombuds stats"),
    ],
)
def test_an_unknown_filter_value_is_a_422_listing_the_valid_ones(client, params, listed):
    body = _error(client.get("/api/decisions", params=params), 422)
    assert body["error"] == "UnknownValue" and body["source"] == next(iter(params))
    assert listed in body["hint"]


def test_a_read_only_database_is_served(db_url):
    path = db_url.removeprefix("sqlite:///")
    with TestClient(api.create_app(f"sqlite:///file:{path}?mode=ro&uri=true")) as client:
        assert client.get("/api/decisions", params={"q": "council"}).json()["total"] > 0


# Through a real server -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(db_url):
    """`ombuds serve` on loopback, in its own process."""
    port = _free_port()
    ombuds = [sys.executable, "-c", "from ombuds.cli import main; main()"]
    process = subprocess.Popen(
        [*ombuds, "serve", "--db", db_url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "OMBUDS_SEARCH_TIMEOUT": "2"},
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base_url + "/api/decisions?limit=1", timeout=10)
                break
            except httpx.TransportError:
                assert process.poll() is None, "the server stopped"
                time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        process.wait(30)


def test_under_abuse_ordinary_searches_are_answered_and_abuse_gets_json_errors(server):
    abusive = [" ".join(["c*"] * 166), "co* so* pl* ad* tr*", " ".join(["a*"] * 80)] * 16
    ordinary = ["council", "social worker", "complaint", "planning"] * 5
    with httpx.Client(base_url=server, timeout=60) as http:

        def ask(q: str) -> httpx.Response:
            return http.get("/api/decisions", params={"q": q})

        with ThreadPoolExecutor(16) as pool:
            attacks = [pool.submit(ask, q) for q in abusive]
            answers = [ask(q) for q in ordinary]  # meanwhile, an ordinary user
            attacked = [future.result() for future in attacks]
        assert all(r.status_code == 200 for r in answers), [r.text for r in answers][:3]
        for response in attacked:
            assert response.status_code in (200, 400, 503), response.text
            if response.status_code != 200:
                assert set(response.json()) == ERROR_FIELDS
            if response.status_code == 503:
                assert int(response.headers["retry-after"]) > 0
        assert sum(r.status_code == 400 for r in attacked) == 32  # the two over-budget kinds
        assert ask("council").status_code == 200  # and it still answers afterwards
