"""One search service per server thread, made by the engine the settings name.

Each thread keeps its service open between requests: the embedded engine's searchers must
not be shared between threads, and opening one per request costs more than the search
itself; a server engine's client keeps its connections. Services follow the index
themselves (a reindex is picked up by the next request).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import current_app

from indexer.backend import BackendSettings, SearchBackend, open_backend

POOL = "reportsearch.search_pool"
"""Where `create_app` keeps the pool in `app.extensions`."""

BackendFactory = Callable[[], SearchBackend]


def backend_factory(settings: BackendSettings) -> BackendFactory:
    """Return a factory of search services of the engine `settings` name."""
    return lambda: open_backend(settings)


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
