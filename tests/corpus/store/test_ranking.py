"""Ranking: SQLite and PostgreSQL give the same top ten for the search benchmark's queries, and
BM25 from the store's own counts agrees with the textbook formula."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from ombuds.corpus.ingest import ingest
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store import open_store
from ombuds.corpus.store.terms import count_words

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import realshaped, synthetic  # noqa: E402
from bench import search as search_bench  # noqa: E402


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    """300 synthetic decisions (text and saved pages) and 100 varied seed pages."""
    folder = tmp_path_factory.mktemp("ranking-corpus")
    for name, text in synthetic.generate(300, seed=3, fmt="mixed"):
        (folder / name).write_text(text, encoding="utf-8")
    for name, text in realshaped.generate(100, seed=3, kind="seeds", start=500_000):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _queries() -> list[SearchQuery]:
    return [search_bench.search_query(q, limit=10) for q in search_bench.make_queries(300, 0)]


def _top_tens(url: str, folder: Path) -> list[tuple[int, list[str]]]:
    with open_store(url) as store:
        report = ingest(store, [folder], workers=1)
        assert report.added == 400 and not report.failed
        results = [store.search(query) for query in _queries()]
    return [(r.total, [hit.reference for hit in r.results]) for r in results]


@pytest.mark.slow
def test_sqlite_and_postgresql_agree_on_the_top_ten_of_every_bench_query(
    tmp_path, corpus_folder, postgres_schema_url
):
    sqlite = _top_tens(f"sqlite:///{tmp_path / 'ranking.db'}", corpus_folder)
    postgres = _top_tens(postgres_schema_url, corpus_folder)
    queries = _queries()
    assert sum(1 for total, _top in sqlite if total > 10) >= 50  # broad queries are tested
    differ = [
        (query.q, a, b) for query, a, b in zip(queries, sqlite, postgres, strict=True) if a != b
    ]
    assert not differ, differ[:3]


def test_bm25_scores_follow_the_formula(tmp_path):
    """Three decisions, one word: the scores the store ranks by are Okapi BM25 (k1 1.2, b 0.75,
    idf ln(1 + (N - df + 0.5) / (df + 0.5))) over the stored words, stop words left out."""
    from ombuds.corpus.store import ranking
    from ombuds.corpus.store.query_text import parse_user_query

    from .conftest import decision

    texts = {
        "21 000 001": "delay delay delay in the school transport review",
        "22 000 002": "a short delay",
        "23 000 003": "nothing about it here at all, only transport",
    }
    with open_store(f"sqlite:///{tmp_path / 'bm25.db'}") as store:
        store.upsert_many([(decision(ref), text) for ref, text in texts.items()])
        with store.engine.connect() as connection:
            index = store._search.facet_index(connection)
            ids, scores = ranking.match(
                connection, index, parse_user_query("delay"), store._search.phrase_ids
            )
    lengths = [count_words(text)[2] for text in texts.values()]
    average = sum(lengths) / 3
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))

    def expected(tf: int, length: int) -> float:
        return idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average))

    assert len(ids) == 2
    assert scores.tolist() == pytest.approx([expected(3, lengths[0]), expected(1, lengths[1])])


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_phrase_counts_as_often_as_its_rarest_word_in_each_decision(tmp_path, backend, request):
    """A phrase's count in a decision is the smallest count of its words there (the module's
    rule), read for the phrase's own decisions among words held by others too; a decision
    stored again is counted from its new text only."""
    from ombuds.corpus.store import ranking
    from ombuds.corpus.store.query_text import parse_user_query

    from .conftest import decision

    texts = {
        "21 000 001": "school transport, school transport and more school here",
        "22 000 002": "school transport once; transport transport transport",
        "23 000 003": "the school only, and transport elsewhere, school school",
        "24 000 004": "school transport",
    }
    url = (
        f"sqlite:///{tmp_path / 'phrase.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_schema_url")
    )
    with open_store(url) as store:
        store.upsert_many([(decision(ref), text) for ref, text in texts.items()])
        # Stored again in a later block: its old counts (school 1, transport 1) no longer count.
        store.upsert_many([(decision("24 000 004"), "school transport school transport x")])
        texts["24 000 004"] = "school transport school transport x"
        with store.engine.connect() as connection:
            index = store._search.facet_index(connection)
            phrase = parse_user_query('"school transport"')
            ids, scores = ranking.match(connection, index, phrase, store._search.phrase_ids)
    lengths = {ref: count_words(text)[2] for ref, text in texts.items()}
    average = sum(lengths.values()) / 4
    idf = math.log(1 + (4 - 3 + 0.5) / (3 + 0.5))

    def expected(tf: int, ref: str) -> float:
        return idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[ref] / average))

    assert len(ids) == 3  # the third decision holds both words, never in a row
    # (school 3, transport 2) -> 2; (1, 4) -> 1; (2, 2) -> 2
    assert scores.tolist() == pytest.approx(
        [expected(2, "21 000 001"), expected(1, "22 000 002"), expected(2, "24 000 004")]
    )
