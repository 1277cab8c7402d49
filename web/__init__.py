"""The web front end: Flask pages and the JSON API over the search service.

`create_app` is loaded on first use, so that the `reportsearch` commands other than `serve`
(whose console script lives in `web.cli`) start without importing Flask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from web.app import create_app

        return create_app
    raise AttributeError(f"module 'web' has no attribute {name!r}")
