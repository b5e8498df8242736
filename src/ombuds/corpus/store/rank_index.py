"""Writing and reading the word counts that rank searches (the tables of `terms.py`).

Writing: each batch of decisions gets a new block number (the store's next generation); its word
counts are turned into one row per word, (word id, block, ids, counts), with NumPy, inside the
batch's transaction, so counts and decisions commit together.

Reading: `Postings.of(words)` gives, for a set of word ids, every current (decision id, count)
pair: the rows of all blocks in one indexed read, minus the counts of decisions stored again in
a later block. Ranking itself is in `ranking.py`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.bulk import copy_rows
from ombuds.corpus.store.schema import rank_postings, rank_words
from ombuds.corpus.store.terms import stems

_CHUNK = 500  # values per IN (...) list
PREFIX_WORDS = 200
_vocabularies: weakref.WeakKeyDictionary[sa.Engine, dict[str, int]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _vocabulary(connection: sa.Connection) -> dict[str, int]:
    """word -> id for this database, loaded once per engine. Ids never change once given, so a
    cached id stays right; words another process added since are looked up when met."""
    engine = connection.engine
    with _lock:
        vocabulary = _vocabularies.get(engine)
        if vocabulary is None:
            vocabulary = dict(
                connection.execute(sa.select(rank_words.c.word, rank_words.c.id)).all()
            )
            _vocabularies[engine] = vocabulary
        return vocabulary


def word_ids(connection: sa.Connection, words: Iterable[str]) -> dict[str, int]:
    """Ids for `words`, adding to the vocabulary those it lacks."""
    vocabulary = _vocabulary(connection)
    missing = sorted(set(words).difference(vocabulary))
    if missing:
        new_stems = stems(missing)
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            rows = [{"word": w, "stem": s} for w, s in zip(chunk, new_stems[start:], strict=False)]
            if connection.dialect.name == "postgresql":
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
            connection.execute(insert(rank_words).on_conflict_do_nothing(), rows)
            found = connection.execute(
                sa.select(rank_words.c.word, rank_words.c.id).where(rank_words.c.word.in_(chunk))
            ).all()
            with _lock:
                vocabulary.update(found)
    return vocabulary


def forget_vocabulary(engine: sa.Engine) -> None:
    """Drop the cached vocabulary (after a transaction that added words was rolled back)."""
    with _lock:
        _vocabularies.pop(engine, None)


def write_postings(
    connection: sa.Connection, docs: list[tuple[int, str, bytes]], block: int
) -> None:
    """Store the word counts of `docs` — (decision id, words joined by spaces, counts) as
    `terms.count_words` gives them — as block `block`."""
    docs = [d for d in docs if d[1]]
    if not docs:
        return
    split = [d[1].split(" ") for d in docs]
    all_words = [w for words in split for w in words]
    vocabulary = word_ids(connection, all_words)
    ids = np.fromiter(map(vocabulary.__getitem__, all_words), dtype=np.int64, count=len(all_words))
    decision_ids = np.repeat(
        np.array([d[0] for d in docs], dtype="<u4"), [len(words) for words in split]
    )
    counts = np.frombuffer(b"".join(d[2] for d in docs), dtype=np.uint8)
    order = np.argsort(ids, kind="stable")  # decisions stay in id order within a word
    ids, decision_ids, counts = ids[order], decision_ids[order], counts[order]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)]
    bounds = zip(ids[starts].tolist(), starts.tolist(), ends.tolist(), strict=True)
    if connection.dialect.name == "postgresql":
        copy_rows(
            connection,
            "rank_postings",
            ["word_id", "block", "ids", "counts"],
            ((w, block, decision_ids[s:e].tobytes(), counts[s:e].tobytes()) for w, s, e in bounds),
        )
        return
    connection.exec_driver_sql(
        "INSERT INTO rank_postings (word_id, block, ids, counts) VALUES (?, ?, ?, ?)",
        [(w, block, decision_ids[s:e].tobytes(), counts[s:e].tobytes()) for w, s, e in bounds],
    )


def expand(connection: sa.Connection, word: str, *, prefix: bool) -> list[int]:
    """The vocabulary ids a search word stands for: every stored word with its stem (for
    `prefix`: every stored word beginning with it; at most PREFIX_WORDS of them, in the order
    they were first stored, so that `a*` cannot read half the index)."""
    word = word.lower()
    if prefix:
        rows = connection.execute(
            sa.select(rank_words.c.id)
            .where(rank_words.c.word >= word, rank_words.c.word < word + "\uffff")
            .order_by(rank_words.c.id)
            .limit(PREFIX_WORDS)
        )
    else:
        rows = connection.execute(
            sa.select(rank_words.c.id).where(
                sa.or_(rank_words.c.stem == stems([word])[0], rank_words.c.word == word)
            )
        )
    return [int(r[0]) for r in rows]


def postings(
    connection: sa.Connection, ids: list[int], current_block: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(decision ids, counts) of the words `ids`, summed per decision, current counts only:
    a pair counts when its block is the decision's `current_block[id]` (0 for none)."""
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    blocks, id_parts, count_parts = [], [], []
    for start in range(0, len(ids), _CHUNK):
        rows = connection.execute(
            sa.select(rank_postings.c.block, rank_postings.c.ids, rank_postings.c.counts).where(
                rank_postings.c.word_id.in_(ids[start : start + _CHUNK])
            )
        )
        for block, raw_ids, raw_counts in rows:
            blocks.append(block)
            id_parts.append(raw_ids)
            count_parts.append(raw_counts)
    if not id_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    found = np.frombuffer(b"".join(id_parts), dtype="<u4").astype(np.int64)
    counts = np.frombuffer(b"".join(count_parts), dtype=np.uint8).astype(np.float64)
    block_of = np.repeat(np.array(blocks, dtype=np.int64), [len(c) for c in count_parts])
    keep = found < len(current_block)
    keep[keep] = current_block[found[keep]] == block_of[keep]
    found, counts = found[keep], counts[keep]
    if len(ids) > 1:  # several words (a stem's forms, a prefix): one count per decision
        dense = np.bincount(found, weights=counts, minlength=len(current_block))
        found = np.flatnonzero(dense).astype(np.int64)
        counts = dense[found].astype(np.float64)
    return found, counts
