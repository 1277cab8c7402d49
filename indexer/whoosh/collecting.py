"""Collect within a time budget: the set of matching documents, and a page of ranked hits.

Whoosh's wrapping collectors each run their own loop and bypass the loop of the collector
they wrap, so a TimeLimitCollector or FilterCollector around a CollapseCollector silently stops
collapsing (whoosh3 3.54). Here the collapse is outermost and the deadline is checked on every
collected document, innermost, so all three hold together.
"""

from __future__ import annotations

import time
from itertools import islice
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh import query as wq
from whoosh.collectors import (
    CollapseCollector,
    Collector,
    FilterCollector,
    TimeLimit,
    WrappingCollector,
)
from whoosh.searching import Results, Searcher
from whoosh.sorting import FieldFacet


class DeadlineCollector(WrappingCollector):
    """Raise TimeLimit from the first document collected after `deadline` (perf_counter time),
    once `at_least` documents are in: a partial page beats an empty one.

    Checked on each collected document rather than by a timer thread, as Whoosh's
    TimeLimitCollector does without SIGALRM: no thread per search, and it holds however the
    outer collectors drive the loop.
    """

    def __init__(self, child: Collector, deadline: float, at_least: int = 0) -> None:
        super().__init__(child)
        self.deadline = deadline
        self.at_least = at_least
        self.collected = 0

    def collect_matches(self) -> None:
        """Collect every match, or raise TimeLimit once the deadline has passed."""
        for sub_docnum in self.child.matches():
            self.collect(sub_docnum)

    def collect(self, sub_docnum: int) -> Any:
        """Collect one document, or raise TimeLimit once the deadline has passed."""
        if self.collected >= self.at_least and time.perf_counter() > self.deadline:
            raise TimeLimit
        self.collected += 1
        return self.child.collect(sub_docnum)


def collect_page(
    searcher: Searcher,
    q: wq.Query,
    limit: int,
    deadline: float,
    sortedby: Any = None,
    allowed: set[int] | None = None,
    collapse: str | None = None,
) -> tuple[Results, bool]:
    """Return the top `limit` hits of `q` and whether `deadline` (perf_counter) cut it short."""
    # Under a collapse, a ranked top-N child loses for good what it pushed out of its heap, and
    # the collapse's removals then leave holes lower hits fill (whoosh3 3.54): the child keeps
    # every match instead, and the caller takes the page. Sorted orders keep their limit.
    keep_all = collapse is not None and sortedby is None
    base = searcher.collector(limit=None if keep_all else limit, sortedby=sortedby)
    if searcher.weighting.use_final and hasattr(base, "replace"):
        # Whoosh replaces the matcher with one pruned by the heap's lowest score, compared with
        # the raw scores' quality bounds; a final weighting (the kind priors, up to 1.2x) makes
        # those bounds too low, so a finding outscoring the page could be pruned (whoosh3 3.54).
        base.replace = 0
    timed = DeadlineCollector(base, deadline, at_least=limit)
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


MASK_CHUNK = 1024
"""Documents matched between two looks at the clock."""


def match_mask(
    searcher: Searcher, q: wq.Query, size: int, deadline: float
) -> tuple[NDArray[np.bool_], bool]:
    """Return the documents matching `q` as a mask, and whether `deadline` cut matching short."""
    mask = np.zeros(size, dtype=bool)
    docs = searcher.docs_for_query(q)
    while True:
        chunk = np.fromiter(islice(docs, MASK_CHUNK), dtype=np.int64)
        mask[chunk] = True
        if len(chunk) < MASK_CHUNK:
            return mask, False
        if time.perf_counter() > deadline:
            return mask, True


def top_of_arrays(
    candidates: NDArray[np.int64],
    scores: NDArray[np.float64],
    limit: int,
    keys: NDArray[np.int64] | None = None,
    raw_scores: NDArray[np.float64] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Return the best `limit` candidates by score, at most one per key (-1: no key).

    Whoosh's order exactly: higher score first, the lower document number among equal
    scores. A key is represented by its document of highest raw score (before the final
    weighting, as CollapseCollector compares them; the first of equals). Only a prefix of
    the ranking is sorted: every candidate scoring at least the cut-off, ties included.
    """
    if keys is not None:
        kept = _best_per_key(candidates, keys, scores if raw_scores is None else raw_scores)
        candidates, scores = candidates[kept], scores[kept]
    prefix = PREFIX_FACTOR * limit + PREFIX_SLACK
    if len(candidates) > 2 * prefix:
        cut = np.partition(scores, len(scores) - prefix)[len(scores) - prefix]
        head = scores >= cut
        candidates, scores = candidates[head], scores[head]
    order = np.lexsort((candidates, -scores))[:limit]
    return candidates[order], scores[order]


PREFIX_FACTOR, PREFIX_SLACK = 4, 64
"""How much of the ranking to sort: the top of it, never the whole list of matches."""


def _best_per_key(
    candidates: NDArray[np.int64], keys: NDArray[np.int64], raw: NDArray[np.float64]
) -> NDArray[np.bool_]:
    """Return which candidates represent their key (every candidate without a key does)."""
    order = np.lexsort((candidates, -raw, keys))
    ordered_keys = keys[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = ordered_keys[1:] != ordered_keys[:-1]
    first |= ordered_keys < 0
    kept = np.zeros(len(order), dtype=bool)
    kept[order[first]] = True
    return kept
