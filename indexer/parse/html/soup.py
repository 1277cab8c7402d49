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
from dataclasses import dataclass, field

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
        # Only a link holding nothing but a short string can be "(Back to top)".
        return (
            tag.string is not None
            and selectors.NOISE_LINK_TEXT.match(tag.string.strip()) is not None
        )
    if tag.name in selectors.LINK_LIST_TAGS:
        return is_link_list(tag)
    return False


def is_link_list(tag: Tag) -> bool:
    """Return whether every item of list `tag` is one bare link (related-story lists).

    Looks only at each item's direct children, so nested lists cost nothing extra.
    """
    items = [child for child in tag.children if isinstance(child, Tag)]
    if not items:
        return False
    for item in items:
        parts = [c for c in item.children if isinstance(c, Tag) or str(c).strip()]
        if item.name != "li" or len(parts) != 1 or not isinstance(parts[0], Tag):
            return False
        if parts[0].name != "a" or parts[0].string is None:
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


_SELECTOR_CLASSES = re.compile(r"\.([\w-]+)")
_SELECTOR_IDS = re.compile(r"#([\w-]+)")


@dataclass
class Markup:
    """A parsed page and an index of it built in one pass, so page-wide lookups are cheap.

    A CSS query that matches nothing costs a walk of the whole tree; `first` runs a selector
    only when every class and id it names occurs somewhere in the page.
    """

    soup: BeautifulSoup
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    meta: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    assets: list[str] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)
    dated: list[Tag] = field(default_factory=list)
    title: str | None = None

    def could_match(self, selector: str) -> bool:
        """Return whether the classes and ids `selector` names all occur in the page."""
        return all(c in self.classes for c in _SELECTOR_CLASSES.findall(selector)) and all(
            i in self.ids for i in _SELECTOR_IDS.findall(selector)
        )

    def first(self, css: Iterable[str], root: Tag | None = None) -> Tag | None:
        """Return the first element under `root` (default: the page) matching any of `css`."""
        scope = self.soup if root is None else root
        for selector in css:
            if self.could_match(selector):
                found = scope.select_one(selector)
                if found is not None:
                    return found
        return None


def read_markup(soup: BeautifulSoup) -> Markup:
    """Return the page with its index of classes, ids, meta tags, links and dated elements."""
    markup = Markup(soup)
    for tag in soup.find_all(True):
        markup.classes |= classes(tag)
        if tag.get("id"):
            markup.ids.add(str(tag["id"]))
        _index_tag(markup, tag)
    return markup


def _index_tag(markup: Markup, tag: Tag) -> None:
    name = tag.name
    if name == "meta":
        key = attr(tag, "property") or attr(tag, "name") or attr(tag, "itemprop")
        value = attr(tag, "content")
        if key and value:
            markup.meta.setdefault(key.lower(), value)
    elif name == "link":
        href, rel = attr(tag, "href"), attr(tag, "rel")
        if href:
            markup.assets.append(href)
            for token in (rel or "").lower().split():
                markup.links.setdefault(token, href)
    elif name == "script":
        if attr(tag, "src"):
            markup.assets.append(str(attr(tag, "src")))
        elif (attr(tag, "type") or "").lower() == "application/ld+json" and tag.string:
            markup.json_ld.append(str(tag.string))
    elif name in {"time", "abbr"}:
        markup.dated.append(tag)
    elif name == "title" and markup.title is None:
        markup.title = text_of(tag) or None
