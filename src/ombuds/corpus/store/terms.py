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

Stemming happens at search time, on the vocabulary (`rank_words.stem`, Snowball's English
stemmer, as PostgreSQL's English configuration uses): "delays" finds delay, delays, delayed and
delaying, and `educat*` finds every stored word that begins so.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import Stemmer

from ombuds.corpus.store.query_text import STOPWORDS

WORD = re.compile(r"[^\W_]+")  # the search box's words (query_text._WORD)
MAX_COUNT = 255  # counts are stored in a byte; BM25 saturates long before
_STEMMER = Stemmer.Stemmer("english")


def count_words(text: str) -> tuple[str, bytes, int]:
    """(words joined by spaces, their counts as bytes, the text's length in words), stop words
    left out. Runs in ingest's parsing processes: cheap to pass to the writer."""
    counts = Counter(WORD.findall(text.lower()))
    for word in STOPWORDS & counts.keys():
        del counts[word]
    return (
        " ".join(counts),
        bytes(min(MAX_COUNT, n) for n in counts.values()),
        sum(counts.values()),
    )


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-cased word ("delays" -> "delay")."""
    return str(_STEMMER.stemWord(word))


def stems(words: list[str]) -> list[str]:
    return [str(s) for s in _STEMMER.stemWords(words)]
