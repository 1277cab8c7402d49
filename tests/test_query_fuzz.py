"""Hypothesis-generated queries through the search service: results or a QueryError, nothing else.

10,000 generated queries in all: two tests × 1,000 examples × 5 queries each (batches keep
Hypothesis' own overhead per query low), on the small index, one service per module.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import QueryError
from indexer.results import SearchRequest
from indexer.whoosh.search import WhooshSearch
from tests.query_strategies import piece, queries

EXAMPLES = 1_000
BATCH = 5
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def service(small_index: Path) -> Iterator[WhooshSearch]:
    search = WhooshSearch(small_index)
    yield search
    search.close()


def run(service: WhooshSearch, query: str, **options: object) -> None:
    try:
        results = service.search(SearchRequest(query=query, **options))  # type: ignore[arg-type]
    except QueryError as error:
        assert error.message and error.hint
        return
    assert results.total >= len(results.hits)
    assert all("<mark>" not in hit.text for hit in results.hits)


@FUZZ
@given(batch=st.lists(queries, min_size=BATCH, max_size=BATCH))
def test_any_query_gives_results_or_a_query_error(service: WhooshSearch, batch: list[str]) -> None:
    for query in batch:
        run(service, query, with_facets=False, page_size=3)


@FUZZ
@given(batch=st.lists(st.tuples(piece, piece, piece), min_size=BATCH, max_size=BATCH))
def test_any_query_with_collapse_and_facets(
    service: WhooshSearch, batch: list[tuple[str, str, str]]
) -> None:
    for first, second, third in batch:
        run(service, f"{first} {second} ({third})", collapse=True, page_size=3)
