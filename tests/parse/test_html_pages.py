"""HTML fixtures of each platform: golden JSON, and the structure a careful reader sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.model import Document, ElementKind
from tests.parse.html_fixtures import FIXTURES, HTML, golden, parse_fixture

# Chrome, widgets and hidden text of the fixtures: none of it may reach an element.
NOISE = (
    "Share on",
    "Share to",
    "Share this",
    "Email This",
    "BlogThis",
    "Reply",
    "Delete",
    "Replies",
    "Add comment",
    "Load more",
    "Leave a Reply",
    "Your email address",
    "Post a Comment",
    "Posted by",
    "Newer Post",
    "Older Post",
    "Subscribe to",
    "Related",
    "Read more",
    "cookies",
    "Cookies",
    "Skip to",
    "Menu",
    "About Me",
    "View my complete profile",
    "Pingback",
    "awaiting moderation",
    "removed by",
    "(Back to top)",
    "must not be indexed",
    "decorative line",
    "tracking",
    "Open Government Licence",
    "Keep up to date with Drugs",
    "All Probation Posts are sponsored",
    "One email every day",
    "Select Language",
    "Criminal Justice & substance misuse expert",
    "Group of electricians",
    "Is this page useful",
    "Powered by",
)


def _comments(doc: Document) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (e.comment_path, e.author, e.date) for e in doc.elements if e.kind is ElementKind.COMMENT
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.stem)
def test_fixture_matches_golden_json(path: Path) -> None:
    expected = json.loads(golden(path).read_text(encoding="utf-8"))
    assert parse_fixture(path).to_dict() == expected


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.stem)
def test_fixture_has_no_chrome_and_says_what_it_follows(path: Path) -> None:
    assert "Follows:" in path.read_text(encoding="cp1252", errors="replace")[:3000]
    doc = parse_fixture(path)
    assert doc.format.value == "html"
    for element in doc.elements:
        for noise in NOISE:
            assert noise not in element.text, (element.id, noise)
            assert noise not in (element.heading or ""), (element.id, noise)
    assert [e.position for e in doc.elements] == list(range(len(doc.elements)))


def test_wordpress_thread_nests_four_levels_and_skips_pings_and_deleted() -> None:
    doc = parse_fixture(HTML / "wordpress_deep_thread.html")
    assert (doc.site, doc.date, doc.author) == (
        "Probation Practice",
        "2017-03-02",
        "Probation Practice",
    )
    assert doc.url == "https://probationpractice.example.org/2017/03/caseloads-after-tr/"
    assert _comments(doc) == [
        ("1", None, "2017-03-03T14:22:00+00:00"),
        ("1.1", "A PSO in the Midlands", "2017-03-03T18:05:00+00:00"),
        ("1.1.1", "Probation Practice", "2017-03-03T21:40:00+00:00"),
        ("1.1.1.1", "Sam", "2017-03-04T09:12:00+00:00"),
        ("2", "Ian", "2017-03-04T11:47:00+00:00"),
        ("2.1", "Jo Bloggs", "2017-03-05T08:30:00+00:00"),
        # 2.2 was deleted; the pingback between 2 and 3 is not a comment.
        ("3", "The honest PO", "2017-03-06T07:02:00+00:00"),
    ]
    first = next(e for e in doc.elements if e.comment_path == "1")
    assert (
        first.text
        == "My caseload went from 45 to 70 in a year.\nNobody asked whether that was safe."
    )
    signed = next(e for e in doc.elements if e.comment_path == "1.1")
    assert "PSO in the Midlands" not in signed.text


def test_wordpress_legacy_walker_markup_and_declared_latin1() -> None:
    doc = parse_fixture(HTML / "wordpress_legacy_comments.html")
    assert doc.date == "2012-06-11"
    assert _comments(doc) == [
        ("1", None, "2012-06-12T20:14"),
        ("1.1", "Editor", "2012-06-12T21:02"),
        ("1.1.1", None, "2012-06-13T07:30"),
    ]
    texts = [e.text for e in doc.elements]
    assert "The service’s “community payback” vests are back, too." in texts
    assert "Derbyshire. I’ll say no more." in texts


def test_blogger_classic_flat_comments_keep_the_number_of_a_deleted_one() -> None:
    doc = parse_fixture(HTML / "blogger_classic_flat_comments.html")
    assert (doc.title, doc.site, doc.date) == ("Tiering again", "Offender Manager", "2009-03-01")
    assert _comments(doc) == [
        ("1", "Probation Pete", "2009-03-01T19:24:00+00:00"),
        ("3", "Sarcastic of Shropshire", "2009-03-02T09:45:00+00:00"),
        ("4", "Mags", "2009-03-02T12:30"),
    ]


def test_blogger_threads_are_two_levels_with_epoch_timestamps() -> None:
    doc = parse_fixture(HTML / "002_88a13416ebd90fb1.html")
    paths = [path for path, _, _ in _comments(doc)]
    assert paths == ["1", "2", "3", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "5"]
    assert all(date and date.endswith("+00:00") for _, _, date in _comments(doc))
    assert doc.url == "http://probationmatters.blogspot.com/2016/09/tr-in-derbyshire.html"
    assert doc.site == "On Probation"  # not JSON-LD's publisher "Blogger"


def test_govuk_press_release() -> None:
    doc = parse_fixture(HTML / "govuk_press_release.html")
    assert (doc.site, doc.source_type.value, doc.date) == ("GOV.UK", "press_release", "2017-01-20")
    assert doc.elements[0].text.startswith("The Ministry of Justice will review caseloads")
    quote = next(e for e in doc.elements if e.kind is ElementKind.QUOTE)
    assert quote.speaker == "Sam Gyimah"
    assert quote.text.endswith("rigorously to account for their performance.")
    notes = [e.text for e in doc.elements if e.heading == "Notes to editors"]
    assert len(notes) == 2 and notes[1].startswith("For media enquiries")


def test_hmip_report_page_drops_back_to_top_and_dateline() -> None:
    doc = parse_fixture(HTML / "hmip_report_page.html")
    assert (doc.source_type.value, doc.site) == (
        "inspection_report",
        "HM Inspectorate of Probation",
    )
    assert [e.heading for e in doc.elements][:2] == [
        "Foreword from the HM Chief Inspector",
        "Key findings",
    ]
    assert not any(e.text.startswith("Published") for e in doc.elements)


def test_generic_news_article_is_found_by_structure() -> None:
    doc = parse_fixture(HTML / "generic_news_article.html")
    assert (doc.site, doc.author, doc.source_type.value) == (
        "Derby Evening Courier",
        "Helen Ward",
        "news",
    )
    assert (
        doc.url
        == "https://www.derbycourier.example.co.uk/news/probation-staff-breaking-point-1234567"
    )
    assert [e.kind.value for e in doc.elements] == ["section", "section", "quote", "section"]
    assert doc.elements[2].speaker == "Ian Lawrence"
    assert doc.elements[-1].text.startswith("The Reducing Reoffending Partnership")


def test_pages_are_recognised_by_markup_not_by_file_name(tmp_path: Path) -> None:
    from indexer.parse import parse_source
    from indexer.sources import read_source

    saved = tmp_path / "download"  # no extension: the content says it is HTML
    saved.write_bytes((HTML / "000_3317e4b1ec0bb89e.html").read_bytes())
    doc = parse_source(read_source(saved, "download"))
    reference = parse_fixture(HTML / "000_3317e4b1ec0bb89e.html")
    assert doc.format.value == "html"
    assert [e.to_dict() | {"id": ""} for e in doc.elements] == [
        e.to_dict() | {"id": ""} for e in reference.elements
    ]


def test_blogger_threaded_deleted_comment_keeps_its_number_and_its_replies() -> None:
    from indexer.model import SourceFormat, SourceText
    from indexer.parse import parse_source

    def comment(cid: str, text: str, replies: str = "") -> str:
        return (
            f'<li class="comment" id="c{cid}"><div class="comment-block">'
            '<div class="comment-header">'
            f'<cite class="user">Anonymous</cite><span class="datetime secondary-text">'
            f'<a href="p.html?showComment=1484302823000#c{cid}">13 January 2017 at 10:20</a></span>'
            f'</div><p class="comment-content">{text}</p></div><div class="comment-replies">'
            f'<div class="comment-thread inline-thread{"" if replies else " hidden"}"><ol>'
            f'<div>{replies}</div><div class="continue"><a class="comment-reply">Reply</a></div>'
            "</ol></div></div></li>"
        )

    thread = comment("1", "First") + comment(
        "2",
        '<span class="deleted-comment">This comment has been removed by the author.</span>',
        comment("3", "A reply to the deleted one"),
    )
    page = (
        '<meta name="generator" content="blogger"><title>B: Post</title>'
        '<div class="post hentry"><h3 class="post-title">Post</h3><div class="post-body">Body text.'
        f'</div></div><div id="comment-holder"><div class="comment-thread toplevel-thread"><ol>'
        f"{thread}</ol></div></div>"
    )
    doc = parse_source(SourceText("b.html", "b.html", page, SourceFormat.HTML))
    assert _comments(doc) == [
        ("1", None, "2017-01-13T10:20:23+00:00"),
        ("2.1", None, "2017-01-13T10:20:23+00:00"),
    ]
    assert doc.site == "B"
