"""The five seed decisions parse exactly to the table of ../shared/seeds/README.md.

One test per seed (parametrised): header fields, complainant, grounds (every "required" one, and
nothing outside "required" + "also acceptable"), referrals and related references exactly, the
statement's sections, and paragraphs numbered continuously 1..N as the live site numbers them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ombuds.corpus.parse import parse_file

SEEDS = Path(__file__).resolve().parents[3] / "examples" / "decisions" / "seeds"
SECTIONS = ["the_complaint", "role_and_powers", "how_considered", "assessment", "final_decision"]
LGA = "Local Government Act 1974, "

# file -> expected values, copied from the seed README's two tables; `paragraphs` counts the
# numbered paragraphs of the live page (bullets stay inside their paragraph).
EXPECTED = {
    "000_5d44b0c00c107248.txt": {
        "reference": "24 015 969",
        "body": "Leicestershire County Council",
        "category": "Children's care services > Other",
        "decision": "Closed after initial enquiries",
        "date": dt.date(2025, 2, 10),
        "complainant": "Miss X",
        "required": {"could_not_add", "better_placed", "individual_conduct"},
        "acceptable": {"cannot_achieve_outcome"},
        "referrals": ["ico", "social_work_england"],
        "related": [],
        "paragraphs": 14,
        "statutes": [LGA + "section 24A(6)", LGA + "section 34B"],
    },
    "001_9498e815dd3f7996.txt": {
        "reference": "24 000 184",
        "body": "Leicestershire County Council",
        "category": "Children's care services > Child protection",
        "decision": "Closed after initial enquiries",
        "date": dt.date(2024, 6, 4),
        "complainant": "Dr X",
        "required": {
            "no_different_outcome",
            "could_not_add",
            "insufficient_evidence_of_fault",
            "merits_without_fault",
            "better_placed",
        },
        "acceptable": set(),
        "referrals": ["ico"],
        "related": [],
        "paragraphs": 13,
        "statutes": [LGA + "section 24A(6)", LGA + "section 34B", LGA + "section 34(3)"],
    },
    "002_4168fba0f950c81a.txt": {
        "reference": "24 022 651",
        "body": "Warwickshire County Council",
        "category": "Children's care services > Other",
        "decision": "Closed after initial enquiries",
        "date": dt.date(2025, 5, 14),
        "complainant": "Miss X",
        "required": {
            "previously_decided",
            "individual_conduct",
            "cannot_achieve_outcome",
            "no_different_outcome",
        },
        "acceptable": {"could_not_add", "injustice_not_significant", "better_placed", "personnel"},
        "referrals": ["social_work_england"],
        "related": ["24 021 658"],
        "paragraphs": 9,
        "statutes": [
            LGA + "section 24A(6)",
            LGA + "section 34B",
            LGA + "section 26(1)",
            LGA + "section 26A(1)",
        ],
    },
    "003_d802940d3c2146ef.txt": {
        "reference": "22 015 753",
        "body": "Staffordshire County Council",
        "category": "Children's care services > Child protection",
        "decision": "Closed after initial enquiries",
        "date": dt.date(2023, 3, 9),
        "complainant": "Mr X",
        "required": {"no_worthwhile_outcome"},
        "acceptable": {"better_placed", "tests_not_met", "cannot_achieve_outcome"},
        "referrals": ["ico"],
        "related": [],
        "paragraphs": 9,
        "statutes": [LGA + "section 24A(6)"],
    },
    "004_7f12aca6ea7adb48.txt": {
        "reference": "21 019 030",
        "body": "Kent County Council",
        "category": "Children's care services > Child protection",
        "decision": "Closed after initial enquiries",
        "date": dt.date(2022, 4, 20),
        "complainant": "Miss X",
        "required": {"court_proceedings", "could_not_add", "merits_without_fault", "better_placed"},
        "acceptable": {"insufficient_evidence_of_fault"},
        "referrals": ["ico"],
        "related": [],
        "paragraphs": 14,
        "statutes": [
            LGA + "Schedule 5, paragraph 1",
            LGA + "Schedule 5A, paragraph 3",
            LGA + "section 34(3)",
            LGA + "section 24A(6)",
        ],
    },
}


def test_every_seed_has_an_expectation(seed_files):
    assert sorted(p.name for p in seed_files) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_parses_exactly(name):
    want = EXPECTED[name]
    d = parse_file(SEEDS / name)

    assert d.reference == want["reference"]
    assert d.body == want["body"]
    assert d.category == want["category"]
    assert d.decision == want["decision"]
    assert d.decision_date == want["date"]
    assert d.complainant == want["complainant"]
    grounds = {g.value for g in d.grounds}
    assert want["required"] <= grounds, f"missing required grounds {want['required'] - grounds}"
    extra = grounds - want["required"] - want["acceptable"]
    assert not extra, f"grounds not in the README for this seed: {extra}"
    assert [r.value for r in d.referrals] == want["referrals"]
    assert d.related_references == want["related"]
    assert d.statutes == want["statutes"]
    assert d.warnings == []
    assert d.summary and d.summary.startswith("We will not investigate")

    assert list(d.sections) == SECTIONS
    assert all(d.sections[key].strip() for key in SECTIONS)
    numbers = [p.number for p in d.paragraphs]
    assert numbers == list(range(1, want["paragraphs"] + 1))
    # Paragraphs follow the sections in order, and each section has at least one.
    order = [p.section for p in d.paragraphs]
    assert sorted(set(order), key=order.index) == SECTIONS
    assert order == sorted(order, key=SECTIONS.index)
    # No page furniture leaks into the statement.
    text = "\n".join(d.sections.values())
    for noise in ("Back to top", "Print this page", "cookies", "LGO logogram", "on behalf of"):
        assert noise not in text


def test_role_and_powers_bullets_stay_inside_their_paragraph():
    d = parse_file(SEEDS / "001_9498e815dd3f7996.txt")
    second = d.paragraphs[1]
    assert second.section == "role_and_powers"
    assert second.text.startswith("We investigate complaints about")
    assert (
        "\n\u2022 there is not enough evidence of fault to justify investigating, or" in second.text
    )
    assert second.text.endswith(
        "(Local Government Act 1974, section 24A(6), as amended, section 34(B))"
    )
    assert d.paragraphs[2].text.startswith("If there was no fault")


def test_dash_copy_tells_sub_items_from_paragraphs():
    """Seed 000 marks paragraphs and bullets alike with "- "."""
    d = parse_file(SEEDS / "000_5d44b0c00c107248.txt")
    role = [p for p in d.paragraphs if p.section == "role_and_powers"]
    assert len(role) == 2
    assert role[0].text.count("\n\u2022 ") == 3
    assert role[1].text.startswith("We normally expect someone to refer the matter")


def test_assessment_paragraph_keeps_the_reference_it_cites():
    d = parse_file(SEEDS / "002_4168fba0f950c81a.txt")
    cites = [p.number for p in d.paragraphs if "24 021 658" in p.text]
    assert cites == [7]
