"""Collect one page of ranked hits within a time budget, optionally collapsed on a field.

Whoosh's wrapping collectors each run their own loop and bypass the loop of the collector
they wrap, so TimeLimitCollector or FilterCollector around a CollapseCollector silently stops
collapsing. Here the collapse is outermost and the deadline is checked on every collected
document, innermost, so all three hold together.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.collectors import (
    CollapseCollector,
    Collector,
    FilterCollector,
    TimeLimit,
    TimeLimitCollector,
)
from whoosh.searching import Results, Searcher
from whoosh.sorting import FieldFacet


class DeadlineCollector(TimeLimitCollector):
    """A time limit that also holds when an outer collector drives the loop."""

    def collect(self, sub_docnum: int) -> Any:
        """Collect one document, or raise TimeLimit once the budget is spent."""
        if self.timedout:
            raise TimeLimit
        return self.child.collect(sub_docnum)


def collect_page(
    searcher: Searcher,
    q: wq.Query,
    limit: int,
    seconds: float,
    sortedby: Any = None,
    allowed: set[int] | None = None,
    collapse: str | None = None,
) -> tuple[Results, bool]:
    """Return the top `limit` hits of `q` and whether the time budget cut the search short."""
    base = searcher.collector(limit=limit, sortedby=sortedby)
    timed = DeadlineCollector(base, timelimit=max(seconds, 0.001), use_alarm=False)
    collector: Collector = timed
    if allowed is not None:
        collector = FilterCollector(collector, allowed)
    if collapse:
        # Outermost: FilterCollector's own loop would bypass CollapseCollector's (whoosh3 3.54).
        collector = CollapseCollector(collector, FieldFacet(collapse), limit=1)
    try:
        searcher.search_with_collector(q, collector)
    except TimeLimit:
        return collector.results(), True
    return collector.results(), False
