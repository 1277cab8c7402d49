"""Any other page: the main content is found by structure, not by site-specific classes.

An element that says it is the article (`[itemprop=articleBody]`, `<article>`, `<main>`) is
taken when it holds enough text; otherwise the block with the densest paragraph text wins
(each paragraph scores its parent fully and its grandparent half; link-heavy blocks such as
menus and related-post lists are discounted), as readability-style extractors do.
"""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup
from bs4.element import Tag

from indexer.parse.html import selectors
from indexer.parse.html.metadata import Evidence
from indexer.parse.html.page import GENERIC, Page
from indexer.parse.html.sites.wordpress import comments
from indexer.parse.html.soup import first, is_noise, text_of, visible_nodes

MIN_ARTICLE_CHARS = 200


def matches(soup: BeautifulSoup) -> bool:
    """Accept every page: this is the fallback."""
    return True


def extract(soup: BeautifulSoup) -> Page:
    """Return the main content found by structure, the first `h1` as the markup title."""
    root = soup.body or soup
    body = declared_article(root) or densest_block(root) or root
    heading = body.find("h1") or root.find("h1")
    markup = Evidence(title=text_of(heading) or None)
    return Page(GENERIC, [body], markup, comments=comments(soup))


def declared_article(root: Tag) -> Tag | None:
    """Return the element marked as the article, when it holds enough visible text."""
    found = first(root, selectors.GENERIC_CONTENT)
    if found is not None and not is_noise(found) and len(text_of(found)) >= MIN_ARTICLE_CHARS:
        return found
    return None


def densest_block(root: Tag) -> Tag | None:
    """Return the block whose paragraphs hold the most text that is not links."""
    scores: Counter[int] = Counter()
    blocks: dict[int, Tag] = {}
    for node in visible_nodes(root):
        if not isinstance(node, Tag) or node.name not in {"p", "li", "blockquote", "pre"}:
            continue
        text = text_of(node)
        links = sum(len(text_of(a)) for a in node.find_all("a"))
        if len(
            text
        ) < selectors.DENSITY_MIN_CHARS or links > selectors.DENSITY_MAX_LINK_SHARE * len(text):
            continue
        for weight, ancestor in zip((1.0, 0.5), _block_ancestors(node), strict=False):
            blocks[id(ancestor)] = ancestor
            scores[id(ancestor)] += int(weight * len(text))
    if not scores:
        return None
    best, _ = scores.most_common(1)[0]
    return blocks[best]


def _block_ancestors(node: Tag) -> list[Tag]:
    """Return the two nearest block ancestors of `node` (parent first)."""
    found: list[Tag] = []
    for parent in node.parents:
        if parent.name in selectors.DENSITY_BLOCKS:
            found.append(parent)
            if len(found) == 2:
                break
    return found
