"""The stored analysis of the grounds tables' patterns (parse/analysis.py): up to date, used, and
only ever a shortcut to what would be worked out afresh."""

from __future__ import annotations

import json
import re

import pytest

from ombuds.corpus.parse import analysis, matching
from ombuds.corpus.parse.grounds import GROUND_PATTERNS


def test_the_stored_analysis_is_that_of_every_pattern_the_tables_run():
    """Fails when a pattern of grounds.py changes without the file: write it afresh with
    `.venv/bin/python -c "from ombuds.corpus.parse import analysis; analysis.write()"`."""
    unique = {(p.pattern, p.flags): p for p in matching.table_patterns()}
    stored = json.loads(analysis.FILE.read_text(encoding="utf-8"))
    assert stored == analysis.entries(unique.values())
    assert analysis.stored().keys() == unique.keys()


def test_building_the_tables_reads_the_file_instead_of_the_patterns(monkeypatch):
    def analyse(pattern):
        raise AssertionError(f"analysed afresh: {pattern.pattern}")

    monkeypatch.setattr(analysis, "analyse", analyse)
    table = matching._Table(GROUND_PATTERNS)
    assert table.rules and any(rule.needles for _key, rule in table.rules)


@pytest.mark.parametrize(
    ("pattern", "one_line"),
    [(r"referred (?:it|this) to the tribunal", True), (r"tribunal.{0,40}appeal", False)],
)
def test_a_pattern_not_stored_is_analysed_as_before(pattern, one_line):
    compiled = re.compile(pattern, re.DOTALL if not one_line else 0)
    assert (pattern, compiled.flags) not in analysis.stored()
    groups, local = analysis.analysed(compiled)
    assert local is one_line
    assert groups == analysis.analyse(compiled)[0] and groups  # "tribunal" at least
    assert any("tribunal" in literal for group in groups for literal in group)
