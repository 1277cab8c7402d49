"""Text and HTML agree: every text family, rendered into each platform's markup, parses back
to the same elements (issue 16). The renderer (`platforms.py`) writes what the platforms
write; what a page says about itself beyond the text (platform, URL) is not compared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from indexer.model import Document, ElementKind, SourceFormat, SourceText
from indexer.parse import detect_family, parse_source
from tests.parse.platforms import PLAIN, PLATFORMS, render

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    *sorted((ROOT / "documents").glob("*.txt")),
    *sorted((ROOT / "tests" / "data" / "text").glob("*.txt")),
    *sorted((ROOT / "tests" / "relevance" / "corpus").glob("*.txt")),
]
FIELDS = ("kind", "text", "heading", "group", "speaker", "comment_path", "author", "quoted_from")


def parse_text(path: Path) -> Document:
    return parse_source(
        SourceText(path.name, path.name, path.read_text("utf-8"), SourceFormat.TEXT)
    )


def view(document: Document, comments: bool) -> list[dict[str, Any]]:
    return [
        {name: getattr(element, name) for name in FIELDS}
        for element in document.elements
        if comments or element.kind is not ElementKind.COMMENT
    ]


def test_the_texts_cover_every_text_family() -> None:
    families = {detect_family(path.read_text("utf-8")) for path in TEXTS}
    assert families == {"blogger", "analysis", "news", "press_release", "generic"}


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_a_text_saved_as_a_page_gives_the_same_elements(path: Path, platform: str) -> None:
    text = parse_text(path)
    markup = render(text, platform)
    page = parse_source(SourceText(path.name, f"{path.stem}.html", markup, SourceFormat.HTML))
    assert (page.title, page.date) == (text.title, text.date)
    # A plain page has no comment markup a parser could know (only platforms have threads).
    comments = platform != PLAIN
    assert view(page, comments) == view(text, comments)


def test_report_findings_inside_a_block_quote_are_findings_in_every_platform() -> None:
    text = parse_text(ROOT / "documents" / "000_3317e4b1ec0bb89e.txt")
    quoted = [e for e in text.elements if e.kind is ElementKind.FINDING and e.quoted_from]
    assert len(quoted) == 10
    for platform in PLATFORMS:
        markup = render(text, platform)
        assert "<blockquote><ul><li>Assessments of risk of harm" in markup
        page = parse_source(SourceText("p.html", "p.html", markup, SourceFormat.HTML))
        found = [e for e in page.elements if e.kind is ElementKind.FINDING and e.quoted_from]
        assert [(e.text, e.group, e.quoted_from) for e in found] == [
            (e.text, e.group, e.quoted_from) for e in quoted
        ]
