"""Date helpers: turn the seeds' written dates into ISO dates (YYYY-MM-DD)."""

from __future__ import annotations

import datetime

from indexer.parse import patterns


def _iso(day: str, month: str, year: str) -> str | None:
    number = patterns.MONTHS.get(month.casefold())
    if number is None:
        return None
    try:
        return datetime.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """Return the ISO form of the first written date in `text` ("13 January 2017")."""
    candidates: list[tuple[int, str]] = []
    for pattern in (patterns.DATE_DMY, patterns.DATE_MDY):
        for match in pattern.finditer(text):
            iso = _iso(match["day"], match["month"], match["year"])
            if iso is not None:
                candidates.append((match.start(), iso))
    return min(candidates)[1] if candidates else None


def parse_date_line(line: str) -> str | None:
    """Return the ISO date if `line` is a Blogger date header ("Friday, 13 January 2017")."""
    match = patterns.DATE_LINE.match(line.strip())
    if match is None:
        return None
    date_text = match["date"]
    for pattern in (patterns.DATE_DMY, patterns.DATE_MDY):
        full = pattern.fullmatch(date_text)
        if full is not None:
            return _iso(full["day"], full["month"], full["year"])
    return None


def publication_date(text: str) -> str | None:
    """Return the ISO date a text gives for its own publication, if it says."""
    for pattern in patterns.PUBLICATION_DATE:
        for match in pattern.finditer(text):
            iso = parse_date(match["date"])
            if iso is not None:
                return iso
    return None


def first_dated_line(lines: list[str]) -> tuple[int, str] | None:
    """Return the index and ISO date of the first line that is a Blogger date header."""
    for index, line in enumerate(lines):
        iso = parse_date_line(line)
        if iso is not None:
            return index, iso
    return None
