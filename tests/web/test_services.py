"""Each server thread gets its own search service, built by the configured factory."""

from __future__ import annotations

import threading
from pathlib import Path

from indexer.whoosh.search import WhooshSearch
from web import create_app


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
