"""Reading search-box text into safe terms (backend-independent)."""

from __future__ import annotations

import pytest

from ombuds.corpus.store.query_text import Term, parse_user_query, to_fts5


@pytest.mark.parametrize(
    "text, expected",
    [
        ("social worker", '"social" AND "worker"'),
        ('"social worker" ico', '"social worker" AND "ico"'),
        ('"social worker', '"social worker"'),  # unbalanced quote runs to the end
        ("plan*", '"plan"*'),
        ("x OR y z", '("x" OR "y") AND "z"'),
        ("x -y", '("x") NOT "y"'),
        ("x NOT y", '("x") NOT "y"'),
        ("x AND y", '"x" AND "y"'),
        ("councillor's comments at a meeting", '"councillor s" AND "comments" AND "meeting"'),
        ('"house in multiple occupation" of', '"house in multiple occupation"'),  # phrases kept
        ("the OR a", '("the" OR "a")'),  # only function words: kept, or nothing would be left
        ("NEAR(a b, 3)", '"b" AND "3"'),  # FTS5's NEAR( is not ours: brackets separate words
        ("NEAR(social worker", '"social" AND "worker"'),
        ("(fostering OR adoption) care", '("fostering" OR "adoption") AND "care"'),
        ("'; drop table x; --", '"drop" AND "table" AND "x"'),
        ("AND OR NOT", '"AND" AND "OR" AND "NOT"'),  # operators with no operand are words
        ("text:school", '"text" AND "school"'),  # a colon separates words
        ("council-tax", '"council tax"'),  # a hyphen inside a word joins a phrase
        ('say "hello', '"say" AND "hello"'),
        ("under_score", '"under score"'),
    ],
)
def test_to_fts5(text, expected):
    assert to_fts5(parse_user_query(text)) == expected


@pytest.mark.parametrize("text", ["", "   ", '"', '""', "*", "-", "--", ":", "()", "'", "-x"])
def test_text_without_a_required_word_is_empty(text):
    assert not parse_user_query(text)


def test_exclusions_alone_are_dropped_not_inverted():
    query = parse_user_query("-planning")
    assert not query and query.excluded == []


def test_terms_hold_only_letters_and_digits():
    query = parse_user_query('"a\\"b" c\'d e;f* g\x00h')
    for group in query.groups:
        for term in group:
            assert isinstance(term, Term)
            assert all(word.isalnum() for word in term.words)
