"""Snippets: pick the best window of an element's text around the words that matched.

Pure Python with no engine and no markup in it: the caller supplies the spans that matched
(`indexer.marking`), the result is plain text with the spans shifted into it. The web app
escapes the text and adds `<mark>` (`web/markup.py`); the CLI prints `**` around them.
"""

from __future__ import annotations

from collections.abc import Sequence

from indexer.fields import TEXT
from indexer.marking import MatchTargets, match_spans
from indexer.records import Record, make_hit
from indexer.results import Hit, HitSource, Snippet, Span

SNIPPET_CHARS = 280
ELLIPSIS = "…"


def make_snippet(text: str, spans: Sequence[Span], width: int = SNIPPET_CHARS) -> Snippet:
    """Return a window of `text` of about `width` characters around the densest `spans`."""
    spans = sorted(spans)
    start, end = _best_window(text, spans, width)
    window = text[start:end]
    lead = len(window) - len(window.lstrip())
    body = window.strip()
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start - lead
    marks = tuple(
        (span_start + shift, span_end + shift)
        for span_start, span_end in spans
        if span_start >= start + lead and span_end <= start + lead + len(body)
    )
    if prefix and not body:
        prefix = ""
    return Snippet(prefix + body + suffix, marks)


def whole_text(text: str, spans: Sequence[Span]) -> Snippet:
    """Return all of `text` with its sorted `spans` (a document page's element)."""
    return Snippet(text, tuple(sorted(spans)))


def _best_window(text: str, spans: Sequence[Span], width: int) -> tuple[int, int]:
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


def plain_snippet(snippet: Snippet, left: str = "**", right: str = "**") -> str:
    """Return a snippet for a terminal: each matched span between `left` and `right`."""
    pieces: list[str] = []
    cursor = 0
    for start, end in snippet.marks:
        pieces += [snippet.text[cursor:start], left, snippet.text[start:end], right]
        cursor = end
    pieces.append(snippet.text[cursor:])
    return "".join(pieces)


def hit_of(
    record: Record,
    score: float,
    targets: MatchTargets,
    also_in: list[HitSource] | None = None,
    more_in_document: int = 0,
) -> Hit:
    """Return the hit of one record, its matches marked in the snippet."""
    text = record.get(TEXT, "")
    snippet = make_snippet(text, match_spans(text, targets))
    return make_hit(record, score, snippet, also_in, more_in_document)
