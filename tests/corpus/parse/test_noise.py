"""One small fixture per kind of copying noise listed in decisions.md, each with its test.

The fixtures (tests/corpus/fixtures/noise/) are written for these tests, in our own words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ombuds.corpus.models import ParsedDecision
from ombuds.corpus.parse import parse_file

NOISE = Path(__file__).resolve().parents[1] / "fixtures" / "noise"
ASSESSMENT = ["the_complaint", "role_and_powers", "how_considered", "assessment", "final_decision"]
INVESTIGATION = [
    "the_complaint",
    "what_investigated",
    "role_and_powers",
    "how_considered",
    "findings",
    "final_decision",
]


def parse(name: str) -> ParsedDecision:
    return parse_file(NOISE / name)


def assert_continuous(d: ParsedDecision, count: int) -> None:
    assert [p.number for p in d.paragraphs] == list(range(1, count + 1))


def assert_clean(d: ParsedDecision) -> None:
    text = "\n".join([d.summary or "", *d.sections.values()])
    for noise in (
        "Back to top",
        "Print this page",
        "cookies",
        "Privacy settings",
        "LGO logogram",
        "Google Analytics",
        "on behalf of the Ombudsm",
        "\u00a0",
    ):
        assert noise not in text


def test_numbering_restarting_in_each_section_is_made_continuous():
    d = parse("restart_numbering.txt")
    assert (d.reference, d.body, d.complainant) == (
        "23 004 117",
        "Northbridge Borough Council",
        "Mrs D",
    )
    assert list(d.sections) == ASSESSMENT
    assert_continuous(d, 7)
    assert [p.section for p in d.paragraphs][:3] == [
        "the_complaint",
        "the_complaint",
        "role_and_powers",
    ]
    assert {"court_remedy", "council_review_available"} <= set(d.grounds)
    assert d.referrals == ["courts"]
    assert d.statutes == ["Local Government Act 1974, section 26(6)(c)"]


def test_dash_markers_for_paragraphs_and_bullets():
    d = parse("dash_paragraphs.txt")
    assert_continuous(d, 8)
    role = [p for p in d.paragraphs if p.section == "role_and_powers"]
    assert len(role) == 2
    assert role[0].text.endswith(
        ":\n\u2022 there is not enough evidence of fault to justify "
        "investigating, or\n\u2022 we cannot achieve the outcome someone "
        "wants.\n(Local Government Act 1974, section 24A(6), as amended)"
    )
    assert {"insufficient_evidence_of_fault", "merits_without_fault"} <= set(d.grounds)
    assert d.warnings == []


def test_bullet_markers_as_paragraphs():
    d = parse("bullet_paragraphs.txt")
    assert_continuous(d, 7)
    assert [p.section for p in d.paragraphs].count("the_complaint") == 2
    assert d.complainant == "Ms P"
    assert "tribunal_appeal" in d.grounds
    assert d.referrals == ["tribunal", "valuation_office_agency"]


def test_indented_sub_lists_stay_in_their_paragraph():
    d = parse("indented_sublist.txt")
    assert_continuous(d, 7)
    second = d.paragraphs[1]
    assert second.text == (
        "She says:\n\u2022 the walking route is unsafe;\n\u2022 the bus fare "
        "is too much for her;\n\u2022 she cannot drive."
    )
    role = d.paragraphs[2]
    assert role.section == "role_and_powers"
    assert role.text.count("\n\u2022 ") == 2
    assert role.text.endswith("(Local Government Act 1974, section 24A(6), as amended)")
    assert "could_not_add" in d.grounds


def test_back_to_top_and_print_this_page_are_dropped():
    d = parse("back_to_top_print.txt")
    assert_clean(d)
    assert_continuous(d, 5)
    assert d.grounds == ["no_different_outcome"]


def test_cookie_banner_before_the_statement():
    d = parse("cookie_banner_start.txt")
    assert_clean(d)
    assert (d.reference, d.body) == ("23 015 640", "Stonegate Borough Council")
    assert d.category == "Environment and regulation > Noise"
    assert d.warnings == []
    assert d.grounds == ["insufficient_evidence_of_fault"]


def test_cookie_banner_after_the_statement():
    d = parse("cookie_banner_end.txt")
    assert_clean(d)
    assert d.paragraphs[-1].section == "final_decision"
    assert (
        d.paragraphs[-1].text == "We will not investigate because this is a matter for the courts."
    )
    assert d.referrals == ["courts", "insurers"]
    assert "court_remedy" in d.grounds


def test_doubled_and_missing_blank_lines():
    d = parse("blank_lines.txt")
    assert d.decision_date == dt.date(2024, 3, 27)
    assert d.warnings == []
    assert_continuous(d, 6)
    assert d.grounds == ["late"]
    assert d.statutes == [
        "Local Government Act 1974, section 26B",
        "Local Government Act 1974, section 34D",
    ]


def test_non_breaking_spaces():
    d = parse("nbsp.txt")
    assert_clean(d)
    assert (d.reference, d.body) == ("24 018 350", "Lakeside City Council")
    assert d.category == "Housing > Private housing"
    assert d.decision == "Closed after initial enquiries"
    assert d.decision_date == dt.date(2024, 12, 16)
    assert d.complainant == "Mr G"
    assert d.statutes == ["Local Government Act 1974, section 24A(6)"]
    assert_continuous(d, 5)
    assert "cannot_achieve_outcome" in d.grounds


def test_curly_and_straight_quotes_mixed():
    d = parse("quotes_mixed.txt")
    assert d.category == "Children's care services > Fostering"  # straightened, so it is known
    assert d.warnings == []
    assert d.complainant == "Mr and Mrs J"
    assert d.referrals == ["independent_review_mechanism"]
    assert "better_placed" in d.grounds
    assert (
        "\u201cwhether the decision was right\u201d" in d.sections["assessment"]
    )  # kept as published


def test_hyphenated_references_are_normalised():
    d = parse("hyphenated_reference.txt")
    assert d.reference == "24 015 201"
    assert d.related_references == ["23 011 222"]
    assert d.referrals == ["planning_inspectorate"]
    assert "ministerial_appeal" in d.grounds


def test_joint_case_suffix_and_ombudsmen_headings():
    d = parse("joint_case.txt")
    assert d.reference == "19 001 962a"
    assert d.related_references == []  # its own number, without the letter, is not another case
    assert d.body == "Greystone Council and Greystone Healthcare NHS Trust"
    assert d.decision == "Not upheld"
    assert list(d.sections) == INVESTIGATION
    assert d.summary.startswith("Mrs F complained")
    assert_continuous(d, 7)
    assert d.warnings == []


def test_older_style_the_ombudsman_she_his():
    d = parse("older_style.txt")
    assert d.decision_date == dt.date(2016, 7, 22)
    assert d.complainant == "Mrs B"
    assert list(d.sections) == ASSESSMENT  # "Assessment" heading without "My"
    assert {"insufficient_evidence_of_fault", "merits_without_fault"} <= set(d.grounds)


def test_easy_read_headings():
    d = parse("easy_read.txt")
    assert list(d.sections) == ASSESSMENT
    assert d.sections["role_and_powers"].startswith("We do not start or continue")
    assert d.sections["assessment"].startswith("The Council has agreed to review")
    assert d.grounds == ["could_not_add"]
    assert d.warnings == []


def test_investigation_upheld_with_sub_headings_and_agreed_action():
    d = parse("investigation_upheld.txt")
    assert d.decision == "Upheld"
    assert list(d.sections) == INVESTIGATION
    findings = d.sections["findings"]
    for sub in ("Law and guidance", "What happened", "Analysis", "Agreed action"):
        assert sub in findings
    assert_continuous(d, 12)
    action = next(p for p in d.paragraphs if p.text.startswith("Within one month"))
    assert action.text.endswith("\u2022 apologise to Miss V;\n\u2022 pay her \u00a31,300.")
    assert "Children and Families Act 2014, section 36" in d.statutes
    assert d.warnings == []


def test_investigation_not_upheld_what_i_have_investigated():
    d = parse("investigation_not_upheld.txt")
    assert d.decision == "Not upheld"
    assert list(d.sections) == INVESTIGATION
    assert d.sections["what_investigated"].startswith("I have investigated whether")
    assert_continuous(d, 7)


@pytest.mark.parametrize("path", sorted(NOISE.glob("*.txt")), ids=lambda p: p.name)
def test_every_noise_fixture_is_a_clean_complete_decision(path):
    d = parse_file(path)
    assert d.reference and d.body and d.category and d.decision and d.decision_date
    assert d.complainant and d.summary
    assert_clean(d)
    assert d.paragraphs and d.paragraphs[-1].section == "final_decision"
