"""A search as an Atom 1.0 feed: its newest hits, for a feed reader to follow.

Each entry is one hit: its id and link are the element's permalink (stable while the file
does not change), `updated` its own date (a comment's timestamp) or its document's, the
summary its snippet as plain text. ElementTree writes the XML, so every value from a
document or a query is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from xml.etree import ElementTree

from indexer.results import Hit, SearchResults

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
"""Entries in a feed: the newest hits."""

ElementTree.register_namespace("", ATOM)


def atom_feed(
    results: SearchResults,
    feed_url: str,
    page_url: str,
    element_url: Callable[[Hit], str],
    site_name: str,
) -> bytes:
    """Return the Atom document of a search's newest hits.

    `feed_url` is the feed's own address (its id and `self` link), `page_url` the search
    page it mirrors, `element_url` the absolute permalink of a hit.
    """
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    dated = [stamp for stamp in map(_updated, results.hits) if stamp]
    updated = max(dated, default=now)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    query = results.request.query or "everything"
    _text(feed, "title", f"{site_name}: {query}")
    _text(feed, "subtitle", f"{results.total} hits, newest first")
    _text(feed, "id", feed_url)
    _text(feed, "updated", updated)
    _link(feed, feed_url, "self", "application/atom+xml")
    _link(feed, page_url, "alternate", "text/html")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site_name)
    _text(feed, "generator", "reportsearch")
    for hit in results.hits:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        url = element_url(hit)
        _text(entry, "title", _title(hit))
        _text(entry, "id", url)
        _text(entry, "updated", _updated(hit) or updated)
        _link(entry, url, "alternate", "text/html")
        who = hit.speaker or hit.author or hit.site
        if who:
            _text(ElementTree.SubElement(entry, f"{{{ATOM}}}author"), "name", who)
        _text(entry, "summary", hit.snippet.text)
        category = ElementTree.SubElement(entry, f"{{{ATOM}}}category")
        category.set("term", hit.kind)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _title(hit: Hit) -> str:
    about = hit.group or hit.speaker or hit.author
    return f"{hit.kind.capitalize()}{f' ({about})' if about else ''}: {hit.title}"


def _updated(hit: Hit) -> str | None:
    """Return the hit's date as an RFC 3339 timestamp, or None if it has none."""
    for value in (hit.element_date, hit.date):
        if value:
            try:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return None


def _text(parent: ElementTree.Element, tag: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = value


def _link(parent: ElementTree.Element, href: str, rel: str, media: str) -> None:
    link = ElementTree.SubElement(parent, f"{{{ATOM}}}link")
    link.set("href", href)
    link.set("rel", rel)
    link.set("type", media)
