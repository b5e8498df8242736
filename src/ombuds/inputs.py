"""Values users type (on the command line, in a query string), read once for every edge."""

from __future__ import annotations

import datetime as dt
import re
import reprlib
from typing import Any

from ombuds.errors import InputError

# Control characters other than tab and line breaks (C0, DEL and C1): never part of a fact or a
# statement, and where text is shown they could drive a terminal (escape sequences) or break a
# document (XML forbids them in DOCX). Complaint files refuse them, the API refuses them in
# parameters, and the decision parser drops them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# The most characters of a user's value quoted back in an error message: enough to recognise
# it, never megabytes (a hostile file can hold a value of any length).
MAX_QUOTED = 80

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Lists and mappings are shown by their first few items, a few levels deep (and a structure that
# contains itself without looping).


class _Short(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() < 200:
            return repr(x)
        return f"<an integer of about {int(x.bit_length() * 0.30103)} digits>"


_REPR = _Short()  # keyword arguments only from Python 3.12
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxtuple = 3, 4, 6, 6
_REPR.maxstring = _REPR.maxlong = _REPR.maxother = MAX_QUOTED


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def shorten(value: Any, limit: int = MAX_QUOTED) -> Any:
    """`value` made safe to quote in an error: text cut to `limit` characters (with "…"); a list
    or mapping as a short text of its first items; a number, a boolean or None as it is."""
    if isinstance(value, str):
        return _cut(value, limit)
    if value is None or isinstance(value, (bool, float)):
        return value
    if isinstance(value, int):
        return value if value.bit_length() < 200 else _REPR.repr(value)
    return _cut(_REPR.repr(value), limit)


def quoted(value: Any, limit: int = MAX_QUOTED) -> str:
    """`repr` of a user's value for an error message, at most about `limit` characters."""
    if isinstance(value, str):  # escapes (\x1f, \U0001f600) can make the repr ten times longer
        return _cut(repr(_cut(value, limit)), limit + 2)
    return _cut(_REPR.repr(value), limit)


def parse_date(value: str | None, source: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD), None when not given, or an InputError naming `source`.

    Only the form the hint names is read: a real calendar date from 0001-01-01 to 9999-12-31,
    written with ASCII digits (surrounding spaces are ignored).
    """
    if not value:
        return None
    text = value.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"not a date: {quoted(value)}",
            source=source,
            hint="write it as YYYY-MM-DD, e.g. 2025-02-10",
        ) from None
