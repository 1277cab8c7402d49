"""PDF reports → Documents: positioned lines (`extract`), without running headers, footers and
page numbers (`furniture`), the contents page read and set aside (`contents`), lines into
headings, paragraphs, items and table rows (`layout`), then the report structure shared with
the HTML report pages (`parse.reports`). Page 1 is the title page (unless it is full of text:
then its largest line is the title and it is read as the body); the pages before the contents
are the front matter (acknowledgements, the inspectorate's role, the fieldwork)."""

from __future__ import annotations

from indexer.entities import Gazetteer
from indexer.model import Document, SourceText
from indexer.parse.pdf.contents import find_contents
from indexer.parse.pdf.extract import MAX_PAGES, Line, read_lines
from indexer.parse.pdf.furniture import remove_furniture
from indexer.parse.pdf.layout import lines_to_blocks
from indexer.parse.reports.blocks import ReportSource
from indexer.parse.reports.document import build_report

__all__ = ["MAX_PAGES", "parse_pdf", "pdf_report"]

TITLE_PAGE_LINES = 15
"""A first page with more lines than this is text, not a title page (a letter, a briefing)."""


def pdf_report(source: SourceText) -> ReportSource:
    """Return the title page, front matter, body blocks and contents of a PDF report."""
    lines = remove_furniture(read_lines(source.data, source.source_path))
    entries, contents_pages = find_contents(lines)
    first_page = [line for line in lines if line.page == 1]
    title_page = len(first_page) <= TITLE_PAGE_LINES
    first_text = 2 if title_page else 1
    first_body = max(contents_pages) + 1 if contents_pages else first_text
    before_contents = min(contents_pages or {first_body})
    front: list[Line] = [ln for ln in lines if first_text <= ln.page < before_contents]
    body = [line for line in lines if line.page >= first_body]
    return ReportSource(
        title_lines=[line.text for line in first_page] if title_page else _title(first_page),
        front=lines_to_blocks(front, []),
        body=lines_to_blocks(body, entries),
        contents=[(entry.label, entry.page) for entry in entries],
    )


def _title(lines: list[Line]) -> list[str]:
    """Return the title of a PDF without a title page: its first line in the largest type."""
    if not lines:
        return []
    largest = max(line.size for line in lines)
    return [next(line.text for line in lines if line.size == largest)]


def parse_pdf(source: SourceText, gazetteer: Gazetteer) -> Document:
    """Return the Document of a PDF report; raise SourceError when the PDF cannot be read."""
    return build_report(source, pdf_report(source), gazetteer)
