"""The API's edges (issue 10): one error shape, no database URL, Retry-After, local docs."""

from __future__ import annotations

import re

import pytest
from fastapi import APIRouter

from ombuds.errors import StorageError, TooManyRequests
from ombuds.web.auth import Public
from ombuds.web.errors import scrub

from .conftest import client_for

SHAPE = {"error", "message", "source", "hint", "problems"}


@pytest.mark.parametrize(
    "path", ["/api/nope", "/api/decisions/24-015-969/extra", "/api/cases/1/nope"]
)
def test_unknown_api_routes_are_a_404_in_the_one_error_format(app_client, path):
    response = app_client.get(path)
    assert response.status_code == 404
    body = response.json()
    assert set(body) == SHAPE and body["error"] == "NotFound" and "detail" not in body


def test_a_method_a_route_does_not_take_is_a_405_in_the_one_error_format(app_client):
    response = app_client.delete("/api/decisions")
    assert response.status_code == 405
    body = response.json()
    assert set(body) == SHAPE and body["error"] == "MethodNotAllowed"
    assert response.headers["allow"] == "GET" and "GET" in body["hint"]


def test_an_unknown_page_is_a_404_page(app_client):
    response = app_client.get("/no/such/page")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "Page not found" in response.text


def test_no_hint_or_error_shows_the_database_url(app_client, db_url):
    secrets = [db_url, db_url.removeprefix("sqlite:///"), "sqlite://"]
    for path in ("/api/decisions/99-999-999", "/decisions/99-999-999", "/api/nope"):
        text = app_client.get(path).text
        assert not [s for s in secrets if s in text], path


def test_scrub_removes_any_database_url():
    text = "ingest it first (ombuds ingest FILE --db postgresql://ombuds@db.internal:5432/cases)"
    assert scrub(text) == "ingest it first (ombuds ingest FILE --db the database)"
    assert scrub("at sqlite:////srv/data/ombuds.db: locked") == "at the database: locked"
    assert scrub("see /srv/x", ("/srv/x",)) == "see the database"


def _failing_app(db_url, clock, error):
    client = client_for(db_url, clock, raise_errors=False)
    router = APIRouter()

    @router.get("/api/boom")
    def boom(_: Public) -> None:
        raise error

    @router.get("/api/crash")
    def crash(_: Public) -> None:
        raise RuntimeError(f"secret detail {db_url}")

    client.app.include_router(router)
    return client


def test_a_503_carries_retry_after_and_never_the_url(db_url, clock):
    error = StorageError(
        "cannot read the database", source="postgresql://app@10.0.0.5/ombuds", hint="check it"
    )
    error.retry_after = 7
    with _failing_app(db_url, clock, error) as client:
        response = client.get("/api/boom")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "7"
    assert "10.0.0.5" not in response.text and response.json()["source"] == "the database"


def test_retry_after_is_honoured_for_any_error_that_carries_it(db_url, clock):
    with _failing_app(db_url, clock, TooManyRequests("slow down", retry_after=42)) as client:
        response = client.get("/api/boom")
    assert response.status_code == 429 and response.headers["retry-after"] == "42"


def test_an_unexpected_error_is_a_500_without_a_traceback(db_url, clock):
    with _failing_app(db_url, clock, None) as client:
        response = client.get("/api/crash")
    assert response.status_code == 500
    body = response.json()
    assert set(body) == SHAPE and body["error"] == "InternalError"
    assert "Traceback" not in response.text and "secret detail" not in response.text


def test_the_docs_page_loads_only_local_assets(app_client):
    page = app_client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "cdn" not in page.text.lower()
    for asset in (
        "/assets/swagger/swagger-ui-bundle.js",
        "/assets/swagger/swagger-ui.css",
        "/assets/app/docs.js",
    ):
        assert app_client.get(asset).status_code == 200, asset
    assert app_client.get("/openapi.json").json()["paths"]["/api/cases"]


def test_pages_use_the_pinned_govuk_frontend_from_the_app(app_client):
    import json
    from pathlib import Path

    page = app_client.get("/login").text
    for asset in re.findall(r'(?:src|href)="(/assets/[^"]+)"', page):
        assert app_client.get(asset).status_code == 200, asset
    root = Path(__file__).resolve().parents[2]
    pinned = json.loads((root / "package.json").read_text())["dependencies"]["govuk-frontend"]
    installed = json.loads((root / "node_modules/govuk-frontend/package.json").read_text())[
        "version"
    ]
    assert pinned == installed == "6.3.0"


def test_hostile_facts_are_refused_with_a_clear_error(app_client):
    from .conftest import api_sign_in

    api = api_sign_in(app_client)
    case = api.post("/api/cases", json={"letter": "Dear Ombudsman"}).json()
    deep = '{"version": 1, "facts": ' + '{"a": ' * 3000 + "1" + "}" * 3000 + "}"
    response = api.client.put(
        f"/api/cases/{case['id']}/facts",
        content=deep,
        headers={**api.headers(), "content-type": "application/json"},
    )
    assert 400 <= response.status_code < 500 and set(response.json()) == SHAPE
    shallower = '{"version": 1, "facts": ' + '{"a": ' * 900 + "1" + "}" * 900 + "}"
    response = api.client.put(
        f"/api/cases/{case['id']}/facts",
        content=shallower,
        headers={**api.headers(), "content-type": "application/json"},
    )
    assert 400 <= response.status_code < 500 and set(response.json()) == SHAPE
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    page = app_client.get(f"/cases/{case['id']}/facts")
    assert page.status_code == 303  # pages need the cookie; the API used a bearer token
    from .conftest import form_values, sign_in

    sign_in(app_client)
    page = app_client.get(f"/cases/{case['id']}/facts")
    response = app_client.post(
        f"/cases/{case['id']}/facts", data={**form_values(page.text), "facts": bomb}
    )
    assert response.status_code == 400 and "aliases" in response.text
    response = app_client.post(
        f"/cases/{case['id']}/facts", data={**form_values(page.text), "facts": "[" * 3000}
    )
    assert response.status_code == 400, response.text[:300]
