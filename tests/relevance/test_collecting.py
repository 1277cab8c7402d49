"""Collecting a page: collapse, filter, deadline and the kind prior on a real index."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.collectors import CollapseCollector, TimeLimit
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet

from indexer.fields import DOCUMENT_ID, FINGERPRINT, KIND
from indexer.whoosh.collecting import DeadlineCollector, collect_page
from indexer.whoosh.facets import FacetTable
from indexer.whoosh.ranking import Ranking
from indexer.whoosh.store import open_current


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


def test_the_vectorised_kind_prior_equals_the_per_document_one(seed_index: Path) -> None:
    index = open_current(seed_index)
    with index.searcher() as opened:
        weighting = Ranking().weighting()
        weighting.set_kinds(FacetTable.read(opened.reader(), KIND), opened.doc_count_all())
        docnums = np.arange(opened.doc_count_all(), dtype=np.int64)
        scores = np.linspace(1.0, 2.0, len(docnums))
        one_by_one = [
            weighting.final(opened, int(d), float(s)) for d, s in zip(docnums, scores, strict=True)
        ]
        assert weighting.final_array(docnums, scores).tolist() == pytest.approx(one_by_one)
        assert len(set(np.round(weighting.final_array(docnums, np.ones(len(docnums))), 3))) == 4
    index.close()
