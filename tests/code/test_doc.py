"""docs/assessment-code.md carries the table of tests exactly as the rules describe themselves."""

from __future__ import annotations

from pathlib import Path

from ombuds.code.doc import rules_table_markdown
from ombuds.code.registry import load_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "assessment-code.md"


def test_the_table_of_tests_in_the_docs_is_generated_from_the_rules():
    table = rules_table_markdown()
    assert table in DOC.read_text(encoding="utf-8"), (
        "docs/assessment-code.md drifted from the rules: replace its table with "
        "`python -c 'from ombuds.code.doc import rules_table_markdown as t; print(t())'`"
    )


def test_the_table_has_a_row_per_test():
    assert rules_table_markdown().count("\n| `") == len(load_rules()) == 34
