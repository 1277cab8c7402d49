"""Snippets: the best window, escaped text, marks only around matches."""

from __future__ import annotations

from indexer.highlight import make_snippet, plain_snippet


def test_short_text_is_whole_and_escaped() -> None:
    text = 'Tom & Jerry said "<b>caseloads</b>" rose'
    start = text.index("caseloads")
    snippet = make_snippet(text, [(start, start + len("caseloads"))])
    assert snippet == 'Tom &amp; Jerry said "&lt;b&gt;<mark>caseloads</mark>&lt;/b&gt;" rose'


def test_long_text_window_centres_on_the_densest_matches() -> None:
    text = ("filler " * 100) + "high caseloads and more caseloads here " + ("tail " * 100)
    spans = [(i, i + 9) for i in range(len(text)) if text.startswith("caseloads", i)]
    snippet = make_snippet(text, spans, width=120)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert snippet.count("<mark>caseloads</mark>") == 2
    assert len(snippet) < 200


def test_no_match_gives_the_opening_of_the_text() -> None:
    text = "word " * 200
    snippet = make_snippet(text, [], width=50)
    assert snippet.startswith("word word") and snippet.endswith("…")
    assert "<mark>" not in snippet


def test_plain_snippet_for_terminals() -> None:
    assert plain_snippet("a &lt;b&gt; <mark>c</mark>") == "a <b> **c**"
