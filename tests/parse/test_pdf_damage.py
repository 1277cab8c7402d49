"""Bad PDFs are refused with their path and the reason, never fatal; the rest is indexed."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from indexer.errors import SourceError
from indexer.limits import IngestLimits
from indexer.parse import parse_source
from indexer.parse.pdf.contents import find_contents
from indexer.parse.pdf.extract import MAX_PAGES, Line, clean_line
from indexer.parse.pdf.furniture import remove_furniture
from indexer.parse.pdf.layout import join_lines
from indexer.parse.reports.front import fieldwork_dates
from indexer.pipeline import index_corpus
from indexer.sources import read_source
from tests.parse.report_fixtures import BAD, REPORTS

REASONS = {
    "encrypted.pdf": "encrypted PDF: a password is needed to read it",
    "javascript.pdf": "PDF with JavaScript: refused (scripts are never run or indexed)",
    "scanned.pdf": "no text layer: OCR is not supported (a scanned PDF?)",
    "truncated.pdf": "truncated or corrupt PDF (no %%EOF marker at the end)",
}


def _many_pages(path: Path, pages: int) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number in range(pages):
        pdf.add_page()
        pdf.cell(0, 10, f"Annex page {number + 1}: case records reviewed by inspectors.")
    pdf.output(str(path))


@pytest.mark.parametrize("name", sorted(REASONS))
def test_bad_pdf_is_refused_with_its_reason(name: str) -> None:
    path = BAD / name
    with pytest.raises(SourceError) as caught:
        parse_source(read_source(path, name))
    assert caught.value.reason == REASONS[name]
    assert caught.value.path == str(path)


def test_a_thousand_page_pdf_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    _many_pages(path, 1000)
    start = time.perf_counter()
    with pytest.raises(SourceError) as caught:
        parse_source(read_source(path, path.name))
    assert caught.value.reason == f"too many pages: 1,000, over the limit of {MAX_PAGES}"
    assert time.perf_counter() - start < 2


def test_garbage_after_a_pdf_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(SourceError, match=r"^.*truncated or corrupt PDF \(.*Data format error"):
        parse_source(read_source(path, path.name))


def test_a_text_file_named_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("Inspectors found caseloads of 80 in the CRC.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not a PDF"):
        parse_source(read_source(path, path.name))


def test_bad_pdfs_are_reported_and_the_rest_indexed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(BAD, corpus)
    shutil.copy(REPORTS / "rated_reportlab.pdf", corpus / "good.pdf")
    _many_pages(corpus / "huge.pdf", MAX_PAGES + 1)
    report = index_corpus(corpus, tmp_path / "index")
    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert reasons == {
        **REASONS,
        "huge.pdf": f"too many pages: {MAX_PAGES + 1}, over the limit of {MAX_PAGES}",
    }
    assert report.documents == 1
    assert report.elements_by_kind["recommendation"] == 6
    assert report.elements_by_kind["rating"] == 11


def _line(page: int, text: str, top: float) -> Line:
    return Line(page, text, top, top + 10, 60, 60, 10, False, 842)


def test_running_headers_and_page_numbers_are_removed() -> None:
    lines = []
    for page in range(2, 8):
        lines += [
            _line(page, "Inspection of probation services: Derbyshire", 30),
            _line(page, f"Body text on page {page}.", 300),
            _line(page, str(page), 815),
        ]
    lines.append(_line(9, "A line near the top that appears only once", 30))
    kept = remove_furniture(lines)
    assert [line.text for line in kept] == [
        *(f"Body text on page {page}." for page in range(2, 8)),
        "A line near the top that appears only once",
    ]


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        (
            "the responsible officers' case-",
            "loads were high",
            "the responsible officers' caseloads were high",
        ),
        ("medium-", "and low-risk cases", "medium- and low-risk cases"),
        ("the Through-the-", "Gate services", "the Through-the-Gate services"),
        ("assessments were", "thorough", "assessments were thorough"),
    ],
)
def test_wrapped_lines_are_joined_and_hyphenation_undone(
    before: str, after: str, joined: str
) -> None:
    assert join_lines(before, after) == joined


def test_a_pdf_over_the_parse_time_limit_is_too_complex(tmp_path: Path) -> None:
    """The deadline reaches into PDF parsing: pages are read in Python, between pdfium calls."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPORTS / "rated_fpdf2.pdf", corpus / "report.pdf")
    (corpus / "note.txt").write_text("Inspectors found caseloads of 80 in the CRC.\n")
    limits = IngestLimits(max_parse_seconds=0.001)
    report = index_corpus(corpus, tmp_path / "index", limits=limits)
    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert reasons["report.pdf"] == "too complex (parsing took over 0.001 s)"


def test_a_pdf_without_a_title_page_keeps_its_first_page(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", size=16)
    pdf.cell(
        0,
        10,
        "Briefing: caseloads in Community Rehabilitation Companies",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("helvetica", size=11)
    for number in range(20):
        pdf.multi_cell(
            0, 6, f"Point {number + 1}: officers in the CRC held more than 60 cases each."
        )
        pdf.ln(3)
    path = tmp_path / "briefing.pdf"
    pdf.output(str(path))
    document = parse_source(read_source(path, path.name))
    assert document.title == "Briefing: caseloads in Community Rehabilitation Companies"
    assert len(document.elements) == 20
    assert document.elements[0].text == "Point 1: officers in the CRC held more than 60 cases each."
    assert document.elements[0].page == 1


def test_a_pdf_encrypted_without_a_user_password_is_read(tmp_path: Path) -> None:
    """Permissions-only encryption (no password to open) is common on published reports."""
    writer = PdfWriter(clone_from=PdfReader(REPORTS / "rated_fpdf2.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "restricted.pdf"
    writer.write(path)
    assert PdfReader(path).is_encrypted
    document = parse_source(read_source(path, path.name))
    assert document.rating == "Requires improvement"
    assert len(document.elements) == 72


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("the rehabili\ufffetation of people", "the rehabilitation of people"),
        ("their resettle\u00ad", "their resettle-"),
        ("their resettle\ufffe", "their resettle-"),
        ("  two   spaces ", "two spaces"),
    ],
)
def test_soft_hyphens_are_dropped_or_become_a_hyphenation_point(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


def test_a_contents_page_without_dot_leaders_is_read() -> None:
    page = [
        _line(2, "Contents", 60),
        _line(2, "Foreword 3", 90),
        _line(2, "1. Organisational delivery 5", 110),
        _line(2, "1.1 Leadership 5", 130),
        _line(2, "Annex 1: Methodology 21", 150),
        _line(3, "Foreword", 60),
        _line(3, "This inspection was the second of the year in 2017 and covered 2,000 cases", 90),
    ]
    entries, pages = find_contents(page)
    assert pages == {2}
    assert [(e.number, e.text, e.page, e.level) for e in entries] == [
        (None, "Foreword", 3, 1),
        ("1", "Organisational delivery", 5, 1),
        ("1.1", "Leadership", 5, 2),
        (None, "Annex 1: Methodology", 21, 1),
    ]


@pytest.mark.parametrize(
    ("when", "period"),
    [
        ("4 July 2016.", ("2016-07-04", None)),
        ("4 and 15 July 2016", ("2016-07-04", "2016-07-15")),
        ("27 June to 8 July 2016", ("2016-06-27", "2016-07-08")),
        ("30 December 2018 to 11 January 2019", ("2018-12-30", "2019-01-11")),
        ("July 2016", ("2016-07", None)),
        ("the spring", (None, None)),
    ],
)
def test_fieldwork_dates_and_periods(when: str, period: tuple[str | None, str | None]) -> None:
    assert fieldwork_dates(when) == period


def test_a_first_page_of_text_before_the_contents_is_kept(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    for number in range(18):
        pdf.cell(0, 8, f"Summary point {number + 1} about the CRC.", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("helvetica", "B", size=16)
    pdf.cell(0, 10, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    for label, page in (("Foreword", 3), ("1. Findings", 3), ("2. Recommendations", 3)):
        pdf.cell(0, 8, f"{label} {'.' * 40} {page}", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("helvetica", "B", size=16)
    pdf.cell(0, 10, "Foreword", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 8, "This inspection looked at the CRC.", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "summary-first.pdf"
    pdf.output(str(path))
    document = parse_source(read_source(path, path.name))
    texts = [(e.page, e.text) for e in document.elements]
    assert texts[0] == (1, "Summary point 1 about the CRC.")
    assert texts[-1] == (3, "This inspection looked at the CRC.")
    assert not any("Contents" in text or "...." in text for _, text in texts)
