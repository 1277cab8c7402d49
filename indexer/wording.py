"""Small helpers for the words every layer prints: counts with the right noun form, months."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Return "1 file", "2 files" (or the irregular plural `nouns`: "2 replies")."""
    many = nouns if nouns is not None else f"{noun}s"
    return f"{count:,} {noun if count == 1 else many}"


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def month_name(period: str) -> str:
    """Return "September 2016" for the month `period` ("2016-09")."""
    return f"{MONTHS[int(period[5:7]) - 1]} {period[:4]}"
