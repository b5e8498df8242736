"""The writer's row preparation: what it encodes must be exactly what it encoded before."""

from __future__ import annotations

import json

import pytest

from ombuds.corpus.models import Paragraph
from ombuds.corpus.store.writer import (
    _DECISION_COLUMNS,
    UpsertItem,
    _json,
    _sqlite_row,
    _sqlite_value,
    derivable_sections,
    prepare,
)
from tests.corpus.store.conftest import decision

TRICKY = [
    "\x00\x01\x1f\x7f\x80\u2028\u2029",
    '\b\f\n\r\t"\\/',
    "é漢字😀 ’quoted’ £5\u00a0",
    "\ufeff",
    "\ud800 a lone surrogate",
]


@pytest.mark.parametrize("value", TRICKY)
def test_documents_are_encoded_exactly_as_json_dumps_encodes_them(value):
    fields = {"sections": {"s": value}, "paragraphs": [["s", 1, 0, 4], ["s", 2, value]], "n": None}
    assert _json(fields) == json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def test_the_sqlite_row_is_the_row_in_column_order_with_id_time_and_block():
    prepared = prepare(UpsertItem(decision(), "The text of a decision."))
    prepared.row["stored_at"], prepared.row["rank_block"] = "2026-12-05T00:00:00+00:00", 7
    expected = tuple(
        _sqlite_value(41 if column == "id" else prepared.row[column])
        for column in _DECISION_COLUMNS
    )
    assert _sqlite_row(41, prepared) == expected
    assert expected[_DECISION_COLUMNS.index("decision_date")] == "2025-02-10"


def test_sections_are_derivable_only_when_they_are_their_paragraphs_joined_in_order():
    paragraphs = [
        Paragraph(section="a", number=1, text="One."),
        Paragraph(section="a", number=2, text="Two."),
        Paragraph(section="b", number=3, text="Three."),
    ]
    parsed = decision().model_copy(
        update={"paragraphs": paragraphs, "sections": {"a": "One.\n\nTwo.", "b": "Three."}}
    )
    assert derivable_sections(parsed)
    for sections in (
        {"b": "Three.", "a": "One.\n\nTwo."},  # another order
        {"a": "One.\nTwo.", "b": "Three."},  # joined otherwise
        {"a": "One.\n\nTwo."},  # one missing
        {"a": "One.\n\nTwo.", "b": "Three.", "c": ""},  # one more
    ):
        assert not derivable_sections(parsed.model_copy(update={"sections": sections}))
