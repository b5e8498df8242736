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
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.bulk import BINARY_RESULTS, copy_rows
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
    # One split of the batch's words joined (in C), rather than a split per decision flattened
    # in Python; each decision's share is its count of spaces plus one.
    all_words = " ".join([d[1] for d in docs]).split(" ")
    vocabulary = word_ids(connection, all_words)
    ids = np.fromiter(map(vocabulary.__getitem__, all_words), dtype=np.int64, count=len(all_words))
    decision_ids = np.repeat(
        np.array([d[0] for d in docs], dtype="<u4"), [d[1].count(" ") + 1 for d in docs]
    )
    counts = np.frombuffer(b"".join(d[2] for d in docs), dtype=np.uint8)
    # Decisions stay in id order within a word: sorted by (word, position), keys made unique
    # by the position, which numpy's default sort orders several times quicker than a stable
    # sort of the words alone does (the same order).
    if len(ids) < 2**32 and int(ids.max()) < 2**31:
        order = np.argsort((ids << 32) | np.arange(len(ids), dtype=np.int64))
    else:  # pragma: no cover - beyond any vocabulary or batch ombuds writes
        order = np.argsort(ids, kind="stable")
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


# The search caches' budgets grow with the store. A common word's decoded rows take about 9
# bytes a decision, its counts as a term 6 and its scores 12, so a fixed budget that holds some
# thirty common words at 100,000 decisions holds three at a million, and warm searches read them
# again: at a million, warm p95 was 205 ms with 128 and 256 MB, 25 ms with 1 GB each
# (docs/performance.md).
CACHE_FLOOR = {"postings": 128 << 20, "terms": 256 << 20, "pairs": 32 << 20}
CACHE_BYTES_PER_DECISION = {"postings": 1024, "terms": 1024, "pairs": 256}


def cache_budget(kind: str, decisions: int) -> int:
    """Bytes for the search cache `kind` ("postings", "terms" or "pairs") of a store of
    `decisions`: $OMBUDS_SEARCH_CACHE_MB when set, else a share per decision, at least the
    floor (so about 1 GB each for postings and terms at a million decisions)."""
    from ombuds.config import search_cache_mb

    fixed = search_cache_mb()
    if fixed is not None:
        return fixed << 20
    return max(CACHE_FLOOR[kind], decisions * CACHE_BYTES_PER_DECISION[kind])


class PostingsCache:
    """The rows of `rank_postings` of the words searched, decoded, kept between searches.

    Why: at 100,000 decisions a common word has some fifty rows (one per ingest batch) and
    a hundred thousand counts; reading and joining them again for every search was a third of
    its time. A block, once committed, never changes (an updated decision's new counts go to a
    new block, and the old ones are ignored by `current_block`), so a word's decoded rows stay
    right for ever; after a write, only the rows of blocks newer than those already read are
    fetched (an index range of the primary key). Least recently used words are dropped beyond
    `budget` bytes. Thread-safe; one per Store.

    A subclass keeps other rows of blocks the same way (`pairs.PairsCache`): it gives `_read`
    and `_empty`, the arrays of a key with no rows.
    """

    _empty: tuple[np.ndarray, ...]  # set below, after _EMPTY_ROWS

    def __init__(self, budget: int = 128 << 20):
        self.budget = budget
        self.size = 0
        self._words: OrderedDict[int, tuple] = OrderedDict()  # key -> (generation, *arrays)
        self._lock = threading.Lock()

    @staticmethod
    def _read(
        connection: sa.Connection, keys: list[int], since: int, upto: int
    ) -> Mapping[int, tuple[list[np.ndarray], ...]]:
        return _read_rows(connection, keys, since, upto)

    def rows(
        self, connection: sa.Connection, ids: list[int], generation: int
    ) -> list[tuple[np.ndarray, ...]]:
        """The arrays of each key of `ids`, blocks up to `generation`: for words, (decision
        ids, counts, blocks)."""
        with self._lock:
            known = {w: self._words[w] for w in ids if w in self._words}
            for w in known:
                self._words.move_to_end(w)
        since: dict[int, list[int]] = {}
        for w in ids:
            upto = known[w][0] if w in known else 0
            if upto < generation:
                since.setdefault(upto, []).append(w)
        fresh = {w: known.get(w, (0, *self._empty)) for w in ids}
        for upto, words in since.items():
            for w, parts in self._read(connection, words, upto, generation).items():
                old = fresh[w]
                fresh[w] = (
                    generation,
                    *(np.concatenate([o, *p]) for o, p in zip(old[1:], parts, strict=True)),
                )
            for w in words:
                if w not in fresh or fresh[w][0] < generation:
                    fresh[w] = (generation, *fresh[w][1:])
        with self._lock:
            for w, entry in fresh.items():
                previous = self._words.pop(w, None)
                if previous is not None:
                    self.size -= _nbytes(previous)
                kept = previous if previous is not None and previous[0] > entry[0] else entry
                self._words[w] = kept  # (another search may have read further meanwhile)
                self.size += _nbytes(kept)
            while self.size > self.budget and len(self._words) > 1:
                _w, dropped = self._words.popitem(last=False)
                self.size -= _nbytes(dropped)
        return [fresh[w][1:] for w in ids]


class TermCache:
    """Search terms of one state of the store (a FacetIndex holds one), their counts and the
    scores of those ranked whole (ranking.py): key -> tuple of arrays, least recently used
    dropped beyond `budget` bytes. Values are shared: never modify them.

    A cache `carried` to the next state of the store (after a write) keeps the values whose
    keys survive, each marked stale with the generation it was made at: `get` does not give a
    stale value, `stale` does, for the caller to bring it up to date (`ranking._word` reads the
    rows written since) rather than make it again from every row."""

    def __init__(self, budget: int = 256 << 20):
        self.budget = budget
        self.size = 0
        self._kept: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._stale: dict[tuple, int] = {}  # key -> the generation its kept value was made at
        self._lock = threading.Lock()

    def carried(self, generation: int, keep: Callable[[tuple], bool]) -> TermCache:
        """A cache for the next state of the store: this one's values whose keys `keep`
        accepts, stale, as made at `generation` (this cache's state) or before."""
        fresh = TermCache(self.budget)
        with self._lock:
            for key, value in self._kept.items():
                if keep(key):
                    fresh._kept[key] = value
                    fresh.size += sum(a.nbytes for a in value)
                    fresh._stale[key] = self._stale.get(key, generation)
        return fresh

    def get(self, key: tuple) -> tuple[np.ndarray, np.ndarray] | None:
        with self._lock:
            value = self._kept.get(key)
            if value is None or key in self._stale:
                return None
            self._kept.move_to_end(key)
            return value

    def stale(self, key: tuple) -> tuple[int, tuple[np.ndarray, np.ndarray]] | None:
        """(the generation it was made at, the value) of a stale value of `key`, else None."""
        with self._lock:
            since = self._stale.get(key)
            return None if since is None else (since, self._kept[key])

    def kept(
        self, key: tuple, make: Callable[[], tuple[np.ndarray, np.ndarray]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The value of `key`, made by `make()` and kept when missing (or stale)."""
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def put(self, key: tuple, value: tuple[np.ndarray, np.ndarray]) -> None:
        for array in value:
            array.flags.writeable = False
        with self._lock:
            previous = self._kept.pop(key, None)
            self._stale.pop(key, None)
            if previous is not None:
                self.size -= sum(a.nbytes for a in previous)
            self._kept[key] = value
            self.size += sum(a.nbytes for a in value)
            while self.size > self.budget and len(self._kept) > 1:
                dropped_key, dropped = self._kept.popitem(last=False)
                self._stale.pop(dropped_key, None)
                self.size -= sum(a.nbytes for a in dropped)


_EMPTY_ROWS = (np.zeros(0, dtype="<u4"), np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.int32))
PostingsCache._empty = _EMPTY_ROWS


def _nbytes(entry: tuple) -> int:
    return 64 + sum(a.nbytes for a in entry[1:])


def _read_rows(
    connection: sa.Connection, ids: list[int], since: int, upto: int | None
) -> dict[int, tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]]:
    """word id -> (decision ids, counts, blocks) arrays of its rows with since < block <= upto."""
    found: dict[int, tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]] = {}
    for start in range(0, len(ids), _CHUNK):
        where: list[sa.ColumnElement[bool]] = [
            rank_postings.c.word_id.in_(ids[start : start + _CHUNK])
        ]
        if since:
            where.append(rank_postings.c.block > since)
        if upto is not None:
            where.append(rank_postings.c.block <= upto)
        rows = connection.execute(
            sa.select(
                rank_postings.c.word_id,
                rank_postings.c.block,
                rank_postings.c.ids,
                rank_postings.c.counts,
            )
            .where(*where)
            .order_by(rank_postings.c.word_id, rank_postings.c.block)
            .execution_options(**{BINARY_RESULTS: True})
        )
        for word, block, raw_ids, raw_counts in rows:
            parts = found.setdefault(word, ([], [], []))
            parts[0].append(np.frombuffer(raw_ids, dtype="<u4"))
            parts[1].append(np.frombuffer(raw_counts, dtype=np.uint8))
            parts[2].append(np.full(len(raw_counts), block, dtype=np.int32))
    return found


def postings(
    connection: sa.Connection,
    ids: list[int],
    current_block: np.ndarray,
    cache: PostingsCache | None = None,
    generation: int | None = None,
    since: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """(decision ids, int32, and counts, uint16) of the words `ids`, summed per decision,
    current counts only: a pair counts when its block is the decision's `current_block[id]`
    (0 for none). With a `cache`, rows come from it (read up to `generation`); without one,
    `since` leaves out the rows of that block and before (for the counts written since). The
    ids are in id order when several words are summed; one word's are in block order. A summed
    count stops at 65,535, far past where BM25 stops growing with it."""
    if cache is not None and generation is not None:
        parts = cache.rows(connection, ids, generation) if ids else []
    else:
        parts = [
            (np.concatenate(a), np.concatenate(b), np.concatenate(c))
            for a, b, c in _read_rows(connection, ids, since, None).values()
        ]
    current = []
    for part in parts:
        if not len(part[0]):
            continue
        found, counts, block_of = part
        if int(found.max()) >= len(current_block):  # ids the index has not seen
            known = np.flatnonzero(found < len(current_block))
            found, counts, block_of = found[known], counts[known], block_of[known]
        # Positions, then take: a boolean index of a mixed mask costs several times more.
        keep = np.flatnonzero(current_block[found] == block_of)
        current.append((found[keep], counts[keep]))
    if not current:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint16)
    if len(current) == 1:
        found, counts = current[0]
        return found.astype(np.int32), counts.astype(np.uint16)
    # Several words (a stem's forms, a prefix): one count per decision. A word holds each
    # decision once (its current block's row), so each adds into the dense counts in one step.
    dense = np.zeros(len(current_block), dtype=np.uint32)
    for found, counts in current:
        dense[found] += counts
    found = np.flatnonzero(dense)
    return found.astype(np.int32), np.minimum(dense[found], 0xFFFF).astype(np.uint16)
