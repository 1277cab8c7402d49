"""WordPress posts (russellwebster.com and other WP blogs): classic themes and Elementor.

Title `h1.entry-title` (Elementor: the post-title widget), body `div.entry-content` (Elementor:
the post-excerpt and post-content widgets); comments from core's `Walker_Comment`:
`ol.comment-list > li.comment#comment-N`, replies in `ol.children`/`ul.children` to any depth,
HTML5 (`article.comment-body`, `b.fn`, `time[datetime]`, `div.comment-content`) or legacy
(`div.comment-body`, `cite.fn`, `div.comment-meta a`, bare `p`s) markup.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import Tag

from indexer.model import SourceType
from indexer.parse.assemble import Draft
from indexer.parse.html import selectors
from indexer.parse.html.metadata import Evidence, iso_date
from indexer.parse.html.page import ANALYSIS, Page
from indexer.parse.html.soup import attr, classes, first, text_of
from indexer.parse.html.threads import CommentParts, child_with_class, link_date, thread_drafts


def matches(soup: BeautifulSoup) -> bool:
    """Return whether the page is WordPress (generator meta, wp-content assets, WP markup)."""
    generator = attr(soup.select_one(selectors.GENERATOR), "content") or ""
    if selectors.WORDPRESS_GENERATOR.match(generator):
        return True
    return first(soup, selectors.WORDPRESS_MARKERS) is not None


def extract(soup: BeautifulSoup) -> Page:
    """Return the post's standfirst and content, markup metadata and comment tree."""
    body = [tag for tag in (first(soup, selectors.WORDPRESS_STANDFIRST), post_content(soup)) if tag]
    markup = Evidence(
        title=text_of(first(soup, selectors.WORDPRESS_TITLE)) or None,
        date=iso_date(text_of(first(soup, selectors.WORDPRESS_DATE_TEXT))),
        author=text_of(first(soup, selectors.WORDPRESS_AUTHOR)) or None,
    )
    return Page(ANALYSIS, body, markup, SourceType.BLOG_POST, comments(soup))


def post_content(soup: BeautifulSoup) -> Tag | None:
    """Return the element holding the post's content."""
    return first(soup, selectors.WORDPRESS_BODY)


def comments(soup: BeautifulSoup) -> list[Draft]:
    """Return the comments of the page's WordPress comment list, if it has one."""
    top = first(soup, selectors.WORDPRESS_COMMENT_LIST)
    if top is None:
        return []
    return thread_drafts(top, is_comment_item, replies, read)


def is_comment_item(tag: Tag) -> bool:
    """Return whether `tag` is a comment's `li` (pingbacks and trackbacks are not comments)."""
    if tag.name != "li":
        return False
    found = classes(tag)
    return (
        selectors.WORDPRESS_COMMENT_CLASS in found and not found & selectors.WORDPRESS_PING_CLASSES
    )


def replies(item: Tag) -> Tag | None:
    """Return the `ol.children` (or `ul.children`) list of a comment's replies."""
    return child_with_class(item, {selectors.WORDPRESS_CHILDREN_CLASS})


def read(item: Tag) -> CommentParts:
    """Return the text, author and time of one comment, HTML5 or legacy markup."""
    body = child_with_class(item, {"comment-body"}) or _first_div(item) or item
    content = first(body, selectors.WORDPRESS_COMMENT_TEXT)
    roots = [content] if content is not None else _legacy_text(body)
    time = first(body, selectors.WORDPRESS_COMMENT_TIME)
    date = attr(time, "datetime") or link_date(first(body, selectors.WORDPRESS_COMMENT_LEGACY_DATE))
    return CommentParts(
        roots, text_of(first(body, selectors.WORDPRESS_COMMENT_AUTHOR)) or None, date
    )


def _first_div(item: Tag) -> Tag | None:
    """Return a legacy comment's own wrapper (Twenty Ten: `li > div#comment-N`)."""
    return next((c for c in item.children if isinstance(c, Tag) and c.name == "div"), None)


def _legacy_text(body: Tag) -> list[Tag]:
    """Return the text elements of a legacy comment: its children that are not chrome."""
    return [
        child
        for child in body.children
        if isinstance(child, Tag)
        and not classes(child) & selectors.WORDPRESS_COMMENT_CHROME
        and child.name not in {"br", "em"}
    ]
