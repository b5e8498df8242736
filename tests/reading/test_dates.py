"""Dates: day first, relative ones counted back from the letter's date, non-events left out."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.reading.dates import find_dates, letter_date

BASE = dt.date(2025, 11, 10)


@pytest.mark.parametrize(
    ("text", "expected", "approximate"),
    [
        ("on 03/04/24 they wrote", dt.date(2024, 4, 3), False),
        ("on 14th December 2024", dt.date(2024, 12, 14), False),
        ("on 25 july", dt.date(2025, 7, 25), False),
        ("on 25 December", dt.date(2024, 12, 25), False),  # no year: the last one before the letter
        ("in March 2024", dt.date(2024, 3, 1), True),
        ("I complained last week", dt.date(2025, 11, 3), True),
        ("on 2024-02-01", dt.date(2024, 2, 1), False),
    ],
)
def test_dates_are_read_day_first_and_against_the_letter(text, expected, approximate):
    found = find_dates(text, BASE)
    assert [(d.date, d.approximate) for d in found] == [(expected, approximate)]
    assert text[found[0].start : found[0].end] == found[0].text


def test_not_events():
    assert find_dates("DOB 12/05/2011, aged 9, within 21 days, in 2019", BASE) == []


def test_relative_dates_need_the_letters_date():
    assert find_dates("I complained last week", None) == []


def test_a_hearing_after_the_letter_is_future():
    (hearing,) = find_dates("the hearing is on 3 February 2026", BASE)
    assert hearing.future


def test_the_letters_own_date_line():
    text = "12 Acacia Avenue\n\n3 March 2025\n\nDear Ombudsman,\nOn 1 January 2025 I complained."
    date, start, end = letter_date(text)
    assert date == dt.date(2025, 3, 3) and text[start:end] == "3 March 2025"
    assert letter_date("Sent: 12 March 2025 09:14\nHello")[0] == dt.date(2025, 3, 12)
    assert letter_date("No date here.") is None
