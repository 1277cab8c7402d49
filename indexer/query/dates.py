"""Partial ISO dates (2016, 2016-09, 2016-09-21) as ranges of day numbers, checked.

Used by the `date:` and `year:` query syntax and by the `from`/`to` filters of a request.
"""

from __future__ import annotations

import re

from indexer.errors import QueryError
from indexer.fields import day_number
from indexer.query.tree import DayRange

LAST_DAY = day_number("9999-12-31")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_bound(text: str, first: bool) -> int:
    """Return the day number of the first or last day a partial ISO date covers."""
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise QueryError(
            f"{text!r} is not a date.", "Write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2016-09."
        )
    year, month, day = match.groups()
    try:
        if day:
            return day_number(f"{year}-{month}-{day}")
        if month:
            if first:
                return day_number(f"{year}-{month}-01")
            next_month = f"{int(year) + int(month) // 12:04d}-{int(month) % 12 + 1:02d}-01"
            return day_number(next_month) - 1
        return day_number(f"{year}-01-01" if first else f"{year}-12-31")
    except ValueError:
        raise QueryError(f"{text!r} is not a real date.", "Check the month and day.") from None


def date_range(date_from: str | None, date_to: str | None) -> DayRange | None:
    """Return the days from `date_from` to `date_to` (either may be open), None for neither."""
    if not date_from and not date_to:
        return None
    first = date_bound(date_from, first=True) if date_from else 1
    last = date_bound(date_to, first=False) if date_to else LAST_DAY
    if first > last:
        raise QueryError(
            f"The date range starts ({date_from}) after it ends ({date_to}).",
            "Swap the two dates.",
        )
    return DayRange(first, last)
