"""The query armour's thresholds in one place: a plain dataclass the CLI and web app pass in.

Nothing here imports an engine; `querying` checks a query against these limits before and
after parsing, and `search` applies the time budget.
"""

from __future__ import annotations

from dataclasses import dataclass


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
