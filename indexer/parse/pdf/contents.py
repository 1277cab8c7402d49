"""The contents page: recognised by its title and its dot-leader entries, read, not indexed.

Its entries (label and page) confirm which lines of the body are headings and at what level,
and give the outline a careful reader sees before reading on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.parse.pdf.extract import Line
from indexer.parse.reports.blocks import split_number

SEARCHED_PAGES = 8
"""The contents page is among the first pages of a report."""
MIN_ENTRIES = 3
_TITLE = re.compile(r"^(?:table of\s+)?contents$", re.I)
_ENTRY = re.compile(r"^(?P<label>.*?\S)\s*(?:(?:\.\s?){3,}|\s+|…+)\s*(?P<page>\d{1,4})$")


@dataclass(frozen=True)
class Entry:
    """One line of the contents: "2.3 Implementation and delivery ..... 14"."""

    label: str
    page: int
    level: int
    number: str | None
    text: str


def _entries_of(page_lines: list[Line]) -> list[tuple[Line, re.Match[str]]]:
    return [(line, m) for line in page_lines if (m := _ENTRY.match(line.text))]


def find_contents(lines: list[Line]) -> tuple[list[Entry], set[int]]:
    """Return the contents entries and the pages the contents take (both empty if none)."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    start = next(
        (
            page
            for page in sorted(by_page)[:SEARCHED_PAGES]
            if any(_TITLE.match(line.text) for line in by_page[page])
            and len(_entries_of(by_page[page])) >= MIN_ENTRIES
        ),
        None,
    )
    if start is None:
        return [], set()
    pages = {start}
    found = _entries_of(by_page[start])
    page = start + 1
    while page in by_page and len(_entries_of(by_page[page])) >= 0.6 * len(by_page[page]):
        pages.add(page)
        found += _entries_of(by_page[page])
        page += 1
    margin = min(line.left for line, _ in found)
    entries = []
    for line, match in found:
        number, text = split_number(match["label"])
        indented = 2 if line.left > margin + 4 else 1
        level = min(2, number.count(".") + 1) if number else indented
        entries.append(Entry(match["label"], int(match["page"]), level, number, text))
    return entries, pages
