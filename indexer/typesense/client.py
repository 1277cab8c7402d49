"""One connection to a Typesense cluster, with its failures turned into the project's errors.

The official client spreads requests over the nodes, marks a node that fails unhealthy for a
second and retries on the next. Searches retry a few times (a request is cheap to repeat and
a user is waiting); writes retry for longer, because after a leader dies a cluster takes
several seconds to elect another, during which writes fail with HTTP 500. Every failure that
means "the servers did not answer" becomes `BackendUnavailableError` (a 503 page, a clear
CLI message); an API key the cluster refuses becomes a `ConfigurationError`.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import typesense
from typesense import exceptions as ts_errors

from indexer.backend import BackendSettings
from indexer.errors import BackendUnavailableError, ConfigurationError, QueryError

T = TypeVar("T")
READ_RETRIES = 3
WRITE_RETRIES = 40
WRITE_RETRY_S = 0.5
"""Writes retry for about 20 s: leader elections took 7–9 s on loopback."""
REPLICA_WAIT_S = 10.0
"""How long a publish waits for every node to serve it (followers lag by ~0.2 s)."""
MAX_SEARCHES = 50
"""Searches in one multi_search request (Typesense's default limit)."""


def parse_node(url: str) -> dict[str, Any]:
    """Return the client's node entry of `http://host:port` (a bare `host:port` is http)."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"cannot read the Typesense node {url!r}",
            "Give each node as a URL: http://127.0.0.1:8108.",
        )
    try:
        port = parts.port or (443 if parts.scheme == "https" else 8108)
    except ValueError:
        raise ConfigurationError(f"the Typesense node {url!r} has a bad port") from None
    return {"host": parts.hostname, "port": port, "protocol": parts.scheme}


class Cluster:
    """A client of the nodes the settings name."""

    def __init__(self, settings: BackendSettings, writes: bool = False) -> None:
        if not settings.nodes:
            raise ConfigurationError(
                "the typesense backend needs the addresses of its nodes",
                "Give --nodes http://HOST:PORT,… or set REPORTSEARCH_NODES.",
            )
        if not settings.api_key:
            raise ConfigurationError(
                "the typesense backend needs an API key",
                "Give --api-key KEY or set REPORTSEARCH_API_KEY.",
            )
        self.nodes = [parse_node(url) for url in settings.nodes]
        self.api_key = settings.api_key
        self.location = f"{','.join(settings.nodes)} ({settings.collection})"
        config: dict[str, Any] = {"nodes": self.nodes}
        self.client: Any = self._client(config, settings, writes)
        # A store or service let go without close() must not leave its sockets to the GC.
        self._finalizer = weakref.finalize(self, _close_client, self.client)

    @staticmethod
    def _client(config: dict[str, Any], settings: BackendSettings, writes: bool) -> Any:
        nodes = len(config["nodes"])
        return typesense.Client(  # its TypedDicts are stricter than JSON
            {
                **config,  # type: ignore[typeddict-item]
                "api_key": settings.api_key,
                "connection_timeout_seconds": settings.timeout_s,
                "num_retries": WRITE_RETRIES if writes else READ_RETRIES * nodes,
                "retry_interval_seconds": WRITE_RETRY_S if writes else 0.05,
                "healthcheck_interval_seconds": 1,
            }
        )

    @contextmanager
    def errors(self, doing: str) -> Iterator[None]:
        """Turn the client's failures while `doing` something into the project's errors."""
        try:
            yield
        except (ts_errors.RequestUnauthorized, ts_errors.RequestForbidden):
            raise ConfigurationError(
                f"the Typesense cluster refused the API key while {doing}",
                "Check --api-key or REPORTSEARCH_API_KEY.",
            ) from None
        except ts_errors.ObjectNotFound:
            raise
        except ts_errors.RequestMalformed as error:
            raise QueryError(
                f"the Typesense backend could not run this search: {_message(error)}",
                "Use fewer words or operators (docs/typesense.md lists its limits).",
            ) from None
        except (ts_errors.TypesenseClientError, httpx.HTTPError, OSError) as error:
            raise BackendUnavailableError(self.location, f"{doing}: {_message(error)}") from None

    def call(self, doing: str, action: Callable[[], T]) -> T:
        """Return what `action` returns, its failures turned into the project's errors."""
        with self.errors(doing):
            return action()

    def multi_search(
        self, searches: list[dict[str, Any]], common: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Run searches in as few requests as the server allows; return their results.

        A failed search answers HTTP 200 with an `error` in its result: raised here.
        """
        results: list[dict[str, Any]] = []
        for first in range(0, len(searches), MAX_SEARCHES):
            batch = searches[first : first + MAX_SEARCHES]
            response = self.call(
                "searching",
                lambda batch=batch: self.client.multi_search.perform(  # type: ignore[misc]
                    {"searches": batch}, common or {}
                ),
            )
            results += list(response["results"])
        for result in results:
            if "error" in result:
                raise _search_error(self.location, result)
        return results

    def alias_target(self, alias: str) -> str | None:
        """Return the collection an alias points at, or None if there is no such alias."""
        try:
            found = self.call("reading the alias", lambda: self.client.aliases[alias].retrieve())
        except ts_errors.ObjectNotFound:
            return None
        return str(found["collection_name"])

    def await_replicas(self, alias: str, collection: str, state: str, version: int) -> list[str]:
        """Wait (up to REPLICA_WAIT_S) until every node serves `collection` behind `alias`
        with the state document at path `state` at `version`, so that a reindex that has
        returned is what every node answers; return the nodes that did not catch up."""
        headers = {"X-TYPESENSE-API-KEY": self.api_key}
        pending = [f"{n['protocol']}://{n['host']}:{n['port']}" for n in self.nodes]
        deadline = time.monotonic() + REPLICA_WAIT_S
        with httpx.Client(headers=headers, timeout=1.0) as http:
            while pending and time.monotonic() < deadline:
                pending = [
                    url for url in pending
                    if not _serves(http, url, alias, collection, state, version)
                ]  # fmt: skip
                if pending:
                    time.sleep(0.05)
        return pending

    def close(self) -> None:
        """Close the client's connections."""
        self._finalizer()


def _serves(
    http: httpx.Client, url: str, alias: str, collection: str, state: str, version: int
) -> bool:
    """Return whether one node answers with the alias and state version given."""
    try:
        found = http.get(f"{url}/aliases/{alias}")
        if found.status_code != 200 or found.json().get("collection_name") != collection:
            return False
        current = http.get(f"{url}/{state}")
        return current.status_code == 200 and current.json().get("version") == version
    except (httpx.HTTPError, ValueError):
        return False


def _close_client(client: Any) -> None:
    close = getattr(getattr(client, "api_call", None), "close", None)
    if callable(close):
        close()


def _search_error(location: str, result: dict[str, Any]) -> Exception:
    message = str(result.get("error", "unknown error"))
    code = int(result.get("code", 500))
    if code in (400, 422):
        return QueryError(
            f"the Typesense backend could not run this search: {message}",
            "Use fewer words or operators (docs/typesense.md lists its limits).",
        )
    return BackendUnavailableError(location, f"search failed ({code}): {message}")


def _message(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:200] + "…"
