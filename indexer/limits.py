"""The armour's thresholds in one place: plain dataclasses the CLI and web app pass in.

`QueryLimits` bound what one search may ask of the engine (`querying` checks a query against
them before and after parsing, `search` applies the time budget); `IngestLimits` bound what
one corpus file may cost the indexer (`pipeline`). Nothing here imports an engine.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

Limits = TypeVar("Limits", "QueryLimits", "IngestLimits")


@dataclass(frozen=True)
class QueryLimits:
    """What one search may ask of the engine; every limit names itself in its error message."""

    max_chars: int = 500
    """Longest query text; longer ones are refused before any parsing."""
    max_word_chars: int = 64
    """Longest single word (the longest word in the corpus is about 25 characters)."""
    max_terms: int = 32
    """Most words, phrases and fielded terms in one query."""
    max_depth: int = 8
    """Deepest nesting of parentheses."""
    min_prefix_chars: int = 2
    """Letters a wildcard needs before its first `*` or `?` (no leading wildcards)."""
    max_wildcards: int = 4
    """Most wildcard or prefix terms in one query."""
    max_expansions: int = 256
    """Most index words one wildcard, prefix, fuzzy term or range may expand to."""
    max_fuzzy_distance: int = 2
    """Largest edit distance a `word~N` fuzzy term may ask for."""
    max_range_years: int = 50
    """Widest `date:`/`year:` range, in years."""
    time_budget_ms: int = 2000
    """Time a search may take before it stops and returns the hits found so far, marked partial."""

    def __post_init__(self) -> None:
        for name, value in self.__dict__.items():
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"QueryLimits.{name} must be a positive integer, not {value!r}")


DEFAULT_LIMITS = QueryLimits()


@dataclass(frozen=True)
class IngestLimits:
    """What one corpus file may cost the indexer before it is skipped with a reason."""

    max_file_bytes: int = 20 * 1024 * 1024
    """Larger files are skipped as "too large" without being read past the limit."""
    max_parse_seconds: float = 30.0
    """Decoding and parsing one file may take this long, then it is skipped as "too complex"."""

    def __post_init__(self) -> None:
        size, seconds = self.max_file_bytes, self.max_parse_seconds
        if not isinstance(size, int) or size < 1:
            raise ValueError(
                f"IngestLimits.max_file_bytes must be a positive integer, not {size!r}"
            )
        if not seconds > 0:
            raise ValueError(f"IngestLimits.max_parse_seconds must be positive, not {seconds!r}")


DEFAULT_INGEST_LIMITS = IngestLimits()


def with_overrides(limits: Limits, text: str) -> Limits:
    """Return `limits` with the `name=value,name=value` settings of `text` applied.

    Raises ValueError naming the unknown setting or the bad value.
    """
    known = {f.name: f.type for f in fields(limits)}
    changes: dict[str, Any] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, value = item.partition("=")
        name = name.strip()
        if name not in known:
            raise ValueError(f"unknown limit {name!r}; limits are: {', '.join(known)}")
        number = float if known[name] == "float" else int
        try:
            changes[name] = number(value.strip().replace("_", ""))
        except ValueError:
            raise ValueError(f"{name} must be a number, not {value.strip()!r}") from None
    return replace(limits, **changes)
