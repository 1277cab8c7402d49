"""Running headers, footers and page numbers: the lines a reader's eye skips on every page.

A line in the top or bottom band of a page is furniture when the same text (digits aside)
sits in that band on a good share of the pages, or when it is only a page number.
"""

from __future__ import annotations

import re
from collections import Counter

from indexer.parse.pdf.extract import Line

BAND = 0.09
"""The top and bottom share of a page where headers and footers sit."""
REPEATED_SHARE = 0.4
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.I)


def _band(line: Line) -> str | None:
    if line.bottom <= line.page_height * BAND:
        return "top"
    if line.top >= line.page_height * (1 - BAND):
        return "bottom"
    return None


def _key(line: Line, band: str) -> tuple[str, str]:
    return band, _DIGITS.sub("#", line.text.casefold())


def remove_furniture(lines: list[Line]) -> list[Line]:
    """Return `lines` without running headers, footers and page numbers."""
    pages = len({line.page for line in lines})
    seen: Counter[tuple[str, str]] = Counter()
    for page in sorted({line.page for line in lines}):
        keys = {_key(line, band) for line in lines if line.page == page and (band := _band(line))}
        seen.update(keys)
    threshold = max(2, REPEATED_SHARE * pages)
    kept = []
    for line in lines:
        band = _band(line)
        if band and (seen[_key(line, band)] >= threshold or _PAGE_NUMBER.match(line.text)):
            continue
        kept.append(line)
    return kept
