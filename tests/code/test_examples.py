"""The example complaints (examples/complaints/) reach the decisions in their expected.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ombuds.code import assess_file
from ombuds.vocabulary import JURISDICTION_GROUNDS, FindingResult
from tests.code.scenario import ground_names_in

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "complaints"
EXPECTED = yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8"))
FILES = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "expected.yaml")


def test_every_example_has_an_expectation_and_there_are_at_least_ten():
    assert {p.stem for p in FILES} == set(EXPECTED)
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_example_reaches_its_expected_decision(path):
    expected = EXPECTED[path.stem]
    assessment = assess_file(path)
    assert assessment.outcome.value == expected["outcome"]
    assert {g.value for g in assessment.grounds} == set(expected["grounds"])
    assert {r.value for r in assessment.referrals} == set(expected["referrals"])
    assert ground_names_in(yaml.safe_load(path.read_text(encoding="utf-8"))) == []


def test_examples_cover_every_jurisdiction_test_and_an_investigation():
    applied, excepted, outcomes = set(), set(), set()
    for path in FILES:
        assessment = assess_file(path)
        outcomes.add(assessment.outcome.value)
        for head in assessment.heads:
            for f in head.findings:
                if f.result is FindingResult.applies:
                    applied.add(f.ground)
                elif f.result is FindingResult.exception_applies:
                    excepted.add(f.ground)
    missing = set(JURISDICTION_GROUNDS) - applied
    assert not missing, f"no example applies: {sorted(missing)}"
    assert "late" in excepted, "an example of a late complaint with a good reason"
    assert "investigate" in outcomes
