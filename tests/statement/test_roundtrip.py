"""Round trip: a drafted statement, read back by the parser, gives its own assessment.

The parser (`ombuds.corpus.parse.parse_text`) must find exactly the assessment's published label,
grounds and referrals: nothing lost, and nothing the wording triggers that the assessment did
not rely on. Hand-built assessments cover every ground and every referral; the examples in
`examples/` are assessed by the engine first.
"""

from __future__ import annotations

import re
from pathlib import Path

import builders
import pytest
from builders import assessment, finding, head

from ombuds.corpus.parse import parse_text
from ombuds.statement import draft_statement, render
from ombuds.vocabulary import FindingResult, Ground, Outcome, Referral

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(
    p
    for p in [*EXAMPLES.glob("seeds/*.yaml"), *EXAMPLES.glob("complaints/*.yaml")]
    if p.name != "expected.yaml"
)  # the engine's expectations, not a complaint

# The parser reads a few bodies as implying a ground (the Housing Ombudsman is for social
# housing; an appeal to a tribunal is the tribunal ground), so such referrals come with it.
COUPLED = {
    Referral.housing_ombudsman: Ground.social_housing,
    Referral.tribunal: Ground.tribunal_appeal,
}


def assert_round_trip(a, fmt: str = "txt") -> None:
    statement = draft_statement(a)
    text = render(statement, fmt).decode("utf-8")
    parsed = parse_text(text, f"draft.{fmt}")
    assert parsed.decision == a.published_label, text
    assert sorted(parsed.grounds) == sorted(a.grounds), text
    assert sorted(parsed.referrals) == sorted(a.referrals), text
    assert parsed.body == a.case.body
    assert parsed.reference == a.case.reference
    assert parsed.decision_date == a.case.assessment_date
    if re.match(r"(Mr|Mrs|Miss|Ms|Mx|Dr) [A-Z]$", a.case.complainant):  # an alias, not a body
        assert parsed.complainant == a.case.complainant
    assert len(parsed.paragraphs) == len(statement.paragraphs), text
    assert [p.section for p in parsed.paragraphs] == [p.section for p in statement.paragraphs]


@pytest.mark.parametrize("ground", list(Ground), ids=lambda g: g.value)
def test_every_ground_parses_back_alone(ground):
    assert_round_trip(builders.one_ground(ground))


@pytest.mark.parametrize("referral", list(Referral), ids=lambda r: r.value)
def test_every_referral_parses_back_with_better_placed(referral):
    findings = [finding(Ground.better_placed, "another body deals with this", referral=referral)]
    if referral in COUPLED:
        findings.insert(0, finding(COUPLED[referral], "the facts show it"))
    assert_round_trip(assessment(head("what happened", *findings)))


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_three_head_case_parses_back_in_each_text_format(conduct_case, fmt):
    assert_round_trip(conduct_case, fmt)


def test_a_case_to_investigate_parses_back_unpublished_with_no_ground():
    a = assessment(
        head(
            "the council took two years to assess her needs",
            finding(
                Ground.late, "she complained within weeks", result=FindingResult.does_not_apply
            ),
        )
    )
    assert a.outcome is Outcome.investigate and a.published_label is None
    assert_round_trip(a)


def test_a_mixed_case_parses_back_with_the_grounds_of_the_closed_parts():
    a = assessment(
        head("care charges"),
        head(
            "the social worker's honesty",
            finding(Ground.individual_conduct, "one officer's conduct"),
            finding(
                Ground.better_placed,
                "the regulator deals with this",
                referral=Referral.social_work_england,
            ),
        ),
    )
    assert_round_trip(a)


def test_many_grounds_on_many_heads_parse_back_together():
    a = assessment(
        head(
            "what the social worker told the court",
            finding(Ground.court_proceedings, "the report was made in care proceedings"),
        ),
        head(
            "keeping the same social worker",
            finding(Ground.merits_without_fault, "a professional decision properly taken"),
            finding(Ground.insufficient_evidence_of_fault, "the council explained its reasons"),
        ),
        head(
            "information shared without consent",
            finding(Ground.better_placed, "a data protection matter", referral=Referral.ico),
        ),
        head("the council's detailed reply", finding(Ground.could_not_add, "a full reply")),
        head(
            "wants the social worker dismissed",
            finding(Ground.cannot_achieve_outcome, "dismissal is for the employer"),
            finding(Ground.personnel, "discipline of staff"),
        ),
    )
    assert_round_trip(a)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_parses_back_to_its_own_assessment(path):
    from ombuds.code import assess_file

    assert_round_trip(assess_file(path))


def test_there_are_examples_to_round_trip():
    assert len(EXAMPLE_FILES) >= 5


def test_an_earlier_decision_is_named_by_its_reference():
    a = assessment(
        head("the same matter again", finding(Ground.previously_decided, "")),
        related_references=["24 021 658"],
    )
    assert_round_trip(a)
    parsed = parse_text(render(draft_statement(a), "txt").decode(), "draft.txt")
    assert parsed.related_references == ["24 021 658"]


def test_an_exception_that_lets_a_head_go_on_does_not_read_back_as_a_ground():
    a = assessment(
        head(
            "the council has not assessed her care needs for a year",
            finding(
                Ground.late,
                "the council's own complaint handling caused the delay",
                result=FindingResult.exception_applies,
                exception="council_complaint_handling_delay",
            ),
        ),
        head(
            "the social worker was rude", finding(Ground.individual_conduct, "one officer's manner")
        ),
    )
    assert a.outcome is Outcome.investigate
    assert_round_trip(a)


def _exception_names() -> list[str]:
    from ombuds.statement.draft import default_pack

    return sorted(default_pack().settings["exceptions"])


@pytest.mark.parametrize("name", _exception_names())
@pytest.mark.parametrize("ground", [Ground.late, Ground.could_not_add], ids=lambda g: g.value)
def test_no_exception_wording_reads_back_as_a_ground(name, ground):
    a = assessment(
        head(
            "what happened",
            finding(ground, "", exception=name, result=FindingResult.exception_applies),
        )
    )
    assert a.outcome is Outcome.investigate and not a.grounds
    assert_round_trip(a)
