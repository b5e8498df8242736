"""Complainant-given text is classified and reported in a frame that fits it."""

from __future__ import annotations

import datetime as dt

import builders
import pytest

from ombuds.statement import draft_statement
from ombuds.statement.grammar import (
    Person,
    council_case,
    guess_pronoun,
    long_date,
    phrase_kind,
    report,
)

MRS_V = Person("Mrs V", "she")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("distress", "np"),
        ("distress and uncertainty", "np"),
        ("significant distress", "np"),
        ("the cost of private care for seven months", "np"),
        ("£3,200 charged without assessment", "np"),
        ("delay in a care assessment", "np"),
        ("uncertainty about her case", "np"),
        ("what happened in this part of the complaint", "np"),
        ("paid privately for care for seven months", "vp"),
        ("lost her job", "vp"),
        ("her daughter must travel 40 minutes", "clause"),
        ("she could not sleep", "clause"),
        ("the council took seven months to assess her needs", "clause"),
        ("A taxi booked for her did not arrive", "clause"),
    ],
)
def test_a_phrase_is_told_from_a_clause(text, kind):
    assert phrase_kind(text) == kind


@pytest.mark.parametrize(
    "summary, verb, kind, text",
    [
        (
            "The council took seven months to assess Mrs V's care needs",
            "complains",
            "clause",
            "the Council took seven months to assess her care needs",
        ),
        (
            "Mrs V says the social worker was withholding information from her",
            "says",
            "clause",
            "the social worker was withholding information from her",
        ),
        (
            "Mrs V complains about the conduct of the social worker",
            "complains",
            "np",
            "the conduct of the social worker",
        ),
        ("delay in a care assessment", "complains", "np", "delay in a care assessment"),
        (
            "The council delayed telling Mrs V it had opened a case",
            "complains",
            "clause",
            "the Council delayed telling her it had opened a case",
        ),
        (
            "Mrs V objects to the rise in council tax",
            "",
            "own",
            "Mrs V objects to the rise in council tax",
        ),
    ],
)
def test_a_part_is_reported_in_the_persons_name(summary, verb, kind, text):
    reported = report(summary, MRS_V)
    assert (reported.verb, reported.kind, reported.text) == (verb, kind, text)


def test_the_pronoun_follows_the_title_else_the_complaints_own_words():
    assert guess_pronoun("Mr", None, []) == "he"
    assert guess_pronoun("Miss", None, []) == "she"
    assert guess_pronoun("Dr", None, ["the council delayed giving her information"]) == "she"
    assert guess_pronoun("Dr", None, ["the council was slow"]) is None
    assert guess_pronoun("Dr", "they", ["her information"]) == "they"


def test_dates_and_the_council():
    assert long_date(dt.date(2025, 7, 10)) == "10 July 2025"
    assert (
        council_case("the council's reply on council tax") == "the Council's reply on council tax"
    )
    assert council_case("The council replied") == "The Council replied"


def _complaint_paragraph(**case):
    a = builders.assessment(
        builders.head(
            "the Council took seven months to assess her needs",
            builders.finding(builders.Ground.could_not_add, ""),
        ),
        complainant="Mrs V",
        complainant_title="Mrs",
        **case,
    )
    return draft_statement(a).sections[0].paragraphs[0].text


def test_the_harm_described_is_reported_in_a_frame_that_fits_it():
    """The issue's own examples: never "this has caused paid privately for care"."""
    text = _complaint_paragraph(
        injustice_claimed=[
            "paid privately for care for seven months",
            "distress",
            "her daughter must travel 40 minutes",
        ]
    )
    assert "She says this caused her distress." in text
    assert "She also says she paid privately for care for seven months." in text
    assert "She also says her daughter must travel 40 minutes." in text
    assert "caused paid" not in text and "caused her daughter" not in text


def test_what_the_person_wants_is_in_our_words_not_the_schemas():
    text = _complaint_paragraph(
        outcomes_wanted=["a different social worker or officer", "an apology"],
        injustice_claimed=[],
    )
    assert "She wants a different officer and an apology." in text
    assert " or officer" not in text
