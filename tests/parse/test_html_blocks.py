"""The walk from markup to lines and paragraphs, noise left out, and random markup survived."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.errors import ParseError
from indexer.model import SourceFormat, SourceText
from indexer.parse import parse_source
from indexer.parse.html.blocks import Line, lines_of, paragraphs_of, paras_of
from indexer.parse.html.soup import make_soup, text_of


def body(html: str) -> list[Line]:
    soup = make_soup(f"<html><body>{html}</body></html>", "t.html")
    assert soup.body is not None
    return lines_of([soup.body])


def test_blocks_breaks_lists_headings_and_quotes_become_lines() -> None:
    lines = body(
        "<div><p>One <b>two</b><br>three</p><h2>Head</h2><ul><li>a</li><li>b <i>c</i></li></ul>"
        "<blockquote><p>q</p></blockquote>x<br><br>y<br>z</div>"
    )
    assert [(ln.text, ln.bullet, ln.heading, ln.quoted) for ln in lines] == [
        ("One two", False, False, False),
        ("three", False, False, False),
        ("Head", False, True, False),
        ("a", True, False, False),
        ("b c", True, False, False),
        ("q", False, False, True),
        ("x", False, False, False),
        ("y", False, False, False),
        ("z", False, False, False),
    ]
    soup = make_soup("<div>x<br><br>y<br>z<p>w</p></div>", "t.html")
    assert soup.div is not None
    assert paragraphs_of(soup.div) == [["x"], ["y", "z"], ["w"]]


def test_noise_and_hidden_markup_never_become_text() -> None:
    lines = body(
        "<p>kept</p><script>var a = 1</script><style>p {}</style><noscript>n</noscript>"
        "<form><label>Email</label><input></form><nav>Home</nav><aside>Side</aside>"
        "<p hidden>h</p><p aria-hidden='true'>a</p><p style='color: red; display : none'>d</p>"
        "<div class='sharedaddy'>Share this</div><span class='screen-reader-text'>Posted on</span>"
        "<header>Site header</header><iframe>f</iframe><!-- a comment --><p>also kept</p>"
        "<ul><li><a href='/1'>Related one</a></li><li><a href='/2'>Related two</a></li></ul>"
        "<h2>Section <a href='#top'>(Back to top)</a></h2><p>end</p>"
    )
    assert [line.text for line in lines] == ["kept", "also kept", "Section", "end"]


def test_cells_rows_and_preformatted_text() -> None:
    lines = body("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table><pre>x\n y</pre>")
    assert [line.text for line in lines] == ["a b", "c", "x", "y"]


def test_inline_markup_does_not_split_words_and_paras_carry_flags() -> None:
    soup = make_soup("<h1>Pro<b>ba</b>tion <i>news</i></h1>", "t.html")
    assert text_of(soup.h1) == "Probation news"
    paras = paras_of([make_soup("<h3>H</h3><blockquote>Q</blockquote>", "t.html")])
    assert [(p.text, p.heading, p.quoted) for p in paras] == [
        ("H", True, False),
        ("Q", False, True),
    ]


def test_ten_thousand_nested_divs_are_walked_without_recursion() -> None:
    lines = body("<div>" * 10_000 + "<p>deep</p>" + "</div>" * 10_000 + "<p>after</p>")
    assert [line.text for line in lines] == ["deep", "after"]


TAGS = st.sampled_from(
    [
        "p", "div", "li", "ul", "ol", "h2", "blockquote", "br", "script", "a", "b", "table",
        "td", "article", "main", "nav", "header", "time", "abbr", "li class='comment'",
        "ol class='children'", "div class='comment-content'", "p class='comment-content'",
        "span class='datetime'",
    ]
)  # fmt: skip
TRICKS = st.sampled_from(
    [
        "<!--", "-->", "<![CDATA[", "&amp;", "&#x", "<", ">", '"', "=", "<title>",
        "<meta name='generator' content='blogger'>",
        "<script type='application/ld+json'>{\"@type\":\"Article\",",
    ]
)  # fmt: skip
PIECES = st.one_of(
    TAGS.map(lambda t: f"<{t}>"),
    TAGS.map(lambda t: f"</{t.split()[0]}>"),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    TRICKS,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=60))
def test_random_markup_parses_or_is_a_parse_error(pieces: list[str]) -> None:
    source = SourceText("r.html", "r.html", "".join(pieces), SourceFormat.HTML)
    try:
        doc = parse_source(source)
    except ParseError as error:
        assert error.path == "r.html" and error.reason
        return
    assert doc.elements and all(e.text.strip() for e in doc.elements)
