"""Precedents and insight give the same answers on SQLite and on PostgreSQL: the same decisions
stored in each, the same questions asked of both."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import make_decision
from ombuds.corpus.models import SearchQuery
from ombuds.corpus.parse import parse_document
from ombuds.corpus.store import open_store
from ombuds.insight.service import insight
from ombuds.precedents import service

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


def _items():
    items = []
    for i in range(80):
        decision = make_decision(i, 3, "txt")
        items.append(parse_document(decision.text, source=decision.filename))
    for seed in sorted((ROOT / "examples" / "decisions" / "seeds").glob("*.txt")):
        items.append(parse_document(seed.read_text(encoding="utf-8"), source=seed.name))
    return items


def _answers(url: str, references: list[str]):
    with open_store(url) as writer:
        writer.upsert_many(_items())
    with open_store(url, create=False) as store:
        near = {
            ref: [(p.reference, p.score) for p in service.for_reference(store, ref).precedents]
            for ref in references
        }
        text = service.for_text(store, "social worker withheld information about my child")
        asked = [(p.reference, p.score) for p in text.precedents]
        whole = insight(store).model_dump()
        filtered = insight(store, SearchQuery(text="", category="Children's care services"))
    return near, asked, whole, filtered.model_dump()


def test_both_backends_give_the_same_precedents_and_the_same_insight(tmp_path, postgres_schema_url):
    references = ["24 015 969", "24 022 651", "21 019 030"]
    lite = _answers(f"sqlite:///{tmp_path / 'ombuds.db'}", references)
    pg = _answers(postgres_schema_url, references)
    near_lite, asked_lite, whole_lite, filtered_lite = lite
    near_pg, asked_pg, whole_pg, filtered_pg = pg
    for ref in references:
        assert near_lite[ref], ref
        assert [r for r, _ in near_lite[ref]] == [r for r, _ in near_pg[ref]], ref
        assert [s for _, s in near_lite[ref]] == pytest.approx([s for _, s in near_pg[ref]])
    assert asked_lite and [r for r, _ in asked_lite] == [r for r, _ in asked_pg]
    assert whole_lite == whole_pg
    assert filtered_lite == filtered_pg
    assert whole_lite["decisions"] == 85 and 0 < filtered_lite["decisions"] < 85
