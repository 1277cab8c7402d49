"""Inspection reports as PDFs (two producers) and as the inspectorate's HTML page: golden JSON,
and the outline a careful reader sees, checked against the text the fixtures were made from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.model import Document, ElementKind, SourceFormat, SourceText
from indexer.parse import parse_source
from indexer.parse.pdf import pdf_report
from indexer.parse.pdf.extract import read_lines
from indexer.parse.reports.blocks import split_number
from indexer.sources import read_source
from tests.parse.html_fixtures import HTML, parse_fixture
from tests.parse.report_fixtures import BUNDLED, PDF_FIXTURES, REPORTS, golden, parse_pdf_fixture
from tests.reportgen import content
from tests.reportgen.model import Box, Bullets, Heading, Numbered, Para

RATED = [REPORTS / "rated_fpdf2.pdf", REPORTS / "rated_reportlab.pdf"]
RATED_HTML = HTML / "hmip_report_rated.html"


@pytest.fixture(scope="module", params=[*RATED, RATED_HTML], ids=lambda p: p.name)
def rated(request: pytest.FixtureRequest) -> Document:
    path: Path = request.param
    return parse_fixture(path) if path.suffix == ".html" else parse_pdf_fixture(path)


@pytest.mark.parametrize("path", PDF_FIXTURES, ids=lambda path: path.stem)
def test_pdf_matches_golden_json(path: Path) -> None:
    expected = json.loads(golden(path).read_text(encoding="utf-8"))
    assert parse_pdf_fixture(path).to_dict() == expected


def _structure(document: Document) -> list[tuple[str, str | None, str | None, str | None, str]]:
    return [(e.kind.value, e.heading, e.group, e.number, e.text) for e in document.elements]


def test_both_producers_and_the_html_page_give_the_same_structure() -> None:
    fpdf, reportlab = (parse_pdf_fixture(path) for path in RATED)
    html = parse_fixture(RATED_HTML)
    assert _structure(fpdf) == _structure(reportlab) == _structure(html)
    assert fpdf.rating == reportlab.rating == html.rating == "Requires improvement"


def test_every_rating_of_the_ratings_table(rated: Document) -> None:
    ratings = {
        e.text.rsplit(": ", 1)[0]: e.group for e in rated.elements if e.kind is ElementKind.RATING
    }
    assert ratings == dict(content.RATINGS)
    assert rated.rating == "Requires improvement"
    assert {e.number for e in rated.elements if e.kind is ElementKind.RATING} >= {
        "1.1",
        "2.4",
        "3.2",
    }


def test_every_recommendation_with_its_number_and_addressee(rated: Document) -> None:
    recommendations = [
        (e.number, e.group, e.organisations)
        for e in rated.elements
        if e.kind is ElementKind.RECOMMENDATION
    ]
    crc = ("Staffordshire and West Midlands CRC", ["CRC"])
    assert recommendations == [
        ("1", *crc),
        ("2", *crc),
        ("3", *crc),
        ("4", *crc),
        ("5", "HM Prison and Probation Service", ["HMPPS"]),
        ("6", "Ministry of Justice", ["Ministry of Justice"]),
    ]


def test_strengths_and_areas_for_improvement_are_findings_about_the_crc(rated: Document) -> None:
    expected = []
    standard = ""
    minor = ""
    for block in content.rated_report().body:
        if isinstance(block, Heading) and block.level == 2:
            standard = block.label
        elif isinstance(block, Heading) and block.level == 3:
            minor = block.text.rstrip(":")
        elif isinstance(block, Bullets) and minor in ("Strengths", "Areas for improvement"):
            expected += [(f"{standard} — {minor}", text) for text in block.items]
    findings = [(e.heading, e.text) for e in rated.elements if e.kind is ElementKind.FINDING]
    assert findings == expected
    assert {e.group for e in rated.elements if e.kind is ElementKind.FINDING} == {"CRC"}


def test_every_paragraph_comes_out_whole_and_nothing_else(rated: Document) -> None:
    """Line breaks and page breaks are joined; headers, page numbers, contents never appear."""
    report = content.rated_report()
    written = []
    for block in (*report.front_matter, *report.body):
        dropped = (
            block.text.startswith(("©", "Published by", "Rating:"))
            or block.text.endswith("should:")
            if isinstance(block, Para)
            else False
        )
        if isinstance(block, Para) and not dropped:
            written.append(block.text)
        elif isinstance(block, (Bullets, Numbered)):
            written += block.items
        elif isinstance(block, Box):
            written += block.paras
    texts = [e.text for e in rated.elements if e.kind is not ElementKind.RATING]
    assert texts == written


def test_practice_examples_are_marked(rated: Document) -> None:
    examples = {e.group: e.heading for e in rated.elements if e.group and "practice" in e.group}
    assert examples == {
        "good practice example": "1.3 Services — Good practice example",
        "poor practice example": "2.2 Planning — Poor practice example",
    }


def test_report_metadata_from_the_title_page_and_front_matter(rated: Document) -> None:
    assert rated.title == (
        "An inspection of probation services in: "
        "Staffordshire and West Midlands Community Rehabilitation Company"
    )
    assert rated.source_type.value == "inspection_report"
    report = rated.report
    assert report is not None
    assert report.inspected == ["CRC"]
    assert report.area == ["Midlands", "Staffordshire"]
    assert (report.published, report.fieldwork, report.lead_inspector) == (
        "2019-06",
        "2019-02-11",
        "Helen Marsh",
    )


@pytest.mark.parametrize("path", RATED, ids=lambda p: p.name)
def test_elements_start_on_the_page_that_prints_them(path: Path) -> None:
    document = parse_pdf_fixture(path)
    lines = read_lines(path.read_bytes(), str(path))
    for element in document.elements:
        opening = " ".join(element.text.split()[:4])
        pages = [line.page for line in lines if opening in line.text]
        if element.kind is not ElementKind.RATING:
            assert element.page in pages, element.text


@pytest.mark.parametrize("path", RATED, ids=lambda p: p.name)
def test_the_contents_page_is_read_and_agrees_with_the_headings(path: Path) -> None:
    source = read_source(path, path.name)
    report = pdf_report(source)
    document = parse_source(source)
    assert document.report is not None
    outline = {_unnumbered(entry.label): entry.page for entry in document.report.outline}
    contents = {_unnumbered(label): page for label, page in report.contents}
    assert ("2.3", "Implementation and delivery") in contents
    body_entries = {label: page for label, page in contents.items() if label in outline}
    assert len(body_entries) == len(contents)
    assert body_entries == {label: outline[label] for label in body_entries}
    assert not any("..." in e.text or ". . ." in e.text for e in document.elements)


def _unnumbered(label: str) -> tuple[str | None, str]:
    return split_number(label)


def test_the_bundled_derbyshire_report() -> None:
    document = parse_pdf_fixture(BUNDLED)
    assert document.date == "2016-09-21"  # its sidecar's day; the title page says September 2016
    assert document.rating is None  # Quality & Impact inspections had no four-point ratings
    findings = {(e.group, e.heading) for e in document.elements if e.kind is ElementKind.FINDING}
    assert findings == {
        ("CRC", "Overall findings — Derbyshire CRC"),
        ("NPS", "Overall findings — NPS Midlands division in Derbyshire"),
    }
    addressees = [e.group for e in document.elements if e.kind is ElementKind.RECOMMENDATION]
    assert addressees == [
        "Derbyshire CRC",
        "Derbyshire CRC",
        "Derbyshire CRC",
        "National Probation Service",
        "National Offender Management Service",
    ]
    assert document.report is not None and document.report.lead_inspector == "Alan MacDonald"


def test_a_pdf_named_otherwise_is_still_read_as_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.bin"
    path.write_bytes(RATED[0].read_bytes())
    source = read_source(path, path.name)
    assert source.format is SourceFormat.PDF
    assert parse_source(source).rating == "Requires improvement"


def test_a_pdf_source_without_bytes_is_refused() -> None:
    from indexer.errors import SourceError

    with pytest.raises(SourceError, match="not a PDF"):
        parse_source(SourceText("x.pdf", "x.pdf", "", SourceFormat.PDF))
