"""The clustered engine's entry in the engine registry (`indexer.backend.engines`).

The client library is imported only when the engine is used: the embedded engine needs
nothing of it.
"""

from __future__ import annotations

from indexer.backend import BackendSettings, Engine, IndexStore, SearchBackend
from indexer.errors import ConfigurationError

INSTALL_HINT = "Install it with: pip install 'reportsearch[typesense]'."


def _open_search(settings: BackendSettings) -> SearchBackend:
    _require_client()
    from indexer.typesense.search import TypesenseSearch

    return TypesenseSearch(settings)


def _open_store(settings: BackendSettings) -> IndexStore:
    _require_client()
    from indexer.typesense.store import TypesenseStore

    return TypesenseStore(settings)


def _require_client() -> None:
    try:
        import typesense  # noqa: F401
    except ImportError:
        raise ConfigurationError("the typesense client is not installed", INSTALL_HINT) from None


ENGINE = Engine(
    name="typesense",
    summary="a Typesense cluster (--nodes, --api-key, --collection); the server runs apart",
    embedded=False,
    open_search=_open_search,
    open_store=_open_store,
)
