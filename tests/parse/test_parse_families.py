"""Family detection from the text itself, the dispatcher and its errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from indexer.errors import ParseError
from indexer.model import Document, ElementKind, SourceType
from indexer.parse import detect_family

Parse = Callable[[str], Document]

ANALYSIS = """Keep up to date with Drugs & Crime

A headline

The standfirst.

Share This Post
Share on twitter

Findings — CRC

The main findings of the work of the CRC were:

  • One finding.
  • Two finding.

Conclusion text.

Related posts

Leave a Reply
"""

PRESS = """A press headline

Lead paragraph, said Dame Glenys Stacey.

– ENDS –

Notes to editors:

1. The report is available at www.example.gov.uk from 2 March 2017.
2. For further information please contact the press office.
"""


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Monday, December 24, 2012\n\nTitle\n\nBody.", "blogger"),
        ("Sidebar profile\nAbout me\n\nSunday, March 01, 2009\n\nTitle\n\nBody.", "blogger"),
        (ANALYSIS, "analysis"),
        (PRESS, "press_release"),
        ("Just a title\n\nAnd a paragraph.", "generic"),
    ],
)
def test_detect_family(text: str, family: str) -> None:
    assert detect_family(text) == family


def test_analysis_site_and_author_come_from_the_masthead_author_box(parse_text: Parse) -> None:
    masthead = "Jo Okafor\n\nYouth justice researcher and author of this blog.\n\n"
    doc = parse_text(ANALYSIS.replace("A headline", masthead + "A headline", 1))
    assert (doc.title, doc.site, doc.author) == ("A headline", "Jo Okafor", "Jo Okafor")


def test_analysis_family(parse_text: Parse) -> None:
    doc = parse_text(ANALYSIS)
    assert (doc.title, doc.site, doc.author) == ("A headline", None, None)  # the page names none
    kinds = [(e.kind, e.group, e.heading) for e in doc.elements]
    assert kinds == [
        (ElementKind.SECTION, None, None),
        (ElementKind.SECTION, None, "Findings — CRC"),
        (ElementKind.FINDING, "CRC", "Findings — CRC"),
        (ElementKind.FINDING, "CRC", "Findings — CRC"),
        (ElementKind.SECTION, None, None),
    ]


def test_press_release_family(parse_text: Parse) -> None:
    doc = parse_text(PRESS)
    assert (doc.title, doc.date, doc.source_type) == (
        "A press headline",
        "2017-03-02",
        SourceType.PRESS_RELEASE,
    )
    assert [e.heading for e in doc.elements] == [None, "Notes to editors", "Notes to editors"]
    assert doc.elements[1].text.startswith("The report is available")


def test_blogger_sidebar_before_the_date_is_dropped(parse_text: Parse) -> None:
    doc = parse_text("About me\n\nSunday, March 01, 2009\n\nTitle\n\nBody.\n\nNo comments:\n")
    assert (doc.title, doc.date) == ("Title", "2009-03-01")
    assert [e.text for e in doc.elements] == ["Body."]


def test_generic_family(parse_text: Parse) -> None:
    doc = parse_text("Just a title\n\nA heading\n\nA paragraph.\n\nJo Bloggs said: “Hello there.”")
    assert doc.title == "Just a title"
    assert doc.source_type is SourceType.OTHER
    assert [(e.kind, e.heading) for e in doc.elements] == [
        (ElementKind.SECTION, "A heading"),
        (ElementKind.QUOTE, "A heading"),
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "Only a title", "Menu\nShare on twitter\n"])
def test_nothing_readable_raises(parse_text: Parse, text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_text(text)
    assert caught.value.path == "t.txt"
    assert caught.value.reason
