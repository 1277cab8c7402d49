"""News bylines: who wrote an article and when, from the lines at the top of its text.

"Phil Miller - 15 February 2019", "By Hannah Moore | 14 March 2018", "Posted by Phil Miller
in Britain" (a section, the date elsewhere), or "By <name>" over a line holding only a date.
The text families and the HTML parser both read them (`patterns.BYLINE_*`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indexer.parse import patterns
from indexer.parse.dates import parse_date

DATE_LINE_MAX_CHARS = 40
"""A line this short that holds a date is a date line, not a sentence with a date in it."""


@dataclass(frozen=True)
class Byline:
    """A byline found at lines `first`..`last` (inclusive) of a text."""

    first: int
    last: int
    author: str
    date: str | None


def find_byline(lines: Sequence[str], window: int = patterns.BYLINE_WINDOW) -> Byline | None:
    """Return the first byline among the first `window` lines, or None."""
    for index, line in enumerate(lines[:window]):
        found = _byline_at(lines, index, line.strip())
        if found is not None:
            return found
    return None


def _byline_at(lines: Sequence[str], index: int, line: str) -> Byline | None:
    dated = patterns.BYLINE_DATED.match(line)
    if dated is not None:
        date = parse_date(dated["date"])
        return Byline(index, index, dated["author"], date) if date else None
    posted = patterns.BYLINE_POSTED.match(line)
    if posted is not None:
        date = parse_date(posted["date"] or "")
        if date is None and (following := _date_line(lines, index + 1)) is not None:
            return Byline(index, index + 1, posted["author"], following)
        return Byline(index, index, posted["author"], date)
    named = patterns.BYLINE_NAMED.match(line)
    if named is not None and (following := _date_line(lines, index + 1)) is not None:
        return Byline(index, index + 1, named["author"], following)
    return None


def _date_line(lines: Sequence[str], index: int) -> str | None:
    """Return the date of line `index` if the line is only a date."""
    if index >= len(lines) or len(lines[index].strip()) > DATE_LINE_MAX_CHARS:
        return None
    return parse_date(lines[index])


def banner_site(masthead: Sequence[str]) -> str | None:
    """Return the site name a masthead line gives ("Echo Times - Your news" → "Echo Times")."""
    for line in masthead:
        name = patterns.BANNER_SEPARATOR.split(line.strip(), maxsplit=1)[0].strip()
        if name and len(name.split()) <= 5 and name[0].isupper() and name[-1] not in ".!?,;":
            return name
    return None
