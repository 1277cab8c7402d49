"""The engine boundary: what every search engine provides, and `open_backend` to get one.

Three protocols: `SearchBackend` answers searches, `IndexStore` holds what an index run
needs (the lock, the manifest being served, a writer), `IndexWriter` writes one new version
of the index and publishes it whole. Engines live in their own packages (`indexer/<name>/`)
and announce themselves in an `engine.py` module with an `ENGINE`; this module finds them,
so nothing outside an engine's package imports it. The embedded engine needs nothing but a
folder and is the default; a server engine takes its nodes and key from the settings.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Protocol

import indexer
from indexer.errors import ConfigurationError
from indexer.limits import DEFAULT_LIMITS, QueryLimits
from indexer.manifest import Manifest
from indexer.model import Document
from indexer.results import Hit, HitSource, SearchRequest, SearchResults, Span

DEFAULT_INDEX = Path("var/index")
DEFAULT_COLLECTION = "reportsearch"


@dataclass(frozen=True)
class BackendSettings:
    """Which engine to use and where it keeps the index: plain values, read by the CLI and the
    web app from their options and environment."""

    engine: str | None = None
    """An engine's name; None: the embedded engine."""
    index: Path = DEFAULT_INDEX
    """The embedded index's folder; a server engine keeps its reindex lock here."""
    nodes: tuple[str, ...] = ()
    """A server engine's nodes, as URLs (`http://127.0.0.1:8108`)."""
    api_key: str | None = None
    collection: str = DEFAULT_COLLECTION
    """The name searches use (a server engine's alias)."""
    limits: QueryLimits = DEFAULT_LIMITS
    timeout_s: float = 2.0
    """How long a server engine waits for one node before trying the next."""


@dataclass
class WriteStats:
    """What a build wrote: documents and elements by kind."""

    documents: int = 0
    elements_by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def elements(self) -> int:
        """Return the number of elements written."""
        return sum(self.elements_by_kind.values())

    def count(self, document: Document) -> None:
        """Count one document written."""
        self.documents += 1
        self.elements_by_kind.update(e.kind.value for e in document.elements)


@dataclass(frozen=True)
class StoreFacts:
    """What the served index holds, read from the engine (for `check`)."""

    served: str
    """What is served: a generation folder, a collection behind an alias."""
    records: int
    records_per_document: dict[str, int]
    sample_word: str | None
    """A word of some live record's text, for a test search."""
    notes: tuple[tuple[bool, str], ...] = ()
    """(is a warning, text): engine-specific observations (segments, deleted records…)."""


class SearchBackend(Protocol):
    """What every search engine behind the service provides."""

    def search(self, request: SearchRequest) -> SearchResults:
        """Run one search."""
        ...

    def document(self, doc_id: str) -> Document | None:
        """Return a whole document in reading order, or None if it is not indexed."""
        ...

    def similar(self, element_id: str, limit: int = 10) -> list[Hit] | None:
        """Return the elements most like one element, or None if it is not indexed."""
        ...

    def version(self) -> str:
        """Return a name of the index version being served: it changes whenever what a search
        can return changes (a reindex), so that answers can be cached until then."""
        ...

    def catalogue(self) -> list[Document]:
        """Return every indexed document's metadata (title, date, type, regions, report…),
        without its elements, in id order."""
        ...

    def sources(self, doc_id: str) -> dict[str, list[HitSource]]:
        """Return, per element id of a document, the other documents holding its text (the
        original first, then by date); elements whose text is nowhere else are left out."""
        ...

    def match_spans(self, query: str, texts: Sequence[str]) -> list[list[Span]]:
        """Return, for each text, the character spans of the words `query` matches."""
        ...

    def close(self) -> None:
        """Release files, connections and caches."""
        ...


class IndexWriter(Protocol):
    """One new version of the index being written; searches see it only once published."""

    incremental: bool
    stats: WriteStats

    def __enter__(self) -> IndexWriter: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Delete every record of the documents `doc_ids`; return how many records went."""
        ...

    def add_documents(
        self, documents: Iterable[Document], on_document: Callable[[Document], None] | None = None
    ) -> WriteStats:
        """Add every element of `documents`; return what this writer added so far."""
        ...

    def publish(self, manifest: Manifest) -> str:
        """Make the new version the one searched, with its manifest; return its name."""
        ...

    def discard(self) -> None:
        """Abandon the new version."""
        ...


class IndexStore(Protocol):
    """An engine's index as the indexing pipeline and `check` see it."""

    location: str
    """Where the index is, for messages (a folder, a node list and collection)."""

    def lock(self) -> AbstractContextManager[object]:
        """Return the lock one reindex holds (raising ReindexBusyError if another has it)."""
        ...

    def exists(self) -> bool:
        """Return whether an index has been published here."""
        ...

    def served_manifest(self) -> Manifest:
        """Return the manifest of the served index (IndexUnavailableError, ManifestError)."""
        ...

    def writer(self, incremental: bool, procs: int = 1) -> IndexWriter:
        """Return a writer of a new version: a copy of the served one, or empty."""
        ...

    def remove_stale(self) -> list[str]:
        """Remove what interrupted runs left (call with the lock held); return the names."""
        ...

    def stale(self) -> list[str]:
        """Return what the next run would remove."""
        ...

    def schema_digest(self) -> str:
        """Return a digest of how the engine stores records: if it changes, rebuild all."""
        ...

    def facts(self) -> StoreFacts:
        """Return what the served index holds (IndexUnavailableError if it cannot be read)."""
        ...

    def lock_holder(self) -> int | None:
        """Return the pid of a reindex holding the lock (0: unknown), None when free."""
        ...


@dataclass(frozen=True)
class Engine:
    """One search engine: how to open its search service and its store."""

    name: str
    summary: str
    embedded: bool
    """Runs inside this process with nothing to install or start (the default engine)."""
    open_search: Callable[[BackendSettings], SearchBackend]
    open_store: Callable[[BackendSettings], IndexStore]


@cache
def engines() -> dict[str, Engine]:
    """Return every engine found in the packages of `indexer`, by name."""
    found: dict[str, Engine] = {}
    for module in pkgutil.iter_modules(indexer.__path__):
        name = f"indexer.{module.name}.engine"
        if module.ispkg and importlib.util.find_spec(name) is not None:
            engine: Engine = importlib.import_module(name).ENGINE
            found[engine.name] = engine
    return dict(sorted(found.items()))


def engine_named(name: str | None) -> Engine:
    """Return the engine called `name` (None: the embedded one), or raise ConfigurationError."""
    known = engines()
    if name is None:
        return next(engine for engine in known.values() if engine.embedded)
    engine = known.get(name.strip().lower())
    if engine is None:
        raise ConfigurationError(
            f"there is no search backend called {name!r}", f"Use one of: {', '.join(known)}."
        )
    return engine


def open_backend(settings: BackendSettings) -> SearchBackend:
    """Return a search service on the engine and index the settings name."""
    return engine_named(settings.engine).open_search(settings)


def open_store(settings: BackendSettings) -> IndexStore:
    """Return the store the indexing pipeline writes through."""
    return engine_named(settings.engine).open_store(settings)
