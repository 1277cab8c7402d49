"""Which source wins for each document field.

Sidecar > JSON-LD > meta tags > the platform's markup > <title> > text heuristics.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.errors import SourceError
from indexer.model import Document, SourceFormat, SourceText
from indexer.parse import parse_source
from indexer.parse.html.metadata import normalise_url, strip_site
from indexer.sources import read_source

BODY = (
    "<p>Inspectors found caseloads of 80 in the CRC.</p>"
    "<p>The report was published today (3 March 2015).</p>"
)
JSON_LD = (
    '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
    '{"@type":"WebSite","name":"Site From JSON-LD"},'
    '{"@type":"BlogPosting","headline":"Title from JSON-LD",'
    '"datePublished":"2016-01-01T09:00:00+00:00",'
    '"author":{"@type":"Person","name":"Author From JSON-LD"},'
    '"mainEntityOfPage":{"@id":"https://example.org/from-json-ld/"}}]}</script>'
)
META = (
    '<meta property="og:title" content="Title from OG - Site From OG">'
    '<meta property="og:site_name" content="Site From OG">'
    '<meta property="article:published_time" content="2016-02-02T09:00:00+00:00">'
    '<meta name="author" content="Author From Meta">'
    '<link rel="canonical" href="https://example.org/canonical/?utm_source=x#top">'
)
MARKUP = (
    '<h1>Title from markup</h1><time class="published" datetime="2016-03-03">3 March 2016</time>'
)
TITLE_TAG = "<title>Title from the title tag</title>"


def page(*, head: str = "", top: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{top}{BODY}</article></body></html>"


def parse_page(html: str) -> Document:
    return parse_source(SourceText("p.html", "p.html", html, SourceFormat.HTML))


def fields(doc: Document) -> tuple[str | None, ...]:
    return (doc.title, doc.date, doc.site, doc.author, doc.url)


def test_json_ld_beats_meta_tags_markup_and_title() -> None:
    doc = parse_page(page(head=JSON_LD + META + TITLE_TAG, top=MARKUP))
    assert fields(doc) == (
        "Title from JSON-LD",
        "2016-01-01",
        "Site From JSON-LD",
        "Author From JSON-LD",
        "https://example.org/canonical/",  # the canonical link wins for the URL
    )
    assert doc.source_type.value == "blog_post"  # from the BlogPosting type


def test_meta_tags_beat_markup_and_title() -> None:
    doc = parse_page(page(head=META + TITLE_TAG, top=MARKUP))
    assert fields(doc) == (
        "Title from OG",  # the site name og:title appends is stripped
        "2016-02-02",
        "Site From OG",
        "Author From Meta",
        "https://example.org/canonical/",
    )


def test_markup_beats_title_tag_and_text() -> None:
    doc = parse_page(page(head=TITLE_TAG, top=MARKUP))
    assert fields(doc)[:2] == ("Title from markup", "2016-03-03")


def test_title_tag_then_text_heuristics_are_the_fallback() -> None:
    assert fields(parse_page(page(head=TITLE_TAG)))[:2] == (
        "Title from the title tag",
        "2015-03-03",
    )
    doc = parse_page("<html><body><p>First line as title</p><p>Body text here.</p></body></html>")
    assert (doc.title, doc.date) == ("First line as title", None)
    assert [e.text for e in doc.elements] == ["Body text here."]


@pytest.mark.parametrize("suffix", [".meta.json", ".meta.toml"])
def test_sidecar_beats_everything_for_html_and_text(tmp_path: Path, suffix: str) -> None:
    html = tmp_path / "post.html"
    html.write_text(page(head=JSON_LD + META, top=MARKUP), encoding="utf-8")
    text = tmp_path / "note.txt"
    text.write_text("A note\n\nInspectors found caseloads of 80 in the CRC.\n", encoding="utf-8")
    values = {
        "title": "Sidecar title",
        "date": "2014-04-04",
        "site": "Sidecar site",
        "url": "https://example.org/sidecar",
        "source_type": "news",
        "author": "Sidecar author",
    }
    for path in (html, text):
        sidecar = path.with_name(path.name + suffix)
        if suffix.endswith("json"):
            sidecar.write_text(json.dumps(values), encoding="utf-8")
        else:
            sidecar.write_text(
                "\n".join(f'{k} = "{v}"' for k, v in values.items()), encoding="utf-8"
            )
        doc = parse_source(read_source(path, path.name))
        assert fields(doc) == (
            "Sidecar title",
            "2014-04-04",
            "Sidecar site",
            "Sidecar author",
            "https://example.org/sidecar",
        )
        assert doc.source_type.value == "news"


def test_sidecar_by_stem_and_partial_fields(tmp_path: Path) -> None:
    path = tmp_path / "post.html"
    path.write_text(page(head=META), encoding="utf-8")
    (tmp_path / "post.meta.toml").write_text("date = 2013-05-05\n", encoding="utf-8")
    doc = parse_source(read_source(path, "post.html"))
    assert (doc.date, doc.title) == ("2013-05-05", "Title from OG")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{", "invalid JSON in sidecar"),
        ('["x"]', "sidecar must hold one object of fields"),
        (
            '{"titel": "x"}',
            "unknown sidecar field 'titel' "
            "(allowed: title, date, url, site, author, source_type, inspection)",
        ),
        ('{"date": "yesterday"}', "sidecar date 'yesterday' is not YYYY-MM-DD"),
        ('{"source_type": "memo"}', "sidecar source_type 'memo' is not one of"),
        ('{"title": 3}', "sidecar field 'title' must be a non-empty string"),
    ],
)
def test_bad_sidecar_is_a_source_error_naming_the_sidecar(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "post.txt"
    path.write_text("Title\n\nBody.\n", encoding="utf-8")
    sidecar = tmp_path / "post.txt.meta.json"
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_source(path, "post.txt")
    assert caught.value.path == str(sidecar)
    assert caught.value.reason.startswith(reason)


def test_urls_lose_fragments_and_copy_parameters() -> None:
    url = "http://b.blogspot.com/2016/09/p.html?m=1&showComment=1474614000000&x=2#c1"
    assert normalise_url(url) == "http://b.blogspot.com/2016/09/p.html?x=2"
    assert normalise_url("https://w.org/p/?replytocom=12&utm_medium=e") == "https://w.org/p/"
    assert normalise_url("javascript:void(0)") is None


@pytest.mark.parametrize(
    "title",
    [
        "On Probation: TR in Derbyshire",
        "TR in Derbyshire - On Probation",
        "TR in Derbyshire | On Probation",
    ],
)
def test_site_names_are_stripped_from_titles(title: str) -> None:
    assert strip_site(title, "On Probation") == "TR in Derbyshire"
    assert strip_site("On Probation", "On Probation") == "On Probation"
