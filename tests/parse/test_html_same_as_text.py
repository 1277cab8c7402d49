"""Same document, same result: each seed's HTML version parses to its text version's elements.

The HTML versions (tests/data/html/0*.html) carry the seeds' text in the markup of their real
platforms; kinds, headings, findings and their groups, quotes and speakers, reproduced
sources and the comment tree must agree. The HTML may only add what the text cannot have:
the canonical URL, the site's and the post's author's names, and each comment's timestamp.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from indexer.model import ElementKind
from indexer.parse import parse_source
from tests.parse.conftest import SEEDS, seed_source
from tests.parse.html_fixtures import HTML, SEED_PAGES, html_source

DOCUMENT_FIELDS = ("title", "date", "source_type", "organisations", "regions", "people")


def _element_view(element: dict[str, Any]) -> dict[str, Any]:
    """The fields both formats must agree on: all but the id's file name and the timestamp."""
    view = dict(element)
    view["id"] = element["id"].rsplit(":", 1)[1]
    view.pop("date")
    return view


def test_every_seed_has_an_html_version() -> None:
    assert [path.stem for path in SEED_PAGES] == [path.stem for path in SEEDS]


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_html_version_gives_the_same_elements(path: Path) -> None:
    text = parse_source(seed_source(path)).to_dict()
    html = parse_source(html_source(HTML / f"{path.stem}.html")).to_dict()
    assert {f: html[f] for f in DOCUMENT_FIELDS} == {f: text[f] for f in DOCUMENT_FIELDS}
    assert [_element_view(e) for e in html["elements"]] == [
        _element_view(e) for e in text["elements"]
    ]
    assert text["author"] in (None, html["author"])
    assert text["site"] in (None, html["site"])  # a text copy may not name its site
    assert html["url"] and html["url"].startswith(
        "https://" if path.stem[:3] in {"001", "003", "004"} else "http://"
    )


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_html_comments_carry_timestamps(path: Path) -> None:
    html = parse_source(html_source(HTML / f"{path.stem}.html"))
    comments = [e for e in html.elements if e.kind is ElementKind.COMMENT]
    assert all(e.date and e.date[:4] in {"2016", "2017"} for e in comments)
