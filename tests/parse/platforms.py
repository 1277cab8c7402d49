"""Render a parsed text document into the markup of each platform it could be saved from.

The markup follows the outlines in the project's platform notes: Blogger's layout themes
(`div.post.hentry` > `h3.post-title` + `div.post-body`, threaded comments in `ol#top-ra` >
`li.comment` with `cite.user` and `p.comment-content`, replies in `div.comment-replies`),
a classic WordPress theme (`article.post` > `h1.entry-title` + `div.entry-content`, core's
`Walker_Comment` HTML5 output in `ol.comment-list` with `ol.children`), and a plain page
that no recogniser knows (`<article>` with its `h1`). Body conventions are the real ones:
headings are `h2`, bullet findings `ul > li`, text a post reproduces from another source is
in a `blockquote` (findings too), each paragraph a `p`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html import escape
from itertools import groupby

from indexer.model import Document, Element, ElementKind
from indexer.parse.patterns import PRESS_NOTES_HEADING as NOTES_HEADING
from indexer.parse.patterns import REPORT_SOURCE

BLOGGER, WORDPRESS, PLAIN = "blogger", "wordpress", "plain"
PLATFORMS = (BLOGGER, WORDPRESS, PLAIN)


def render(document: Document, platform: str) -> str:
    """Return `document` as a saved page of `platform`."""
    body = "\n".join(_body(document))
    comments = [e for e in document.elements if e.kind is ElementKind.COMMENT]
    return RENDERERS[platform](document, body, comments)


def _body(document: Document) -> Iterator[str]:
    """Yield the body's markup: headings when they change, then each run of elements."""
    heading: str | None = None
    body = [e for e in document.elements if e.kind is not ElementKind.COMMENT]
    runs = [
        (key, list(run))
        for key, run in groupby(
            body, key=lambda e: (e.heading, e.quoted_from, e.kind is ElementKind.FINDING)
        )
    ]
    for index, ((new_heading, quoted, finding), run) in enumerate(runs):
        title = ""
        if new_heading != heading and new_heading is not None:
            title = f"<h2>{escape(new_heading)}</h2>"
        heading = new_heading
        items = run
        # A heading over quoted text only is the pasted article's own headline, pasted with it;
        # one that goes on over the post's own text after the quote is the post's.
        later = [key for key, _ in runs[index + 1 :] if key[0] == new_heading]
        if not quoted:
            yield title
        elif title and not finding and all(key[1] for key in later):
            inner_title = title
        else:
            yield title
            inner_title = ""
        if finding:
            inner = "<ul>" + "".join(f"<li>{escape(e.text)}</li>" for e in items) + "</ul>"
        elif new_heading == NOTES_HEADING:  # a release's notes are a numbered list
            inner = "<ol>" + "".join(f"<li>{_lines(e)}</li>" for e in items) + "</ol>"
        elif quoted and items[0].speaker == REPORT_SOURCE and "\n" in items[0].text:
            # "The report says:" stays outside the quote of the report's words.
            intro, rest = items[0].text.split("\n", 1)
            first = Element(items[0].id, items[0].kind, items[0].position, rest)
            yield f"<p>{escape(intro)}</p>"
            items = [first, *items[1:]]
            inner = "\n".join(_paragraphs(e) for e in items)
        else:
            inner = "\n".join(_paragraphs(e) for e in items)
        yield f"<blockquote>{inner_title}{inner}</blockquote>" if quoted else inner


def _lines(element: Element) -> str:
    return "<br/>".join(escape(line) for line in element.text.split("\n"))


def _paragraphs(element: Element) -> str:
    return "\n".join(f"<p>{escape(line)}</p>" for line in element.text.split("\n"))


def _head(document: Document, generator: str | None) -> str:
    meta = f'<meta name="generator" content="{generator}">' if generator else ""
    if generator is None and document.date:  # a plain site's Open Graph article tags
        meta += f'<meta property="article:published_time" content="{document.date}T08:00:00Z">'
    return f'<head><meta charset="utf-8">{meta}<title>{escape(document.title)}</title></head>'


def _blogger(document: Document, body: str, comments: list[Element]) -> str:
    date = (
        f"<h2 class='date-header'><span>{_long_date(document)}</span></h2>" if document.date else ""
    )
    return (
        f"<!DOCTYPE html><html>{_head(document, 'blogger')}<body>"
        "<div class='blog-posts hfeed'><div class='date-outer'>"
        f"{date}<div class='date-posts'><div class='post-outer'>"
        "<div class='post hentry' itemprop='blogPost'>"
        f"<h3 class='post-title entry-title'>{escape(document.title)}</h3>"
        f"<div class='post-body entry-content' itemprop='articleBody'>{body}</div>"
        "</div></div></div></div></div>"
        f"{_blogger_comments(comments)}</body></html>"
    )


def _blogger_comments(comments: list[Element]) -> str:
    if not comments:
        return ""
    threads = []
    for top, replies in _threads(comments):
        inner = "".join(f"<div>{_blogger_comment(reply, '')}</div>" for reply in replies)
        thread = (
            "<div class='comment-replies'><div class='comment-thread inline-thread'>"
            f"<ol class='thread-chrome thread-expanded'>{inner}</ol></div></div>"
        )
        threads.append(_blogger_comment(top, thread if replies else ""))
    return (
        "<div class='comments' id='comments'><div class='comments-content'>"
        "<div id='comment-holder'><div class='comment-thread toplevel-thread'>"
        f"<ol id='top-ra'>{''.join(threads)}</ol></div></div></div></div>"
    )


def _blogger_comment(comment: Element, replies: str) -> str:
    # Blogger shows "Anonymous" and keeps a signature as the comment's last line.
    lines = escape(comment.text).replace("\n", "<br/>")
    signature = f"<br/><br/>{escape(comment.author)}" if comment.author else ""
    return (
        f"<li class='comment' id='c{1000 + comment.position}'><div class='comment-block'>"
        "<div class='comment-header'><cite class='user'>Anonymous</cite></div>"
        f"<p class='comment-content'>{lines}{signature}</p></div>{replies}</li>"
    )


def _wordpress(document: Document, body: str, comments: list[Element]) -> str:
    time = (
        f"<time class='entry-date published' datetime='{document.date}T09:00:00+00:00'>"
        f"{_long_date(document)}</time>"
        if document.date
        else ""
    )
    return (
        f"<!DOCTYPE html><html>{_head(document, 'WordPress 6.4.2')}<body class='single'>"
        "<article class='post type-post'><header class='entry-header'>"
        f"<h1 class='entry-title'>{escape(document.title)}</h1>"
        f"<div class='entry-meta'>{time}</div></header>"
        f"<div class='entry-content'>{body}</div></article>"
        f"{_wordpress_comments(comments)}</body></html>"
    )


def _wordpress_comments(comments: list[Element]) -> str:
    if not comments:
        return ""
    items = []
    for top, replies in _threads(comments):
        children = "".join(_wordpress_comment(reply, 2, "") for reply in replies)
        items.append(
            _wordpress_comment(top, 1, f"<ol class='children'>{children}</ol>" if replies else "")
        )
    listed = "".join(items)
    return f"<div id='comments' class='comments-area'><ol class='comment-list'>{listed}</ol></div>"


def _wordpress_comment(comment: Element, depth: int, children: str) -> str:
    text = "".join(
        "<p>" + escape(paragraph).replace("\n", "<br/>") + "</p>"
        for paragraph in comment.text.split("\n\n")
    )
    author = escape(comment.author or "Anonymous")
    number = 1000 + comment.position
    return (
        f"<li id='comment-{number}' class='comment depth-{depth}'>"
        f"<article id='div-comment-{number}' class='comment-body'><footer class='comment-meta'>"
        f"<div class='comment-author vcard'><b class='fn'>{author}</b> "
        "<span class='says'>says:</span></div></footer>"
        f"<div class='comment-content'>{text}</div></article>{children}</li>"
    )


def _plain(document: Document, body: str, comments: list[Element]) -> str:
    byline = ""
    if document.author and document.date:
        byline = f"<p class='byline'>{escape(document.author)} - {_long_date(document)}</p>"
    return (
        f"<!DOCTYPE html><html>{_head(document, None)}<body>"
        "<header role='banner'><h1>The Site</h1></header>"
        f"<main><article><h1>{escape(document.title)}</h1>{byline}{body}</article></main>"
        "</body></html>"
    )


def _threads(comments: list[Element]) -> Iterator[tuple[Element, list[Element]]]:
    """Yield each top-level comment with its replies (Blogger threads are two levels deep)."""
    for _, group in groupby(comments, key=lambda c: (c.comment_path or "").split(".")[0]):
        top, *replies = list(group)
        yield top, replies


def _long_date(document: Document) -> str:
    from datetime import date

    assert document.date is not None
    day = date.fromisoformat(document.date)
    return f"{day:%A}, {day.day} {day:%B %Y}"


RENDERERS: dict[str, Callable[[Document, str, list[Element]], str]] = {
    BLOGGER: _blogger,
    WORDPRESS: _wordpress,
    PLAIN: _plain,
}
