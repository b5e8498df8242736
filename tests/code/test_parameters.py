"""Dated parameters: the value in force on the assessment date, each with its citation."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.code.dates import (
    add_months,
    first_day_in_time,
    holidays_between,
    is_working_day,
    last_day_of_period,
    working_days_between,
)
from ombuds.code.parameters import (
    earliest_assessment_date,
    load_parameters,
    parameters_on,
    values_on,
)


def test_each_parameter_has_a_citation_and_a_start_date():
    table = load_parameters()
    assert {
        "time_limit_months",
        "council_procedure_weeks",
        "childrens_stage1_working_days",
        "childrens_stage2_working_days",
        "childrens_stage3_working_days",
        "adult_care_response_months",
    } <= set(table)
    for values in table.values():
        for p in values:
            assert p.citation and p.url.startswith("https://") and p.effective_from


def test_values_in_force_on_the_assessment_date(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "limit:\n  citation: An Act, s1\n  url: https://example.org\n  values:\n"
        "    - {from: 2020-01-01, value: 12}\n    - {from: 2024-04-01, value: 6}\n"
    )
    table = load_parameters(path)
    assert values_on(table, dt.date(2024, 3, 31))["limit"].value == 12
    assert values_on(table, dt.date(2024, 4, 1))["limit"].value == 6
    with pytest.raises(ValueError, match="no value in force"):
        values_on(table, dt.date(2019, 12, 31))


def test_a_parameter_without_citation_fails_to_load(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("limit:\n  values:\n    - {from: 2020-01-01, value: 12}\n")
    with pytest.raises(ValueError, match="citation"):
        load_parameters(path)


def test_current_values():
    p = parameters_on(dt.date(2025, 6, 1))
    assert p["time_limit_months"].value == 12
    assert p["council_procedure_weeks"].value == 12
    assert p["childrens_stage1_working_days"].value == 20


@pytest.mark.parametrize(
    "start, months, end",
    [
        ("2024-01-10", 12, "2025-01-10"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-11-15", 3, "2025-02-15"),
    ],
)
def test_add_months(start, months, end):
    assert add_months(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(end)


def test_working_days_skip_weekends():
    monday = dt.date(2025, 1, 6)
    assert working_days_between(monday, monday) == 0
    assert working_days_between(monday, dt.date(2025, 1, 10)) == 4  # to Friday
    assert working_days_between(monday, dt.date(2025, 1, 12)) == 4  # to Sunday
    assert working_days_between(monday, dt.date(2025, 1, 13)) == 5  # next Monday


def test_each_parameter_names_its_true_source():
    table = load_parameters()
    limit = table["time_limit_months"][0]
    assert limit.effective_from == dt.date(2008, 4, 1)  # section 26B in force 1 April 2008
    assert "section 26B" in limit.citation and limit.url.endswith("/section/26B")
    weeks = table["council_procedure_weeks"][0]
    assert "Guidance on jurisdiction" in weeks.citation and "Assessment Code" not in weeks.citation
    care = table["adult_care_response_months"][0]
    assert (care.value, care.effective_from) == (6, dt.date(2009, 4, 1))
    assert "SI 2009/309" in care.citation and "regulation 14" in care.citation
    for stage in (1, 2, 3):
        p = table[f"childrens_stage{stage}_working_days"][0]
        assert "SI 2006/1738" in p.citation and p.url.startswith(
            "https://www.legislation.gov.uk/uksi/2006/1738"
        )


def test_a_parameter_not_yet_in_force_is_left_out_only_when_optional():
    assert "adult_care_response_months" not in parameters_on(dt.date(2009, 3, 31))
    assert parameters_on(dt.date(2009, 4, 1))["adult_care_response_months"].value == 6
    assert earliest_assessment_date() == dt.date(2008, 4, 1)
    with pytest.raises(ValueError, match="time_limit_months"):
        parameters_on(dt.date(2008, 3, 31))


@pytest.mark.parametrize(
    "day, name",
    [
        ("2025-12-25", "Christmas Day"),  # a Thursday
        ("2024-12-25", "Christmas Day"),  # a Wednesday
        ("2025-04-18", "Good Friday"),
        ("2024-03-29", "Good Friday"),
        ("2030-04-19", "Good Friday"),
        ("2025-04-21", "Easter Monday"),
        ("2025-05-05", "May Day"),
        ("2025-08-25", "Late Summer Bank Holiday"),
        ("2022-09-19", "State Funeral of Queen Elizabeth II"),  # a one-off bank holiday
    ],
)
def test_reg_2_counts_out_christmas_day_good_friday_and_bank_holidays(day, name):
    date = dt.date.fromisoformat(day)
    assert not is_working_day(date)
    assert (date, name) in holidays_between(date - dt.timedelta(days=1), date)
    assert working_days_between(date - dt.timedelta(days=1), date) == 0


def test_substitute_bank_holidays_count_out_when_christmas_falls_at_a_weekend():
    # 25 and 26 December 2021 were a Saturday and Sunday: the 27th and 28th were bank holidays.
    assert not is_working_day(dt.date(2021, 12, 27))
    assert not is_working_day(dt.date(2021, 12, 28))
    assert is_working_day(dt.date(2021, 12, 29))


def test_working_days_across_easter_and_christmas():
    # Monday 14 April 2025 to Friday 25 April: 9 weekdays after the Monday, less Good Friday and
    # Easter Monday.
    assert working_days_between(dt.date(2025, 4, 14), dt.date(2025, 4, 25)) == 7
    # Friday 20 December 2024 to Friday 3 January 2025: 10 weekdays, less the 25th, 26th, 1st.
    assert working_days_between(dt.date(2024, 12, 20), dt.date(2025, 1, 3)) == 7
    # Scotland's 2 January is not a holiday in England.
    assert is_working_day(dt.date(2025, 1, 2))


@pytest.mark.parametrize(
    "came, first",
    [("2025-04-01", "2024-04-02"), ("2025-02-28", "2024-02-29"), ("2025-03-01", "2024-03-02")],
)
def test_the_first_day_of_notice_still_in_time(came, first):
    came_d, first_d = dt.date.fromisoformat(came), dt.date.fromisoformat(first)
    assert first_day_in_time(came_d, 12) == first_d
    assert last_day_of_period(first_d, 12) >= came_d
    assert last_day_of_period(first_d - dt.timedelta(days=1), 12) < came_d
