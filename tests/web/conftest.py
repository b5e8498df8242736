"""The casework app under test: a real SQLite database per test, real users, every page checked.

Isolation: the seeds and three users are written once per worker into a template database; each
test gets its own copy of that file (the casework writes go through the app's own connections,
so a copied file gives each test a clean database the way a rolled-back transaction would).

Every HTML response the test client receives is parsed with html5lib and checked: a <title>, no
duplicate ids, labels pointing at fields that exist, forms that post with a CSRF token
(notifications-admin's client_request, W3 of the style anchors).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import html5lib
import pytest
from fastapi.testclient import TestClient

from ombuds.casework import Accounts, Casework, Limits, Role
from ombuds.corpus.parse import parse_file
from ombuds.corpus.store import open_store
from ombuds.web.app import WebSettings, create_app

PASSWORD = "correct horse battery staple"
USERS = {
    "admin": ("ada@council.example", Role.admin),
    "reviewer": ("rita@council.example", Role.reviewer),
    "investigator": ("ivan@council.example", Role.investigator),
}
START = dt.datetime(2025, 2, 10, 9, 0, tzinfo=dt.UTC)


class Clock:
    """A clock the tests move by hand (sessions, rate limits), so nothing reads the real time."""

    def __init__(self, now: dt.datetime = START):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory, seed_files) -> Path:
    path = tmp_path_factory.mktemp("casework") / "template.db"
    store = open_store(f"sqlite:///{path}")
    try:
        store.upsert_many([(parse_file(p), p.read_text(encoding="utf-8")) for p in seed_files])
        accounts = Accounts(Casework(store.engine), clock=Clock())
        for email, role in USERS.values():
            accounts.add_user(email, role, PASSWORD)
    finally:
        store.close()
    return path


@pytest.fixture
def db_url(template_db, tmp_path) -> str:
    path = tmp_path / "ombuds.db"
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def clock() -> Clock:
    return Clock()


def check_html(response) -> None:
    """Fail on a page a browser would mis-read: parse errors, no title, duplicate ids, labels
    for missing fields, POST forms without a CSRF token."""
    if "text/html" not in response.headers.get("content-type", ""):
        return
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document = parser.parse(response.text)
    serious = [e for e in parser.errors if "unexpected-end-tag" in e[1] or "duplicate" in e[1]]
    assert not serious, f"{response.url}: HTML errors {serious[:3]}"
    title = document.find(".//title")
    assert title is not None and (title.text or "").strip(), f"{response.url}: no <title>"
    ids = Counter(e.get("id") for e in document.iter() if e.get("id"))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"{response.url}: duplicate ids {duplicates}"
    for label in document.iter("label"):
        target = label.get("for")
        assert target is None or target in ids, f"{response.url}: label for missing #{target}"
    for form in document.iter("form"):
        if (form.get("method") or "get").lower() == "post":
            names = {i.get("name") for i in form.iter("input")}
            assert "csrf_token" in names, f"{response.url}: a POST form without csrf_token"


def client_for(
    url: str, clock: Clock, *, limits: Limits | None = None, raise_errors: bool = True
) -> TestClient:
    app = create_app(url, settings=WebSettings(clock=clock, limits=limits or Limits()))
    client = TestClient(
        app,
        base_url="https://testserver",
        follow_redirects=False,
        raise_server_exceptions=raise_errors,
    )

    def hook(response):
        response.read()
        check_html(response)

    client.event_hooks["response"] = [hook]
    return client


@pytest.fixture
def app_client(db_url, clock):
    with client_for(db_url, clock) as client:
        yield client


TOKEN = re.compile(r'name="csrf_token" value="([^"]*)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


def form_values(html: str) -> dict[str, str]:
    values = {"csrf_token": TOKEN.search(html).group(1)}
    version = VERSION.search(html)
    if version:
        values["version"] = version.group(1)
    return values


def sign_in(client: TestClient, who: str = "investigator") -> str:
    """Sign in through the form, as a person would; returns the session's CSRF token."""
    email = USERS[who][0]
    page = client.get("/login")
    response = client.post(
        "/login",
        data={**form_values(page.text), "email": email, "password": PASSWORD, "next": "/cases"},
    )
    assert response.status_code == 303, response.text
    return form_values(client.get("/cases").text)["csrf_token"]


@dataclass
class Api:
    """A JSON API client signed in with a bearer token."""

    client: TestClient
    token: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **kw):
        return self.client.get(path, headers=self.headers(), **kw)

    def post(self, path: str, json=None, **kw):
        return self.client.post(path, json=json, headers=self.headers(), **kw)

    def put(self, path: str, json=None, **kw):
        return self.client.put(path, json=json, headers=self.headers(), **kw)


def api_sign_in(client: TestClient, who: str = "investigator") -> Api:
    response = client.post("/api/session", json={"email": USERS[who][0], "password": PASSWORD})
    assert response.status_code == 200, response.text
    return Api(client, response.json()["token"])


SEED_FACTS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
