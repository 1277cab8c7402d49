"""`python -m benchmarks.pdf_extraction`: which PDF library extracts report text best and fastest.

Lays out one ~60-page report (`tests.reportgen`) with two producers (fpdf2, ReportLab),
extracts it with each candidate library installed, and prints per producer and library:
seconds for the whole file (best of three), pages per second, the share of the report's
paragraphs found whole (text fidelity: every word, in order, after joining line breaks) and
the share of consecutive paragraphs found in reading order. Needs the `test` extra (the
generators) and the candidates: `pip install pypdfium2 pdfminer.six pypdf`.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.reportgen import content, with_fpdf, with_reportlab
from tests.reportgen.model import Box, Bullets, Numbered, Para, Report

_SPACE = re.compile(r"\s+")
_BULLETS = re.compile(r"[•●▪]")


def _pypdfium2(path: Path) -> tuple[list[str], int]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    return texts, len(pdf)


def _pdfminer(path: Path) -> tuple[list[str], int]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    texts = []
    for page in extract_pages(str(path)):
        texts.append("\n".join(el.get_text() for el in page if isinstance(el, LTTextContainer)))
    return texts, len(texts)


def _pypdf(path: Path) -> tuple[list[str], int]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    texts = [page.extract_text() for page in reader.pages]
    return texts, len(texts)


LIBRARIES: dict[str, Callable[[Path], tuple[list[str], int]]] = {
    "pypdfium2": _pypdfium2,
    "pdfminer.six": _pdfminer,
    "pypdf": _pypdf,
}


def _norm(text: str) -> str:
    return _SPACE.sub(" ", _BULLETS.sub(" ", text)).strip()


def expected_paragraphs(report: Report) -> list[str]:
    """Return the report's body paragraphs and items, normalised, in reading order."""
    out: list[str] = []
    for block in report.body:
        if isinstance(block, Para):
            out.append(block.text)
        elif isinstance(block, (Bullets, Numbered)):
            out.extend(block.items)
        elif isinstance(block, Box):
            out.extend(block.paras)
    return [_norm(text) for text in out]


def score(texts: list[str], paragraphs: list[str]) -> tuple[float, float]:
    """Return (share of paragraphs found whole, share of found ones that follow the one before).

    Paragraphs are looked for after the end of the previous one found, so repeated texts
    (the annex's identical bullets) are matched in turn; one found only earlier is out of order.
    """
    joined = _norm(" ".join(texts))
    cursor, whole, ordered = 0, 0, 0
    for paragraph in paragraphs:
        at = joined.find(paragraph, cursor)
        if at >= 0:
            whole, ordered, cursor = whole + 1, ordered + 1, at + len(paragraph)
        elif paragraph in joined:
            whole += 1
    return whole / len(paragraphs), ordered / max(1, whole)


def main(argv: list[str] | None = None) -> None:
    """Lay out the report, time every installed library on it and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf_extraction")
    parser.add_argument("--cases", type=int, default=180, help="annex case summaries (~3 a page)")
    args = parser.parse_args(argv)
    report = content.rated_report(args.cases)
    paragraphs = expected_paragraphs(report)
    print("| producer | library | pages | seconds | pages/s | paragraphs whole | in order |")
    print("|---|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for producer, render in (("fpdf2", with_fpdf.render), ("ReportLab", with_reportlab.render)):
            path = Path(folder) / f"{producer}.pdf"
            render(report, path)
            for name, extract in LIBRARIES.items():
                try:
                    runs = []
                    for _ in range(3):
                        start = time.perf_counter()
                        texts, pages = extract(path)
                        runs.append(time.perf_counter() - start)
                except ImportError:
                    print(f"| {producer} | {name} | not installed | | | | |")
                    continue
                whole, ordered = score(texts, paragraphs)
                best = min(runs)
                print(
                    f"| {producer} | {name} | {pages} | {best:.3f} | {pages / best:.0f} "
                    f"| {whole:.1%} | {ordered:.1%} |"
                )


if __name__ == "__main__":
    main()
