"""The web app's settings: defaults, overridden by environment variables, then by a mapping.

The one place the web app reads the environment (the CLI reads its own options).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from indexer.backend import DEFAULT_COLLECTION, BackendSettings, engine_named
from indexer.errors import ConfigurationError
from indexer.limits import DEFAULT_LIMITS, with_overrides

ENV_PREFIX = "REPORTSEARCH_"

DEFAULTS: dict[str, Any] = {
    "INDEX": "var/index",  # folder holding the embedded index
    "BACKEND": "",  # search engine: empty for the embedded one, or "typesense"
    "NODES": "",  # a server backend's nodes, comma-separated URLs
    "API_KEY": "",  # a server backend's API key
    "COLLECTION": DEFAULT_COLLECTION,  # the name a server backend's searches use
    "PAGE_SIZE": 10,  # hits per page when the URL does not say
    "TIME_BUDGET_MS": DEFAULT_LIMITS.time_budget_ms,  # then a search returns what it has
    "SITE_NAME": "reportsearch",  # shown in the page header and titles
    "QUERY_LIMITS": "",  # query limits changed from their defaults: "max_terms=64,max_depth=4"
}
"""Every setting with its default; an environment variable `REPORTSEARCH_<NAME>` overrides it."""

_INTEGER_SETTINGS = ("PAGE_SIZE", "TIME_BUDGET_MS")


class ConfigError(ValueError):
    """A setting with a value the app cannot use."""


def load_config(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return the settings: defaults, then `REPORTSEARCH_*` variables, then `overrides`."""
    settings = dict(DEFAULTS)
    for name in DEFAULTS:
        value = os.environ.get(ENV_PREFIX + name)
        if value:
            settings[name] = value
    settings.update(overrides or {})
    for name in _INTEGER_SETTINGS:
        settings[name] = _positive_int(name, settings[name])
    settings["INDEX"] = Path(settings["INDEX"])
    try:
        settings["QUERY_LIMITS"] = with_overrides(
            replace(DEFAULT_LIMITS, time_budget_ms=settings["TIME_BUDGET_MS"]),
            str(settings["QUERY_LIMITS"]),
        )
    except ValueError as error:
        raise ConfigError(f"QUERY_LIMITS: {error}") from None
    settings["BACKEND_SETTINGS"] = backend_settings(settings)
    return settings


def backend_settings(settings: Mapping[str, Any]) -> BackendSettings:
    """Return the engine settings of the app's settings."""
    nodes = settings["NODES"]
    if isinstance(nodes, str):
        nodes = [node.strip() for node in nodes.split(",")]
    engine = str(settings["BACKEND"]).strip() or None
    try:
        engine_named(engine)
    except ConfigurationError as error:
        raise ConfigError(f"BACKEND: {error.message}. {error.hint}") from None
    return BackendSettings(
        engine=engine,
        index=settings["INDEX"],
        nodes=tuple(node for node in nodes if node),
        api_key=str(settings["API_KEY"]) or None,
        collection=str(settings["COLLECTION"]) or DEFAULT_COLLECTION,
        limits=settings["QUERY_LIMITS"],
    )


def _positive_int(name: str, value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from None
    if number < 1:
        raise ConfigError(f"{name} must be at least 1, not {number}")
    return number
