"""WordPress posts (russellwebster.com and other WP blogs): classic themes and Elementor.

Title `h1.entry-title` (Elementor: the post-title widget), body `div.entry-content` (Elementor:
the post-excerpt and post-content widgets); comments from core's `Walker_Comment`:
`ol.comment-list > li.comment#comment-N`, replies in `ol.children`/`ul.children` to any depth,
HTML5 (`article.comment-body`, `b.fn`, `time[datetime]`, `div.comment-content`) or legacy
(`div.comment-body`, `cite.fn`, `div.comment-meta a`, bare `p`s) markup.
"""

from __future__ import annotations

from bs4.element import Tag

from indexer.model import SourceType
from indexer.parse.assemble import Draft
from indexer.parse.html import selectors
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.metadata import iso_date
from indexer.parse.html.page import ANALYSIS, Page
from indexer.parse.html.soup import Markup, attr, classes, text_of
from indexer.parse.html.threads import (
    CommentParts,
    child_with_class,
    find_in,
    link_date,
    thread_drafts,
)


def matches(markup: Markup) -> bool:
    """Return whether the page is WordPress (generator meta, wp-content assets, WP markup)."""
    if selectors.WORDPRESS_GENERATOR.match(markup.meta.get("generator", "")):
        return True
    if selectors.WORDPRESS_API_LINK in markup.links:
        return True
    if any(path in url for url in markup.assets for path in selectors.WORDPRESS_ASSET_PATHS):
        return True
    return bool(markup.classes & selectors.WORDPRESS_MARKER_CLASSES)


def extract(markup: Markup) -> Page:
    """Return the post's standfirst and content, markup metadata and comment tree."""
    parts = (markup.first(selectors.WORDPRESS_STANDFIRST), markup.first(selectors.WORDPRESS_BODY))
    evidence = Evidence(
        title=text_of(markup.first(selectors.WORDPRESS_TITLE)) or None,
        date=iso_date(text_of(markup.first(selectors.WORDPRESS_DATE_TEXT))),
        author=text_of(markup.first(selectors.WORDPRESS_AUTHOR)) or None,
    )
    body = [tag for tag in parts if tag is not None]
    return Page(ANALYSIS, body, evidence, SourceType.BLOG_POST, comments(markup))


def comments(markup: Markup) -> list[Draft]:
    """Return the comments of the page's WordPress comment list, if it has one."""
    top = markup.first(selectors.WORDPRESS_COMMENT_LIST)
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
    if "comment-content" in classes(body):
        content: Tag | None = body
    else:
        content = find_in(body, selectors.WORDPRESS_COMMENT_TEXT)
    roots = [content] if content is not None else _legacy_text(body)
    meta = find_in(body, selectors.WORDPRESS_COMMENT_META)
    time = (meta or body).find("time", datetime=True)
    if isinstance(time, Tag):
        date = attr(time, "datetime")
    else:
        date = link_date(meta.find("a") if meta is not None else None)
    author = text_of(find_in(body, selectors.WORDPRESS_COMMENT_AUTHOR)) or None
    return CommentParts(roots, author, date)


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
