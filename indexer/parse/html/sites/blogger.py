"""Blogger blogs (On Probation and others): layout themes (Simple, Minima, Watermark…) and the
newer themes (Contempo, Soho…), with threaded or classic flat comments.

Post: `div.post.hentry` (or `article.post-outer-container`) > `h3.post-title` + `div.post-body`;
the date header `h2.date-header`, `abbr.published[title]` or `time.published[datetime]`.
Threads: `#comment-holder ol#top-ra > li.comment`, replies under `div.comment-replies`.
"""

from __future__ import annotations

from bs4.element import Tag

from indexer.model import SourceType
from indexer.parse.assemble import Draft
from indexer.parse.dates import parse_date, parse_date_line
from indexer.parse.html import selectors
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.page import BLOGGER, Page
from indexer.parse.html.soup import Markup, text_of
from indexer.parse.html.threads import (
    CommentParts,
    child_with_class,
    comment_draft,
    find_in,
    has_class,
    link_date,
    thread_drafts,
)


def matches(markup: Markup) -> bool:
    """Return whether the page is a Blogger page (generator meta, or Blogger's post markup)."""
    if selectors.BLOGGER_GENERATOR.match(markup.meta.get("generator", "")):
        return True
    return bool(markup.classes & selectors.BLOGGER_MARKER_CLASSES)


def extract(markup: Markup) -> Page:
    """Return the post's body, markup metadata and comment thread."""
    post = markup.first(selectors.BLOGGER_POST) or markup.soup
    body = markup.first(selectors.BLOGGER_BODY, post)
    header_text = text_of(markup.first(selectors.BLOGGER_DATE_HEADER))
    evidence = Evidence(
        title=text_of(markup.first(selectors.BLOGGER_TITLE, post)) or None,
        date=parse_date_line(header_text) or parse_date(header_text),
        author=text_of(markup.first(selectors.BLOGGER_AUTHOR, post)) or None,
        site=text_of(markup.first(selectors.BLOGGER_SITE)) or None,
    )
    return Page(
        family=BLOGGER,
        body=[body] if body is not None else [],
        markup=evidence,
        source_type=SourceType.BLOG_POST,
        comments=comments(markup),
    )


def comments(markup: Markup) -> list[Draft]:
    """Return the comments of the threaded holder, else of the classic flat list."""
    top = markup.first((selectors.BLOGGER_THREAD_ROOT,))
    if top is not None:
        return thread_drafts(top, has_class(selectors.BLOGGER_COMMENT_CLASS), _replies, _read)
    flat = markup.first(selectors.BLOGGER_FLAT_ROOT)
    return _flat_comments(flat) if flat is not None else []


def _replies(item: Tag) -> Tag | None:
    return child_with_class(item, {selectors.BLOGGER_REPLIES_CLASS})


def _read(item: Tag) -> CommentParts:
    block = child_with_class(item, {"comment-block"}) or item
    text = find_in(block, selectors.BLOGGER_COMMENT_TEXT)
    deleted = text is not None and text.find(class_=selectors.BLOGGER_DELETED_CLASS) is not None
    when = find_in(block, selectors.BLOGGER_COMMENT_DATE)
    return CommentParts(
        text_roots=[] if text is None or deleted else [text],
        author=text_of(find_in(block, selectors.BLOGGER_COMMENT_AUTHOR)) or None,
        date=link_date(when.find("a") if when is not None else None),
    )


def _flat_comments(root: Tag) -> list[Draft]:
    """Classic `dl#comments-block`: `dt.comment-author`, `dd.comment-body`, `dd.comment-footer`."""
    drafts: list[Draft] = []
    for number, author in enumerate(root.find_all("dt", class_="comment-author"), 1):
        body = author.find_next_sibling("dd", class_="comment-body")
        footer = author.find_next_sibling("dd", class_="comment-footer")
        deleted = body is not None and body.find(class_=selectors.BLOGGER_DELETED_CLASS)
        parts = CommentParts(
            text_roots=[body] if body is not None and not deleted else [],
            author=text_of(author) or None,
            date=link_date(footer.find("a") if footer is not None else None),
        )
        draft = comment_draft(parts, str(number))
        if draft is not None:
            drafts.append(draft)
    return drafts
