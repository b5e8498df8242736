"""Properties of the date reader (`ombuds.inputs.parse_date`), the one every edge uses for a
date typed by a person: every real date is read back, and any other text is an InputError with
a short message, never another exception."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ombuds.errors import InputError
from ombuds.inputs import MAX_QUOTED, parse_date, quoted, shorten


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_real_date_is_read_back(date):
    assert parse_date(date.isoformat(), "--date") == date
    assert parse_date(f"  {date.isoformat()}\n", "--date") == date


@given(st.text(max_size=300))
@example("2025-02-30")
@example("0000-01-01")
@example("2025-13-01")
@example("２０２５-０１-０１")  # digits, but not ASCII ones
@example("20250210")
@example("2025-W06-1")
@example("9" * 100_000)
@example("0" * 10 + "\x1f" * 3 + "\U000101fe" * 60)  # found by Hypothesis: escapes lengthen reprs
def test_any_other_text_is_a_short_input_error_naming_the_option(text):
    try:
        result = parse_date(text, "--from")
    except InputError as error:
        assert error.source == "--from"
        assert len(str(error)) < 200
        return
    if not text:
        assert result is None
    else:
        assert result is not None and result.isoformat() == text.strip()


@given(st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"))
def test_a_date_shaped_text_is_a_date_exactly_when_the_calendar_has_it(text):
    year, month, day = map(int, text.split("-"))
    try:
        real = dt.date(year, month, day)
    except ValueError:
        real = None
    if real is None:
        with pytest.raises(InputError):
            parse_date(text, "--date")
    else:
        assert parse_date(text, "--date") == real


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda inner: st.lists(inner, max_size=10) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=40,
)


@given(values)
@example(10**5000)
@example("x" * 1_000_000)
def test_any_value_quoted_in_an_error_is_short(value):
    assert len(quoted(value)) <= MAX_QUOTED + 5
    short = shorten(value)
    assert len(short if isinstance(short, str) else repr(short)) <= MAX_QUOTED + 5
