"""Small helpers for the words every layer prints: counts with the right noun form."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """Return "1 file", "2 files" (or the irregular plural `nouns`: "2 replies")."""
    many = nouns if nouns is not None else f"{noun}s"
    return f"{count:,} {noun if count == 1 else many}"
