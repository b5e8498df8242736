"""Dates in a letter: found by pattern, read day-first, relative ones counted back from its date.

Exact dates ("14 December 2024", "03/04/24" = 3 April, "2024-04-03") are read here; month-only
and relative ones ("December 2021", "in March", "last week", "three months ago") go to
`dateparser` with DATE_ORDER=DMY, PREFER_DATES_FROM=past and RELATIVE_BASE = the letter's date,
and are marked approximate. Not dates of events: a date of birth, a year alone, durations.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NUMBER_WORDS = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
DATE_PATTERN = re.compile(
    rf"""(?ix)
    (?P<dmy>\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})\.?,?(?:\s+(?P<y1>\d{{4}}))?\b)
  | (?P<mdy>\b(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})\b)
  | (?P<num>\b(?P<d3>\d{{1,2}})[/.](?P<m3>\d{{1,2}})[/.](?P<y3>\d{{4}}|\d{{2}})\b)
  | (?P<iso>\b(?P<y4>\d{{4}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}})\b)
  | (?P<my>\b(?P<m5>{_MONTH})\.?,?\s+(?P<y5>\d{{4}})\b)
  | (?P<rel>\b(?:last|this|next)\s+(?:week|month|{_MONTH}|summer|winter|spring|autumn)\b
      |\b{_NUMBER_WORDS}\s+(?:days?|weeks?|months?|years?)\s+ago\b
      |\byesterday\b
      |\b(?:in|since|from|during|by)\s+(?P<m6>{_MONTH})\b(?!\s+\d)
      |\bthe\s+summer\b)
    """
)
_NOT_EVENTS = re.compile(r"(?i)\b(dob|d\.o\.b|born|date of birth|birthday|aged)\b[^.\n]{0,20}$")


@dataclass(frozen=True)
class DateMention:
    """A date found in the text: its characters, the date, and whether it is approximate."""

    start: int
    end: int
    text: str
    date: dt.date
    approximate: bool
    future: bool = False  # after the letter's date: a deadline or a hearing, not an event


def _month(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _past_year(month: int, day: int, base: dt.date) -> int:
    """The year of the latest day/month not after `base` (a date written without a year)."""
    return base.year if (month, day) <= (base.month, base.day) else base.year - 1


def parse_relative(text: str, base: dt.date) -> dt.date | None:
    """A month-only or relative date, counted back from `base` with dateparser."""
    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    cleaned = re.sub(r"(?i)^(in|since|from|during|by|the)\s+", "", text.strip())
    cleaned = re.sub(r"(?i)^this\s+", "", cleaned)
    season = {"summer": "july", "winter": "january", "spring": "april", "autumn": "october"}
    for word, month in season.items():
        cleaned = re.sub(rf"(?i)\b{word}\b", month, cleaned)
    cleaned = re.sub(r"(?i)^last\s+(?=" + _MONTH + r")", "", cleaned)
    import dateparser

    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def find_dates(text: str, base: dt.date | None, offset: int = 0) -> list[DateMention]:
    """Every date in `text` (character offsets shifted by `offset`). Without `base` (the letter's
    date), dates without a year and relative dates cannot be placed and are left out."""
    found = []
    for m in DATE_PATTERN.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _NOT_EVENTS.search(before):
            continue
        approximate = False
        try:
            if m.group("dmy"):
                day, month = int(m.group("d1")), _month(m.group("m1"))
                if m.group("y1"):
                    year = int(m.group("y1"))
                elif base is not None:
                    year = _past_year(month, day, base)
                else:
                    continue
                date = dt.date(year, month, day)
            elif m.group("mdy"):
                date = dt.date(int(m.group("y2")), _month(m.group("m2")), int(m.group("d2")))
            elif m.group("num"):
                date = dt.date(_year(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
            elif m.group("iso"):
                date = dt.date(int(m.group("y4")), int(m.group("m4")), int(m.group("d4")))
            elif m.group("my"):
                date = dt.date(int(m.group("y5")), _month(m.group("m5")), 1)
                approximate = True
            else:
                if base is None:
                    continue
                named = m.group("m6")
                if named and named.lower() in {"may", "march"} and not named[0].isupper():
                    continue  # "in may", "since march": verbs as often as months
                parsed = parse_relative(m.group(0), base)
                if parsed is None:
                    continue
                date, approximate = parsed, True
        except ValueError:  # 31/02/2024 and the like
            continue
        found.append(
            DateMention(
                start=m.start() + offset,
                end=m.end() + offset,
                text=m.group(0),
                date=date,
                approximate=approximate,
                future=base is not None and date > base,
            )
        )
    return found


_LINE_DATE = re.compile(
    rf"(?im)^\s*(?:date[d]?\s*:|sent\s*:)?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?P<date>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})(?:\s+\d{{1,2}}:\d{{2}})?\s*$"
)


def letter_date(text: str) -> tuple[dt.date, int, int] | None:
    """The letter's own date: a line holding only a date (or "Date:"/"Sent:" and a date), the
    first such line in the opening lines, else the last one in the closing lines."""
    lines = text.splitlines(keepends=True)
    positions = []
    at = 0
    for line in lines:
        positions.append(at)
        at += len(line)
    candidates = []
    for index, line in enumerate(lines):
        m = _LINE_DATE.match(line.rstrip("\n"))
        if m:
            found = find_dates(m.group("date"), None)
            if found:
                start = positions[index] + m.start("date")
                candidates.append((index, found[0].date, start, start + len(m.group("date"))))
    if not candidates:
        return None
    opening = [c for c in candidates if c[0] < 12]
    chosen = opening[0] if opening else candidates[-1]
    return chosen[1], chosen[2], chosen[3]


__all__ = ["DateMention", "find_dates", "letter_date", "parse_relative"]
