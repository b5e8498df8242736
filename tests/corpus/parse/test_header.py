"""Header values: dates, labels, categories and the complainant's alias."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.corpus.parse.header import (
    find_alias,
    parse_date,
    parse_title,
    read_category,
    read_decision,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10 Feb 2025", dt.date(2025, 2, 10)),
        ("4 June 2024", dt.date(2024, 6, 4)),
        ("1st Sept. 2023", dt.date(2023, 9, 1)),
        ("2022-04-20", dt.date(2022, 4, 20)),
        ("20/04/2022", dt.date(2022, 4, 20)),
        ("31 Feb 2024", None),
        ("soon", None),
        ("10 Foo 2024", None),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_decision_labels():
    assert read_decision("Upheld: maladministration and injustice") == ("Upheld", None)
    assert read_decision("not upheld") == ("Not upheld", None)
    assert read_decision("Closed after initial enquiries") == (
        "Closed after initial enquiries",
        None,
    )
    label, warning = read_decision("Withdrawn")
    assert label == "Withdrawn" and "unknown decision label" in warning


def test_categories():
    assert read_category("Children\u2019s care services>Other") == (
        "Children's care services > Other",
        None,
    )
    category, warning = read_category("Leisure > Swimming pools")
    assert category == "Leisure > Swimming pools" and "kept as given" in warning


def test_title_with_joint_suffix_and_hyphens():
    assert parse_title("Kent County Council (21-019-030)") == ("Kent County Council", "21-019-030")
    assert parse_title("A Council and B NHS Trust (19 001 962a)") == (
        "A Council and B NHS Trust",
        "19 001 962a",
    )
    assert parse_title("Summary: we decided (see above)") is None


@pytest.mark.parametrize(
    "texts, alias",
    [
        (("The complainant, who I will refer to as Mr X, complains.",), "Mr X"),
        (("The complainant, whom I shall call Miss X, complains.",), "Miss X"),
        (("Mrs X complains on behalf of her father, Mr Y.",), "Mrs X"),
        (("", "We will not investigate Ms B\u2019s complaint."), "Ms B"),
        (("Mr and Mrs J say the council was wrong.",), "Mr and Mrs J"),
        (("Dr. X complains.",), "Dr X"),
        (("Mr Smith complains.",), None),
        # Each way of introducing an alias, after an earlier alias that is not the complainant's:
        (("Her son, Mr Y, helps. I will call her Mrs X.",), "Mrs X"),
        (("Her son, Mr Y, helps. We will call them Mr and Mrs X.",), "Mr and Mrs X"),
        (("Her son, Mr Y, helps. I shall call\nMs X the complainant.",), "Ms X"),
        (("Her son, Mr Y, helps. She is known as Miss X.",), "Miss X"),
        (("Her son, Mr Y, helps. I refer to them as Mr X.",), "Mr X"),
        (("Mr Y made a call to the council.", "I will call her Ms X."), "Ms X"),
    ],
)
def test_complainant_alias(texts, alias):
    assert find_alias(*texts) == alias
