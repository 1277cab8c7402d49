"""The five seed documents: golden JSON and the structure a careful reader sees in them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.model import Document, ElementKind
from indexer.parse import parse_source
from tests.parse.conftest import EXPECTED, SEEDS, seed_document, seed_source

BOILERPLATE = (
    "Share on twitter",
    "Share on facebook",
    "Share on linkedin",
    "Share on print",
    "Share on email",
    "Share This Post",
    "Keep up to date with Drugs & Crime",
    "Menu",
    "Related posts",
    "Leave a Reply",
    "Your email address will not be published",
    "All Probation Posts are sponsored by Unilink",
    "One Response",
    "Transforming Rehabilitation Resource Pack",
    "Select Language",
    "Keep up-to-date on drugs and crime",
    "You will get one email",
    "Criminal Justice & substance misuse expert",
    "Click here to see my infographic",
    "The graphic below combines",
    "Group of electricians",
    "With over 20 years",
    "keep informed",
    "One email every day",
    "ENDS –",
    "No comments:",
    "Post a Comment",
)


def _findings(doc: Document, group: str) -> list[str]:
    return [e.text for e in doc.elements if e.kind is ElementKind.FINDING and e.group == group]


def _quotes(doc: Document) -> dict[str, list[str]]:
    quotes: dict[str, list[str]] = {}
    for element in doc.elements:
        if element.kind is ElementKind.QUOTE:
            quotes.setdefault(element.speaker or "", []).append(element.text)
    return quotes


def _comments(doc: Document) -> list[str]:
    return [e.comment_path or "" for e in doc.elements if e.kind is ElementKind.COMMENT]


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_seed_matches_golden_json(path: Path) -> None:
    expected = json.loads((EXPECTED / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert parse_source(seed_source(path)).to_dict() == expected


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_seed_has_no_boilerplate_and_dense_positions(path: Path) -> None:
    doc = parse_source(seed_source(path))
    for element in doc.elements:
        for line in BOILERPLATE:
            assert line not in element.text, (element.id, line)
    assert [e.position for e in doc.elements] == list(range(len(doc.elements)))
    assert [e.id for e in doc.elements] == [f"{doc.id}:{i}" for i in range(len(doc.elements))]


def test_seed_000_january_blog_post() -> None:
    doc = seed_document("000")
    assert doc.title == "Inspector Finds Problems with RRP"
    # The text never names its blog: the site is the sidecar's (documents/…meta.json), or none.
    assert (doc.date, doc.site) == ("2017-01-13", None)
    assert doc.source_type.value == "blog_post"
    assert _comments(doc) == ["1", "2", "3", "3.1", "4", "5", "6", "7"]
    last = doc.elements[-1]
    assert last.author == "The honest PO"
    assert "honest PO" not in last.text
    assert len(_findings(doc, "CRC")) == 10
    assert len([e for e in doc.elements if e.kind is ElementKind.FINDING]) == 10
    foreword = [e for e in doc.elements if e.quoted_from == "HMI Probation"]
    assert foreword[0].text.startswith("This is our second inspection")


def test_seed_001_staffordshire_analysis() -> None:
    doc = seed_document("001")
    # No masthead in this copy: site and author come from its sidecar, never from a constant.
    assert (doc.site, doc.date, doc.author) == (None, "2017-01-12", None)
    assert doc.title == "Probation public protection work sub-standard in Staffordshire"
    assert doc.elements[0].text.startswith("Probation inspectors found evidence")
    counts = [len(_findings(doc, group)) for group in ("CRC", "NPS", "co-ordination")]
    assert counts == [10, 8, 4]
    assert "bread and butter" in _quotes(doc)["Glenys Stacey"][0]


def test_seed_002_september_blog_post() -> None:
    doc = seed_document("002")
    assert doc.date == "2016-09-23"
    assert _comments(doc) == ["1", "2", "3", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "5"]
    quotes = _quotes(doc)
    assert any("standards have slipped" in text for text in quotes["Glenys Stacey"])
    for speaker in (
        "Catherine Holland",
        "a government spokesman",
        "Andrew Neilson",
        "Ian Lawrence",
        "a service user",
        "a practitioner",
    ):
        assert speaker in quotes, speaker
    assert "p***ed off" in quotes["a service user"][0]
    assert quotes["a practitioner"][0].startswith("“high caseloads")


def test_seed_002_scare_quotes_are_not_quotes() -> None:
    doc = seed_document("002")
    sections = [e.text for e in doc.elements if e.kind is ElementKind.SECTION]
    assert any('"significantly lower" than before' in t for t in sections)
    assert any('"monitor performance closely"' in t for t in sections)


def test_seed_002_reproduced_blocks_name_their_source() -> None:
    doc = seed_document("002")
    by_source = {e.quoted_from for e in doc.elements if e.kind is not ElementKind.COMMENT}
    assert by_source == {None, "BBC", "HMI Probation", "Napo"}
    lead_ins = [e for e in doc.elements if e.text.endswith(":-")]
    assert lead_ins and all(e.quoted_from is None for e in lead_ins)


def test_seed_003_london_analysis() -> None:
    doc = seed_document("003")
    assert doc.title == "Poor private probation performance leaves Londoners at risk"
    assert doc.date == "2016-12-14"
    counts = [len(_findings(doc, group)) for group in ("CRC", "NPS", "co-ordination")]
    assert counts == [6, 5, 4]
    closing = doc.elements[-1]
    assert (closing.kind, closing.speaker) == (ElementKind.QUOTE, "Glenys Stacey")
    assert closing.text.startswith("Delivering probation services in London is never")


def test_seed_004_press_release() -> None:
    doc = seed_document("004")
    assert (doc.source_type.value, doc.site) == ("press_release", "HM Inspectorate of Probation")
    assert doc.date == "2016-09-21"
    quotes = _quotes(doc)
    assert list(quotes) == ["Glenys Stacey"]
    assert "standards have slipped" in quotes["Glenys Stacey"][0]
    notes = [e for e in doc.elements if e.heading == "Notes to editors"]
    assert len(notes) == 5
    assert all(e.kind is ElementKind.SECTION for e in notes)
    assert not [e for e in doc.elements if e.kind is ElementKind.FINDING]
