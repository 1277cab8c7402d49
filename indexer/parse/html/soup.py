"""Parsing a decoded page into a tree, and the questions every HTML step asks of it.

`make_soup` turns text into a BeautifulSoup tree (the standard library's parser: no C
extension, and it builds even a 10,000-deep tree without recursion); `is_noise` says whether
an element is chrome or hidden; `text_of` reads an element's visible text. Every walk here is
iterative, so no page is too deeply nested to read.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator

from bs4 import (
    BeautifulSoup,
    MarkupResemblesLocatorWarning,
    ParserRejectedMarkup,
    XMLParsedAsHTMLWarning,
)
from bs4.element import (
    NavigableString,
    PageElement,
    PreformattedString,
    Script,
    Stylesheet,
    Tag,
    TemplateString,
)

from indexer.errors import ParseError
from indexer.parse.html import selectors

_SPACES = re.compile(r"\s+")
_BREAKING = (
    selectors.BLOCK_TAGS | selectors.HEADING_TAGS | selectors.LIST_ITEM_TAGS | {"br", "td", "th"}
)


def make_soup(text: str, path: str) -> BeautifulSoup:
    """Parse `text` as HTML; raise ParseError when the parser rejects it."""
    with warnings.catch_warnings():
        # Saved XHTML (Blogger layouts start with <?xml ?>) and tiny pages that look like a
        # URL make bs4 warn; both are parsed correctly as HTML, so the warnings are noise.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            return BeautifulSoup(text, "html.parser")
        except ParserRejectedMarkup as error:
            raise ParseError(path, f"the HTML parser rejected the page: {error}") from None


def is_text(node: PageElement) -> bool:
    """Return whether `node` is visible text (not a comment, doctype, script or style body)."""
    return isinstance(node, NavigableString) and not isinstance(
        node, (PreformattedString, Script, Stylesheet, TemplateString)
    )


def classes(tag: Tag) -> set[str]:
    """Return the class tokens of `tag`."""
    value = tag.get("class")
    if value is None:
        return set()
    return set(value.split()) if isinstance(value, str) else set(value)


def is_hidden(tag: Tag) -> bool:
    """Return whether markup hides `tag`: `hidden`, `aria-hidden="true"` or `display:none`."""
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = tag.get("style")
    return bool(style) and selectors.HIDDEN_STYLE.search(str(style)) is not None


def is_noise(tag: Tag) -> bool:
    """Return whether `tag` is chrome, hidden, or not text at all (scripts, forms, images)."""
    if tag.name in selectors.NOISE_TAGS or is_hidden(tag):
        return True
    if classes(tag) & selectors.NOISE_CLASSES or tag.get("id") in selectors.NOISE_IDS:
        return True
    if tag.get("role") in selectors.NOISE_ROLES:
        return True
    if tag.name == "header":
        return not any(parent.name in selectors.CONTENT_ANCESTORS for parent in tag.parents)
    if tag.name == "a":
        return selectors.NOISE_LINK_TEXT.match(tag.get_text(" ", strip=True)) is not None
    if tag.name in selectors.LINK_LIST_TAGS:
        return is_link_list(tag)
    return False


def is_link_list(tag: Tag) -> bool:
    """Return whether every item of list `tag` is nothing but a link (related stories)."""
    items = tag.find_all("li", recursive=False)
    if not items:
        return False
    for item in items:
        links = item.find_all("a")
        text = clean_text(item.get_text(" "))
        if not links or clean_text(" ".join(a.get_text(" ") for a in links)) != text:
            return False
    return True


def visible_nodes(root: Tag) -> Iterator[PageElement]:
    """Yield the visible descendants of `root` in document order, skipping noise subtrees."""
    stack: list[PageElement] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if is_noise(node):
                continue
            yield node
            stack.extend(reversed(node.contents))
        elif is_text(node):
            yield node


def text_of(root: Tag | None) -> str:
    """Return the visible text of `root` on one line, spaces collapsed."""
    if root is None:
        return ""
    parts: list[str] = []
    for node in visible_nodes(root):
        if not isinstance(node, Tag):
            parts.append(str(node))
        elif node.name in _BREAKING:
            parts.append(" ")  # a block or <br> between two words keeps them apart
    return clean_text("".join(parts))


def clean_text(text: str) -> str:
    """Return `text` with runs of whitespace (NBSP included) collapsed to one space."""
    return _SPACES.sub(" ", text.replace("\u200b", "").replace("\ufeff", "")).strip()


def first(root: Tag, css: Iterable[str]) -> Tag | None:
    """Return the first element matching any selector of `css`, tried in order."""
    for selector in css:
        found = root.select_one(selector)
        if found is not None:
            return found
    return None


def attr(tag: Tag | None, name: str) -> str | None:
    """Return attribute `name` of `tag` as a trimmed string, or None when absent or empty."""
    if tag is None:
        return None
    value = tag.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return clean_text(value) if value and clean_text(value) else None
