"""`python -m benchmarks.pdf_build`: how fast report PDFs are parsed and indexed (pages per second).

Lays out `--reports` copies of a ~60-page report (`tests.reportgen`, half by fpdf2, half by
ReportLab), then times (best of `--rounds`) the parse of each file alone (read, pdfium
extraction, layout, structure) and a full `index_corpus` build of them all into a fresh
embedded index, and prints pages and elements per second. Needs the `test` extra.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from indexer.parse import parse_source
from indexer.parse.pdf.extract import read_lines
from indexer.pipeline import index_corpus
from indexer.sources import read_source
from tests.reportgen import content, with_fpdf, with_reportlab


def write_reports(folder: Path, reports: int, cases: int) -> tuple[list[Path], int]:
    """Write the report PDFs; return their paths and their pages in all."""
    report = content.rated_report(cases)
    paths = []
    for n in range(reports):
        path = folder / f"report_{n:03d}.pdf"
        (with_fpdf if n % 2 == 0 else with_reportlab).render(report, path)
        paths.append(path)
    pages = sum(max(line.page for line in read_lines(p.read_bytes(), str(p))) for p in paths)
    return paths, pages


def measure(reports: int = 6, cases: int = 180, rounds: int = 3) -> dict[str, float]:
    """Return the figures of one run: pages, elements, seconds and rates."""
    with tempfile.TemporaryDirectory(prefix="pdf-build-") as folder:
        root = Path(folder)
        corpus = root / "corpus"
        corpus.mkdir()
        paths, pages = write_reports(corpus, reports, cases)
        parse_times, build_times = [], []
        elements = 0
        for _ in range(rounds):
            start = time.perf_counter()
            elements = sum(len(parse_source(read_source(p, p.name)).elements) for p in paths)
            parse_times.append(time.perf_counter() - start)
        for n in range(rounds):
            start = time.perf_counter()
            report = index_corpus(corpus, root / f"index-{n}", procs=1)
            build_times.append(time.perf_counter() - start)
            assert not report.failures, report.failures
    parse, build = min(parse_times), min(build_times)
    return {
        "reports": reports,
        "pages": pages,
        "elements": elements,
        "parse_seconds": round(parse, 3),
        "parse_pages_per_second": round(pages / parse, 1),
        "build_seconds": round(build, 3),
        "build_pages_per_second": round(pages / build, 1),
        "build_elements_per_second": round(elements / build, 1),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the measurement and print the table row (and the JSON with `--json`)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf_build", description=__doc__)
    parser.add_argument("--reports", type=int, default=6)
    parser.add_argument("--cases", type=int, default=180, help="annex case summaries (~3 a page)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    figures = measure(args.reports, args.cases, args.rounds)
    print("| reports | pages | elements | parse s | parse pages/s | build s | build pages/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    f = figures
    print(
        f"| {f['reports']} | {f['pages']} | {f['elements']} | {f['parse_seconds']} "
        f"| {f['parse_pages_per_second']} | {f['build_seconds']} | {f['build_pages_per_second']} |"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
