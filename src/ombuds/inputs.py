"""Values users type (on the command line, in a query string), read once for every edge."""

from __future__ import annotations

import datetime as dt
import re

from ombuds.errors import InputError

# Control characters other than tab and line breaks (C0, DEL and C1): never part of a fact or a
# statement, and where text is shown they could drive a terminal (escape sequences) or break a
# document (XML forbids them in DOCX). Complaint files refuse them, the API refuses them in
# parameters, and the decision parser drops them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def parse_date(value: str | None, source: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD), None when not given, or an InputError naming `source`."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"not a date: {value!r}", source=source, hint="write it as YYYY-MM-DD, e.g. 2025-02-10"
        ) from None
