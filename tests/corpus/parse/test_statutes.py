"""Statutes cited, in every hand the decisions use, normalised one provision per entry."""

from __future__ import annotations

import pytest

from ombuds.corpus.parse.statutes import find_statutes

LGA = "Local Government Act 1974, "


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "(Local Government Act 1974, section 24A(6), as amended, section 34(B))",
            [LGA + "section 24A(6)", LGA + "section 34B"],
        ),
        (
            "(Local Government Act 1974, s26(1) and s26A(1) as amended)",
            [LGA + "section 26(1)", LGA + "section 26A(1)"],
        ),
        (
            "(Local Government Act 1974, Schedule 5/5A, paragraph 1/3, as amended)",
            [LGA + "Schedule 5, paragraph 1", LGA + "Schedule 5A, paragraph 3"],
        ),
        ("(Local Government Act 1974, section 34(3), as amended)", [LGA + "section 34(3)"]),
        ("(Local Government Act 1974, section 26(6)(c), as amended)", [LGA + "section 26(6)(c)"]),
        (
            "(Local Government Act 1974, sections 26B and 34D, as amended)",
            [LGA + "section 26B", LGA + "section 34D"],
        ),
        (
            "(Local Government Act 1974, Schedule 5, paragraph 5(2), as amended)",
            [LGA + "Schedule 5, paragraph 5(2)"],
        ),
        (
            "a review under section 202 of the Housing Act 1996 and then",
            ["Housing Act 1996, section 202"],
        ),
        (
            "paragraph 3 of Schedule 5 to the Local Government Act 1974",
            [LGA + "Schedule 5, paragraph 3"],
        ),
        (
            "The Children and Families Act 2014, section 36 requires",
            ["Children and Families Act 2014, section 36"],
        ),
    ],
)
def test_citation_forms(text, expected):
    assert find_statutes(text) == expected


def test_bare_mention_of_an_act_cites_nothing():
    assert find_statutes("The Local Government Act 1974 sets out our powers.") == []
    assert find_statutes("No law here at all.") == []


def test_repeated_citations_are_listed_once_in_order_of_first_appearance():
    text = (
        "One. (Local Government Act 1974, section 34(3), as amended)\n"
        "Two. (Local Government Act 1974, section 24A(6), as amended)\n"
        "Three. (Local Government Act 1974, section 34(3), as amended)"
    )
    assert find_statutes(text) == [LGA + "section 34(3)", LGA + "section 24A(6)"]
