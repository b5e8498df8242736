"""The quick paths of search at scale (facet_counts, FacetIndex.selection, ranking._all_of and
ranking.top) give exactly what the straightforward computation gives: counted one decision at
a time in Python, over a store with ties, filters, many-valued facets and decisions updated in
a later block (their old counts and grounds left behind in an older one)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import numpy as np
import pytest

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import facet_counts, facet_index, ranking
from ombuds.corpus.store.query_text import parse_user_query

from .conftest import decision

GROUNDS = ("late", "better_placed", "premature", "court_remedy", "no_worthwhile_outcome")
REFERRALS = ("ico", "housing_ombudsman", "tribunal")
BODIES = ("Kent County Council", "Leeds City Council", "Derby City Council")
CATEGORIES = ("Education > School transport", "Education > Special educational needs", "Housing")
LABELS = ("Upheld", "Not upheld", "Closed after initial enquiries")
WORDS = ("delay", "refund", "school", "transport", "appeal", "bus", "letter")


def _decisions(rng: random.Random, start: int, n: int, salt: str = "") -> list:
    out = []
    for i in range(start, start + n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        if i % 7 == 0:
            text = "delay school"  # identical texts: equal scores, ties broken by date then id
        out.append(
            (
                decision(
                    f"24 {i:03d} 001",
                    body=rng.choice(BODIES),
                    category=rng.choice(CATEGORIES),
                    label=rng.choice(LABELS),
                    date=dt.date(2018 + i % 7, 1 + i % 12, 1) if i % 11 else None,
                    grounds=rng.sample(GROUNDS, rng.randint(0, 3)),
                    referrals=rng.sample(REFERRALS, rng.randint(0, 2)),
                    summary=salt,
                ),
                text + salt,
            )
        )
    return out


@pytest.fixture
def index(store):
    """A store of 80 decisions written in three batches, the second and third updating some
    of the first (new words, grounds, referrals, categories), and its column index."""
    rng = random.Random(14)
    store.upsert_many(_decisions(rng, 0, 60))
    store.upsert_many(_decisions(rng, 40, 30, " updated"))  # 40-59 again, 60-69 new
    store.upsert_many(_decisions(rng, 5, 10, " again"))
    store.upsert_many(_decisions(rng, 70, 10))
    with store.engine.connect() as connection:
        yield store, connection, store._search.facet_index(connection)


def _stored(index) -> list[int]:
    return [int(i) for i in np.flatnonzero(index.present)]


def _naive_facets(index, ids) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter] = {name: Counter() for name in facet_index._SCALAR_FACETS}
    counts |= {"year": Counter(), "ground": Counter(), "referral": Counter()}
    held = {"ground": index.grounds, "referral": index.referrals}
    chosen = set(ids)
    for name, coded in index.scalars.items():
        for i in ids:
            if coded.codes[i] >= 0:
                counts[name][coded.values[coded.codes[i]]] += 1
    for i in ids:
        if index.year[i] > 0:
            counts["year"][str(int(index.year[i]))] += 1
    for name, pairs in held.items():
        seen = {(int(i), int(c)) for i, c in zip(pairs.ids, pairs.codes, strict=True)}
        for i, code in seen:
            if i in chosen:
                counts[name][pairs.values[code]] += 1
    return {name: dict(c) for name, c in counts.items()}


def test_facets_equal_counting_one_decision_at_a_time(index):
    """Small sets, and sets of most of the store (counted as totals less the rest)."""
    _store, _connection, index = index
    stored = _stored(index)
    rng = random.Random(3)
    for size in (0, 1, 5, len(stored) // 2, len(stored) // 2 + 1, len(stored) - 3, len(stored)):
        ids = sorted(rng.sample(stored, size))
        assert index.facets(np.array(ids, dtype=np.int64)) == _naive_facets(index, ids)


def test_facets_counted_in_one_pass_each_equal_the_same_counted_apart(index, monkeypatch):
    _store, _connection, index = index
    ids = np.array(_stored(index)[::3], dtype=np.int64)
    joint = facet_counts.FacetCounter(index)
    monkeypatch.setattr(facet_counts, "JOINT_AT_MOST", 1)  # every facet a pass of its own
    apart = facet_counts.FacetCounter(index)
    assert len(apart.passes) == 6 and len(joint.passes) < 6
    assert joint.facets(ids) == apart.facets(ids) == _naive_facets(index, ids.tolist())


def _passes(index, i: int, query: SearchQuery) -> bool:
    def value(name):
        coded = index.scalars[name]
        return coded.values[coded.codes[i]] if coded.codes[i] >= 0 else None

    def holds(pairs, wanted):
        return any(
            pairs.values[c] == wanted for d, c in zip(pairs.ids, pairs.codes, strict=True) if d == i
        )

    day = int(index.day[i])
    return (
        (not query.category or (value("category") or "").startswith(query.category))
        and (not query.decision or value("decision") == query.decision)
        and (not query.body or value("body") == query.body)
        and (not query.ground or holds(index.grounds, str(query.ground)))
        and (not query.referral or holds(index.referrals, str(query.referral)))
        and (not query.date_from or day >= query.date_from.toordinal())
        and (not query.date_to or 0 < day <= query.date_to.toordinal())
    )


QUERIES = [
    SearchQuery(),
    SearchQuery(category="Education"),
    SearchQuery(category="Housing", decision="Upheld"),
    SearchQuery(body="Leeds City Council"),
    SearchQuery(ground="late"),
    SearchQuery(referral="ico", date_from=dt.date(2020, 1, 1)),
    SearchQuery(ground="premature", date_to=dt.date(2021, 6, 1)),
    SearchQuery(referral="tribunal", category="Education > School transport"),
]


@pytest.mark.parametrize("look_up_under", [0, 10**9])  # always read the mask; always look up
def test_filters_and_required_terms_equal_the_straightforward_computation(
    index, monkeypatch, look_up_under
):
    monkeypatch.setattr(facet_index, "LOOK_UP_UNDER", look_up_under)
    monkeypatch.setattr(ranking, "LOOK_UP_UNDER", look_up_under)
    store, connection, index = index
    phrase_ids = store._search.phrase_ids
    for text in ("delay", "delay school", "school delay bus", "refund -appeal", "bus bus"):
        parsed = parse_user_query(text)
        scored = {}
        for group in parsed.groups:
            ids, scores = ranking._term(connection, index, group[0], phrase_ids)
            scored[group[0]] = dict(zip(ids.tolist(), scores.tolist(), strict=True))
        excluded = set()
        for term in parsed.excluded:
            excluded |= set(ranking._term(connection, index, term, phrase_ids)[0].tolist())
        for query in QUERIES:
            expected = {}
            for i in _stored(index):
                if i in excluded or not _passes(index, i, query):
                    continue
                if all(i in scored[group[0]] for group in parsed.groups):
                    total = 0.0
                    for group in parsed.groups:  # summed in the terms' order, from zero
                        total += scored[group[0]][i]
                    expected[i] = total
            selection = index.selection(query, query.decision)
            ids, scores = ranking.match(connection, index, parsed, phrase_ids, None, selection)
            assert ids.tolist() == sorted(expected)
            assert scores.tolist() == [expected[i] for i in sorted(expected)]  # the same bits


def test_top_with_a_sample_threshold_equals_a_full_sort(index, monkeypatch):
    """Every page, with many equal scores, as sorting all matches by (score, date, id) gives."""
    _store, _connection, index = index
    ids = np.array(_stored(index), dtype=np.int64)
    monkeypatch.setattr(ranking, "SAMPLE_OVER", 4)
    for scores in (
        np.round(np.random.default_rng(1).random(len(ids)) * 4) / 4,  # five values: ties
        np.ones(len(ids)),  # every score the same
    ):
        everything = sorted(
            range(len(ids)), key=lambda k: (-scores[k], -index.day[ids[k]], -ids[k])
        )
        expected = [int(ids[k]) for k in everything]
        for offset, limit in ((0, 1), (0, 3), (2, 5), (10, 4), (0, len(ids))):
            page = ranking.top(index, ids, scores, offset, limit)
            assert page == expected[offset : offset + limit]
