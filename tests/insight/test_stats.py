"""The Wilson interval against published values, and the insight figures on a real store."""

from __future__ import annotations

import numpy as np
import pytest

from bench.synthetic import make_decision
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.parse import parse_document
from ombuds.corpus.store import open_store
from ombuds.insight import service
from ombuds.insight.stats import wilson


def test_wilson_matches_published_values():
    # Brown, Cai and DasGupta's example values; 0 of n stays above zero width.
    low, high = wilson(np.array([0, 5, 81]), np.array([10, 10, 263]))
    assert low[0] == 0.0 and high[0] == pytest.approx(0.2775, abs=1e-4)
    assert (low[1], high[1]) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    assert (low[2], high[2]) == (pytest.approx(0.2553, abs=1e-4), pytest.approx(0.3662, abs=1e-4))
    empty = wilson(np.array([0]), np.array([0]))
    assert (empty[0][0], empty[1][0]) == (0.0, 1.0)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("insight") / "ombuds.db"
    with open_store(f"sqlite:///{path}") as writer:
        writer.upsert_many(
            [parse_document(make_decision(i, 9, "txt").text, source=f"{i}.txt") for i in range(400)]
        )
    opened = open_store(f"sqlite:///{path}", create=False, read_only=True)
    yield opened
    opened.close()


def test_counts_agree_with_the_stored_rows(store):
    figures = service.insight(store)
    stats = store.stats()
    assert figures.decisions == stats["decisions"] == 400
    assert {c.value: c.decisions for c in figures.by_outcome} == stats["by_decision"]
    assert {c.value: c.decisions for c in figures.by_ground} == stats["by_ground"]
    assert {c.value: c.decisions for c in figures.by_year} == stats["by_year"]
    tops: dict[str, int] = {}
    for category, n in stats["by_category"].items():
        tops[category.split(" > ")[0]] = tops.get(category.split(" > ")[0], 0) + n
    assert {c.value: c.decisions for c in figures.by_category} == tops


def test_uphold_rates_are_of_the_investigated_with_their_interval(store):
    figures = service.insight(store)
    national = figures.national_uphold
    by_decision = store.stats()["by_decision"]
    assert national.upheld == by_decision["Upheld"]
    assert national.investigated == by_decision["Upheld"] + by_decision["Not upheld"]
    for row in figures.uphold:
        if row.investigated < service.MIN_INVESTIGATED:
            assert row.rate is None
        else:
            assert row.low <= row.rate <= row.high
            assert row.rate == pytest.approx(row.upheld / row.investigated, abs=1e-4)
    assert sum(r.decisions for r in figures.uphold) <= figures.decisions


def test_filters_are_the_searchs(store):
    upheld = service.insight(store, SearchQuery(decision="upheld"))
    assert [c.value for c in upheld.by_outcome] == ["Upheld"]
    assert upheld.decisions == store.search(SearchQuery(decision="Upheld", limit=1)).total
    worded = service.insight(store, SearchQuery(q="delay"))
    assert worded.decisions == store.search(SearchQuery(q="delay", limit=1)).total


def test_outliers_only_where_the_interval_leaves_out_the_national_share(store):
    for row in service.insight(store).consistency:
        assert row.closed >= service.MIN_CLOSED
        assert row.low <= row.share <= row.high
        if row.outlier == "more":
            assert row.low > row.national
        elif row.outlier == "less":
            assert row.high < row.national


def test_csv_escapes_formulas_and_has_a_header(store):
    figures = service.insight(store)
    text = service.csv_text(figures, "uphold")
    assert text.splitlines()[0] == "council,decisions,investigated,upheld,rate,low,high"
    assert service._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
