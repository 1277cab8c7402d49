"""The web front end: Flask pages and the JSON API over the search service."""

from web.app import create_app

__all__ = ["create_app"]
