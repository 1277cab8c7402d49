"""Any other page: the main content is found by structure, not by site-specific classes.

An element that says it is the article (`[itemprop=articleBody]`, `<article>`, `<main>`) is
taken when it holds enough text; otherwise the block with the densest paragraph text wins
(each paragraph scores its nearest block fully and the block around that half; link-heavy
paragraphs such as menus and related-post lists score nothing), as readability-style
extractors do, in one walk of the tree however deep it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bs4.element import PageElement, Tag

from indexer.parse.html import selectors
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.page import GENERIC, Page
from indexer.parse.html.sites.wordpress import comments
from indexer.parse.html.soup import Markup, is_noise, is_text, text_of

MIN_ARTICLE_CHARS = 200


def matches(markup: Markup) -> bool:
    """Accept every page: this is the fallback."""
    return True


def extract(markup: Markup) -> Page:
    """Return the main content found by structure, the first `h1` as the markup title."""
    root = markup.soup.body or markup.soup
    body = declared_article(markup, root) or densest_block(root) or root
    heading = body.find("h1") or _first_content_h1(root)
    evidence = Evidence(title=text_of(heading) or None)
    return Page(GENERIC, [body], evidence, comments=comments(markup))


def _first_content_h1(root: Tag) -> Tag | None:
    """Return the first `h1` outside site chrome: a masthead's `h1` is the site, not the title."""
    for heading in root.find_all("h1"):
        if not any(is_noise(tag) for tag in (heading, *heading.parents) if isinstance(tag, Tag)):
            return heading
    return None


def declared_article(markup: Markup, root: Tag) -> Tag | None:
    """Return the element marked as the article, when it holds enough visible text."""
    found = markup.first(selectors.GENERIC_CONTENT, root)
    if found is not None and not is_noise(found) and len(text_of(found)) >= MIN_ARTICLE_CHARS:
        return found
    return None


SCORED = frozenset({"p", "li", "blockquote", "pre"})


@dataclass
class _Scores:
    """One walk's tallies: text per open paragraph, and the score of each block."""

    blocks: list[Tag] = field(default_factory=list)
    paragraphs: list[list[int]] = field(default_factory=list)  # [text chars, link chars]
    links: int = 0
    score: Counter[int] = field(default_factory=Counter)
    by_id: dict[int, Tag] = field(default_factory=dict)

    def close_paragraph(self) -> None:
        text, linked = self.paragraphs.pop()
        if text < selectors.DENSITY_MIN_CHARS or linked > selectors.DENSITY_MAX_LINK_SHARE * text:
            return
        for weight, block in zip((1.0, 0.5), reversed(self.blocks[-2:]), strict=False):
            self.by_id[id(block)] = block
            self.score[id(block)] += int(weight * text)


def densest_block(root: Tag) -> Tag | None:
    """Return the block whose paragraphs hold the most text that is not links (one walk)."""
    tally = _Scores()
    stack: list[PageElement | tuple[Tag]] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple):  # leaving an element
            _leave(node[0], tally)
        elif isinstance(node, Tag):
            if not is_noise(node):
                _enter(node, tally)
                stack.append((node,))
                stack.extend(reversed(node.contents))
        elif is_text(node) and tally.paragraphs:
            length = len(str(node).strip())
            tally.paragraphs[-1][0] += length
            tally.paragraphs[-1][1] += length if tally.links else 0
    if not tally.score:
        return None
    return tally.by_id[tally.score.most_common(1)[0][0]]


def _enter(tag: Tag, tally: _Scores) -> None:
    if tag.name in selectors.DENSITY_BLOCKS:
        tally.blocks.append(tag)
    if tag.name in SCORED:
        tally.paragraphs.append([0, 0])
    if tag.name == "a":
        tally.links += 1


def _leave(tag: Tag, tally: _Scores) -> None:
    if tag.name == "a":
        tally.links -= 1
    if tag.name in SCORED:
        tally.close_paragraph()
    if tag.name in selectors.DENSITY_BLOCKS:
        tally.blocks.pop()
