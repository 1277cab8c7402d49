"""A deterministic corpus of N elements, written as files the project's pipeline reads.

`write_corpus(folder, 100_000)` draws posts (same seed, same files) until they hold N
elements, and writes them as plain text, or a share of them as HTML (`html_share`); `reports`
inspection-report PDFs (`tests.reportgen`, the `test` extra) join them in `reports/`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from benchmarks.language import BUNDLED_GAZETTEER, learn_language
from benchmarks.posts import Post, PostMaker
from benchmarks.render import render_html, render_text

HERE = Path(__file__).resolve().parent
BENCH_GAZETTEER = HERE / "data" / "gazetteer.toml"
"""Extends the bundled gazetteer to every probation area and hundreds of speakers."""
DEFAULT_SEED = 20170113
HTML_SHARE = 0.25
"""Share of documents written as saved HTML pages (Blogger, WordPress) rather than text."""
FILES_PER_FOLDER = 1000


@dataclass(frozen=True)
class CorpusInfo:
    """What was written: where, how many documents and elements, and in which formats."""

    folder: Path
    documents: int
    elements: int
    html_documents: int
    paths: list[Path]
    report_paths: tuple[Path, ...] = ()
    report_pages: int = 0


def draw_posts(elements: int, seed: int = DEFAULT_SEED) -> list[Post]:
    """Return posts, drawn from `seed`, holding at least `elements` elements in all."""
    regions = _names(BUNDLED_GAZETTEER, "region") + _names(BENCH_GAZETTEER, "region")
    people = _names(BENCH_GAZETTEER, "person")
    maker = PostMaker(learn_language(), regions, people, seed)
    posts: list[Post] = []
    total = 0
    while total < elements:
        post = maker.post()
        posts.append(post)
        total += post.elements
    return posts


def _names(path: Path, kind: str) -> list[str]:
    return [entry["name"] for entry in tomllib.loads(path.read_text(encoding="utf-8"))[kind]]


REPORT_RATINGS = ("Requires improvement", "Inadequate", "Good", "Requires improvement")
"""The overall ratings the benchmark's reports take in turn (the rating facet has values)."""


def write_reports(folder: Path, count: int) -> tuple[list[Path], int]:
    """Write `count` report PDFs (producers and overall ratings in turn); return them and
    their pages in all."""
    from tests.reportgen import content, with_fpdf, with_reportlab

    folder.mkdir(parents=True, exist_ok=True)
    paths, pages = [], 0
    for number in range(count):
        report = content.rated_report(overall=REPORT_RATINGS[number % len(REPORT_RATINGS)])
        producer = with_fpdf if number % 2 == 0 else with_reportlab
        path = folder / f"{number:04d}_inspection_report.pdf"
        producer.render(report, path)
        pages += _pages(path)
        paths.append(path)
    return paths, pages


def _pages(path: Path) -> int:
    from indexer.parse.pdf.extract import read_lines

    return max(line.page for line in read_lines(path.read_bytes(), str(path)))


def write_corpus(
    folder: Path,
    elements: int,
    seed: int = DEFAULT_SEED,
    html_share: float = 0.0,
    reports: int = 0,
) -> CorpusInfo:
    """Write a corpus of about `elements` elements under `folder`; `html_share` of it HTML,
    and `reports` report PDFs besides."""
    posts = draw_posts(elements, seed)
    html_every = round(1 / html_share) if html_share > 0 else 0
    paths = []
    html_documents = 0
    for number, post in enumerate(posts):
        as_html = bool(html_every) and number % html_every == html_every - 1
        sub = folder / f"{number // FILES_PER_FOLDER:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        suffix = ".html" if as_html else ".txt"
        path = sub / f"{number:06d}_{post.family}{suffix}"
        path.write_text(render_html(post) if as_html else render_text(post), encoding="utf-8")
        paths.append(path)
        html_documents += as_html
    total = sum(post.elements for post in posts)
    report_paths, report_pages = write_reports(folder / "reports", reports) if reports else ([], 0)
    return CorpusInfo(
        folder, len(posts), total, html_documents, paths, tuple(report_paths), report_pages
    )
