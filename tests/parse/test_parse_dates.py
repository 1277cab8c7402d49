"""Dates in the forms the sources write them become ISO dates."""

from __future__ import annotations

import pytest

from indexer.parse.dates import parse_date, parse_date_line, publication_date


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Friday, 13 January 2017", "2017-01-13"),
        ("Saturday 25 January 2014", "2014-01-25"),
        ("Monday, December 24, 2012", "2012-12-24"),
        ("Sunday, March 01, 2009", "2009-03-01"),
    ],
)
def test_blogger_date_lines(line: str, iso: str) -> None:
    assert parse_date_line(line) == iso


@pytest.mark.parametrize(
    "line",
    ["Friday, 13 January 2017 was cold", "13 January 2017", "Friday, 31 February 2017", "Friday"],
)
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("in a report published today (14 December 2016).", "2016-12-14"),
        ("in an inspection report published earlier today (12 January 2017).", "2017-01-12"),
        ("1. The report is available at www.example.gov.uk from 21 September 2016.", "2016-09-21"),
        ("Published: 3 May 2018", "2018-05-03"),
        ("Nothing dated here, not even 2016.", None),
    ],
)
def test_publication_dates(text: str, iso: str | None) -> None:
    assert publication_date(text) == iso


def test_parse_date_takes_the_first_date() -> None:
    assert parse_date("from 1st June 2014 to 3 May 2015") == "2014-06-01"
