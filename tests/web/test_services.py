"""Each server thread gets its own search service, built by the configured factory; an
embedded engine's services take turns."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path
from typing import ClassVar

from indexer.results import SearchRequest, SearchResults
from indexer.whoosh.search import WhooshSearch
from web import create_app
from web.services import POOL, SearchPool


def test_each_thread_gets_one_service_from_the_factory(seed_index: Path) -> None:
    made: list[WhooshSearch] = []

    def factory() -> WhooshSearch:
        made.append(WhooshSearch(seed_index))
        return made[-1]

    app = create_app({"INDEX": seed_index, "SEARCH_BACKEND": factory})
    client = app.test_client()
    assert client.get("/api/search?q=caseloads").status_code == 200
    assert client.get("/search?q=caseloads").status_code == 200
    assert len(made) == 1  # the same thread reuses its service

    totals: list[int] = []

    def ask() -> None:
        totals.append(app.test_client().get("/api/search?q=caseloads").get_json()["total"])

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 4 and len(set(map(id, made))) == 4
    assert len(set(totals)) == 1 and totals[0] > 0
    app.extensions["reportsearch.search_pool"].close()


class Timed(WhooshSearch):
    """The real service, its searches taking 20 ms longer (as if waiting), each one's start
    and end noted."""

    spans: ClassVar[list[tuple[float, float]]] = []

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        results = super().search(request)
        time.sleep(0.02)
        self.spans.append((started, time.perf_counter()))
        return results


def overlapping(spans: list[tuple[float, float]]) -> int:
    """Return how many of the spans start before the one before them has ended."""
    ordered = sorted(spans)
    return sum(later[0] < earlier[1] for earlier, later in itertools.pairwise(ordered))


def run_together(pool: SearchPool, threads: int = 4) -> None:
    def ask() -> None:
        assert pool.service().search(SearchRequest("caseloads")).total > 0

    workers = [threading.Thread(target=ask) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def test_an_embedded_engine_runs_one_search_at_a_time_per_process(seed_index: Path) -> None:
    Timed.spans = []
    app = create_app({"INDEX": seed_index, "SEARCH_BACKEND": lambda: Timed(seed_index)})
    pool = app.extensions[POOL]
    run_together(pool)
    assert len(Timed.spans) == 4 and overlapping(Timed.spans) == 0
    pool.close()

    Timed.spans = []
    unserialised = SearchPool(lambda: Timed(seed_index))  # as for a server engine
    run_together(unserialised)
    assert len(Timed.spans) == 4 and overlapping(Timed.spans) > 0
    unserialised.close()
