"""One rule for every search filter (issue 10): any case, and a value that matches nothing is
refused with the valid ones listed; through the store (both backends) and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from ombuds.cli import app
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import open_store
from ombuds.errors import UnknownValue

from .store.conftest import decision

DECISIONS = [
    decision("21 000 001", category="Education > School transport", label="Upheld"),
    decision(
        "22 000 002",
        category="Education > Special educational needs",
        label="Not upheld",
        body="Leeds City Council",
        date=dt.date(2022, 6, 9),
    ),
    decision("23 000 003", category="Housing > Homelessness", body="Leeds City Council"),
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'filters.db'}"
    else:
        url = request.getfixturevalue("postgres_schema_url")
    opened = open_store(url)
    opened.upsert_many([(d, f"text of {d.reference}") for d in DECISIONS])
    yield opened
    opened.close()


def found(store, **filters) -> set[str]:
    return {hit.reference for hit in store.search(SearchQuery(**filters)).results}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"decision": "UPHELD"}, {"21 000 001"}),
        ({"decision": "not_upheld"}, {"22 000 002"}),
        ({"decision": "Not-Upheld"}, {"22 000 002"}),
        ({"category": "education > school transport"}, {"21 000 001"}),
        ({"category": "EDUCATION"}, {"21 000 001", "22 000 002"}),
        ({"category": "housing>homelessness"}, {"23 000 003"}),
        ({"body": "leeds  city COUNCIL"}, {"22 000 002", "23 000 003"}),
        ({"body": "Kent County Council"}, {"21 000 001"}),
    ],
)
def test_filters_match_whatever_the_case_and_spacing(store, filters, expected):
    assert found(store, **filters) == expected
    assert found(store, q="text", **filters) == expected


@pytest.mark.parametrize(
    ("filters", "source", "listed"),
    [
        ({"decision": "foo"}, "decision", ["Upheld", "Not upheld", "Closed after initial"]),
        ({"category": "Gardening"}, "category", ["Education", "Housing", "Planning"]),
        (
            {"category": "Education > Transport"},
            "category",
            ["School transport", "Special educational needs"],
        ),
        ({"body": "Leeds Council"}, "body", ["Leeds City Council"]),
        ({"body": "Zzyzx"}, "body", ["ombuds stats"]),
    ],
)
def test_an_unknown_value_is_refused_listing_the_valid_ones(store, filters, source, listed):
    with pytest.raises(UnknownValue) as caught:
        store.search(SearchQuery(**filters))
    error = caught.value
    assert error.source == source and error.http_status == 422
    for value in listed:
        assert value in (error.hint or ""), error.hint


def test_a_category_added_later_is_known_at_once(store):
    store.upsert(decision("24 000 004", category="Roads > Potholes"), "roads text")
    assert found(store, category="roads") == {"24 000 004"}


def test_a_known_category_or_council_without_decisions_is_no_results_not_an_error(store):
    assert store.search(SearchQuery(category="planning > enforcement")).total == 0
    assert store.search(SearchQuery(body="rushcliffe borough council")).total == 0


runner = CliRunner()


@pytest.fixture
def db(tmp_path, seeds_dir) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", url]).exit_code == 0
    return url


@pytest.mark.parametrize(
    ("option", "value", "listed"),
    [
        ("--decision", "foo", "Not upheld"),
        ("--ground", "bogus", "better_placed"),
        ("--referral", "nope", "ico"),
        ("--category", "Nothing here", "top-level categories"),
        ("--body", "Nowhere Council", "ombuds stats lists every body"),
    ],
)
def test_the_cli_refuses_every_unknown_filter_the_same_way(db, option, value, listed):
    result = runner.invoke(app, ["search", "", option, value, "--db", db])
    assert result.exit_code == 2, result.output
    assert f"error: {option}: " in result.output and listed in result.output


def test_the_cli_matches_every_filter_whatever_the_case(db):
    plain = runner.invoke(app, ["search", "", "--db", db, "--json"]).output
    assert '"Warwickshire County Council"' in plain
    for option, value in (
        ("--body", "WARWICKSHIRE county council"),
        ("--decision", "closed after initial enquiries"),
        ("--ground", "BETTER-PLACED"),
    ):
        result = runner.invoke(app, ["search", "", option, value, "--db", db])
        assert result.exit_code == 0, result.output
        assert "0 decision(s) match" not in result.output, (option, result.output)
