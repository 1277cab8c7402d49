"""Matched words as HTML: text escaped, each matched span wrapped in `<mark>`.

The one place the web app turns search results into markup. The search service gives plain
text and character spans; everything of the text is escaped here, so a document's `<script>`
shows as text and the only tags in a snippet are ours.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from indexer.results import Snippet, Span


def marked(text: str, spans: Sequence[Span]) -> Markup:
    """Return `text` escaped, with the sorted, non-overlapping `spans` in `<mark>`."""
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        if start < cursor or end > len(text) or start >= end:
            continue  # out of order or out of range: never cut the text wrongly
        pieces += [escape(text[cursor:start]), "<mark>", escape(text[start:end]), "</mark>"]
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Markup("".join(pieces))


def snippet_html(snippet: Snippet) -> Markup:
    """Return a hit's snippet as HTML."""
    return marked(snippet.text, snippet.marks)
