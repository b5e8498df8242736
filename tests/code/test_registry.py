"""The law-as-code registry: one described test per ground, checked at load."""

from __future__ import annotations

from pathlib import Path

import pytest

from ombuds.code.registry import check_rule, load_rules
from ombuds.code.unit import Rule, Unless
from ombuds.vocabulary import GROUNDS, Ground, Stage
from tests.code.scenario import load_scenarios

SCENARIOS = Path(__file__).parent / "scenarios"


def test_one_test_per_ground_in_stage_order():
    rules = load_rules()
    validity = (Ground.no_consent, Ground.not_member_of_public, Ground.no_standing)
    assert [r.ground for r in rules if r.stage is not Stage.validity] == [
        g for g in Ground if g not in validity
    ]
    assert {r.ground for r in rules} == set(Ground)
    stages = [r.stage for r in rules]
    assert stages == sorted(
        stages, key=[Stage.validity, Stage.jurisdiction, Stage.discretion].index
    )


def test_every_test_is_described():
    for r in load_rules():
        assert r.info is GROUNDS[r.ground]
        assert r.statement and r.reads and "Leaves out" in type(r).__doc__


def test_every_ground_has_a_scenario_file():
    files = {p.stem for p in SCENARIOS.glob("*.yaml")}
    assert {g.value for g in Ground} <= files
    assert "validity" in files


def test_every_named_exception_is_exercised_by_a_scenario():
    exercised = set()
    for path in SCENARIOS.glob("*.yaml"):
        ground, cases = load_scenarios(path)
        exercised |= {
            (ground, case["expect"]["exception"]) for case in cases if "exception" in case["expect"]
        }
    declared = {(r.ground.value, u.name) for r in load_rules() for u in r.exceptions}
    assert declared <= exercised, f"untested exceptions: {sorted(declared - exercised)}"


def test_standing_is_decided_per_head_and_previously_decided_is_decisive_discretion():
    by_ground = {r.ground: r for r in load_rules()}
    assert by_ground[Ground.no_standing].per_head
    assert by_ground[Ground.no_standing].stage is Stage.validity
    assert by_ground[Ground.previously_decided].stage is Stage.discretion
    assert by_ground[Ground.previously_decided].decisive
    assert [g for g, r in by_ground.items() if r.decisive] == [Ground.previously_decided]
    discretion = [r.ground for r in load_rules() if r.stage is Stage.discretion]
    assert discretion[0] is Ground.previously_decided  # weighed before the other tests


def _rule(**attrs) -> type[Rule]:
    body = {
        "ground": Ground.late,
        "stage": Stage.jurisdiction,
        "statement": "s",
        "reads": ("dates",),
        "__doc__": "Provision. Leaves out: nothing.",
    }
    body.update(attrs)
    return type("Broken", (Rule,), body)


@pytest.mark.parametrize(
    "attrs, message",
    [
        ({"ground": "not_a_ground"}, "not in the vocabulary"),
        ({"stage": Stage.discretion}, "runs in"),
        ({"__doc__": "No statement of omissions."}, "docstring"),
        ({"statement": ""}, "statement"),
        ({"reads": ()}, "facts it reads"),
        (
            {"exceptions": (Unless("good_reasons", "There are good reasons."),)},
            "must name each exception; missing good_reasons",
        ),
        ({"per_head": True}, "only a validity test can be per head"),
        ({"decisive": True}, "only a discretion test can be decisive"),
    ],
)
def test_a_badly_described_test_fails_at_load(attrs, message):
    with pytest.raises(ValueError, match=message):
        check_rule(_rule(**attrs))


def test_no_rule_reads_todays_date():
    src = Path(__file__).resolve().parents[2] / "src" / "ombuds" / "code"
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in ("date.today(", "datetime.now(", "datetime.today(", "time.time("):
            assert call not in text, f"{path.name} reads the clock ({call})"
