"""Turn what a user typed into a Whoosh query, or a QueryError that says how to fix it.

Also builds the filter queries for facet values and date ranges, so the search service
only combines them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import MultifieldParser, QueryParser

from indexer.errors import QueryError
from indexer.schema import DATE_DAY, HEADING, SEARCH_FIELDS, TEXT_FIELD, TITLE, day_number

MAX_QUERY_CHARS = 500

FIELD_BOOSTS = {TITLE: 2.0, HEADING: 1.5, TEXT_FIELD: 1.0}
"""A word in the title or heading says more about an element than one word in its body."""

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def make_parser(schema: Schema) -> QueryParser:
    """Return the parser for the search box: every word must match in some searched field."""
    return MultifieldParser(list(SEARCH_FIELDS), schema, fieldboosts=FIELD_BOOSTS)


def parse_query(parser: QueryParser, text: str) -> wq.Query:
    """Parse `text`, or match everything when it is blank."""
    text = text.strip()
    if not text:
        return wq.Every()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}.",
            "Shorten it to the words that matter.",
        )
    try:
        parsed = parser.parse(text)
    except (RecursionError, IndexError, AssertionError, ValueError, TypeError) as exc:
        raise QueryError(
            f"Could not understand the query {text!r} ({type(exc).__name__}).",
            'Check quotes and brackets: "exact phrase", a AND (b OR c), NOT d.',
        ) from exc
    return parsed


def value_filter(field: str, values: Iterable[str]) -> wq.Query:
    """Return a query matching any of `values` in facet `field`."""
    terms = [wq.Term(field, value) for value in values]
    return terms[0] if len(terms) == 1 else wq.Or(terms)


def date_filter(date_from: str | None, date_to: str | None) -> wq.Query | None:
    """Return a range over document dates from partial ISO dates (2016, 2016-09, 2016-09-21)."""
    if not date_from and not date_to:
        return None
    start = _date_bound(date_from, first=True) if date_from else None
    end = _date_bound(date_to, first=False) if date_to else None
    if start is not None and end is not None and start > end:
        raise QueryError(
            f"The date range starts ({date_from}) after it ends ({date_to}).",
            "Swap the two dates.",
        )
    return wq.NumericRange(DATE_DAY, start if start is not None else 1, end)


def _date_bound(text: str, first: bool) -> int:
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
