"""An in-memory column index of the short fields, for filters and facet counts on SQLite.

Why: facet counts must cover every match, not just the page. Done in SQL, that is one GROUP BY per
facet over all matching rows: at 100,000 decisions and a common word, six sorts of ~100,000 rows,
far over the 20 ms budget. Here each field is a NumPy array indexed by decision id (a small code per
value), so filtering the matches and counting every facet is a handful of vector operations
(about a millisecond for 100,000 matches). The arrays take a few megabytes for 100,000 decisions.

The index is built from the database and tagged with the store's write generation
(`corpus_state.generation`); a search that sees another generation rebuilds it first, inside the
same read transaction, so it never mixes two states of the data.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store.facet_counts import Combos, FacetCounter
from ombuds.corpus.store.facet_rows import SCALAR_FACETS as _SCALAR_FACETS
from ombuds.corpus.store.facet_rows import Coded, Columns, read_columns
from ombuds.corpus.store.rank_index import TermCache, cache_budget
from ombuds.vocabulary import normalise_category


@dataclass
class _Pairs:
    """A many-valued field (grounds, referrals) as parallel arrays of (decision id, code), and
    as `combo[id]`, the code in `combos` of the set of values each decision holds (for
    counting and filtering in one pass over the decisions, see facet_counts)."""

    values: list[str]
    ids: np.ndarray
    codes: np.ndarray
    combo: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.intp))
    combos: Combos = field(default_factory=Combos)

    def copy(self) -> _Pairs:
        return _Pairs(list(self.values), self.ids, self.codes, self.combo, self.combos.copy())

    def holding(self, code: int, size: int) -> np.ndarray:
        """Whether each decision id (below `size`) holds the value `code` (-1: none does)."""
        if code < 0:
            return np.zeros(size, dtype=bool)
        return self.combos.holding(code)[self.combo]


@dataclass
class Selection:
    """The stored decisions passing a query's filters: a mask over ids, their number, and
    (made when first wanted) their ids in order."""

    mask: np.ndarray
    count: int
    _ids: np.ndarray | None = None

    @property
    def ids(self) -> np.ndarray:
        if self._ids is None:
            self._ids = np.flatnonzero(self.mask)
        return self._ids


_REFRESH_AT_MOST = 0.2  # a refresh reading more than this share of the store rebuilds instead
_SELECTIONS_KEPT = 16  # filter masks kept per state of the index (a paged search asks again)
# A set under 1/LOOK_UP_UNDER the size of another is looked up in it by binary search (some 50
# ns each) rather than by reading an array as long as the store at each of the other's members
# (some 3 ns each): a filter among a search's matches here, a term among another's in ranking.py.
LOOK_UP_UNDER = 16


def _grown(array: np.ndarray, size: int, fill: int = 0) -> np.ndarray:
    if len(array) >= size:
        return array.copy()
    grown = np.full(size, fill, dtype=array.dtype)
    grown[: len(array)] = array
    return grown


class FacetIndex:
    """Filters and facet counts over sets of decision ids (NumPy int64 arrays).

    Built once from every row; after a write, `refreshed` reads only the decisions written since
    (each records the write generation of its last write in `rank_block`), so a million-decision
    store catches up with an ingest batch in milliseconds rather than rebuilding for seconds.
    """

    def __init__(self, connection: sa.Connection, generation: int):
        self.generation = generation
        self.size = 1
        self.count = 0  # decisions in the store
        self.present = np.zeros(1, dtype=bool)
        self.scalars = {name: Coded([], np.full(1, -1, dtype=np.int32)) for name in _SCALAR_FACETS}
        self.year = np.zeros(1, dtype=np.int32)
        self.day = np.zeros(1, dtype=np.int32)  # date ordinal, 0 when missing
        # For ranking (ranking.py): each decision's length in words and the block of its counts.
        self.length = np.zeros(1, dtype=np.float64)
        self.block = np.zeros(1, dtype=np.int64)
        empty = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        self.grounds = _Pairs([], *empty)
        self.referrals = _Pairs([], *empty)
        self.average_length = 1.0
        self.newest_first = np.zeros(0, dtype=np.int64)
        self.terms = TermCache()  # search terms' counts and scores for this state (ranking.py)
        self._derived()
        self._apply(read_columns(connection, None), None)
        self.terms.budget = cache_budget("terms", self.count)

    def refreshed(self, connection: sa.Connection, generation: int) -> FacetIndex:
        """This index brought up to `generation` (a new object: searches using this one are
        undisturbed), reading only the decisions written after this index's generation."""
        written = read_columns(connection, self.generation)
        if len(written.ids) > max(1000, self.count * _REFRESH_AT_MOST):
            return FacetIndex(connection, generation)
        fresh = copy.copy(self)
        fresh.scalars = {name: Coded(list(c.values), c.codes) for name, c in self.scalars.items()}
        fresh.grounds, fresh.referrals = self.grounds.copy(), self.referrals.copy()
        fresh.generation = generation
        # A word's counts change only for the decisions written since: they are kept, and
        # brought up to date when first searched (`ranking._word`); scores (which follow every
        # decision's length and the store's size) and phrases are made again.
        fresh.terms = self.terms.carried(self.generation, _word_counts)
        fresh._derived()
        fresh._apply(written, self.generation)
        fresh.terms.budget = cache_budget("terms", fresh.count)
        return fresh

    def _derived(self) -> None:
        """Start this state's own caches of what is computed from its arrays when first needed
        (the facet counter, the filters' masks, the decisions' BM25 length norms, the
        decisions written since an older state)."""
        self._counter: FacetCounter | None = None
        self._selections: OrderedDict[tuple, Selection] = OrderedDict()
        self._norms: dict[tuple[float, float], np.ndarray] = {}
        self._written: dict[int, np.ndarray] = {}
        self._derived_lock = threading.Lock()

    def _apply(self, columns: Columns, since: int | None) -> None:
        """Set the fields of `columns`' decisions (every decision when `since` is None, else
        those written since)."""
        ids = columns.ids
        size = max(self.size, int(ids.max()) + 1 if len(ids) else 1)
        self.size = size
        self.present = _grown(self.present, size)
        self.present[ids] = True
        for name in _SCALAR_FACETS:
            coded = self.scalars[name]
            coded.codes = _grown(coded.codes, size, -1)
            coded.codes[ids] = coded.adopted(columns.scalars[name])
        self.year, self.day = _grown(self.year, size), _grown(self.day, size)
        self.length, self.block = _grown(self.length, size), _grown(self.block, size)
        self.year[ids] = columns.year
        self.day[ids] = columns.day
        self.length[ids] = columns.words
        self.block[ids] = columns.block
        stored = np.flatnonzero(self.present)
        self.count = len(stored)
        self.average_length = float(self.length[stored].mean()) if self.count else 1.0
        for attribute in ("grounds", "referrals"):
            pairs: _Pairs = getattr(self, attribute)
            if since is not None:  # keep the pairs of the others, read those of the rows
                keep = ~np.isin(pairs.ids, ids)
                pairs.ids, pairs.codes = pairs.ids[keep], pairs.codes[keep]
            new_ids, new_coded = columns.pairs[attribute]
            holder = Coded(pairs.values, np.zeros(0, dtype=np.int32))
            new_codes = holder.adopted(new_coded)
            pairs.ids = np.concatenate([pairs.ids, new_ids])
            pairs.codes = np.concatenate([pairs.codes, new_codes])
            pairs.combo = _grown(pairs.combo, size)
            pairs.combos.assign(pairs.combo, ids, new_ids, new_codes)
        # Every id, newest decision first (then highest id): the browse order.
        self.newest_first = stored[np.lexsort((-stored, -self.day[stored]))]

    # Filters -------------------------------------------------------------------------------

    def filter(self, ids: np.ndarray, query: SearchQuery, decision: str | None) -> np.ndarray:
        """The ids (order kept) that pass the query's filters; `decision` is its label."""
        if ids is self.newest_first and self.selection(query, decision) is None:
            return ids  # a browse without filters: every stored decision, already in order
        ids = ids[ids < self.size]
        return ids[self.passes(ids, query, decision)]

    def passes(self, ids: np.ndarray, query: SearchQuery, decision: str | None) -> np.ndarray:
        """Whether each of `ids` (all < size) is stored and passes the query's filters."""
        selection = self.selection(query, decision)
        return (self.present if selection is None else selection.mask)[ids]

    @staticmethod
    def restrict(
        ids: np.ndarray, scores: np.ndarray, selection: Selection | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The `ids` (stored decisions, in id order) in `selection` (None: all), and their
        `scores`: looked up among `ids` when the selection is small, else read from its mask."""
        if selection is None:
            return ids, scores
        if not len(ids):
            return ids, scores
        if selection.count * LOOK_UP_UNDER < len(ids):
            wanted = selection.ids
            at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
            found = ids[at] == wanted
            return wanted[found], scores[at[found]]
        keep = np.flatnonzero(selection.mask[ids])  # (a boolean index is slower: branches)
        return ids[keep], scores[keep]

    def selection(self, query: SearchQuery, decision: str | None) -> Selection | None:
        """The stored decisions passing the query's filters (`decision`: its label), or None
        when it has none. Each filter is one pass over the decisions' codes (a millisecond a
        million); the last few are kept."""
        key = (
            normalise_category(query.category) if query.category else None,
            decision or None,
            " ".join(query.body.split()) if query.body else None,
            str(query.ground) if query.ground else None,
            str(query.referral) if query.referral else None,
            query.date_from.toordinal() if query.date_from else None,
            query.date_to.toordinal() if query.date_to else None,
        )
        if not any(part is not None for part in key):
            return None
        with self._derived_lock:
            kept = self._selections.get(key)
            if kept is not None:
                self._selections.move_to_end(key)
                return kept
        category, _decision, body, ground, referral, date_from, date_to = key
        keep = self.present.copy()
        if category is not None:
            codes, wanted = self.scalars["category"].codes, self._category_codes(query)
            if len(wanted) > 8:
                table = np.zeros(len(self.scalars["category"].values) + 1, dtype=bool)
                table[np.asarray(wanted, dtype=np.intp) + 1] = True
                keep &= table[codes + 1]
            else:
                any_of = np.zeros(self.size, dtype=bool)
                for code in wanted:
                    any_of |= codes == code
                keep &= any_of
        if decision:
            coded = self.scalars["decision"]
            keep &= coded.codes == coded.code_of(decision)
        if body is not None:
            keep &= self.scalars["body"].codes == self.scalars["body"].code_of(body)
        for pairs, wanted_value in ((self.grounds, ground), (self.referrals, referral)):
            if wanted_value is not None:
                code = pairs.values.index(wanted_value) if wanted_value in pairs.values else -1
                keep &= pairs.holding(code, self.size)
        if date_from is not None:
            keep &= self.day >= date_from
        if date_to is not None:
            keep &= (self.day > 0) & (self.day <= date_to)
        selection = Selection(keep, int(np.count_nonzero(keep)))
        with self._derived_lock:
            self._selections[key] = selection
            while len(self._selections) > _SELECTIONS_KEPT:
                self._selections.popitem(last=False)
        return selection

    def _category_codes(self, query: SearchQuery) -> list[int]:
        category = normalise_category(query.category or "")
        values = self.scalars["category"].values
        if " > " in category:
            return [i for i, v in enumerate(values) if v == category]
        return [i for i, v in enumerate(values) if v == category or v.startswith(category + " > ")]

    # Facets --------------------------------------------------------------------------------

    def facets(self, ids: np.ndarray) -> dict[str, dict[str, int]]:
        """value -> count for every facet over `ids`, distinct stored decisions (values without
        a match left out); see facet_counts."""
        with self._derived_lock:
            if self._counter is None:
                self._counter = FacetCounter(self)
            counter = self._counter
        return counter.facets(ids)

    def length_norm(self, k1: float, b: float) -> np.ndarray:
        """k1 * (1 - b + b * length / average length) of every decision, for BM25 (ranking.py),
        computed once per state of the store."""
        with self._derived_lock:
            norm = self._norms.get((k1, b))
            if norm is None:
                norm = k1 * (1 - b + b * self.length / max(self.average_length, 1.0))
                self._norms[(k1, b)] = norm
            return norm

    def written_since(self, generation: int) -> np.ndarray:
        """The ids (in order) of the decisions written after `generation` (their block is
        later), computed once per state and generation: each word's counts carried across a
        write ask for it (`ranking._brought_up_to_date`)."""
        with self._derived_lock:
            written = self._written.get(generation)
            if written is None:
                written = self._written[generation] = np.flatnonzero(self.block > generation)
            return written


def _word_counts(key: tuple) -> bool:
    """Whether a key of `FacetIndex.terms` holds a word's counts (`ranking.term_key`)."""
    return key[0] in ("stem", "word")


def parse_ids(text: str | None) -> np.ndarray:
    """The ids of a group_concat(id) result ("3,1,2"), order kept."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")
