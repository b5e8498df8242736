"""Reading the short fields column by column: PostgreSQL's aggregated bytes give what SQLite's
rows give, missing values included, for every decision and for those written since."""

from __future__ import annotations

import datetime as dt

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store import open_store
from ombuds.corpus.store.facet_rows import PAIRED_FACETS, SCALAR_FACETS, Columns, read_columns

from .conftest import decision


def _plain(columns: Columns) -> dict:
    """The columns as (decision id -> values), independent of order and of codes."""
    order = np.argsort(columns.ids)
    ids = columns.ids[order].tolist()
    plain: dict = {"ids": ids}
    for name in ("year", "day", "words", "block"):
        plain[name] = getattr(columns, name)[order].tolist()
    for name in SCALAR_FACETS:
        coded = columns.scalars[name]
        plain[name] = [coded.values[c] if c >= 0 else None for c in coded.codes[order]]
    for name, _table, _column in PAIRED_FACETS:
        held, coded = columns.pairs[name]
        plain[name] = sorted(
            (int(i), coded.values[c]) for i, c in zip(held, coded.codes, strict=True)
        )
    return plain


def _fill(url: str) -> tuple[dict, dict, int]:
    with open_store(url) as store:
        store.upsert_many(
            [
                (
                    decision("24 000 001", date=dt.date(1999, 12, 31), grounds=("late", "crime")),
                    "a b",
                ),
                (decision("24 000 002", date=None, grounds=(), referrals=()), "one two three"),
                (decision("24 000 003", body="Leeds City Council", category=""), "c"),
            ]
        )
        with store.engine.connect() as connection:
            since = connection.execute(sa.text("SELECT generation FROM corpus_state")).scalar()
        store.upsert_many(
            [
                (
                    decision("24 000 002", date=None, label="Upheld", referrals=("ico", "police")),
                    "now four",
                ),
                (decision("25 000 009", category="Housing > Homelessness"), "new one"),
            ]
        )
        with store.engine.connect() as connection:
            every = _plain(read_columns(connection, None))
            written = _plain(read_columns(connection, since))
    return every, written, since


def test_postgresql_columns_equal_sqlite_rows(tmp_path, postgres_schema_url):
    sqlite = _fill(f"sqlite:///{tmp_path / 'rows.db'}")
    postgres = _fill(postgres_schema_url)
    assert sqlite == postgres
    every, written, since = postgres
    assert every["ids"] == [1, 2, 3, 4] and written["ids"] == [2, 4]
    assert every["day"][0] == dt.date(1999, 12, 31).toordinal()
    assert every["year"][0] == 1999
    assert every["day"][1] == 0  # no date: missing, as the index reads it
    assert every["decision"][1] == "Upheld" and every["body"][2] == "Leeds City Council"
    assert every["grounds"][:2] == [(1, "crime"), (1, "late")]
    assert written["referrals"] == [(2, "ico"), (2, "police"), (4, "ico")]
    assert min(written["block"]) > since
