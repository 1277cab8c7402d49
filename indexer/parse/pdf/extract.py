"""PDF bytes → positioned lines, page by page; the only module that imports pypdfium2.

Refuses what cannot or should not be read, each with the reason the indexer reports: a file
that is not a PDF, a truncated or corrupt one, one that needs a password, one that carries
JavaScript, one over the page limit, and a scan with no text layer. Pages are read one at a
time and closed, so memory stays that of one page beyond the file's bytes; each page's work
returns to Python, so the indexer's per-file deadline can stop a slow file between pages.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium

from indexer.errors import SourceError

MAX_PAGES = 400
"""Longest PDF read; the inspectorate's reports run to about 100 pages."""
MIN_TEXT_CHARS = 20
"""A document with fewer extractable characters has no text layer (a scan)."""
_EOF_WINDOW = 2048
_JAVASCRIPT = re.compile(rb"/(?:JavaScript|JS)\b")
_MARKER = re.compile(r"(?:[•●▪◦‣∙·–\-]|\d{1,2}[.)])\s+(?=\S)")
_SOFT_HYPHENS = ("\ufffe", "\u00ad")
_NO_SOFT_HYPHENS = str.maketrans(dict.fromkeys(_SOFT_HYPHENS))
_BOLD_WEIGHT = 600
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold", re.I)


@dataclass(frozen=True)
class Line:
    """One line of text on a page, with where it sits (points from the top) and its font."""

    page: int
    text: str
    top: float
    bottom: float
    left: float
    """Where the line starts (a list item's marker)."""
    text_left: float
    """Where its words start, after a bullet or number marker."""
    size: float
    bold: bool
    page_height: float


def read_lines(data: bytes, path: str, max_pages: int = MAX_PAGES) -> list[Line]:
    """Return the lines of every page in reading order; raise SourceError when unreadable."""
    _check_bytes(data, path)
    document = _open(data, path)
    try:
        pages = len(document)
        if pages > max_pages:
            raise SourceError(path, f"too many pages: {pages:,}, over the limit of {max_pages:,}")
        if pages == 0:
            raise SourceError(path, "truncated or corrupt PDF (no pages)")
        if pdfium.FPDFDoc_GetJavaScriptActionCount(document.raw) > 0 or _JAVASCRIPT.search(data):
            raise SourceError(
                path, "PDF with JavaScript: refused (scripts are never run or indexed)"
            )
        lines: list[Line] = []
        for index in range(pages):
            lines.extend(_page_lines(document, index))
    finally:
        document.close()
    if sum(len(line.text) for line in lines) < MIN_TEXT_CHARS:
        raise SourceError(path, "no text layer: OCR is not supported (a scanned PDF?)")
    return lines


def _check_bytes(data: bytes, path: str) -> None:
    if b"%PDF-" not in data[:1024]:
        raise SourceError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise SourceError(path, "truncated or corrupt PDF (no %%EOF marker at the end)")


def _open(data: bytes, path: str) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium.FPDF_ERR_PASSWORD:
            raise SourceError(path, "encrypted PDF: a password is needed to read it") from None
        if code == pdfium.FPDF_ERR_SECURITY:
            raise SourceError(path, "encrypted PDF: unsupported security handler") from None
        raise SourceError(path, f"truncated or corrupt PDF ({error})") from None


def _page_lines(document: pypdfium2.PdfDocument, index: int) -> list[Line]:
    page = document[index]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            return list(_lines_of(textpage, text, index + 1, height))
        finally:
            textpage.close()
    finally:
        page.close()


def _lines_of(textpage: pypdfium2.PdfTextPage, text: str, number: int, height: float) -> list[Line]:
    """Split the page text at pdfium's line breaks; each line's font is its first letter's.

    pdfium counts the line breaks it generates as characters, so text offsets are char indices.
    """
    lines = []
    offset = 0
    for raw in text.split("\r\n"):
        start = offset
        offset += len(raw) + 2
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        marker = _MARKER.match(raw, lead)
        # The words' first character: a bullet or a list number is often set in another size.
        first = start + (marker.end() if marker else lead)
        left = textpage.get_charbox(start + lead)[0]
        text_left, bottom, _, top = textpage.get_charbox(first)
        size = pdfium.FPDFText_GetFontSize(textpage.raw, first)
        lines.append(
            Line(
                page=number,
                text=clean_line(stripped),
                top=height - top,
                bottom=height - bottom,
                left=left,
                text_left=text_left,
                size=round(size, 1),
                bold=_is_bold(textpage, first),
                page_height=height,
            )
        )
    return lines


def clean_line(text: str) -> str:
    """Return a line's text with spaces collapsed and soft hyphens resolved.

    PDFium reports a soft hyphen (U+00AD in the content, or one it infers) as U+FFFE: at the
    end of a line it is a hyphenation point, written "-" for `layout.join_lines` to undo;
    inside a line it was never shown, so it goes.
    """
    text = " ".join(text.split())
    ends_soft = text.endswith(_SOFT_HYPHENS)
    text = text.rstrip("".join(_SOFT_HYPHENS))
    text = text.translate(_NO_SOFT_HYPHENS)
    return f"{text}-" if ends_soft else text


def _is_bold(textpage: pypdfium2.PdfTextPage, index: int) -> bool:
    if pdfium.FPDFText_GetFontWeight(textpage.raw, index) >= _BOLD_WEIGHT:
        return True
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, ctypes.byref(flags))
    return bool(_BOLD_NAME.search(buffer.value.decode("latin-1", "replace")))
