"""Snippets: the best window of plain text, with the marks shifted into it; the HTML of it."""

from __future__ import annotations

from indexer.highlight import make_snippet, plain_snippet
from indexer.results import Snippet
from tests.marks import html, marked_words
from web.markup import marked


def test_short_text_is_whole_with_its_marks() -> None:
    text = 'Tom & Jerry said "<b>caseloads</b>" rose'
    start = text.index("caseloads")
    snippet = make_snippet(text, [(start, start + len("caseloads"))])
    assert snippet == Snippet(text, ((start, start + 9),))
    assert (
        html(snippet)
        == "Tom &amp; Jerry said &#34;&lt;b&gt;<mark>caseloads</mark>&lt;/b&gt;&#34; rose"
    )


def test_long_text_window_centres_on_the_densest_matches() -> None:
    text = ("filler " * 100) + "high caseloads and more caseloads here " + ("tail " * 100)
    spans = [(i, i + 9) for i in range(len(text)) if text.startswith("caseloads", i)]
    snippet = make_snippet(text, spans, width=120)
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert marked_words(snippet) == ["caseloads", "caseloads"]
    assert len(snippet.text) < 200


def test_marks_outside_the_window_are_dropped() -> None:
    text = "caseloads " + ("filler " * 100) + "oversight here " + ("tail " * 100)
    spans = [(0, 9), (text.index("oversight"), text.index("oversight") + 9)]
    snippet = make_snippet(text, spans, width=60)
    assert marked_words(snippet) in (["caseloads"], ["oversight"])


def test_no_match_gives_the_opening_of_the_text() -> None:
    text = "word " * 200
    snippet = make_snippet(text, [], width=50)
    assert snippet.text.startswith("word word") and snippet.text.endswith("…")
    assert snippet.marks == ()


def test_plain_snippet_for_terminals() -> None:
    assert plain_snippet(Snippet("a <b> c", ((6, 7),))) == "a <b> **c**"


def test_markup_escapes_everything_and_ignores_bad_spans() -> None:
    assert (
        str(marked("<i>x</i> y", [(3, 4), (2, 9), (9, 10)]))
        == "&lt;i&gt;<mark>x</mark>&lt;/i&gt; <mark>y</mark>"
    )
    assert str(marked("abc", [(5, 9)])) == "abc"
