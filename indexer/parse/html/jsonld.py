"""Read schema.org JSON-LD blocks: the Article, BlogPosting or NewsArticle a page describes.

Yoast puts its nodes in an `@graph`, Blogger's newer themes one object, GOV.UK a list; all are
searched (iteratively, to a bounded depth) for the first article node and the site's name.
Broken JSON is common in saved pages and is skipped, never fatal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from indexer.parse.html import selectors
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.soup import clean_text

MAX_NODES = 2_000


@dataclass
class LinkedData(Evidence):
    """The fields JSON-LD gives about the page's article (date as written), and its type."""

    type: str | None = None


def read_linked_data(blocks: list[str]) -> LinkedData:
    """Return what the page's JSON-LD blocks say about its article and site."""
    nodes = [node for block in blocks for node in _nodes(block)]
    article = next((n for n in nodes if _types(n) & selectors.ARTICLE_TYPES), None)
    website = next((n for n in nodes if _types(n) & selectors.WEBSITE_TYPES), None)
    site = _name(website) if website else None
    if article is None:
        return LinkedData(site=site)
    publisher = _name(article.get("publisher"))
    if publisher and publisher.casefold() not in selectors.PLATFORM_PUBLISHERS and not site:
        site = publisher
    return LinkedData(
        title=_string(article.get("headline")) or _string(article.get("name")),
        date=_string(article.get("datePublished")),
        author=_name(article.get("author")),
        site=site,
        url=_url(article.get("mainEntityOfPage")) or _string(article.get("url")),
        type=_most_specific(_types(article) & selectors.ARTICLE_TYPES),
    )


def _most_specific(types: set[str]) -> str | None:
    """Return the type that says most ("BlogPosting" over "Article" when a node has both)."""
    ranked = sorted(types, key=lambda name: (name not in selectors.LINKED_DATA_SOURCE_TYPES, name))
    return ranked[0] if ranked else None


def _nodes(text: str | None) -> list[dict[str, Any]]:
    """Return every object in one JSON-LD block, `@graph` members and nested nodes included."""
    if not text:
        return []
    body = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    body = body.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # broken, or nested deeper than the parser goes
        return []
    found: list[dict[str, Any]] = []
    stack: list[Any] = [data]
    while stack and len(found) < MAX_NODES:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _string(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (str, int, float)) and clean_text(str(value)):
        return clean_text(str(value))
    return None


def _name(value: Any) -> str | None:
    """Return the name of a Person/Organization value (an object, a list of them, or text)."""
    if isinstance(value, list):
        names = [name for name in map(_name, value) if name]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        return _string(value.get("name"))
    return _string(value)


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        return _string(value.get("@id")) or _string(value.get("url"))
    return _string(value)
