"""SQLite snippets: an excerpt around the first match, every match marked."""

from __future__ import annotations

from ombuds.corpus.store.query_text import parse_user_query
from ombuds.corpus.store.snippets import SNIPPET_END as E
from ombuds.corpus.store.snippets import SNIPPET_START as S
from ombuds.corpus.store.snippets import make_snippet, word_pattern

TEXT = (
    "The complaint. " + "Background words here. " * 10 + "The council charged Mr X for "
    "care charges it had not explained, and a charging policy applied. " + "More. " * 40
)


def snippet(query: str, text: str = TEXT) -> str | None:
    return make_snippet(text, word_pattern(parse_user_query(query)))


def test_marks_inflections_of_each_word_around_the_first_match():
    result = snippet("charges")
    assert f"{S}charged{E}" in result and f"{S}charges{E}" in result
    assert f"{S}charging{E}" in result
    assert result.startswith("…") and result.endswith("…")
    assert len(result) < 300


def test_phrases_and_prefixes():
    assert f"{S}care charges{E}" in snippet('"care charges"')
    assert f"{S}explained{E}" in snippet("explain*")


def test_no_match_or_no_words_gives_none():
    assert snippet("allotment") is None
    assert make_snippet(TEXT, word_pattern(parse_user_query('"'))) is None


def test_words_are_matched_whole_from_their_start_and_regex_characters_are_literal():
    assert snippet("harge") is None  # not inside "charges"
    assert make_snippet("a (b) c.*d", word_pattern(parse_user_query("c.*d"))) is not None


def test_a_match_at_the_start_has_no_leading_ellipsis():
    assert snippet("complaint").startswith(f"The {S}complaint{E}")
