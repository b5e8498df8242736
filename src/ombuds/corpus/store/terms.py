"""The store's own term statistics: how often each word occurs in each decision, for ranking.

Why our own, beside FTS5 and PostgreSQL's tsvector: ranking every search by BM25 needs, for each
query word, how often it occurs in each matching decision and how long each decision is. Neither
full-text index gives that cheaply for tens of thousands of matches (FTS5's bm25() costs about a
microsecond per match per word; ts_rank reads every matching document's tsvector), and the two
count words differently, so they could not rank alike. Kept here once, in plain tables that
both backends hold the same way, the counts rank any search with a few vector operations, and
SQLite and PostgreSQL give the same order for the same data.

What is kept, per decision: its words (lower-cased runs of letters and digits, as the search box
reads them in `query_text.py`, less its stop words) with their counts, and its length in such
words. Stored per ingest batch (a "block") as one row per word: the decisions' ids and counts as
two little-endian arrays. A word's rows are read in one indexed range; an updated decision's old
counts stay in their block and are ignored, because each decision records the block of its
current counts (`decisions.rank_block`).

Counting runs in ingest's parsing processes for every decision, and was a fifth of their CPU in
Python (a byte translation, `split()`, a Counter: a Python object per word of the text). So the
usual case, an ASCII text, is counted by ombuds' one C extension, `_wordcount.c`: one pass over
the bytes with a small hash table of slices, a Python object only for the results (see
docs/performance.md for the figures). No library in the registries does this count. It gives
exactly what the Python below gives (`_counted_python`; tests compare the two), which stays as
the fallback when the extension is not built (a source tree put on PYTHONPATH).

Stemming happens at search time, on the vocabulary (`rank_words.stem`, Snowball's English
stemmer, as PostgreSQL's English configuration uses): "delays" finds delay, delays, delayed and
delaying, and `educat*` finds every stored word that begins so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

import Stemmer

from ombuds.corpus.store.query_text import STOPWORDS

WORD = re.compile(r"[^\W_]+")  # the search box's words (query_text._WORD)
MAX_COUNT = 255  # counts are stored in a byte; BM25 saturates long before
_STEMMER = Stemmer.Stemmer("english")


# The English stop words of PostgreSQL's text search (its `english.stop`, Snowball's list): the
# tsvector leaves them out, so a phrase that begins or ends with one ("carer's" is the phrase
# "carer s") is matched without it, on both backends alike (see ranking.py).
PHRASE_STOPWORDS = frozenset(
    [
        "i",
        "me",
        "my",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "it",
        "its",
        "itself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "what",
        "which",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "a",
        "an",
        "the",
        "and",
        "but",
        "if",
        "or",
        "because",
        "as",
        "until",
        "while",
        "of",
        "at",
        "by",
        "for",
        "with",
        "about",
        "against",
        "between",
        "into",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "to",
        "from",
        "up",
        "down",
        "in",
        "out",
        "on",
        "off",
        "over",
        "under",
        "again",
        "further",
        "then",
        "once",
        "here",
        "there",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "no",
        "nor",
        "not",
        "only",
        "own",
        "same",
        "so",
        "than",
        "too",
        "very",
        "s",
        "t",
        "can",
        "will",
        "just",
        "don",
        "should",
        "now",
    ]
)


# Punctuation common in decisions outside ASCII: replaced by spaces, most texts become ASCII and
# take the fast path of count_words (a byte translation, several times quicker than the regex).
WIDE_PUNCTUATION = "\u2019\u2018\u201c\u201d\u2013\u2014\u2022\u2026\u00a3\u00a0"
_ASCII_SPACES = bytes(
    i if chr(i).isalnum() and chr(i) != "_" else ord(" ") for i in range(128)
) + bytes(range(128, 256))
# The same, lower-casing as it goes: an ASCII text is lower-cased and split in one pass.
_ASCII_LOWER_SPACES = _ASCII_SPACES.lower()
_STOP_BYTES = frozenset(word.encode() for word in STOPWORDS)
_STOP_TUPLE = tuple(sorted(_STOP_BYTES))  # as the C extension reads them best

_count_in_c: Callable[[bytes, Iterable[bytes]], tuple[str, bytes, int] | None] | None
try:
    from ombuds.corpus.store._wordcount import count as _count_in_c
except ImportError:  # not built: counted in Python, with the same results
    _count_in_c = None


def count_words(text: str) -> tuple[str, bytes, int]:
    """(words joined by spaces, their counts as bytes, the text's length in words), stop words
    left out; the words are what WORD finds in the lower-cased text. Runs in ingest's parsing
    processes: cheap to pass to the writer."""
    spaced = text
    if not spaced.isascii():
        for mark in WIDE_PUNCTUATION:  # marks have no case: spaced before lower-casing
            if mark in spaced:
                spaced = spaced.replace(mark, " ")
    if spaced.isascii():  # the usual case: lower-cased and split as bytes, no regex
        return _counted(spaced.encode().translate(_ASCII_LOWER_SPACES))
    low = text.lower()
    for mark in WIDE_PUNCTUATION:
        if mark in low:
            low = low.replace(mark, " ")
    if low.isascii():  # letters whose lower case is ASCII (the Kelvin sign)
        return _counted(low.encode().translate(_ASCII_SPACES))
    # letters or marks beyond ASCII: the regex, slower and exact
    counts: Counter[str] = Counter(WORD.findall(low))
    for word in STOPWORDS & counts.keys():
        counts.pop(word)
    return " ".join(counts), _encoded(list(counts.values())), counts.total()


def _counted(spaced: bytes) -> tuple[str, bytes, int]:
    """count_words of an ASCII text already lower-cased, with every mark a space."""
    if _count_in_c is not None and (counted := _count_in_c(spaced, _STOP_TUPLE)) is not None:
        return counted
    return _counted_python(spaced)  # not built, or words crowding its table (_wordcount.c)


def _counted_python(spaced: bytes) -> tuple[str, bytes, int]:
    """_counted without the C extension (and its definition: the tests compare the two)."""
    raw: Counter[bytes] = Counter(spaced.split())
    for stop in _STOP_BYTES & raw.keys():
        raw.pop(stop)
    values = list(raw.values())
    return b" ".join(raw).decode("ascii"), _encoded(values), sum(values)


def _encoded(values: list[int]) -> bytes:
    if max(values, default=0) < MAX_COUNT:
        return bytes(values)
    return bytes(min(n, MAX_COUNT) for n in values)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-cased word ("delays" -> "delay")."""
    return str(_STEMMER.stemWord(word))


def stems(words: list[str]) -> list[str]:
    return [str(s) for s in _STEMMER.stemWords(words)]
