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
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.models import SearchQuery
from ombuds.corpus.store.rank_index import TermCache
from ombuds.vocabulary import normalise_category

_SCALAR_FACETS = ("category", "decision", "body")


@dataclass
class _Coded:
    """One field as codes: `codes[id]` is an index into `values`, or -1 when missing."""

    values: list[str]
    codes: np.ndarray

    def code_of(self, value: str) -> int:
        try:
            return self.values.index(value)
        except ValueError:
            return -1

    def coded(self, column: list) -> np.ndarray:
        """Codes for `column`, adding the values not met before."""
        lookup = {v: i for i, v in enumerate(self.values)}
        for value in column:
            if value is not None and value not in lookup:
                lookup[value] = len(self.values)
                self.values.append(value)
        return np.fromiter(
            (lookup[v] if v is not None else -1 for v in column), dtype=np.int32, count=len(column)
        )


@dataclass
class _Pairs:
    """A many-valued field (grounds, referrals) as parallel arrays of (decision id, code)."""

    values: list[str]
    ids: np.ndarray
    codes: np.ndarray


_ROWS = "SELECT id, category, decision, body, year, decision_date, words, rank_block FROM decisions"
_REFRESH_AT_MOST = 0.2  # a refresh reading more than this share of the store rebuilds instead


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
        self.scalars = {name: _Coded([], np.full(1, -1, dtype=np.int32)) for name in _SCALAR_FACETS}
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
        self.terms = TermCache()  # scored search terms of this state of the store (ranking.py)
        self._apply(connection, connection.execute(sa.text(_ROWS)).all(), None)

    def refreshed(self, connection: sa.Connection, generation: int) -> FacetIndex:
        """This index brought up to `generation` (a new object: searches using this one are
        undisturbed), reading only the decisions written after this index's generation."""
        rows = connection.execute(
            sa.text(_ROWS + " WHERE rank_block > :since"), {"since": self.generation}
        ).all()
        if len(rows) > max(1000, self.count * _REFRESH_AT_MOST):
            return FacetIndex(connection, generation)
        fresh = copy.copy(self)
        fresh.scalars = {name: _Coded(list(c.values), c.codes) for name, c in self.scalars.items()}
        fresh.grounds = _Pairs(list(self.grounds.values), self.grounds.ids, self.grounds.codes)
        fresh.referrals = _Pairs(
            list(self.referrals.values), self.referrals.ids, self.referrals.codes
        )
        fresh.generation = generation
        fresh.terms = TermCache()
        fresh._apply(connection, rows, self.generation)
        return fresh

    def _apply(self, connection: sa.Connection, rows: Sequence, since: int | None) -> None:
        """Set the rows' fields (every row when `since` is None, else those written since)."""
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        size = max(self.size, int(ids.max()) + 1 if len(ids) else 1)
        self.size = size
        self.present = _grown(self.present, size)
        self.present[ids] = True
        for i, name in enumerate(_SCALAR_FACETS):
            coded = self.scalars[name]
            coded.codes = _grown(coded.codes, size, -1)
            coded.codes[ids] = coded.coded([r[i + 1] for r in rows])
        self.year, self.day = _grown(self.year, size), _grown(self.day, size)
        self.length, self.block = _grown(self.length, size), _grown(self.block, size)
        self.year[ids] = [r[4] or 0 for r in rows]
        self.day[ids] = [_ordinal(r[5]) for r in rows]
        self.length[ids] = [r[6] or 0 for r in rows]
        self.block[ids] = [r[7] or 0 for r in rows]
        stored = np.flatnonzero(self.present)
        self.count = len(stored)
        self.average_length = float(self.length[stored].mean()) if self.count else 1.0
        for attribute, table, column in (
            ("grounds", "decision_grounds", "ground"),
            ("referrals", "decision_referrals", "referral"),
        ):
            pairs: _Pairs = getattr(self, attribute)
            sql = f"SELECT decision_id, {column} FROM {table}"
            params: dict = {}
            if since is not None:  # keep the pairs of the others, read those of the rows
                keep = ~np.isin(pairs.ids, ids)
                pairs.ids, pairs.codes = pairs.ids[keep], pairs.codes[keep]
                sql += " WHERE decision_id IN (SELECT id FROM decisions WHERE rank_block > :since)"
                params = {"since": since}
            found = connection.execute(sa.text(sql), params).all()
            holder = _Coded(pairs.values, np.zeros(0, dtype=np.int32))
            new_codes = holder.coded([r[1] for r in found])
            new_ids = np.fromiter((r[0] for r in found), dtype=np.int64, count=len(found))
            pairs.ids = np.concatenate([pairs.ids, new_ids])
            pairs.codes = np.concatenate([pairs.codes, new_codes])
        # Every id, newest decision first (then highest id): the browse order.
        self.newest_first = stored[np.lexsort((-stored, -self.day[stored]))]

    # Filters -------------------------------------------------------------------------------

    def filter(self, ids: np.ndarray, query: SearchQuery, decision: str | None) -> np.ndarray:
        """The ids (order kept) that pass the query's filters; `decision` is its label."""
        ids = ids[ids < self.size]
        return ids[self.passes(ids, query, decision)]

    def passes(self, ids: np.ndarray, query: SearchQuery, decision: str | None) -> np.ndarray:
        """Whether each of `ids` (all < size) is stored and passes the query's filters."""
        keep = self.present[ids]
        if query.category:
            keep &= np.isin(self.scalars["category"].codes[ids], self._category_codes(query))
        if decision:
            coded = self.scalars["decision"]
            keep &= coded.codes[ids] == coded.code_of(decision)
        if query.body:
            body = " ".join(query.body.split())
            keep &= self.scalars["body"].codes[ids] == self.scalars["body"].code_of(body)
        for pairs, wanted in ((self.grounds, query.ground), (self.referrals, query.referral)):
            if wanted:
                having = np.zeros(self.size, dtype=bool)
                code = pairs.values.index(str(wanted)) if str(wanted) in pairs.values else -1
                having[pairs.ids[pairs.codes == code]] = True
                keep &= having[ids]
        if query.date_from:
            keep &= self.day[ids] >= query.date_from.toordinal()
        if query.date_to:
            days = self.day[ids]
            keep &= (days > 0) & (days <= query.date_to.toordinal())
        return keep

    def _category_codes(self, query: SearchQuery) -> list[int]:
        category = normalise_category(query.category or "")
        values = self.scalars["category"].values
        if " > " in category:
            return [i for i, v in enumerate(values) if v == category]
        return [i for i, v in enumerate(values) if v == category or v.startswith(category + " > ")]

    # Facets --------------------------------------------------------------------------------

    def facets(self, ids: np.ndarray) -> dict[str, dict[str, int]]:
        """value -> count for every facet over `ids` (values without a match left out)."""
        result: dict[str, dict[str, int]] = {}
        for name, coded in self.scalars.items():
            counts = np.bincount(coded.codes[ids] + 1, minlength=len(coded.values) + 1)[1:]
            result[name] = {coded.values[i]: int(counts[i]) for i in np.flatnonzero(counts)}
        counts = np.bincount(self.year[ids])  # years are small integers: count, do not sort
        result["year"] = {str(int(y)): int(counts[y]) for y in np.flatnonzero(counts) if y > 0}
        member = np.zeros(self.size, dtype=bool)
        member[ids] = True
        for name, pairs in (("ground", self.grounds), ("referral", self.referrals)):
            codes = pairs.codes[member[pairs.ids]]
            counts = np.bincount(codes, minlength=len(pairs.values))
            result[name] = {pairs.values[i]: int(counts[i]) for i in np.flatnonzero(counts)}
        return result

    def newest(self, ids: np.ndarray, offset: int, limit: int) -> list[int]:
        """A page of `ids` in browse order (newest decision first)."""
        member = np.zeros(self.size, dtype=bool)
        member[ids] = True
        ordered = self.newest_first[member[self.newest_first]]
        return [int(i) for i in ordered[offset : offset + limit]]


def _ordinal(value) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.toordinal()


def parse_ids(text: str | None) -> np.ndarray:
    """The ids of a group_concat(id) result ("3,1,2"), order kept."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")
