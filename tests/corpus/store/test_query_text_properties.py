"""Properties of the search query translator (`query_text.py`): whatever a user types, the query
that reaches the database is plain words (letters and digits), is valid in FTS5 and in
PostgreSQL's tsquery, and keeps to the budget; or the text is refused as too costly."""

from __future__ import annotations

import re
import sqlite3

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ombuds.corpus.store.query_text import (
    MAX_PREFIX_TERMS,
    MAX_QUERY_CHARACTERS,
    MAX_WORDS,
    STOPWORDS,
    parse_user_query,
    to_fts5,
)
from ombuds.corpus.store.search import PostgresSearch
from ombuds.errors import QueryTooCostly

PLAIN_WORD = re.compile(r"[^\W_]+")

# What people and attackers type: words, the syntax, quotes, brackets, SQL, other scripts.
pieces = st.sampled_from(
    [
        "social",
        "worker",
        "plan*",
        "c*",
        '"',
        "'",
        "*",
        "-",
        "-care",
        "OR",
        "AND",
        "NOT",
        "NEAR(",
        ")",
        "(",
        ":",
        "^",
        "{text}:",
        "'; drop table x; --",
        "\\",
        "%",
        "_",
        "ü\u0301ber",
        "🙂",
        "\x00",
        "\u200b",
        "نعم",
        "日本",
    ]
)
typed = st.one_of(
    st.text(max_size=200),
    st.lists(pieces, max_size=40).map(" ".join),
    st.lists(st.one_of(pieces, st.text(max_size=8)), max_size=40).map("".join),
)


@pytest.fixture(scope="module")
def fts5():
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')"
    )
    connection.execute("INSERT INTO t VALUES ('a social worker planned the care plan')")
    yield connection
    connection.close()


@given(typed)
@example(" ".join(["a*"] * 33_000))
@example("c* s*")
@example("c* council")
@example('"' + "x " * 40 + '"')
@example("NOT OR AND")
@example("-a -b -c")
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whatever_is_typed_the_database_gets_plain_words_within_the_budget(fts5, text):
    try:
        query = parse_user_query(text)
    except QueryTooCostly as error:
        assert "32 words" in (error.hint or "")
        return
    assert len(text) <= MAX_QUERY_CHARACTERS
    assert query.word_count() <= MAX_WORDS and query.prefix_count() <= MAX_PREFIX_TERMS
    for term in query.terms():
        assert term.words and all(PLAIN_WORD.fullmatch(word) for word in term.words)
    if query:
        fts5.execute("SELECT count(*) FROM t WHERE t MATCH ?", (to_fts5(query),)).fetchone()
    else:
        assert not query.excluded  # exclusions alone are no query


content_words = st.from_regex(r"\A[a-z]{3,8}\Z").filter(lambda w: w not in STOPWORDS)


@given(st.lists(content_words, min_size=1, max_size=60), st.integers(0, 10))
def test_the_budget_refuses_exactly_the_queries_beyond_it(words, prefixes):
    words = [w + "*" if i < prefixes else w for i, w in enumerate(words)]
    text = " ".join(words)
    query_words = len(words)
    costly = query_words > MAX_WORDS or min(prefixes, len(words)) > MAX_PREFIX_TERMS
    if costly or len(text) > MAX_QUERY_CHARACTERS:
        with pytest.raises(QueryTooCostly):
            parse_user_query(text)
    else:
        query = parse_user_query(text)
        assert query.word_count() == query_words


@pytest.mark.postgres
@given(typed)
@example("'; drop table x; --")
@example("c* -c* OR x*")
@settings(
    max_examples=max(settings.default.max_examples // 2, 10),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_whatever_is_typed_is_a_valid_tsquery(postgres_url, text):
    try:
        query = parse_user_query(text)
    except QueryTooCostly:
        return
    if not query:
        return
    params: dict = {}
    expression = PostgresSearch.tsquery(query, params)
    engine = _engine(postgres_url)
    with engine.connect() as connection:
        connection.execute(sa.text(f"SELECT ({expression})::text"), params).scalar_one()


_ENGINES: dict[str, sa.Engine] = {}


def _engine(url: str) -> sa.Engine:
    if url not in _ENGINES:
        _ENGINES[url] = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    return _ENGINES[url]
