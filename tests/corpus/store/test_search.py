"""Full-text search, filters, snippets and facets: the same tests on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import SNIPPET_END, SNIPPET_START

from .conftest import decision

CORPUS = [
    # reference, body, category, label, date, grounds, referrals, text
    (
        "21 000 001",
        "Kent County Council",
        "Education > School transport",
        "Upheld",
        dt.date(2021, 3, 1),
        ("late",),
        (),
        "The council refused school transport. The school transport policy was applied late.",
    ),
    (
        "22 000 002",
        "Kent County Council",
        "Education > Special educational needs",
        "Not upheld",
        dt.date(2022, 6, 9),
        ("better_placed",),
        ("tribunal",),
        "A special educational needs plan was delayed; the tribunal is better placed.",
    ),
    (
        "23 000 003",
        "Leeds City Council",
        "Housing > Homelessness",
        "Upheld",
        dt.date(2023, 1, 15),
        ("late", "better_placed"),
        ("ico",),
        "Homelessness: the housing officer lost records; data protection concerns go to the ICO.",
    ),
    (
        "24 000 004",
        "Leeds City Council",
        "Planning > Enforcement",
        "Closed after initial enquiries",
        dt.date(2024, 11, 30),
        ("insufficient_evidence_of_fault",),
        (),
        "Planning enforcement against a neighbour's extension; no sign of fault in planning.",
    ),
    (
        "25 000 005",
        "Bristol City Council",
        "Adult care services > Charging",
        "Closed after initial enquiries",
        None,
        ("court_proceedings",),
        ("courts",),
        "Care charges for a parent in a care home; the matter is before the courts.",
    ),
]


@pytest.fixture
def corpus(store):
    store.upsert_many(
        [
            (
                decision(
                    ref,
                    body=body,
                    category=cat,
                    label=label,
                    date=date,
                    grounds=grounds,
                    referrals=refs,
                    summary=text[:40],
                ),
                text,
            )
            for ref, body, cat, label, date, grounds, refs, text in CORPUS
        ]
    )
    return store


def refs(results) -> list[str]:
    return [hit.reference for hit in results.results]


def test_words_are_all_required_and_stemmed(corpus):
    assert refs(corpus.search(SearchQuery(q="school transport"))) == ["21 000 001"]
    assert refs(corpus.search(SearchQuery(q="charge"))) == ["25 000 005"]  # "charges"
    assert corpus.search(SearchQuery(q="school homelessness")).total == 0


def test_ranking_puts_the_decision_most_about_the_words_first(corpus):
    results = corpus.search(SearchQuery(q="transport OR tribunal"))
    assert refs(results) == ["21 000 001", "22 000 002"]  # "transport" twice, "tribunal" once


def test_snippets_mark_the_matched_words(corpus):
    hit = corpus.search(SearchQuery(q="tribunal")).results[0]
    assert f"{SNIPPET_START}tribunal{SNIPPET_END}" in hit.snippet
    assert corpus.search(SearchQuery(category="Housing")).results[0].snippet is None


def test_phrases_prefixes_or_and_exclusion(corpus):
    assert refs(corpus.search(SearchQuery(q='"transport policy"'))) == ["21 000 001"]
    assert corpus.search(SearchQuery(q='"policy transport"')).total == 0
    assert refs(corpus.search(SearchQuery(q="homeless*"))) == ["23 000 003"]
    assert corpus.search(SearchQuery(q="tribunal OR courts")).total == 2
    assert refs(corpus.search(SearchQuery(q="council -transport"))) == []
    assert set(refs(corpus.search(SearchQuery(q="care OR enforcement -courts")))) == {"24 000 004"}


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        "*",
        "NEAR(",
        "NEAR(a b",
        "NEAR(school transport, 2)",
        '"school transport',
        "'; drop table x; --",
        "'; DROP TABLE decisions; --",
        "AND OR NOT",
        "AND",
        "OR",
        "NOT",
        "-",
        "--",
        ":",
        "text:school",
        "school:",
        "^school",
        "(school",
        "school)",
        "{school}",
        "school AND",
        "OR school",
        "NOT school",
        "-school",
        "school -",
        "\\",
        "%",
        "_",
        "'",
        "a'b",
        "\x00",
        "ü",
        "😀",
        "school*",
        "*school",
        "s*",
        "school\ttransport\n",
        " " * 5,
    ],
)
def test_query_syntax_never_crashes(corpus, text):
    results = corpus.search(SearchQuery(q=text))
    assert results.total >= 0
    assert len(results.results) <= results.total
    assert corpus.count() == len(CORPUS)  # and nothing was dropped


def test_query_syntax_gives_sensible_results(corpus):
    # Quote and operator noise around real words still finds them.
    assert refs(corpus.search(SearchQuery(q='"school transport'))) == ["21 000 001"]
    assert refs(corpus.search(SearchQuery(q="NEAR(school transport)"))) == ["21 000 001"]
    assert refs(corpus.search(SearchQuery(q="text:school"))) == []  # "text" is required too
    assert refs(corpus.search(SearchQuery(q="(school)"))) == ["21 000 001"]
    assert refs(corpus.search(SearchQuery(q="school:"))) == ["21 000 001"]
    assert refs(corpus.search(SearchQuery(q="'; drop table x; --"))) == []
    # Punctuation only: nothing to look for, so it browses everything.
    assert corpus.search(SearchQuery(q=':*-"')).total == len(CORPUS)


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"category": "Education > School transport"}, {"21 000 001"}),
        ({"category": "Education"}, {"21 000 001", "22 000 002"}),
        ({"category": "education>special educational needs"}, {"22 000 002"}),  # any case
        ({"category": "Education>Special educational needs"}, {"22 000 002"}),
        ({"decision": "Upheld"}, {"21 000 001", "23 000 003"}),
        ({"decision": "not_upheld"}, {"22 000 002"}),
        ({"body": "Leeds City Council"}, {"23 000 003", "24 000 004"}),
        ({"ground": "late"}, {"21 000 001", "23 000 003"}),
        ({"referral": "ico"}, {"23 000 003"}),
        ({"date_from": dt.date(2022, 6, 9)}, {"22 000 002", "23 000 003", "24 000 004"}),
        ({"date_to": dt.date(2022, 6, 9)}, {"21 000 001", "22 000 002"}),
        (
            {"date_from": dt.date(2022, 1, 1), "date_to": dt.date(2023, 12, 31), "ground": "late"},
            {"23 000 003"},
        ),
    ],
)
def test_filters(corpus, filters, expected):
    assert set(refs(corpus.search(SearchQuery(**filters)))) == expected
    # A word of each text: the same filters around a text search give the same set.
    with_text = corpus.search(
        SearchQuery(q="transport OR tribunal OR homelessness OR enforcement OR courts", **filters)
    )
    assert set(refs(with_text)) == expected and with_text.total == len(expected)


def test_facets_count_the_whole_filtered_set_not_just_the_page(corpus):
    results = corpus.search(SearchQuery(ground="better_placed", limit=1))
    assert results.total == 2 and len(results.results) == 1
    assert results.facets["category"] == {
        "Education > Special educational needs": 1,
        "Housing > Homelessness": 1,
    }
    assert results.facets["decision"] == {"Not upheld": 1, "Upheld": 1}
    assert results.facets["body"] == {"Kent County Council": 1, "Leeds City Council": 1}
    assert results.facets["ground"] == {"better_placed": 2, "late": 1}
    assert results.facets["referral"] == {"ico": 1, "tribunal": 1}
    assert results.facets["year"] == {"2023": 1, "2022": 1}


def test_facets_of_a_text_search(corpus):
    results = corpus.search(SearchQuery(q="care OR enforcement"))
    assert results.total == 2
    assert results.facets["decision"] == {"Closed after initial enquiries": 2}
    assert results.facets["year"] == {"2024": 1}  # the other has no date
    assert results.facets["ground"] == {"court_proceedings": 1, "insufficient_evidence_of_fault": 1}


def test_browse_is_newest_first_and_pages(corpus):
    every = refs(corpus.search(SearchQuery()))
    assert every == ["24 000 004", "23 000 003", "22 000 002", "21 000 001", "25 000 005"]
    assert refs(corpus.search(SearchQuery(limit=2, offset=1))) == every[1:3]
    assert refs(corpus.search(SearchQuery(limit=2, offset=10))) == []
    assert corpus.search(SearchQuery(limit=2, offset=10)).total == 5


def test_text_search_pages_keep_the_ranking(corpus):
    every = refs(corpus.search(SearchQuery(q="council OR the")))
    pages = (
        refs(corpus.search(SearchQuery(q="council OR the", limit=2)))
        + refs(corpus.search(SearchQuery(q="council OR the", limit=2, offset=2)))
        + refs(corpus.search(SearchQuery(q="council OR the", limit=2, offset=4)))
    )
    assert pages == every


def test_new_and_changed_decisions_are_searchable_at_once(corpus):
    assert corpus.search(SearchQuery(q="allotment")).total == 0
    corpus.upsert(
        decision("21 000 001", category="Other Categories > Land"),
        "An allotment tenancy was ended.",
    )
    results = corpus.search(SearchQuery(q="allotment"))
    assert refs(results) == ["21 000 001"]
    assert results.facets["category"] == {"Other Categories > Land": 1}
    assert corpus.search(SearchQuery(q="transport")).total == 0  # the old text is gone
    corpus.upsert(decision("26 000 006"), "Another allotment.")
    assert corpus.search(SearchQuery(q="allotment")).total == 2
    assert corpus.search(SearchQuery()).total == len(CORPUS) + 1


def test_a_second_store_on_the_same_database_sees_writes(corpus, store_url):
    from ombuds.corpus.store import open_store

    with open_store(store_url) as other:
        assert other.search(SearchQuery(q="tribunal")).total == 1  # builds its caches
        corpus.upsert(decision("26 000 006"), "A tribunal again.")
        assert other.search(SearchQuery(q="tribunal")).total == 2
        assert other.search(SearchQuery(referral="ico")).total == 2


def test_every_search_is_ranked_however_broad(store):
    """A word found in every decision still ranks: by how much each decision is about it (BM25
    with an idf that stays above zero), never merely newest first."""
    texts = {  # reference -> text; every one says "council", each a different number of times
        "21 000 001": "The council delayed. The council delayed again. Council council.",
        "22 000 002": "The council replied late to the complaint about the school.",
        "23 000 003": "Council officers said the council would review the council's delay.",
        "24 000 004": "A neighbour complained about the council and a planning delay.",
    }
    dates = [dt.date(2021, 1, 1), dt.date(2022, 1, 1), dt.date(2023, 1, 1), dt.date(2024, 1, 1)]
    store.upsert_many(
        [
            (decision(ref, date=day), text)
            for (ref, text), day in zip(texts.items(), dates, strict=True)
        ]
    )
    everywhere = store.search(SearchQuery(q="council"))
    assert everywhere.total == 4
    assert refs(everywhere) == ["21 000 001", "23 000 003", "24 000 004", "22 000 002"]
    # "delays" stands for delay, delayed...: the decision saying it twice comes first.
    assert refs(store.search(SearchQuery(q="council delays")))[0] == "21 000 001"
    # Equal scores: newest first, then the higher id.
    assert refs(store.search(SearchQuery(q="neighbour OR school"))) == ["24 000 004", "22 000 002"]


def test_facets_and_totals_do_not_depend_on_the_page(corpus):
    broad = "council OR tribunal OR homelessness OR enforcement OR care"
    first = corpus.search(SearchQuery(q=broad, limit=2))
    rest = corpus.search(SearchQuery(q=broad, limit=3, offset=2))
    assert first.total == rest.total == 5 and first.facets == rest.facets
    whole = corpus.search(SearchQuery(q=broad))
    assert refs(first) + refs(rest) == refs(whole)
    assert all(hit.snippet for hit in whole.results)
