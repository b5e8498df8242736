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

import datetime as dt
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.models import SearchQuery
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


def _encode(column: list, size: int, ids: np.ndarray) -> _Coded:
    values = sorted({v for v in column if v is not None})
    lookup = {v: i for i, v in enumerate(values)}
    codes = np.full(size, -1, dtype=np.int32)
    codes[ids] = np.fromiter(
        (lookup.get(v, -1) if v is not None else -1 for v in column),
        dtype=np.int32,
        count=len(column),
    )
    return _Coded(values, codes)


@dataclass
class _Pairs:
    """A many-valued field (grounds, referrals) as parallel arrays of (decision id, code)."""

    values: list[str]
    ids: np.ndarray
    codes: np.ndarray


def _pairs(connection: sa.Connection, table: str, column: str) -> _Pairs:
    rows = connection.execute(sa.text(f"SELECT decision_id, {column} FROM {table}")).all()
    values = sorted({r[1] for r in rows})
    lookup = {v: i for i, v in enumerate(values)}
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    codes = np.fromiter((lookup[r[1]] for r in rows), dtype=np.int32, count=len(rows))
    return _Pairs(values, ids, codes)


class FacetIndex:
    """Filters and facet counts over sets of decision ids (NumPy int64 arrays)."""

    def __init__(self, connection: sa.Connection, generation: int):
        self.generation = generation
        rows = connection.execute(
            sa.text(
                "SELECT id, category, decision, body, year, decision_date, words, rank_block "
                "FROM decisions"
            )
        ).all()
        self.size = (max(r[0] for r in rows) + 1) if rows else 1
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        self.count = len(rows)  # decisions in the store
        self.present = np.zeros(self.size, dtype=bool)
        self.present[ids] = True
        self.scalars = {
            name: _encode([r[i + 1] for r in rows], self.size, ids)
            for i, name in enumerate(_SCALAR_FACETS)
        }
        self.year = np.zeros(self.size, dtype=np.int32)
        self.year[ids] = [r[4] or 0 for r in rows]
        self.day = np.zeros(self.size, dtype=np.int32)  # date ordinal, 0 when missing
        self.day[ids] = [_ordinal(r[5]) for r in rows]
        # For ranking (ranking.py): each decision's length in words and the block of its counts.
        self.length = np.zeros(self.size, dtype=np.float64)
        self.length[ids] = [r[6] or 0 for r in rows]
        self.block = np.zeros(self.size, dtype=np.int64)
        self.block[ids] = [r[7] or 0 for r in rows]
        self.average_length = float(self.length[ids].mean()) if len(rows) else 1.0
        self.grounds = _pairs(connection, "decision_grounds", "ground")
        self.referrals = _pairs(connection, "decision_referrals", "referral")
        # Every id, newest decision first (then highest id): the browse order.
        self.newest_first = ids[np.lexsort((-ids, -self.day[ids]))]

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
