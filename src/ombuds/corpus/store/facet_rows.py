"""Reading the short fields of the decisions, column by column, for the column index.

    columns = read_columns(connection, since=None)   # every decision; or those written since

Why columns: the column index (`facet_index.py`) wants one array per field. Read as rows, a
million decisions were a million Python rows, tuples and strings, turned into arrays one value
at a time: 11-12 s before `ombuds serve` could answer at a million decisions, 2 s of it the
rows themselves. On PostgreSQL one statement now gives each numeric field as the bytes of an
int4 array (`string_agg` of `int4send`), and each value of a text field or of grounds and
referrals with the bytes of its decisions' ids, so Python handles a few hundred values rather
than a million rows (docs/performance.md, "The column index at a million"). One statement, so
one snapshot: every part sees the same decisions. SQLite reads rows as before (it is local and
its stores smaller) and turns them into the same columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.bulk import BINARY_RESULTS

SCALAR_FACETS = ("category", "decision", "body")
PAIRED_FACETS = (
    ("grounds", "decision_grounds", "ground"),
    ("referrals", "decision_referrals", "referral"),
)


@dataclass
class Coded:
    """A text field as codes: `codes[i]` indexes `values`, or -1 when missing (in the column
    index, i is a decision id; in `Columns`, a position in its `ids`)."""

    values: list[str]
    codes: np.ndarray  # int32

    def code_of(self, value: str) -> int:
        try:
            return self.values.index(value)
        except ValueError:
            return -1

    def adopted(self, column: Coded) -> np.ndarray:
        """`column`'s codes as codes of this field, adding the values not met before."""
        lookup = {v: i for i, v in enumerate(self.values)}
        remap = np.empty(len(column.values) + 1, dtype=np.int32)
        for local, value in enumerate(column.values):
            if value not in lookup:
                lookup[value] = len(self.values)
                self.values.append(value)
            remap[local] = lookup[value]
        remap[-1] = -1  # a missing value (-1) stays missing
        return remap[column.codes]


@dataclass
class Columns:
    """The short fields of some decisions, aligned with `ids` (int64, ascending on PostgreSQL),
    and the (decision id, code) pairs of the many-valued fields of the same decisions."""

    ids: np.ndarray
    year: np.ndarray  # 0: missing
    day: np.ndarray  # date ordinal, 0: missing
    words: np.ndarray
    block: np.ndarray
    scalars: dict[str, Coded]
    pairs: dict[str, tuple[np.ndarray, Coded]]  # "grounds" -> (decision ids, codes)


def read_columns(connection: sa.Connection, since: int | None) -> Columns:
    """The decisions written after generation `since` (every decision when None)."""
    if connection.dialect.name == "postgresql":
        return _postgres(connection, since)
    return _sqlite(connection, since)


def _int4s(raw: bytes | None) -> np.ndarray:
    return np.frombuffer(raw or b"", dtype=">i4").astype(np.int64)


_NUMBERS = (
    "string_agg(int4send(id), ''), string_agg(int4send(coalesce(year, 0)), ''), "
    "string_agg(int4send(coalesce(decision_date - DATE '0001-01-01' + 1, 0)), ''), "
    "string_agg(int4send(coalesce(words, 0)), ''), "
    "string_agg(int4send(coalesce(rank_block, 0)), '')"
)


def _postgres(connection: sa.Connection, since: int | None) -> Columns:
    # Every part filters the same way; each row says which part it is (kind, value).
    written = "" if since is None else " AND rank_block > :since"
    of_written = _of_written(since)
    parts = [f"SELECT 'numbers', NULL, {_NUMBERS} FROM decisions WHERE true{written}"]
    parts += [
        f"SELECT '{name}', {name}, string_agg(int4send(id), ''), NULL, NULL, NULL, NULL "
        f"FROM decisions WHERE {name} IS NOT NULL{written} GROUP BY {name}"
        for name in SCALAR_FACETS
    ]
    parts += [
        f"SELECT '{name}', {column}, string_agg(int4send(decision_id), ''), NULL, NULL, NULL, "
        f"NULL FROM {table}{of_written} GROUP BY {column}"
        for name, table, column in PAIRED_FACETS
    ]
    rows = connection.execute(
        sa.text(" UNION ALL ".join(parts)),
        {} if since is None else {"since": since},
        execution_options={BINARY_RESULTS: True},
    ).all()
    numbers = next(r for r in rows if r[0] == "numbers")
    ids, year, day, words, block = (_int4s(raw) for raw in numbers[2:])
    # In id order, so that a text field's values find their decisions by binary search.
    if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
        order = np.argsort(ids)
        ids, year, day, words, block = (a[order] for a in (ids, year, day, words, block))
    scalars = {name: Coded([], np.full(len(ids), -1, dtype=np.int32)) for name in SCALAR_FACETS}
    pairs: dict[str, tuple[list[np.ndarray], list[np.ndarray], list[str]]] = {
        name: ([], [], []) for name, _table, _column in PAIRED_FACETS
    }
    for kind, value, raw, *_rest in rows:
        if kind in scalars:
            coded = scalars[kind]
            held = _int4s(raw)
            at = np.searchsorted(ids, held)
            # (a decision outside `ids` cannot be met: one statement, one snapshot)
            coded.codes[at] = len(coded.values)
            coded.values.append(value)
        elif kind in pairs:
            held_ids, held_codes, values = pairs[kind]
            held = _int4s(raw)
            held_ids.append(held)
            held_codes.append(np.full(len(held), len(values), dtype=np.int32))
            values.append(value)
    return Columns(
        ids,
        year,
        day,
        words,
        block,
        scalars,
        {
            name: (
                np.concatenate(held_ids) if held_ids else np.zeros(0, dtype=np.int64),
                Coded(
                    values,
                    np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32),
                ),
            )
            for name, (held_ids, codes, values) in pairs.items()
        },
    )


_ROWS = "SELECT id, category, decision, body, year, decision_date, words, rank_block FROM decisions"


def _sqlite(connection: sa.Connection, since: int | None) -> Columns:
    params = {} if since is None else {"since": since}
    where = "" if since is None else " WHERE rank_block > :since"
    rows = connection.execute(sa.text(_ROWS + where), params).all()
    count = len(rows)
    columns = Columns(
        ids=np.fromiter((r[0] for r in rows), dtype=np.int64, count=count),
        year=np.fromiter((r[4] or 0 for r in rows), dtype=np.int64, count=count),
        day=np.fromiter((_ordinal(r[5]) for r in rows), dtype=np.int64, count=count),
        words=np.fromiter((r[6] or 0 for r in rows), dtype=np.int64, count=count),
        block=np.fromiter((r[7] or 0 for r in rows), dtype=np.int64, count=count),
        scalars={name: _coded([r[i + 1] for r in rows]) for i, name in enumerate(SCALAR_FACETS)},
        pairs={},
    )
    of_written = _of_written(since)
    for name, table, column in PAIRED_FACETS:
        found = connection.execute(
            sa.text(f"SELECT decision_id, {column} FROM {table}{of_written}"), params
        ).all()
        held = np.fromiter((r[0] for r in found), dtype=np.int64, count=len(found))
        columns.pairs[name] = (held, _coded([r[1] for r in found]))
    return columns


def _of_written(since: int | None) -> str:
    """The WHERE clause keeping a grounds or referrals table's rows of the decisions written
    after generation `since` (none when None)."""
    if since is None:
        return ""
    return " WHERE decision_id IN (SELECT id FROM decisions WHERE rank_block > :since)"


def _coded(column: Sequence[str | None]) -> Coded:
    lookup: dict[str, int] = {}
    codes = np.fromiter(
        (-1 if v is None else lookup.setdefault(v, len(lookup)) for v in column),
        dtype=np.int32,
        count=len(column),
    )
    return Coded(list(lookup), codes)


def _ordinal(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    assert isinstance(value, dt.date)
    return value.toordinal()
