"""The embedded engine's entry in the engine registry (`indexer.backend.engines`).

Imports of the engine itself are deferred: the CLI lists engines without loading numpy.
"""

from __future__ import annotations

from indexer.backend import BackendSettings, Engine, IndexStore, SearchBackend


def _open_search(settings: BackendSettings) -> SearchBackend:
    from indexer.whoosh.search import WhooshSearch

    return WhooshSearch(settings.index, settings.limits)


def _open_store(settings: BackendSettings) -> IndexStore:
    from indexer.whoosh.store import WhooshStore

    return WhooshStore(settings.index)


ENGINE = Engine(
    name="whoosh",
    summary="the embedded Whoosh index in --index (nothing to install or run)",
    embedded=True,
    open_search=_open_search,
    open_store=_open_store,
)
