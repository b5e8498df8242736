"""Dated parameters: the time limits the rules use, each with its citation and start date.

The values live in `parameters.yaml` beside this module. `parameters_on(date)` gives the values in
force on an assessment date, so that a change in the law is a new dated entry, not an edit, and an
old complaint is still assessed under the values of its day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

PARAMETERS_FILE = Path(__file__).with_name("parameters.yaml")


@dataclass(frozen=True)
class Parameter:
    """One value of a parameter, the day it came into force and the law that sets it."""

    name: str
    value: int
    effective_from: dt.date
    citation: str
    url: str
    required: bool = True  # False: before its first date the rules do without it

    def __str__(self) -> str:
        return f"{self.name} = {self.value} (in force from {self.effective_from}; {self.citation})"


@lru_cache(maxsize=4)
def load_parameters(path: Path = PARAMETERS_FILE) -> dict[str, list[Parameter]]:
    """Every parameter's dated values, oldest first. Raises ValueError on an entry without a
    citation or values."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    table: dict[str, list[Parameter]] = {}
    for name, spec in raw.items():
        if not spec.get("citation") or not spec.get("values"):
            raise ValueError(f"{path}: parameter {name} needs a citation and dated values")
        values = sorted(
            (
                Parameter(
                    name,
                    int(v["value"]),
                    v["from"],
                    spec["citation"],
                    spec["url"],
                    bool(spec.get("required", True)),
                )
                for v in spec["values"]
            ),
            key=lambda p: p.effective_from,
        )
        table[name] = values
    return table


def values_on(table: dict[str, list[Parameter]], date: dt.date) -> dict[str, Parameter]:
    """Every parameter's value in force on `date` (the latest value starting on or before it).

    A parameter marked `required: false` that is not yet in force is left out (the rules do
    without it); any other parameter not in force is a ValueError naming it."""
    chosen = {}
    for name, values in table.items():
        in_force = [p for p in values if p.effective_from <= date]
        if not in_force:
            if not values[0].required:
                continue
            raise ValueError(f"parameter {name} has no value in force on {date}")
        chosen[name] = in_force[-1]
    return chosen


def earliest_assessment_date(table: dict[str, list[Parameter]] | None = None) -> dt.date:
    """The first date on which every required parameter has a value in force."""
    table = load_parameters() if table is None else table
    return max(values[0].effective_from for values in table.values() if values[0].required)


@lru_cache(maxsize=256)
def parameters_on(date: dt.date) -> dict[str, Parameter]:
    """The values in force on `date`, from `parameters.yaml`."""
    return values_on(load_parameters(), date)
