"""One search service per server thread, made by the engine the settings name.

Each thread keeps its service open between requests: the embedded engine's searchers must
not be shared between threads, and opening one per request costs more than the search
itself; a server engine's client keeps its connections. Services follow the index
themselves (a reindex is picked up by the next request).

An embedded engine computes in the server's own process, so its searches on several threads
only take turns at the interpreter lock, and interleaved they cost more: measured at 100,000
elements with four threads, 17.3 ms of CPU per page against 14.4 ms when each process runs
one search at a time. So the pool hands out services that share one lock per process when
the engine is embedded (`serialised`); the threads still serve everything else (reading
requests, writing answers, streaming exports between their searches) at the same time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from flask import current_app, g

from indexer.backend import BackendSettings, SearchBackend, open_backend
from indexer.model import Document
from indexer.results import Hit, HitSource, SearchRequest, SearchResults, Span

POOL = "reportsearch.search_pool"
"""Where `create_app` keeps the pool in `app.extensions`."""

BackendFactory = Callable[[], SearchBackend]


def backend_factory(settings: BackendSettings) -> BackendFactory:
    """Return a factory of search services of the engine `settings` name."""
    return lambda: open_backend(settings)


class SearchPool:
    """Hand each thread its own search service, made by `factory` on the thread's first use;
    with `serialised`, the services run one call at a time in this process."""

    def __init__(self, factory: BackendFactory, serialised: bool = False) -> None:
        self.factory = factory
        self._local = threading.local()
        self._lock = threading.Lock()
        self._turn = threading.Lock() if serialised else None
        self._services: list[SearchBackend] = []

    def service(self) -> SearchBackend:
        """Return this thread's search service, creating it on first use."""
        service: SearchBackend | None = getattr(self._local, "service", None)
        if service is None:
            service = self.factory()
            if self._turn is not None:
                service = TakingTurns(service, self._turn)
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


class TakingTurns:
    """A search service whose calls wait for `turn`, a lock its process's services share."""

    def __init__(self, service: SearchBackend, turn: threading.Lock) -> None:
        self.inner, self.turn = service, turn

    def search(self, request: SearchRequest) -> SearchResults:
        """Run one search."""
        with self.turn:
            return self.inner.search(request)

    def document(self, doc_id: str) -> Document | None:
        """Return a whole document in reading order, or None if it is not indexed."""
        with self.turn:
            return self.inner.document(doc_id)

    def similar(self, element_id: str, limit: int = 10) -> list[Hit] | None:
        """Return the elements most like one element, or None if it is not indexed."""
        with self.turn:
            return self.inner.similar(element_id, limit)

    def version(self) -> str:
        """Return the served index version: a file read, not a search, so it does not wait
        its turn (a `304 Not Modified` answer does not queue behind another's search)."""
        return self.inner.version()

    def catalogue(self) -> list[Document]:
        """Return every indexed document's metadata."""
        with self.turn:
            return self.inner.catalogue()

    def sources(self, doc_id: str) -> dict[str, list[HitSource]]:
        """Return, per element id of a document, the other documents holding its text."""
        with self.turn:
            return self.inner.sources(doc_id)

    def match_spans(self, query: str, texts: Sequence[str]) -> list[list[Span]]:
        """Return, for each text, the character spans of the words `query` matches."""
        with self.turn:
            return self.inner.match_spans(query, texts)

    def close(self) -> None:
        """Close the service (at shutdown, when no search runs)."""
        self.inner.close()


def search_service() -> SearchBackend:
    """Return the calling thread's search service for the current app."""
    pool: SearchPool = current_app.extensions[POOL]
    return pool.service()


def served_version() -> str:
    """Return the version of the index this request is answered from, asked of the engine
    once per request (the ETag and the inspections' cache both need it)."""
    if "index_version" not in g:
        g.index_version = search_service().version()
    version: str = g.index_version
    return version
