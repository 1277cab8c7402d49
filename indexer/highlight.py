"""Snippets: pick the best window of an element's text and mark the matched words.

Pure Python with no engine in it; the caller supplies the token spans that matched. Every
character of the text is HTML-escaped; the only markup in a snippet is `<mark>`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

SNIPPET_CHARS = 280
ELLIPSIS = "…"


def make_snippet(text: str, spans: Sequence[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """Return an escaped window of `text` around the densest cluster of `spans`, marked up."""
    spans = sorted(spans)
    start, end = _best_window(text, spans, width)
    pieces = [ELLIPSIS] if start > 0 else []
    pieces.append(_marked(text, spans, start, end))
    if end < len(text):
        pieces.append(ELLIPSIS)
    return "".join(pieces).strip()


def mark_text(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Return the whole of `text` escaped, with `spans` wrapped in `<mark>`."""
    return _marked(text, sorted(spans), 0, len(text))


def _marked(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """Return `text[start:end]` escaped, with the sorted `spans` inside it marked."""
    pieces = []
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(html.escape(text[cursor:span_start], quote=False))
        pieces.append(f"<mark>{html.escape(text[span_start:span_end], quote=False)}</mark>")
        cursor = span_end
    pieces.append(html.escape(text[cursor:end], quote=False))
    return "".join(pieces)


def _best_window(text: str, spans: Sequence[tuple[int, int]], width: int) -> tuple[int, int]:
    """Return the [start, end) window of about `width` characters holding the most spans."""
    if len(text) <= width:
        return 0, len(text)
    best_start, best_count = 0, 0
    right = 0
    for left, (span_start, _) in enumerate(spans):
        right = max(right, left)
        while right < len(spans) and spans[right][1] - span_start <= width:
            right += 1
        if right - left > best_count:
            best_start, best_count = span_start, right - left
    if best_count == 0:
        return 0, _snap_end(text, width)
    # Start a little before the first match so it reads in context.
    start = _snap_start(text, max(0, best_start - width // 4))
    return start, _snap_end(text, start + width)


def _snap_start(text: str, index: int) -> int:
    if index <= 0:
        return 0
    space = text.rfind(" ", max(0, index - 20), index)
    return space + 1 if space >= 0 else index


def _snap_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, index - 20), index)
    return space if space > 0 else index


def plain_snippet(snippet: str, left: str = "**", right: str = "**") -> str:
    """Return a snippet for a terminal: marks replaced by `left`/`right`, entities unescaped."""
    marked = snippet.replace("<mark>", "\x00").replace("</mark>", "\x01")
    return html.unescape(marked).replace("\x00", left).replace("\x01", right)
