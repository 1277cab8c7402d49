"""Collecting a page: collapse, filter and the deadline hold together on a real index."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.collectors import CollapseCollector, TimeLimit
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet

from indexer.collecting import DeadlineCollector, collect_page
from indexer.schema import DOCUMENT_ID, FINGERPRINT
from indexer.store import open_current


@pytest.fixture(scope="module")
def searcher(seed_index: Path) -> Iterator[Searcher]:
    index = open_current(seed_index)
    with index.searcher() as opened:
        yield opened
    index.close()


def test_collapse_holds_under_a_filter(searcher: Searcher) -> None:
    everything = set(range(searcher.doc_count_all()))
    results, cut = collect_page(
        searcher,
        wq.Term("text", "enforc"),
        50,
        time.perf_counter() + 60,
        allowed=everything,
        collapse=DOCUMENT_ID,
    )
    documents = [hit[DOCUMENT_ID] for hit in results]
    assert not cut
    assert len(documents) == len(set(documents)) > 1


def test_copies_collapse_to_one_hit(searcher: Searcher) -> None:
    results, _cut = collect_page(
        searcher, wq.Term("text", "abid"), 50, time.perf_counter() + 60, collapse=FINGERPRINT
    )
    prints = [hit[FINGERPRINT] for hit in results]
    assert len(prints) == len(set(prints))
    plain, _cut = collect_page(searcher, wq.Term("text", "abid"), 50, time.perf_counter() + 60)
    assert plain.scored_length() > results.scored_length()


def test_a_passed_deadline_stops_collection_even_inside_a_collapse(searcher: Searcher) -> None:
    timed = DeadlineCollector(searcher.collector(limit=10), deadline=time.perf_counter() - 1)
    collapsing = CollapseCollector(timed, FieldFacet(FINGERPRINT))
    with pytest.raises(TimeLimit):
        searcher.search_with_collector(wq.Every(), collapsing)
    collapsing.finish()
    assert len(collapsing.results()) == 0
