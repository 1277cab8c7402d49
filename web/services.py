"""One search service per server thread: Whoosh searchers must not be shared between threads.

Each thread keeps its `WhooshSearch` open between requests (opening a searcher per request
costs more than the search itself); the service reopens itself when the index changes.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from flask import current_app

from indexer.limits import DEFAULT_LIMITS, QueryLimits
from indexer.results import SearchBackend
from indexer.search import WhooshSearch

POOL = "reportsearch.search_pool"
"""Where `create_app` keeps the pool in `app.extensions`."""


class SearchPool:
    """Hand each thread its own search service over one index location."""

    def __init__(self, location: Path, limits: QueryLimits = DEFAULT_LIMITS) -> None:
        self.location = location
        self.limits = limits
        self._local = threading.local()
        self._lock = threading.Lock()
        self._services: list[WhooshSearch] = []

    @classmethod
    def for_settings(cls, location: Path, time_budget_ms: int) -> SearchPool:
        """Return a pool whose searches run under the default limits and this time budget."""
        return cls(location, replace(DEFAULT_LIMITS, time_budget_ms=time_budget_ms))

    def service(self) -> SearchBackend:
        """Return this thread's search service, creating it on first use."""
        service: WhooshSearch | None = getattr(self._local, "service", None)
        if service is None:
            service = WhooshSearch(self.location, self.limits)
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
