"""Values users type (on the command line, in a query string), read once for every edge."""

from __future__ import annotations

import datetime as dt

from ombuds.errors import InputError


def parse_date(value: str | None, source: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD), None when not given, or an InputError naming `source`."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"not a date: {value!r}", source=source,
                         hint="write it as YYYY-MM-DD, e.g. 2025-02-10") from None
