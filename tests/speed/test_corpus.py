"""The generated corpus: deterministic, parsed by the project into exactly the elements drawn."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.corpus import BENCH_GAZETTEER, draw_posts, write_corpus
from benchmarks.render import render_html
from indexer.entities import load_gazetteer
from indexer.parse import parse_source
from indexer.sources import document_id, read_source


def test_same_seed_same_files(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 300, seed=5)
    second = write_corpus(tmp_path / "b", 300, seed=5)
    assert [p.read_bytes() for p in first.paths] == [p.read_bytes() for p in second.paths]
    assert first.elements >= 300


@pytest.mark.parametrize("html_share", [0.0, 1.0])
def test_parser_finds_every_drawn_element(tmp_path: Path, html_share: float) -> None:
    info = write_corpus(tmp_path, 600, seed=11, html_share=html_share)
    posts = draw_posts(600, seed=11)
    gazetteer = load_gazetteer([BENCH_GAZETTEER])
    kinds: Counter[str] = Counter()
    families: Counter[str] = Counter()
    for path, post in zip(info.paths, posts, strict=True):
        document = parse_source(read_source(path, document_id(path, tmp_path)), gazetteer)
        assert len(document.elements) == post.elements, path.name
        assert document.date == post.day.isoformat(), path.name
        kinds.update(element.kind.value for element in document.elements)
        families[document.site] += 1
    assert set(kinds) == {"section", "finding", "quote", "comment"}
    # A Blogger post's plain-text copy does not name its blog; its HTML page does.
    blogger = "On Probation" if html_share else None
    assert set(families) == {blogger, "Russell Webster", "HM Inspectorate of Probation"}


def test_findings_are_grouped_and_quotes_attributed(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, 400, seed=3)
    gazetteer = load_gazetteer([BENCH_GAZETTEER])
    groups: Counter[str | None] = Counter()
    speakers: Counter[str | None] = Counter()
    for path in info.paths:
        document = parse_source(read_source(path, document_id(path, tmp_path)), gazetteer)
        groups.update(e.group for e in document.elements if e.kind.value == "finding")
        speakers.update(e.speaker for e in document.elements if e.kind.value == "quote")
    assert None not in groups and {"CRC", "NPS"} <= set(groups)
    assert None not in speakers and "Glenys Stacey" in speakers


def test_html_follows_the_platforms_markup() -> None:
    posts = draw_posts(200, seed=2)
    blog = next(post for post in posts if post.family == "blogger" and post.comments)
    page = render_html(blog)
    assert 'class="post-body entry-content"' in page and '<ol id="top-ra">' in page
    assert page.count('<li class="comment"') == len(blog.comments)
    wordpress = render_html(next(post for post in posts if post.family == "analysis"))
    assert 'class="entry-content"' in wordpress and "article:published_time" in wordpress


def test_reports_join_the_corpus_as_pdfs_the_parser_reads(tmp_path: Path) -> None:
    info = write_corpus(tmp_path, 100, seed=3, reports=2)
    assert [p.name for p in info.report_paths] == [
        "0000_inspection_report.pdf",
        "0001_inspection_report.pdf",
    ]
    documents = [parse_source(read_source(p, p.name)) for p in info.report_paths]
    assert [d.rating for d in documents] == ["Requires improvement", "Inadequate"]
    assert info.report_pages == sum(max(e.page or 0 for e in d.elements) for d in documents)
    assert info.report_pages >= 18
