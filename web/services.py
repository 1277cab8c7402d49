"""One search service per server thread: Whoosh searchers must not be shared between threads.

Each thread keeps its service open between requests (opening a searcher per request costs
more than the search itself); the Whoosh service reopens itself when the index changes. The
pool builds services with a factory, so another engine behind the `SearchBackend` contract
(a search server for deployments that outgrow one machine) plugs in without touching views.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from flask import current_app

from indexer.limits import DEFAULT_LIMITS, QueryLimits
from indexer.results import SearchBackend
from indexer.search import WhooshSearch

POOL = "reportsearch.search_pool"
"""Where `create_app` keeps the pool in `app.extensions`."""

BackendFactory = Callable[[], SearchBackend]


def whoosh_factory(location: Path, limits: QueryLimits = DEFAULT_LIMITS) -> BackendFactory:
    """Return a factory of Whoosh services over `location` under `limits`."""
    return lambda: WhooshSearch(location, limits)


class SearchPool:
    """Hand each thread its own search service, made by `factory` on the thread's first use."""

    def __init__(self, factory: BackendFactory) -> None:
        self.factory = factory
        self._local = threading.local()
        self._lock = threading.Lock()
        self._services: list[SearchBackend] = []

    def service(self) -> SearchBackend:
        """Return this thread's search service, creating it on first use."""
        service: SearchBackend | None = getattr(self._local, "service", None)
        if service is None:
            service = self.factory()
            self._local.service = service
            with self._lock:
                self._services.append(service)
        return service

    def close(self) -> None:
        """Close every thread's service (at shutdown)."""
        with self._lock:
            services, self._services = self._services, []
        for service in services:
            service.close()


def search_service() -> SearchBackend:
    """Return the calling thread's search service for the current app."""
    pool: SearchPool = current_app.extensions[POOL]
    return pool.service()
