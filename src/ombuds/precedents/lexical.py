"""Precedents by BM25 over the store's own word counts ("more like this").

Why not `Store.search` with the words OR'd together: a search scores each word from its
postings, one indexed read per word and ingest batch; asked for 16 to 32 words of a decision at
100,000 decisions that took 100 to 500 ms (docs/precedents.md), ten times the budget. Here the
same counts (`rank_postings`, `decisions.words`, see ombuds.corpus.store.terms) are read once
into a term matrix held in memory: for each decision, the BM25 weight (k1 1.2, b 0.75, the idf of
the search, ranking.py) of its KEPT_PER_DECISION most weighty words, the rest pruned (they are
the words found in most decisions, which tell it apart least). A query is the KEY_WORDS words of
the text with the highest tf x idf; a decision's score is the sum of their weights in it, as the
search would add them. One pass over the words' columns and a partial sort: a few milliseconds.

The matrix is rebuilt when the store's write generation moves (after an ingest or a
publication), in seconds at 100,000 decisions; it takes about 12 bytes per kept word and
decision (80 MB at 100,000). KEY_WORDS and KEPT_PER_DECISION were chosen on the development part
of the labelled set only.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import Counter
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.engine import TIMEOUT_OPTION
from ombuds.precedents.text import words as text_words

METHOD = "bm25"
KEY_WORDS = 32
KEPT_PER_DECISION = 64
K1, B = 1.2, 0.75
COMMON_SHARE = 0.5  # words in more of the decisions than this are not kept
# Smaller stores keep every word of every decision: pruning is for speed at scale.
PRUNE_FROM = 1000
BUILD_TIMEOUT = 600.0  # seconds


@dataclass
class TermMatrix:
    generation: int
    count: int
    vocabulary: dict[str, int]  # word -> word id
    idf: np.ndarray  # by word id
    starts: np.ndarray  # word id -> first index of its column in `docs`/`weights`
    docs: np.ndarray  # decision ids, column by column
    weights: np.ndarray  # BM25 weight of the word in the decision
    size: int  # 1 + the largest decision id

    def key_words(self, text: str, n: int) -> list[str]:
        """The `n` known words of `text` with the highest tf x idf (ties: first met first)."""
        counts = Counter(
            w
            for w in text_words(text)
            if w in self.vocabulary
            and self.starts[self.vocabulary[w] + 1] > self.starts[self.vocabulary[w]]
        )
        return sorted(
            counts, key=lambda w: -(1 + math.log(counts[w])) * self.idf[self.vocabulary[w]]
        )[:n]

    def nearest(self, asked: list[str], k: int) -> list[tuple[int, float]]:
        """The `k` decisions with the highest summed weight of the `asked` words."""
        spans = [(self.starts[i], self.starts[i + 1]) for i in (self.vocabulary[w] for w in asked)]
        if not spans or k <= 0:
            return []
        docs = np.concatenate([self.docs[a:b] for a, b in spans])
        weights = np.concatenate([self.weights[a:b] for a, b in spans])
        if not len(docs):
            return []
        scores = np.bincount(docs, weights=weights, minlength=self.size)
        k = min(k, int(np.count_nonzero(scores)))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((-top, -scores[top]))]
        return [(int(i), float(scores[i])) for i in top]


def build(connection: sa.Connection, generation: int) -> TermMatrix:
    """The pruned BM25 matrix of every stored decision's current word counts (read with a
    longer time limit than a search's: it reads every count once)."""
    connection = connection.execution_options(**{TIMEOUT_OPTION: BUILD_TIMEOUT})
    rows = connection.execute(sa.text("SELECT id, words, rank_block FROM decisions")).all()
    size = max((r[0] for r in rows), default=0) + 1
    length = np.zeros(size, dtype=np.float64)
    current = np.full(size, -1, dtype=np.int64)
    for decision, n_words, block in rows:
        length[decision] = n_words or 0
        current[decision] = block if block is not None else -1
    count = len(rows)
    average = float(length[current >= 0].mean()) if count else 1.0
    vocabulary: dict[str, int] = dict(
        connection.execute(sa.text("SELECT word, id FROM rank_words")).all()  # type: ignore[arg-type]
    )
    n_vocab = max(vocabulary.values(), default=0) + 1
    # Words in more than COMMON_SHARE of the decisions are left out before their counts are
    # read: they weigh little in BM25, seldom rank among a decision's kept words, and hold most
    # of the counts (df from the rows' lengths: an upper bound, stale counts included).
    sizes = connection.execute(
        sa.text("SELECT word_id, sum(length(counts)) FROM rank_postings GROUP BY word_id")
    ).all()
    cut = COMMON_SHARE * count if count >= PRUNE_FROM else float("inf")
    common = [w for w, n in sizes if n > cut]
    left_out = ", ".join(str(int(w)) for w in common) or "-1"  # our own integer ids
    word_list, block_list, id_parts, count_parts = [], [], [], []
    for word_id, block, raw_ids, raw_counts in connection.execute(
        sa.text(
            "SELECT word_id, block, ids, counts FROM rank_postings "
            f"WHERE word_id NOT IN ({left_out})"
        )
    ).all():
        word_list.append(word_id)
        block_list.append(block)
        id_parts.append(raw_ids)
        count_parts.append(raw_counts)
    lengths = np.fromiter(map(len, count_parts), dtype=np.int64, count=len(count_parts))
    word_of = np.repeat(np.array(word_list, dtype=np.int32), lengths)
    block_of = np.repeat(np.array(block_list, dtype=np.int64), lengths)
    docs = np.frombuffer(b"".join(id_parts), dtype="<u4").astype(np.int64)
    counts = np.frombuffer(b"".join(count_parts), dtype=np.uint8)
    del id_parts, count_parts
    keep = docs < size
    keep[keep] = current[docs[keep]] == block_of[keep]  # a decision's current counts only
    docs, word_of, counts = docs[keep], word_of[keep], counts[keep].astype(np.float32)
    del block_of, keep
    df = np.bincount(word_of, minlength=n_vocab).astype(np.float64)
    for word_id, n in sizes:  # the common words' rough df, so that their idf is low
        if n > cut:
            df[word_id] = min(n, count)
    idf = np.log1p((count - df + 0.5) / (df + 0.5))
    norm = K1 * (1 - B + B * length[docs] / max(average, 1.0))
    weights = (idf[word_of] * counts * (K1 + 1) / (counts + norm)).astype(np.float32)
    # Keep each decision's KEPT_PER_DECISION weightiest words: sort by decision, then weight
    # (a positive float32's bits order as the float does), in one sort of one integer key.
    key = (docs << 32) | (np.uint32(0xFFFFFFFF) - weights.view(np.uint32)).astype(np.int64)
    order = np.argsort(key)
    del key
    docs, word_of, weights = docs[order], word_of[order], weights[order]
    first = np.r_[0, np.flatnonzero(docs[1:] != docs[:-1]) + 1] if len(docs) else np.zeros(0, int)
    rank = np.arange(len(docs)) - np.repeat(first, np.diff(np.r_[first, len(docs)]))
    keep = rank < (KEPT_PER_DECISION if count >= PRUNE_FROM else len(rank) + 1)
    docs, word_of, weights = docs[keep], word_of[keep], weights[keep]
    order = np.argsort(word_of, kind="stable")
    docs, word_of, weights = docs[order], word_of[order], weights[order]
    starts = np.searchsorted(word_of, np.arange(n_vocab + 1))
    return TermMatrix(generation, count, vocabulary, idf, starts, docs, weights, size)


_MATRICES: weakref.WeakKeyDictionary[sa.Engine, TermMatrix] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
_BUILDING = threading.Lock()


def matrix(connection: sa.Connection) -> TermMatrix:
    """The term matrix of the store: built now on first use; after a write, the one held is
    used while a new one is built in the background (a publication must not make the next
    decision page wait seconds), so decisions stored since appear as precedents a few seconds
    later."""
    generation = connection.execute(
        sa.text("SELECT generation FROM corpus_state WHERE id = 1")
    ).scalar_one()
    engine = connection.engine
    with _LOCK:
        held = _MATRICES.get(engine)
    if held is not None and held.generation == generation:
        return held
    if held is not None:
        _refresh_in_background(engine)
        return held
    with _BUILDING:  # one build at a time; the others wait for it rather than build too
        with _LOCK:
            held = _MATRICES.get(engine)
        if held is not None:
            return held
        built = build(connection, generation)
        with _LOCK:
            _MATRICES[engine] = built
        return built


def warm_in_background(engine: sa.Engine) -> None:
    """Build the store's matrix in a background thread if none is held (the web app at
    start-up), so that the first page with precedents does not wait for it; a page asked for
    while it is being built waits for this build rather than start its own."""
    with _LOCK:
        if engine in _MATRICES:
            return
    _refresh_in_background(engine)


def _refresh_in_background(engine: sa.Engine) -> None:
    if not _BUILDING.acquire(blocking=False):
        return  # a build is already under way

    def work() -> None:
        try:
            with engine.connect() as connection:
                generation = connection.execute(
                    sa.text("SELECT generation FROM corpus_state WHERE id = 1")
                ).scalar_one()
                built = build(connection, generation)
            with _LOCK:
                _MATRICES[engine] = built
        except Exception:  # the held matrix stays; the next query tries again
            pass
        finally:
            _BUILDING.release()

    threading.Thread(target=work, name="precedents-matrix", daemon=True).start()


def wait_for_refresh(timeout: float = 120.0) -> None:
    """Wait for a background rebuild to finish (tests, benchmarks)."""
    if _BUILDING.acquire(timeout=timeout):
        _BUILDING.release()
