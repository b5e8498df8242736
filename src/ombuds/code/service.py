"""The service functions the CLI, the web app and the drafter call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ombuds.code.engine import assess
from ombuds.code.result import Assessment
from ombuds.complaint import load_complaint


def assess_file(path: str | Path, *, assessment_date: dt.date | None = None) -> Assessment:
    """Load a complaint file (YAML or JSON) and assess it.

    Raises InputError/SchemaError for a file that cannot be used, ContradictoryFacts for facts
    that cannot all be true, and InputError when no assessment date is given either here or in
    the complaint.
    """
    return assess(load_complaint(path), assessment_date=assessment_date)
