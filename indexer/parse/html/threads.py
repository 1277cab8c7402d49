"""Reader comments from the HTML tree: one draft each, with its place in the reply tree.

Paths are counted from the DOM, never copied from text: the n-th comment of a list is "n",
the m-th reply inside it "n.m". Blogger threads are two levels deep (a reply to a reply joins
the top comment's thread; every comment carries an empty hidden reply thread, which holds no
comment and so adds nothing); WordPress nests `ol.children` as deep as the site allows. A
deleted comment keeps its number (its replies still answer it) but is not an element;
pingbacks and trackbacks are not comments at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from bs4.element import Tag

from indexer.model import ElementKind
from indexer.parse.assemble import Draft
from indexer.parse.comments import split_signature
from indexer.parse.dates import parse_date
from indexer.parse.html import selectors
from indexer.parse.html.blocks import lines_of
from indexer.parse.html.soup import attr, classes, clean_text, text_of


@dataclass(frozen=True)
class CommentParts:
    """The pieces of one comment a platform reader found in its markup."""

    text_roots: list[Tag]
    author: str | None = None
    date: str | None = None


Reader = Callable[[Tag], CommentParts]
Matcher = Callable[[Tag], bool]
RepliesOf = Callable[[Tag], Tag | None]


def nearest(root: Tag, match: Matcher) -> list[Tag]:
    """Return the descendants of `root` that match, without looking inside a match."""
    found: list[Tag] = []
    stack = [child for child in reversed(root.contents) if isinstance(child, Tag)]
    while stack:
        node = stack.pop()
        if match(node):
            found.append(node)
        else:
            stack.extend(child for child in reversed(node.contents) if isinstance(child, Tag))
    return found


def thread_drafts(top: Tag, match: Matcher, replies_of: RepliesOf, read: Reader) -> list[Draft]:
    """Return the comment drafts of a thread in reading order, paths from the tree."""
    drafts: list[Draft] = []
    stack = [(item, str(n)) for n, item in reversed(list(enumerate(nearest(top, match), 1)))]
    while stack:
        item, path = stack.pop()
        draft = comment_draft(read(item), path)
        if draft is not None:
            drafts.append(draft)
        container = replies_of(item)
        if container is not None:
            replies = nearest(container, match)
            stack.extend((r, f"{path}.{n}") for n, r in reversed(list(enumerate(replies, 1))))
    return drafts


def comment_draft(parts: CommentParts, path: str) -> Draft | None:
    """Return the draft of one comment, or None when it was deleted or has no text."""
    paragraphs: list[list[str]] = []
    for line in lines_of(parts.text_roots):
        if line.starts_paragraph or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.text)
    flat = " ".join(" ".join(p) for p in paragraphs)
    if not flat or selectors.DELETED_COMMENT.match(flat):
        return None
    paragraphs, signature = split_signature(paragraphs)
    text = "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)
    return Draft(
        ElementKind.COMMENT,
        text,
        comment_path=path,
        author=named(parts.author) or signature,
        date=parts.date,
    )


def named(author: str | None) -> str | None:
    """Return a commenter's display name, or None for "Anonymous" and the like."""
    if author is None:
        return None
    name = selectors.SAID_SUFFIX.sub("", clean_text(author))
    return None if name.casefold() in selectors.ANONYMOUS_AUTHORS else name


def timestamp_from_epoch_ms(href: str | None) -> str | None:
    """Return the UTC ISO timestamp of Blogger's `showComment=<epoch ms>` permalink."""
    match = selectors.SHOW_COMMENT.search(href or "")
    if match is None:
        return None
    moment = datetime.datetime.fromtimestamp(int(match["ms"]) / 1000, tz=datetime.UTC)
    return moment.isoformat(timespec="seconds")


def timestamp_from_text(text: str) -> str | None:
    """Return "YYYY-MM-DDTHH:MM" (or the date alone) of a displayed comment time."""
    date = parse_date(text)
    if date is None:
        return None
    match = selectors.COMMENT_TIME.search(text)
    if match is None:
        return date
    hour = int(match["hour"]) % 12 if match["ampm"] else int(match["hour"])
    if match["ampm"] and match["ampm"].lower().startswith("p"):
        hour += 12
    return f"{date}T{hour:02d}:{match['minute']}" if hour < 24 else date


def has_class(name: str) -> Matcher:
    """Return a matcher for `li` elements with class `name`."""
    return lambda tag: tag.name == "li" and name in classes(tag)


def child_with_class(tag: Tag, names: set[str] | frozenset[str]) -> Tag | None:
    """Return the first direct child element of `tag` having one of the classes `names`."""
    return next((c for c in tag.children if isinstance(c, Tag) and classes(c) & names), None)


def find_in(root: Tag, pairs: tuple[tuple[str | None, str | None], ...]) -> Tag | None:
    """Return the first descendant of `root` matching a (tag name, class) pair, tried in order."""
    for name, class_name in pairs:
        found = (
            root.find(name or True, class_=class_name) if class_name else root.find(name or True)
        )
        if isinstance(found, Tag):
            return found
    return None


def link_date(tag: Tag | None) -> str | None:
    """Return the timestamp of a comment permalink: its epoch ms, else its displayed time."""
    if tag is None:
        return None
    return timestamp_from_epoch_ms(attr(tag, "href")) or timestamp_from_text(text_of(tag))
