"""Dated parameters: the value in force on the assessment date, each with its citation."""

from __future__ import annotations

import datetime as dt

import pytest

from ombuds.code.dates import add_months, working_days_between
from ombuds.code.parameters import load_parameters, parameters_on, values_on


def test_each_parameter_has_a_citation_and_a_start_date():
    table = load_parameters()
    assert {
        "time_limit_months",
        "council_procedure_weeks",
        "childrens_stage1_working_days",
        "childrens_stage2_working_days",
        "childrens_stage3_working_days",
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
