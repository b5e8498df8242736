"""The read-only JSON API, over a real store (SQLite file and the PostgreSQL server).

The corpus: the five seeds plus synthetic decisions from bench/synthetic.py, parsed once per
module and written into each backend with the store's own upsert.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402
from ombuds.cli import app as cli_app  # noqa: E402
from ombuds.corpus.parse import parse_file, parse_text  # noqa: E402
from ombuds.corpus.store import open_store  # noqa: E402
from ombuds.errors import (  # noqa: E402
    InputError,
    NotFound,
    PublicationBlocked,
    SchemaError,
    StorageError,
)
from ombuds.web import api  # noqa: E402

SYNTHETIC = 60
HOSTILE = [
    '"',
    "*",
    "NEAR(",
    "NEAR(social worker",
    '"unbalanced quote',
    "'; drop table x; --",
    "social AND",
    "OR",
    "-",
    "NOT",
    "body:council",
    "^council",
    "{text}: council",
    "social*worker*",
    "((((",
    "\\",
    "%",
    "_",
    "' OR 1=1 --",
    "ü\u0301ber",
    "🙂",
]


@pytest.fixture(scope="module")
def corpus(seed_files):
    items = [(parse_file(path), path.read_text(encoding="utf-8")) for path in seed_files]
    for record in synthetic.generate_records(SYNTHETIC, seed=21, fmt="mixed"):
        items.append((parse_text(record.text, record.filename), record.text))
    return items


def _fill(url: str, corpus) -> str:
    store = open_store(url)
    try:
        store.upsert_many(corpus)
    finally:
        store.close()
    return url


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory, corpus) -> str:
    return _fill(f"sqlite:///{tmp_path_factory.mktemp('api') / 'corpus.db'}", corpus)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, corpus) -> str:
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return _fill(request.getfixturevalue("postgres_schema_url"), corpus)


@pytest.fixture
def client(db_url):
    with TestClient(api.create_app(db_url)) as test_client:
        yield test_client


def _search(client, **params) -> dict:
    response = client.get("/api/decisions", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_search_returns_ranked_hits_with_snippets_and_facets(client, corpus):
    data = _search(client, q="social worker")
    assert set(data) == {"total", "results", "facets"}
    assert 5 <= data["total"] <= len(corpus)
    first = data["results"][0]
    assert set(first) == {
        "reference",
        "body",
        "category",
        "decision",
        "decision_date",
        "summary",
        "snippet",
    }
    assert "<mark>" in first["snippet"] and "</mark>" in first["snippet"]
    assert set(data["facets"]) >= {"category", "decision", "body", "ground", "referral", "year"}
    assert sum(data["facets"]["decision"].values()) <= data["total"]


def test_browsing_without_a_query_lists_every_decision_newest_first(client, corpus):
    data = _search(client, limit=100)
    assert data["total"] == len(corpus)
    dates = [r["decision_date"] for r in data["results"] if r["decision_date"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "name,value,field",
    [
        ("category", "Children's care services > Child protection", "category"),
        ("decision", "Closed after initial enquiries", "decision"),
        ("body", "Kent County Council", "body"),
    ],
)
def test_each_filter_narrows_to_matching_decisions(client, name, value, field):
    everything = _search(client, limit=100)
    filtered = _search(client, limit=100, **{name: value})
    facet = everything["facets"][field]
    assert filtered["total"] == facet[value] > 0
    assert all(r[field] == value for r in filtered["results"])


def test_ground_referral_and_date_filters(client):
    court = _search(client, ground="court_proceedings", limit=100)
    assert "21 019 030" in {r["reference"] for r in court["results"]}
    ico = _search(client, referral="ico", limit=100)
    assert ico["total"] == _search(client)["facets"]["referral"]["ico"]
    dated = _search(client, **{"from": "2024-01-01", "to": "2024-12-31"}, limit=100)
    assert dated["total"] > 0
    assert all("2024-01-01" <= r["decision_date"] <= "2024-12-31" for r in dated["results"])
    assert "24 000 184" in {r["reference"] for r in dated["results"]}


def test_pages_do_not_overlap(client):
    first = _search(client, limit=3, offset=0)
    second = _search(client, limit=3, offset=3)
    assert first["total"] == second["total"]
    seen = {r["reference"] for r in first["results"]}
    assert not seen & {r["reference"] for r in second["results"]}


@pytest.mark.parametrize("written", ["24 015 969", "24-015-969", "24015969"])
def test_one_decision_by_any_way_of_writing_its_reference(client, written):
    response = client.get(f"/api/decisions/{written}")
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["reference"] == "24 015 969"
    assert record["body"] == "Leicestershire County Council"
    assert {"could_not_add", "better_placed", "individual_conduct"} <= set(record["grounds"])
    assert record["sections"] and record["paragraphs"]
    assert not {"source", "publication"} & set(record), "server paths and gate records stay private"


def test_an_unknown_reference_is_a_json_404_and_garbage_a_422(client):
    missing = client.get("/api/decisions/99-999-999")
    assert missing.status_code == 404
    assert missing.json()["error"] == "NotFound" and "99 999 999" in missing.json()["source"]
    garbage = client.get("/api/decisions/not-a-reference")
    assert garbage.status_code == 422
    assert "reference" in garbage.json()["message"]


@pytest.mark.parametrize(
    "params,parameter",
    [
        ({"ground": "no_such_ground"}, "ground"),
        ({"referral": "the_moon"}, "referral"),
        ({"limit": 0}, "limit"),
        ({"limit": 5000}, "limit"),
        ({"offset": -1}, "offset"),
        ({"from": "2024-13-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2025-01-01", "to": "2024-01-01"}, "from"),
        ({"q": "care\x00plan"}, "q"),
        ({"body": "Kent\x00"}, "body"),
        ({"q": "x" * 600}, "q"),
    ],
)
def test_bad_parameters_are_a_422_naming_the_parameter(client, params, parameter):
    response = client.get("/api/decisions", params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "InvalidParameter"
    assert body["source"] == parameter and parameter in body["message"]
    assert body["problems"][0]["parameter"] == parameter


def test_ground_and_referral_ids_are_matched_in_any_case_as_on_the_command_line(client):
    exact = client.get("/api/decisions", params={"ground": "better_placed"}).json()["total"]
    assert exact > 0
    for ground in ("BETTER_PLACED", "Better placed", "better-placed"):
        response = client.get("/api/decisions", params={"ground": ground})
        assert response.status_code == 200, response.text
        assert response.json()["total"] == exact
    assert client.get("/api/decisions", params={"referral": "ICO"}).status_code == 200


@pytest.mark.parametrize("text", HOSTILE)
def test_search_syntax_and_quotes_never_break_the_api(client, corpus, text):
    response = client.get("/api/decisions", params={"q": text})
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"total", "results", "facets"}
    assert _search(client)["total"] == len(corpus), "nothing was dropped or changed"


def test_unbalanced_and_operator_queries_still_find_sensible_results(client):
    phrase = _search(client, q='"social worker"')["total"]
    assert phrase > 0
    assert _search(client, q='"social worker')["total"] == phrase
    assert _search(client, q="social OR zzzunseen")["total"] == _search(client, q="social")["total"]
    assert _search(client, q="soci*")["total"] >= _search(client, q="social")["total"] > 0
    assert (
        _search(client, q="social worker -zzzunseen")["total"]
        == _search(client, q="social worker")["total"]
    )


def test_the_decisions_api_is_read_only(client):
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/api/decisions").status_code == 405
        assert getattr(client, method)("/api/decisions/24-015-969").status_code == 405
    schema = client.get("/openapi.json").json()
    methods = {
        m
        for name, path in schema["paths"].items()
        if name.startswith("/api/decisions")
        for m in path
    }
    assert methods == {"get"}


def test_openapi_documents_the_endpoints(client):
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] and "read-only" in schema["info"]["description"]
    search = schema["paths"]["/api/decisions"]["get"]
    names = {p["name"] for p in search["parameters"]}
    assert names == {
        "q",
        "category",
        "decision",
        "body",
        "ground",
        "referral",
        "from",
        "to",
        "limit",
        "offset",
    }
    assert all(p.get("description") for p in search["parameters"])
    assert "/api/decisions/{reference}" in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


@pytest.mark.parametrize(
    "error,status",
    [
        (NotFound("gone", source="x"), 404),
        (StorageError("database away"), 503),
        (PublicationBlocked("blocked"), 409),
        (InputError("bad"), 400),
        (SchemaError("bad shape", problems=[{"path": "a", "expected": "b", "value": 1}]), 422),
    ],
)
def test_domain_errors_map_to_their_http_status_in_one_handler(sqlite_url, error, status):
    app = api.create_app(sqlite_url)
    with TestClient(app) as client:

        def failing(_query):
            raise error

        app.state.store.search = failing
        response = client.get("/api/decisions", params={"q": "council"})
    assert response.status_code == status
    assert response.json()["error"] == type(error).__name__
    assert response.json()["message"] == error.message


def test_the_store_is_opened_once_per_app(sqlite_url, monkeypatch):
    opened = []
    from ombuds.web import app as web_app

    real = web_app.open_store

    def counting(url, **options):
        opened.append(url)
        return real(url, **options)

    monkeypatch.setattr(web_app, "open_store", counting)
    with TestClient(api.create_app(sqlite_url)) as client:
        for _ in range(3):
            client.get("/api/decisions", params={"q": "council"})
        client.get("/api/decisions/24-015-969")
    assert opened == [sqlite_url]


def test_the_api_never_creates_a_database(tmp_path):
    from ombuds.errors import StorageError

    missing = tmp_path / "missing.db"
    with (
        pytest.raises(StorageError, match="no corpus database"),
        TestClient(api.create_app(f"sqlite:///{missing}")),
    ):
        pass
    assert not missing.exists()


def test_serve_command_has_an_example_and_refuses_a_bad_database():
    runner = CliRunner()
    help_text = runner.invoke(cli_app, ["serve", "--help"]).output
    assert "Example: ombuds serve" in help_text
    result = runner.invoke(cli_app, ["serve", "--db", "mysql://nowhere/x", "--port", "8123"])
    assert result.exit_code == StorageError.exit_code
    assert "unsupported database URL" in result.output


def test_serve_refuses_a_missing_database_and_does_not_create_it(tmp_path):
    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(cli_app, ["serve", "--db", f"sqlite:///{missing}"])
    assert result.exit_code == StorageError.exit_code
    assert "no corpus database at this path" in result.output
    assert not missing.exists()


def test_ombuds_serve_answers_over_http(sqlite_url):
    """The real command: uvicorn on a free local port, one search, then stopped."""
    import socket
    import subprocess
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ombuds = Path(sys.executable).parent / "ombuds"
    server = subprocess.Popen(
        [str(ombuds), "serve", "--db", sqlite_url, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}/api/decisions",
                    params={"q": "social worker"},
                    timeout=5,
                )
                break
            except httpx.TransportError:
                assert server.poll() is None, "ombuds serve exited"
                assert time.monotonic() < deadline, "ombuds serve did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["total"] > 0
    finally:
        server.terminate()
        server.wait(timeout=30)
