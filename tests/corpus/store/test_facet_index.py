"""The column index of the short fields: caught up after writes, it equals one built afresh."""

from __future__ import annotations

import datetime as dt

import numpy as np
import sqlalchemy as sa

from ombuds.corpus.store.facet_index import FacetIndex

from .conftest import decision


def _snapshot(index: FacetIndex) -> dict:
    stored = np.flatnonzero(index.present)
    return {
        "count": index.count,
        "facets": index.facets(stored),
        "newest": index.newest_first.tolist(),
        "year": index.year[stored].tolist(),
        "length": index.length[stored].tolist(),
        "block": index.block[stored].tolist(),
        "average": index.average_length,
    }


def test_a_refreshed_index_equals_a_fresh_one_after_adds_and_updates(store):
    store.upsert_many(
        [
            (decision(f"24 000 00{i}", date=dt.date(2020 + i, 1, 1), grounds=("late",)), f"t {i}")
            for i in range(1, 5)
        ]
    )
    with store.engine.connect() as connection:
        generation = connection.execute(sa.text("SELECT generation FROM corpus_state")).scalar()
        old = FacetIndex(connection, generation)
    store.upsert_many(
        [
            (decision("24 000 002", body="Leeds City Council", grounds=("better_placed",)), "x"),
            (decision("25 000 009", category="Housing > Homelessness", referrals=()), "new one"),
        ]
    )
    with store.engine.connect() as connection:
        generation = connection.execute(sa.text("SELECT generation FROM corpus_state")).scalar()
        refreshed = old.refreshed(connection, generation)
        fresh = FacetIndex(connection, generation)
    assert refreshed.generation == fresh.generation == generation
    assert _snapshot(refreshed) == _snapshot(fresh)
    assert _snapshot(old)["count"] == 4  # the index searches were using is left as it was
    assert refreshed.facets(np.flatnonzero(refreshed.present))["ground"] == {
        "late": 3,
        "better_placed": 2,
    }
