"""The web front end: Flask pages and the JSON API over the search service."""
