"""Date arithmetic the rules need: calendar months and working days.

Working days follow the Children Act 1989 Representations Procedure (England) Regulations 2006
(SI 2006/1738), reg 2: "working day" means any day other than a Saturday, a Sunday, Christmas
Day, Good Friday or a day which is a bank holiday in England under the Banking and Financial
Dealings Act 1971. The bank holidays come from the maintained `holidays` package (England:
`country_holidays("GB", subdiv="ENG")`, which also lists the one-off days such as the 2022 state
funeral and the 2023 coronation), never from a hand-kept list. Christmas Day and Good Friday are
named by the regulation itself (in England they are common-law holidays, not bank holidays under
the 1971 Act), so they are counted out here in their own right as well. The one count serves
every working-day limit the rules use.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import holidays


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier, for a negative number); the 29th-31st fall back
    to the month's last day."""
    month0 = date.month - 1 + months
    year, month = date.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def last_day_of_period(start: dt.date, months: int) -> dt.date:
    """The last day of a period of `months` months *beginning with* `start` (the day counts).

    A period beginning with 10 January 2024 ends on 9 January 2025 (the day before the
    corresponding date). Where the later month has no corresponding date (12 months beginning
    with 29 February 2024), the period ends on that month's last day (28 February 2025).
    """
    corresponding = add_months(start, months)
    if corresponding.day != start.day:  # clipped to the month's end: no corresponding date
        return corresponding
    return corresponding - dt.timedelta(days=1)


def first_day_in_time(day: dt.date, months: int) -> dt.date:
    """The earliest day of notice from which a period of `months` months beginning with it
    still includes `day`: the inverse of `last_day_of_period` (a complaint made on 1 April 2025
    is in time for matters first known on or after 2 April 2024)."""
    # The period's last day never decreases as its start moves later, and a start a few days
    # before the same date `months` earlier always ends before `day`: step forward from there.
    candidate = add_months(day, -months) - dt.timedelta(days=4)
    while last_day_of_period(candidate, months) < day:
        candidate += dt.timedelta(days=1)
    return candidate


@lru_cache(maxsize=128)
def non_working_days(year: int) -> dict[dt.date, str]:
    """The weekdays and weekend days of `year` that reg 2 counts out besides Saturdays and
    Sundays, with their names: England's bank holidays, Christmas Day and Good Friday."""
    table = holidays.country_holidays("GB", subdiv="ENG", years=year)
    days = {day: str(name) for day, name in table.items()}
    days.setdefault(dt.date(year, 12, 25), "Christmas Day")
    if not any(name == "Good Friday" for name in days.values()):  # pragma: no cover
        raise RuntimeError(f"the holidays package gives no Good Friday for England in {year}")
    return days


def is_working_day(day: dt.date) -> bool:
    """True for a working day in the sense of reg 2 (not a weekend, Christmas Day, Good Friday
    or an English bank holiday)."""
    return day.weekday() < 5 and day not in non_working_days(day.year)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


def holidays_between(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """The weekday holidays counted out after `start` up to and including `end`, named, so a
    reason can say which days it did not count."""
    found = []
    for year in range(start.year, end.year + 1):
        for day, name in sorted(non_working_days(year).items()):
            if start < day <= end and day.weekday() < 5:
                found.append((day, name))
    return found
