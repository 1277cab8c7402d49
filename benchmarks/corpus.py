"""A deterministic corpus of N elements, written as files the project's pipeline reads.

`write_corpus(folder, 100_000)` draws posts (same seed, same files) until they hold N
elements, and writes them as plain text, or a share of them as HTML (`html_share`).
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


def write_corpus(
    folder: Path, elements: int, seed: int = DEFAULT_SEED, html_share: float = 0.0
) -> CorpusInfo:
    """Write a corpus of about `elements` elements under `folder`; `html_share` of it HTML."""
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
    return CorpusInfo(folder, len(posts), total, html_documents, paths)
