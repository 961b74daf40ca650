"""ISO 8601 dates with reduced precision: ``2028`` (a year), ``2026-08`` (a month), ``2026-08-15``.

A plan announced as "2028" is not 1 January 2028: it is any day of that year. These helpers turn
such a text into its precision and its first and last possible day, so charts can draw a span.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: Years a data file may use. The charts hold days as pandas timestamps, which stop in 2262;
#: nothing in this project is dated before 1900 or planned after 2200.
FIRST_YEAR, LAST_YEAR = 1900, 2200


class IsoDate(NamedTuple):
    """A parsed reduced-precision date."""

    precision: str  # "year" | "month" | "day"
    start: date  # first possible day
    end: date  # last possible day


def parse_iso_date(text: str) -> IsoDate | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; return None if it is not a real date."""
    match = _ISO.match(text)
    if match is None:
        return None
    year = int(match.group(1))
    month_text, day_text = match.group(2), match.group(3)
    if year < 1:
        return None
    if month_text is None:
        return IsoDate("year", date(year, 1, 1), date(year, 12, 31))
    month = int(month_text)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day_text is None:
        return IsoDate("month", date(year, month, 1), date(year, month, last))
    day = int(day_text)
    if not 1 <= day <= last:
        return None
    return IsoDate("day", date(year, month, day), date(year, month, day))


def is_iso_date(text: object) -> bool:
    """True when ``text`` is a string holding a valid reduced-precision ISO date in the years
    ``FIRST_YEAR`` to ``LAST_YEAR``."""
    if not isinstance(text, str):
        return False
    parsed = parse_iso_date(text)
    return parsed is not None and FIRST_YEAR <= parsed.start.year <= LAST_YEAR


def long_date(day: date) -> str:
    """``24 November 2026`` (no leading zero), the way the notebooks write dates."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"
