"""What every engine's results page is reduced to, so the engines can be checked side by side."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Page:
    """A results page: total matches, (element id, snippet) hits, facet name → (value, count)."""

    total: int
    hits: list[tuple[str, str]] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
