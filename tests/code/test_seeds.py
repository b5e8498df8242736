"""The five seed decisions, reproduced from their facts alone (examples/seeds/*.yaml).

The table is /work/shared/seeds/README.md's "Grounds and referrals each relies on": the outcome,
every required ground, only required-or-acceptable grounds, and exactly the referrals.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ombuds.code import assess_file
from tests.code.scenario import ground_names_in

ROOT = Path(__file__).resolve().parents[2]
SEED_FACTS = ROOT / "examples" / "seeds"

SEEDS = {
    "000_5d44b0c00c107248": (
        {"could_not_add", "better_placed", "individual_conduct"},
        {"cannot_achieve_outcome"},
        {"ico", "social_work_england"},
    ),
    "001_9498e815dd3f7996": (
        {
            "no_different_outcome",
            "could_not_add",
            "insufficient_evidence_of_fault",
            "merits_without_fault",
            "better_placed",
        },
        set(),
        {"ico"},
    ),
    "002_4168fba0f950c81a": (
        {
            "previously_decided",
            "individual_conduct",
            "cannot_achieve_outcome",
            "no_different_outcome",
        },
        {"could_not_add", "injustice_not_significant", "better_placed", "personnel"},
        {"social_work_england"},
    ),
    "003_d802940d3c2146ef": (
        {"no_worthwhile_outcome"},
        {"better_placed", "tests_not_met", "cannot_achieve_outcome"},
        {"ico"},
    ),
    "004_7f12aca6ea7adb48": (
        {"court_proceedings", "could_not_add", "merits_without_fault", "better_placed"},
        {"insufficient_evidence_of_fault"},
        {"ico"},
    ),
}


def test_one_facts_file_per_seed_decision(seed_files):
    assert {p.stem for p in seed_files} == set(SEEDS)
    assert {p.stem for p in SEED_FACTS.glob("*.yaml")} == set(SEEDS)


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_seed_is_reproduced_from_its_facts(stem):
    required, acceptable, referrals = SEEDS[stem]
    assessment = assess_file(SEED_FACTS / f"{stem}.yaml")
    grounds = {g.value for g in assessment.grounds}
    assert assessment.outcome.value == "closed_after_initial_enquiries"
    assert assessment.published_label == "Closed after initial enquiries"
    assert required <= grounds, f"missing required grounds: {required - grounds}"
    unexpected = grounds - required - acceptable
    assert not unexpected, f"unexpected grounds: {unexpected}"
    assert {r.value for r in assessment.referrals} == referrals


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_seed_facts_name_no_ground(stem):
    """Facts only: no key or value in a seed's facts is a ground or referral id."""
    data = yaml.safe_load((SEED_FACTS / f"{stem}.yaml").read_text(encoding="utf-8"))
    assert ground_names_in(data) == []


def test_every_seed_ground_is_explained_by_a_finding():
    for stem in SEEDS:
        assessment = assess_file(SEED_FACTS / f"{stem}.yaml")
        for head in assessment.heads:
            for ground in head.grounds:
                finding = next(
                    f for f in head.findings if f.ground == ground and f.result.value == "applies"
                )
                assert finding.reason and finding.facts and finding.citation
