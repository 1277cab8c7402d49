"""Metadata from real pages: news bylines, press releases by their own signs, chrome that is
never a title, and site names read from the page or a sidecar, never assumed (issue 16)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.model import Document, SourceFormat, SourceText, SourceType
from indexer.parse import detect_family, parse_source, patterns
from indexer.parse.bylines import find_byline
from indexer.sources import read_source
from tests.parse.html_fixtures import HTML, html_source

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "tests" / "data" / "text"
Parse = Callable[[str], Document]


def text_fixture(name: str) -> Document:
    path = TEXT / name
    source = SourceText(
        path.name, f"tests/data/text/{name}", path.read_text("utf-8"), SourceFormat.TEXT
    )
    return parse_source(source)


def test_a_news_story_with_a_dated_byline_is_news_with_its_writer_and_date() -> None:
    doc = text_fixture("news_durham_inspection.txt")
    assert doc.source_type is SourceType.NEWS
    assert doc.title == "Inspectors praise Durham probation staff but warn of unread risk plans"
    assert (doc.date, doc.author, doc.site) == ("2018-03-14", "Hannah Moore", "Northern Echo Times")
    texts = [e.text for e in doc.elements]
    # The masthead, the cookie line and the fundraising strip are chrome: no title, no element.
    assert not any("cookies" in t or "journalism" in t or "Your news" in t for t in texts)
    assert texts[0].startswith("Probation officers in County Durham")


def test_posted_by_in_a_section_with_the_date_below_is_a_byline() -> None:
    doc = text_fixture("news_posted_by.txt")
    assert doc.source_type is SourceType.NEWS
    assert doc.title.startswith("Private probation firm missed warning signs")
    assert (doc.date, doc.author, doc.site) == ("2019-02-15", "Phil Miller", "The Ledger Review")
    assert not any(e.text.startswith("Posted by") for e in doc.elements)


def test_the_same_story_as_an_html_page_is_news_too() -> None:
    page = parse_source(html_source(HTML / "news_posted_by.html"))
    text = text_fixture("news_posted_by.txt")
    assert page.source_type is SourceType.NEWS
    assert (page.title, page.date, page.author, page.site) == (
        text.title,
        text.date,
        text.author,
        text.site,
    )
    assert [e.text for e in page.elements] == [e.text for e in text.elements]


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("Phil Miller - 15 February 2019", "Phil Miller", "2019-02-15"),
        ("By Hannah Moore | 14 March 2018", "Hannah Moore", "2018-03-14"),
        ("Jo Bloggs, Home Affairs Editor - 3 May 2017", "Jo Bloggs", "2017-05-03"),
        ("Posted by Phil Miller in Britain, 15 February 2019", "Phil Miller", "2019-02-15"),
        ("Posted by Phil Miller in Britain", "Phil Miller", None),
    ],
)
def test_byline_shapes(line: str, author: str, date: str | None) -> None:
    found = find_byline(["A headline about probation", line, "The story starts here."])
    assert found is not None and (found.author, found.date) == (author, date)


@pytest.mark.parametrize(
    "line",
    [
        "Probation staff in Derby - a union survey",  # a headline with a dash, no date
        "Posted by Anonymous at 10:05",  # Blogger's comment footer
        "Inspectors visited on 14 March 2018 and found the office closed.",  # a sentence
    ],
)
def test_lines_that_are_not_bylines(line: str) -> None:
    assert find_byline(["A headline", line, "Body."]) is None


def test_a_press_release_without_ends_or_notes_is_known_by_its_signs() -> None:
    doc = text_fixture("press_release_no_notes.txt")
    assert doc.source_type is SourceType.PRESS_RELEASE
    assert (doc.title, doc.date) == (
        "Probation in Nottinghamshire: stretched, but steady",
        "2017-06-07",
    )
    assert doc.site == "HM Inspectorate of Probation"  # it names the Chief Inspector of Probation


def test_one_sign_alone_does_not_make_a_release(parse_text: Parse) -> None:
    post = (
        "Thoughts on the latest inspection\n\n"
        "The Chief Inspector said the service was stretched, and I agree with her.\n\n"
        "Here is what I saw on my own team this week."
    )
    assert detect_family(post) == "generic"
    assert parse_text(post).source_type is SourceType.OTHER


def test_a_release_that_does_not_name_the_inspectorate_has_no_site(parse_text: Parse) -> None:
    release = (
        "Charity welcomes report on women's centres\n\n"
        "The charity's director said the findings were a turning point, publishing the report "
        "alongside its own survey of 200 women.\n\n– ENDS –"
    )
    doc = parse_text(release)
    assert (doc.source_type, doc.site) == (SourceType.PRESS_RELEASE, None)


@pytest.mark.parametrize(
    "chrome",
    [
        "We use cookies to give you the best experience on our website.",
        "This site uses cookies. Read our cookie policy.",
        "Support independent journalism: give from £3 a month",
        "Become a member and get the newsletter first",
        "Please donate today to keep this site free",
    ],
)
def test_a_chrome_line_is_never_the_title(parse_text: Parse, chrome: str) -> None:
    doc = parse_text(f"{chrome}\n\nProbation caseloads rise again\n\nThe figures show a rise.")
    assert doc.title == "Probation caseloads rise again"
    assert [e.text for e in doc.elements] == ["The figures show a rise."]


def test_a_masthead_h1_is_not_the_title_of_a_page() -> None:
    markup = (
        "<html><head><title>Caseloads rise again | Probation Watch</title></head><body>"
        '<header role="banner"><h1>Probation Watch</h1><p>News for practitioners</p></header>'
        "<main><article><h1>Caseloads rise again</h1><p>"
        + "Officers in the county now hold more cases than at any time since the reforms. " * 4
        + "</p></article></main></body></html>"
    )
    doc = parse_source(SourceText("p.html", "p.html", markup, SourceFormat.HTML))
    assert doc.title == "Caseloads rise again"
    no_article_h1 = markup.replace("<h1>Caseloads rise again</h1>", "")
    doc = parse_source(SourceText("p.html", "p.html", no_article_h1, SourceFormat.HTML))
    assert doc.title != "Probation Watch"


def test_site_names_are_not_constants_of_the_parser() -> None:
    assert not hasattr(patterns, "BLOGGER_SITE")
    assert not hasattr(patterns, "ANALYSIS_SITE") and not hasattr(patterns, "ANALYSIS_AUTHOR")
    source = (ROOT / "indexer" / "parse" / "patterns.py").read_text("utf-8")
    assert "Russell Webster" not in source and '"On Probation"' not in source


def test_the_bundled_posts_take_their_site_from_their_sidecars() -> None:
    documents = ROOT / "documents"
    blog = read_source(documents / "000_3317e4b1ec0bb89e.txt", "000_3317e4b1ec0bb89e.txt")
    analysis = read_source(documents / "001_55a1e3615517bc02.txt", "001_55a1e3615517bc02.txt")
    assert parse_source(blog).site == "On Probation"
    assert (parse_source(analysis).site, parse_source(analysis).author) == (
        "Russell Webster",
        "Russell Webster",
    )
    # 003's own masthead names its author, no sidecar needed.
    assert not (documents / "003_8893c796f86cfea1.txt.meta.json").exists()
    own = parse_source(read_source(documents / "003_8893c796f86cfea1.txt", "003.txt"))
    assert (own.site, own.author) == ("Russell Webster", "Russell Webster")


def test_a_press_release_page_without_ends_is_known_by_its_signs_too() -> None:
    from tests.parse.platforms import PLAIN, render

    text = text_fixture("press_release_no_notes.txt")
    markup = render(text, PLAIN)
    assert "ENDS" not in markup and "editors" not in markup
    page = parse_source(SourceText("r.html", "r.html", markup, SourceFormat.HTML))
    assert page.source_type is SourceType.PRESS_RELEASE
    assert [e.text for e in page.elements] == [e.text for e in text.elements]


def test_a_news_site_on_wordpress_that_says_newsarticle_is_news() -> None:
    from tests.parse.platforms import WORDPRESS, render

    text = text_fixture("news_durham_inspection.txt")
    linked = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "' + text.title + '"}</script></head>'
    )
    markup = render(text, WORDPRESS)
    news = parse_source(
        SourceText("n.html", "n.html", markup.replace("</head>", linked), SourceFormat.HTML)
    )
    blog = parse_source(SourceText("b.html", "b.html", markup, SourceFormat.HTML))
    assert (news.source_type, blog.source_type) == (SourceType.NEWS, SourceType.BLOG_POST)
