"""The word counts kept between searches: after writes, a store that has searched before ranks
exactly as one opened afresh (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import sqlalchemy as sa

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import open_store, rank_index
from ombuds.corpus.store.rank_index import PostingsCache, TermCache, cache_budget, postings
from ombuds.errors import InputError

from .conftest import decision

QUERIES = ["delay", "refund delay", "school", "transport", '"school transport"', "refund*", "bus"]


def _texts(n: int, start: int = 0) -> list[tuple]:
    words = ["delay", "refund", "school", "transport", "bus", "appeal"]
    return [
        (
            decision(f"24 {i:03d} 001", date=dt.date(2020, 1, 1) + dt.timedelta(days=i)),
            " ".join(words[(i + k) % len(words)] for k in range(i % 5 + 2))
            + " school transport" * (i % 3),
        )
        for i in range(start, start + n)
    ]


def _answers(store) -> list[tuple]:
    found = []
    for q in QUERIES:
        results = store.search(SearchQuery(q=q, limit=50))
        found.append((q, results.total, [hit.reference for hit in results.results]))
    return found


def test_a_store_that_searched_before_a_write_ranks_as_a_fresh_one(store, store_url):
    store.upsert_many(_texts(30))
    before = _answers(store)  # fills the caches
    assert before == _answers(store)  # served from them, the same
    store.upsert_many(_texts(20, start=30))  # new decisions
    store.upsert_many(  # and decisions stored again with other words
        [(decision(f"24 {i:03d} 001"), "bus bus appeal") for i in range(0, 30, 3)]
    )
    with open_store(store_url) as fresh:
        assert _answers(store) == _answers(fresh)
    assert _answers(store) != before


def test_a_word_s_counts_kept_across_writes_are_brought_up_to_date(store, store_url):
    """After a small write, the new state of the store keeps each word's counts, stale, and
    brings them up to date from the rows written since when first searched: two writes in a
    row (new decisions, and old ones stored again with other counts) rank as a fresh store."""
    store.upsert_many(_texts(40))
    before = _answers(store)  # fills the counts of every word searched
    store.upsert_many(_texts(10, start=40))
    store.upsert_many(
        [(decision(f"24 {i:03d} 001"), "delay delay delay bus") for i in range(0, 40, 4)]
        + [(decision(f"24 {i:03d} 001"), "appeal only") for i in range(1, 40, 8)]
    )
    search = store._search
    with store.engine.connect() as connection:
        index = search.facet_index(connection)
    stale = index.terms.stale(("stem", "delay"))
    assert stale is not None and index.terms.get(("stem", "delay")) is None
    since, (kept_ids, _counts) = stale
    assert since < index.generation - 1  # from before both writes
    with open_store(store_url) as fresh:
        expected = _answers(fresh)
    assert _answers(store) == expected != before
    assert index.terms.stale(("stem", "delay")) is None  # brought up to date, and kept
    ids, counts = index.terms.get(("stem", "delay"))  # type: ignore[misc]
    assert bool(np.all(ids[1:] > ids[:-1]))
    assert dict(zip(ids.tolist(), counts.tolist(), strict=True))[1] == 3  # stored again
    assert len(ids) != len(kept_ids)


def test_the_caches_stay_within_their_budget(store):
    store.upsert_many(_texts(40))
    with store.engine.connect() as connection:
        generation = connection.execute(sa.text("SELECT generation FROM corpus_state")).scalar()
        block = np.zeros(1000, dtype=np.int64)
        block[1:41] = 1
        words = connection.execute(sa.text("SELECT id FROM rank_words ORDER BY id")).scalars()
        word_ids = list(words)
        cache = PostingsCache(budget=200)
        for word in word_ids:
            with_cache = postings(connection, [word], block, cache, generation)
            without = postings(connection, [word], block)
            assert [a.tolist() for a in with_cache] == [a.tolist() for a in without]
            assert cache.size <= 200 or len(cache._words) == 1
    terms = TermCache(budget=100)
    for i in range(10):
        terms.put(("w", i), (np.arange(5, dtype=np.int32), np.zeros(5, dtype=np.float32)))
    assert terms.size <= 100
    assert terms.get(("w", 9)) is not None and terms.get(("w", 0)) is None


def test_a_warmed_store_answers_as_a_cold_one_and_holds_the_commonest_words(store, store_url):
    """Start-up warming (`Store.warm_search`) fills the caches with the commonest stems, largest
    first, and changes no answer: the same totals and order as a store that never warmed, before
    and after a write. Forms of one word share one entry of counts ("delays" is "delay")."""
    store.upsert_many(_texts(60))
    with open_store(store_url) as cold:
        expected = _answers(cold)
    warmed = store.warm_search()
    assert warmed >= 4  # delay, refund, school, transport, bus, appeal: each in >= 1%
    index = store._search._index
    kept = set(index.terms._kept)
    assert {("stem", "delay"), ("stem", "school")} <= kept
    assert _answers(store) == expected
    assert store.search(SearchQuery(q="delays")).total == store.search(SearchQuery(q="delay")).total
    store.upsert_many([(decision(f"24 {i:03d} 001"), "appeal appeal bus") for i in range(0, 60, 4)])
    with open_store(store_url) as cold:
        assert _answers(store) == _answers(cold)


def test_warming_keeps_within_its_share_of_the_caches(store):
    from ombuds.corpus.store import ranking

    store.upsert_many(_texts(60))
    search = store._search
    with store.engine.connect() as connection:
        search.facet_index(connection)  # sizes the caches for the store, then:
        search._postings = PostingsCache(budget=60 * 9 * 2)  # room for about one common word
        stems = ranking.commonest_stems(connection)
        assert [n for _word, n in stems] == sorted((n for _word, n in stems), reverse=True)
        warmed = search.warm(connection)
    assert 1 <= warmed <= len(stems)
    assert search._postings.size <= search._postings.budget * ranking.WARM_SHARE + 64 * warmed
    # Past the rows' share, stems are still warmed, into the counts of the index alone.
    assert len(search._postings._words) < warmed
    assert search._index is not None
    assert search._index.terms.size <= search._index.terms.budget * ranking.WARM_SHARE


def test_the_cache_budgets_grow_with_the_store_above_their_floor(monkeypatch):
    monkeypatch.delenv("OMBUDS_SEARCH_CACHE_MB", raising=False)
    assert cache_budget("terms", 10) == 256 << 20  # the floor
    assert cache_budget("postings", 1_000_000) == 1_000_000 * 1024  # about 1 GB at a million
    assert cache_budget("pairs", 1_000_000) == 1_000_000 * 256
    monkeypatch.setenv("OMBUDS_SEARCH_CACHE_MB", "64")
    assert cache_budget("terms", 1_000_000) == 64 << 20
    monkeypatch.setenv("OMBUDS_SEARCH_CACHE_MB", "lots")
    with pytest.raises(InputError, match="OMBUDS_SEARCH_CACHE_MB"):
        cache_budget("terms", 10)


def test_a_store_sizes_its_caches_for_its_decisions(store, monkeypatch):
    monkeypatch.delenv("OMBUDS_SEARCH_CACHE_MB", raising=False)
    monkeypatch.setattr(rank_index, "CACHE_FLOOR", {"postings": 1, "terms": 1, "pairs": 1})
    store.upsert_many(_texts(30))
    store.search(SearchQuery(q="delay"))
    search = store._search  # the store's search state, as the web app keeps it
    assert search._postings.budget == 30 * rank_index.CACHE_BYTES_PER_DECISION["postings"]
    index = search._index
    assert index is not None and index.terms.budget == 30 * 1024
    store.upsert_many(_texts(10, start=30))
    store.search(SearchQuery(q="delay"))
    assert search._postings.budget == 40 * 1024 and search._index.terms.budget == 40 * 1024


def test_a_bad_cache_size_is_refused_when_the_store_opens(tmp_path, monkeypatch):
    from ombuds.corpus.store import open_store

    monkeypatch.setenv("OMBUDS_SEARCH_CACHE_MB", "lots")
    with pytest.raises(InputError, match="OMBUDS_SEARCH_CACHE_MB"):
        open_store(f"sqlite:///{tmp_path / 'x.db'}")
