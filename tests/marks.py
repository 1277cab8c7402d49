"""Reading a hit's snippet in tests: the words it marks, and the page's HTML of it."""

from __future__ import annotations

from indexer.results import Snippet
from web.markup import snippet_html


def marked_words(snippet: Snippet) -> list[str]:
    """Return the marked pieces of a snippet's text, in order."""
    return [snippet.text[start:end] for start, end in snippet.marks]


def html(snippet: Snippet) -> str:
    """Return the snippet as the pages show it: escaped, with `<mark>`."""
    return str(snippet_html(snippet))
