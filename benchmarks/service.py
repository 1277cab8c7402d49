"""The project's own search service asked for the same pages, and its index built as users do.

The index is built and updated through the `reportsearch index` command in a process of its
own (what a user runs, so whatever the pipeline does, incremental or not, is what is timed).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpus import BENCH_GAZETTEER
from benchmarks.measure import run_command
from benchmarks.pages import Page
from benchmarks.queries import BenchQuery
from indexer.backend import SearchBackend
from indexer.results import SearchRequest
from indexer.whoosh.search import WhooshSearch
from web.markup import snippet_html

PAGE_SIZE = 10


def index_command(documents: Path, index: Path, backend: Sequence[str] = ()) -> list[str]:
    """Return the command line that (re)indexes `documents` into `index` (or the backend
    that the options `backend` name)."""
    return [
        sys.executable,
        "-m",
        "indexer.cli",
        "index",
        "--documents",
        str(documents),
        "--index",
        str(index),
        "--gazetteer",
        str(BENCH_GAZETTEER),
        *backend,
    ]


def build(documents: Path, index: Path, backend: Sequence[str] = ()) -> tuple[float, float]:
    """Index `documents` with the project's command; return (seconds, peak resident MB)."""
    return run_command(index_command(documents, index, backend))


def request_for(bench: BenchQuery) -> SearchRequest:
    """Return the service request of one benchmark query."""
    return SearchRequest(query=bench.service, filters=bench.filters, page_size=PAGE_SIZE)


class ServiceSearch:
    """The search service over the project's index, one instance per thread."""

    def __init__(
        self, index: Path, cache_postings: bool = True, backend: SearchBackend | None = None
    ) -> None:
        self.search = backend or WhooshSearch(index, cache_postings=cache_postings)

    def page(self, bench: BenchQuery) -> Page:
        """Return one results page through the service."""
        results = self.search.search(request_for(bench))
        facets = {
            name: [(value.value, value.count) for value in values]
            for name, values in results.facets.items()
        }
        hits = [(hit.id, str(snippet_html(hit.snippet))) for hit in results.hits]
        return Page(results.total, hits, facets)

    def close(self) -> None:
        """Close the service's searcher."""
        self.search.close()
