"""Write a Post as a file in one of the project's real input formats.

Plain text as the bundled `documents/*.txt` are laid out (the practitioners' blog, the
analysis blog, the inspectorate's press releases), or HTML as Blogger and WordPress serve
those sites (see shared/reference/html-platforms.md).
"""

from __future__ import annotations

import html

from benchmarks.posts import (
    ANALYSIS,
    BLOGGER,
    BULLET,
    HEADING,
    INLINE_QUOTE,
    LAST_WORD,
    SAID,
    Comment,
    Post,
)

ANALYSIS_MASTHEAD = (
    "Keep up to date with Drugs & Crime",
    "",
    "Russell Webster",
    "",
    "Criminal Justice & substance misuse expert and author of this blog.",
)
"""The analysis blog's masthead, author box included: the page names its site (seed 003)."""
SHARE_BLOCK = (
    "Share This Post",
    "",
    "Share on twitter",
    "Share on facebook",
    "Share on linkedin",
    "Share on email",
)
ANALYSIS_FOOTER = (
    "Related posts",
    "",
    "Leave a Reply",
    "",
    "Your email address will not be published.",
    "",
    "All Probation Posts are sponsored by Unilink",
    "",
    "With over 20 years’ experience in the criminal justice sector, Unilink is a world leader "
    "in probation and community corrections software applications.",
    "",
    "keep informed",
    "",
    "One email every day at noon",
)


def render_text(post: Post) -> str:
    """Return `post` as the plain text its site's saved copies have."""
    lines: list[str] = []
    if post.family == BLOGGER:
        lines += [post.day.strftime("%A, %-d %B %Y"), "", post.title, ""]
    elif post.family == ANALYSIS:
        lines += [*ANALYSIS_MASTHEAD, "", post.title, ""]
    else:
        lines += [post.title, ""]
    for position, (tag, text, speaker) in enumerate(post.body):
        lines += _text_block(tag, text, speaker)
        if post.family == ANALYSIS and position == 0:
            lines += [*SHARE_BLOCK, ""]  # after the standfirst, as the site lays it out
    if post.family == ANALYSIS:
        lines += [*SHARE_BLOCK, "", *ANALYSIS_FOOTER]
    if post.notes:
        lines += ["– ENDS –", "", "Notes to editors:", ""]
        lines += [f"{i}. {note}" for i, note in enumerate(post.notes, start=1)]
    if post.comments:
        lines += ["", ""]
    for comment in post.comments:
        indent = "  " if "." not in comment.path else "    "
        lines += [f"{indent}{comment.path.rsplit('.', 1)[-1]}. {comment.text}", ""]
        if comment.signature:
            lines += [f"{indent}{comment.signature}", ""]
    return "\n".join(lines) + "\n"


def _text_block(tag: str, text: str, speaker: str) -> list[str]:
    if tag == BULLET:
        return [f"  • {text}"]
    if tag == SAID:
        return [f"{speaker} said:", "", text, ""]
    if tag == INLINE_QUOTE:
        return [f"{speaker} said: “{text}”", ""]
    if tag == LAST_WORD:
        return [f"As usual, I leave the last word to {speaker}:", "", text, ""]
    if tag == HEADING:
        return [text, ""]
    return [text, ""]


def render_html(post: Post) -> str:
    """Return `post` as its platform serves it: Blogger for the blog, WordPress otherwise."""
    if post.family == BLOGGER:
        return _blogger_page(post)
    return _wordpress_page(post)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_blocks(post: Post) -> str:
    parts: list[str] = []
    in_list = False
    for tag, text, speaker in post.body:
        if tag == BULLET and not in_list:
            parts.append("<ul>")
        elif tag != BULLET and in_list:
            parts.append("</ul>")
        in_list = tag == BULLET
        if tag == BULLET:
            parts.append(f"<li>{_e(text)}</li>")
        elif tag == HEADING:
            parts.append(f"<h2>{_e(text)}</h2>")
        elif tag == SAID:
            parts.append(f"<p>{_e(speaker)} said:</p><blockquote><p>{_e(text)}</p></blockquote>")
        elif tag == INLINE_QUOTE:
            parts.append(f"<p>{_e(speaker)} said: “{_e(text)}”</p>")
        elif tag == LAST_WORD:
            parts.append(
                f"<p>As usual, I leave the last word to {_e(speaker)}:</p>"
                f"<blockquote><p>{_e(text)}</p></blockquote>"
            )
        else:
            parts.append(f"<p>{_e(text)}</p>")
    if in_list:
        parts.append("</ul>")
    if post.notes:
        parts.append("<p>– ENDS –</p><p>Notes to editors:</p><ol>")
        parts += [f"<li>{_e(note)}</li>" for note in post.notes]
        parts.append("</ol>")
    return "\n".join(parts)


def _blogger_comment(comment_id: str, comment: Comment, replies: str) -> str:
    """Return one `li.comment` as Blogger renders it, its signature on the last line."""
    body = _e(comment.text) + (f"<br/><br/>{_e(comment.signature)}" if comment.signature else "")
    minute = int(comment_id) % 60
    return (
        f'<li class="comment" id="c{comment_id}">'
        '<div class="avatar-image-container"><img src="//blogger.googleusercontent.com/a.png"/>'
        '</div><div class="comment-block"><div class="comment-header">'
        '<cite class="user">Anonymous</cite><span class="icon user"></span>'
        '<span class="datetime secondary-text">'
        f'<a href="?showComment={comment_id}#c{comment_id}">January 13, 2017 at 2:{minute:02d} PM'
        f'</a></span></div><p class="comment-content">{body}</p>'
        '<span class="comment-actions secondary-text"><a class="comment-reply">Reply</a>'
        '<span class="item-control blog-admin">Delete</span></span></div>'
        f'<div class="comment-replies">{replies}</div></li>'
    )


def _blogger_comments(post: Post) -> str:
    if not post.comments:
        return '<div class="comments" id="comments"><h4>No comments:</h4></div>'
    base = post.day.toordinal() * 1000
    threads: list[tuple[str, Comment, list[tuple[str, Comment]]]] = []
    for number, comment in enumerate(post.comments):
        if "." in comment.path and threads:
            threads[-1][2].append((str(base + number), comment))
        else:
            threads.append((str(base + number), comment, []))
    items = "".join(
        _blogger_comment(top_id, top, _blogger_thread(top_id, replies))
        for top_id, top, replies in threads
    )
    return (
        f'<div class="comments" id="comments"><h4>{len(post.comments)} comments:</h4>'
        '<div class="comments-content"><div id="comment-holder">'
        f'<div class="comment-thread toplevel-thread"><ol id="top-ra">{items}</ol></div>'
        '</div></div><p class="comment-footer">Post a Comment</p></div>'
    )


def _blogger_thread(top_id: str, replies: list[tuple[str, Comment]]) -> str:
    """Return a top-level comment's reply thread; replies have empty, hidden threads."""
    hidden = "" if replies else " hidden"
    inner = "".join(
        f"<div>{_blogger_comment(reply_id, reply, _empty_thread(reply_id))}</div>"
        for reply_id, reply in replies
    )
    return (
        f'<div class="comment-thread inline-thread{hidden}" id="c{top_id}-rt">'
        '<span class="thread-toggle"><span class="thread-count"><a>Replies</a></span></span>'
        f'<ol class="thread-chrome thread-expanded" id="c{top_id}-ra">{inner}'
        f'<div class="continue" id="c{top_id}-continue"><a class="comment-reply">Reply</a>'
        "</div></ol></div>"
    )


def _empty_thread(comment_id: str) -> str:
    return f'<div class="comment-thread inline-thread hidden" id="c{comment_id}-rt"></div>'


def _blogger_page(post: Post) -> str:
    iso = post.day.isoformat()
    post_id = post.day.toordinal()
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"/>'
        f"<title>On Probation: {_e(post.title)}</title></head><body>"
        '<div class="blog-posts hfeed"><div class="date-outer">'
        f'<h2 class="date-header"><span>{post.day.strftime("%A, %-d %B %Y")}</span></h2>'
        '<div class="date-posts"><div class="post-outer">'
        '<div class="post hentry" itemprop="blogPost">'
        f'<h3 class="post-title entry-title">{_e(post.title)}</h3>'
        '<div class="post-header"></div>'
        f'<div class="post-body entry-content" id="post-body-{post_id}" itemprop="articleBody">'
        f"\n{_html_blocks(post)}\n</div>"
        '<div class="post-footer"><span class="post-author vcard">Posted by '
        '<span class="fn">Jim Brown</span></span> <span class="post-timestamp">'
        f'<a class="timestamp-link"><abbr class="published" title="{iso}T08:00:00Z">'
        "08:00</abbr></a></span></div></div>"
        f"{_blogger_comments(post)}</div></div></div></div></body></html>\n"
    )


def _wordpress_page(post: Post) -> str:
    iso = post.day.isoformat()
    site = "Russell Webster" if post.family == ANALYSIS else "HM Inspectorate of Probation"
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="UTF-8"/>'
        f'<meta property="og:title" content="{_e(post.title)}"/>'
        f'<meta property="og:site_name" content="{site}"/>'
        '<meta property="og:type" content="article"/>'
        f'<meta property="article:published_time" content="{iso}T09:00:00+00:00"/>'
        f"<title>{_e(post.title)} - {site}</title></head><body>"
        f'<article id="post-{post.day.toordinal()}" class="post">'
        f'<header class="entry-header"><h1 class="entry-title">{_e(post.title)}</h1>'
        f'<div class="entry-meta"><time class="entry-date published" datetime="{iso}">'
        f"{post.day.strftime('%-d %B %Y')}</time></div></header>"
        f'<div class="entry-content">\n{_html_blocks(post)}\n</div>'
        '<footer class="entry-footer">Share This Post</footer></article>'
        '<div id="comments" class="comments-area"><div id="respond" class="comment-respond">'
        '<h3 id="reply-title">Leave a Reply</h3>'
        "<p>Your email address will not be published.</p></div></div></body></html>\n"
    )
