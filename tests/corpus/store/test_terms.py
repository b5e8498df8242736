"""The word counts that rank searches: the fast path reads words exactly as the search box does."""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ombuds.corpus.store import _wordcount, terms
from ombuds.corpus.store.query_text import STOPWORDS
from ombuds.corpus.store.terms import MAX_COUNT, WORD, count_words, stem

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import realshaped, synthetic  # noqa: E402


def reference_counts(text: str) -> Counter:
    """The plain definition: WORD over the lower-cased text, stop words left out."""
    counts = Counter(WORD.findall(text.lower()))
    for word in STOPWORDS:
        counts.pop(word, None)
    return counts


@cache
def texts() -> list[str]:
    fixtures = ROOT / "tests" / "corpus" / "fixtures"
    found = [
        p.read_bytes().decode("utf-8", "replace")
        for p in sorted(fixtures.rglob("*"))
        if p.is_file()
    ]
    found += [t for _n, t in synthetic.generate(60, seed=5, fmt="mixed")]
    found += [t for _n, t in realshaped.generate(20, seed=5, kind="pages")]
    found += [
        "Café naïve — “quoted” ‘single’ council’s £450…\u00a0x_y snake_case ÉCOLE ß",
        "numbers 24A(6) 1974, s26A(1); e-mail: a.b@c.org; tabs\tand\nlines",
        "THE Council’S Delay AND The DELAY",  # upper case, lowered in the bytes' translation
        "a Kelvin sign \u212a lower-cases to ASCII k",
        "ΣΟΦΊΑ’ ΣΟΦΊΑ’s Σ’",  # a final sigma beside a mark spaced out
        "",
    ]
    return found


@pytest.mark.parametrize("index", range(len(texts())))
def test_count_words_reads_every_text_as_the_plain_definition(index):
    text = texts()[index]
    words, counts, length = count_words(text)
    expected = reference_counts(text)
    got = dict(zip(words.split(), counts, strict=True)) if words else {}
    assert got == {w: min(n, MAX_COUNT) for w, n in expected.items()}
    assert length == sum(expected.values())


def test_counts_are_capped_at_a_byte_and_stems_group_word_forms():
    words, counts, length = count_words("delay " * 300)
    assert words == "delay" and counts == bytes([MAX_COUNT]) and length == 300
    assert {stem(w) for w in ("delay", "delays", "delayed", "delaying")} == {"delay"}


# The C extension (`_wordcount.c`) against the Python it replaces (`_counted_python`): the same
# result for every text, since ingest uses the one when built and the other when not.


def test_the_c_extension_is_built():
    """`pip install -e .` builds it; without it ingest counts words in Python, 5 times slower."""
    from ombuds.corpus.store import _wordcount

    assert terms._count_in_c is _wordcount.count and _wordcount.MAX_COUNT == MAX_COUNT


def outcome(count, spaced: bytes):
    try:
        return count(spaced)
    except UnicodeDecodeError as error:  # the Python's decode("ascii") and the C's alike
        return ("raised", error.args)


def in_c(spaced: bytes) -> tuple[str, bytes, int]:
    return _wordcount.count(spaced, terms._STOP_TUPLE)


@cache
def every_text() -> list[str]:
    """texts() and every file of examples/ (the corpus fixtures are in texts())."""
    found = [p.read_bytes() for p in sorted((ROOT / "examples").rglob("*")) if p.is_file()]
    return texts() + [b.decode("utf-8", "replace") for b in found]


def test_c_and_python_count_every_text_alike(monkeypatch):
    assert len(every_text()) > 150
    for text in every_text():
        for spaced in (
            text.encode().translate(terms._ASCII_LOWER_SPACES),  # beyond ASCII: both raise
            text.encode("ascii", "ignore").translate(terms._ASCII_LOWER_SPACES),
            text.encode("ascii", "ignore"),  # unspaced, upper case: words between whitespace
        ):
            assert outcome(in_c, spaced) == outcome(terms._counted_python, spaced)
        with_c = count_words(text)
        monkeypatch.setattr(terms, "_count_in_c", None)
        assert count_words(text) == with_c
        monkeypatch.undo()


@pytest.mark.parametrize(
    "spaced",
    [
        b"",
        b"   \t\n\r\x0b\x0c ",
        b"delay",
        b"the",
        b"the a an and of",
        b"delay " * 300 + b"council " * 255 + b"care " * 254 + b"x " * 100_000,
        b"x" * 100_000 + b" y " + b"x" * 100_000,  # long words
        b" ".join(str(i).encode() for i in range(200_000)),  # many distinct: the table grows
        b" ".join(str(i % 7919).encode() for i in range(100_000)),
        b"\x00 \x01\x02 \x7f a\x00b",  # control bytes are word bytes, as for bytes.split()
        b"caf\xc3\xa9 x",  # beyond ASCII in a word: UnicodeDecodeError, as decode("ascii")
        b"x \xa0 y",  # 0xa0 is no space for bytes.split()
    ],
)
def test_c_and_python_agree_on_edges(spaced):
    assert outcome(in_c, spaced) == outcome(terms._counted_python, spaced)


def test_the_c_reads_any_stop_words_given_and_refuses_others():
    assert _wordcount.count(b"b a c a", [b"a"]) == ("b c", b"\x01\x01", 2)
    assert _wordcount.count(b"b a c a", iter((b"b", b"", b"x y"))) == ("a c", b"\x02\x01", 3)
    assert _wordcount.count(b"b a c a", frozenset()) == ("b a c", b"\x01\x02\x01", 4)
    assert _wordcount.count(bytearray(b"b b"), ()) == ("b", b"\x02", 2)
    with pytest.raises(TypeError):
        _wordcount.count(b"a", ["a"])
    with pytest.raises(TypeError):
        _wordcount.count(b"a", 3)
    with pytest.raises(TypeError):
        _wordcount.count("a", ())
    with pytest.raises(TypeError):
        _wordcount.count(b"a")


def test_words_sharing_one_hash_are_counted_in_python_not_in_quadratic_time():
    # "ar" and "c0" share the C table's hash, and so does every word built of them: a hostile
    # text of 65,536 such words. The C gives up (None) and count_words counts in Python.
    crowd = [b"".join(blocks) for blocks in itertools.product([b"ar", b"c0"], repeat=16)]
    spaced = b" ".join(crowd)
    assert _wordcount.count(spaced, ()) is None
    assert terms._counted(spaced) == terms._counted_python(spaced)
    assert count_words(spaced.decode())[2] == len(crowd)
    fair = b" ".join(b"w%d" % i for i in range(200_000))  # many words, none crowding
    assert _wordcount.count(fair, ()) == terms._counted_python(fair)


_WORDS = st.sampled_from([*sorted(STOPWORDS), "delay", "x", "9", "council", "s26a", "ab" * 40])
_SPACES = st.sampled_from([b" ", b"  ", b"\t", b"\n", b"\r\n", b"\x0b", b"\x0c"])


@given(st.lists(st.tuples(_WORDS, _SPACES), max_size=400))
def test_c_and_python_agree_on_word_lists(pairs):
    spaced = b"".join(word.encode() + space for word, space in pairs)
    assert in_c(spaced) == terms._counted_python(spaced)


@given(st.binary(max_size=300), st.lists(st.binary(max_size=4), max_size=6))
def test_c_and_python_agree_on_any_bytes_and_stop_words(spaced, stop):
    def python(s: bytes):
        stops = frozenset(stop)
        raw = Counter(s.split())
        for word in stops & raw.keys():
            raw.pop(word)
        values = list(raw.values())
        return b" ".join(raw).decode("ascii"), bytes(min(n, MAX_COUNT) for n in values), sum(values)

    assert outcome(lambda s: _wordcount.count(s, stop), spaced) == outcome(python, spaced)
    assert outcome(in_c, spaced) == outcome(terms._counted_python, spaced)


@given(st.text(max_size=200))
def test_count_words_is_the_same_without_the_c(text):
    assert terms._count_in_c is not None
    with_c = count_words(text)
    saved, terms._count_in_c = terms._count_in_c, None
    try:
        assert count_words(text) == with_c
    finally:
        terms._count_in_c = saved
