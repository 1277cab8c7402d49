"""Garbage in never crashes `reportsearch index`: each bad page is reported, the rest indexed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.errors import ParseError
from indexer.model import SourceFormat, SourceText
from indexer.parse import parse_source
from indexer.parse.html import NO_TEXT
from indexer.sources import read_source
from tests.parse.html_fixtures import HTML

NOT_HTML = "no readable text in the page (only navigation, scripts, forms or hidden elements)"


def parse_page(html: str) -> list[str]:
    doc = parse_source(SourceText("p.html", "p.html", html, SourceFormat.HTML))
    return [e.text for e in doc.elements]


def _write_corpus(corpus: Path) -> None:
    corpus.mkdir()
    shutil.copy(HTML / "004_e5c2bc1fff8f5255.html", corpus / "release.html")
    (corpus / "photo.html").write_bytes(bytes(range(256)) * 40)
    (corpus / "empty.html").write_text(
        "<!DOCTYPE html><html><head><title></title></head><body> </body></html>"
    )
    (corpus / "chrome.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><script>var a='text';</script>"
        "<form><input value='x'></form><div hidden>secret</div><p style='display: none'>gone</p>"
        "</body></html>"
    )
    with (corpus / "huge.html").open("wb") as handle:
        handle.write(b"<html><body>")
        handle.truncate(50 * 1024 * 1024)  # a sparse 50 MB page
    (corpus / "cp1252.html").write_bytes(
        "<html><body><h1>Caseloads</h1><p>The inspector said: “standards have slipped” – a café"
        " view.</p></body></html>".encode("cp1252")
    )
    (corpus / "wrong_charset.html").write_bytes(
        "<html><head><meta charset='utf-8'></head><body><h1>Caseloads</h1>"
        "<p>Officers’ caseloads – “high”.</p></body></html>".encode("cp1252")
    )
    (corpus / "deep.html").write_text(
        "<html><body>" + "<div>" * 10_000 + "<p>Deep inside ten thousand divs the text is read.</p>"
    )
    seed = (HTML / "000_3317e4b1ec0bb89e.html").read_text(encoding="utf-8")
    (corpus / "truncated.html").write_text(seed[: len(seed) * 2 // 3], encoding="utf-8")


def test_index_reports_each_bad_page_and_indexes_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    result = CliRunner().invoke(
        main, ["index", "--documents", str(corpus), "--index", str(tmp_path / "i")]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "Full rebuild (first build): 5 added, 0 updated, 0 removed, 0 unchanged, 4 failed."
    )
    assert lines[1].startswith("Indexed 5 documents")
    assert lines[2:7] == [
        "4 files failed:",
        f"  {corpus / 'chrome.html'}: {NOT_HTML}",
        f"  {corpus / 'empty.html'}: {NOT_HTML}",
        f"  {corpus / 'huge.html'}: too large: 52,428,800 bytes, over the limit of 20,971,520"
        " bytes",
        f"  {corpus / 'photo.html'}: binary file (contains NUL bytes)",
    ]


def test_damaged_pages_yield_what_can_be_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    read = {
        name: parse_source(read_source(corpus / name, name))
        for name in ("cp1252.html", "wrong_charset.html", "deep.html", "truncated.html")
    }
    assert (
        read["cp1252.html"].elements[0].text
        == "The inspector said: “standards have slipped” – a café view."
    )
    assert read["wrong_charset.html"].elements[0].text == "Officers’ caseloads – “high”."
    assert [e.text for e in read["deep.html"].elements] == [
        "Deep inside ten thousand divs the text is read."
    ]
    truncated = read["truncated.html"]
    assert truncated.title == "Inspector Finds Problems with RRP"
    assert len([e for e in truncated.elements if e.kind.value == "finding"]) == 10


def test_unclosed_tags_and_nesting_deeper_than_the_recursion_limit() -> None:
    page = "<title>Deep</title><article>" + "<div><span>" * 6_000 + "<ul><li>Deep bullet one<li>two"
    assert parse_page(page) == ["Deep bullet one", "two"]
    quotes = "<blockquote>" * 3_000 + "<p>Quoted text deep down.</p>"
    assert parse_page(f"<html><body>{quotes}") == ["Quoted text deep down."]


@pytest.mark.parametrize(
    "page",
    [
        "",
        "<html>",
        "<!-- only a comment -->",
        "<html><body><script>document.write('x')</script><style>p{}</style></body></html>",
        "<body><template><p>inert</p></template><noscript><p>no js</p></noscript></body>",
        "<body><p aria-hidden='true'>decoration</p><div hidden><p>later</p></div></body>",
    ],
)
def test_a_page_without_readable_text_is_a_parse_error(page: str) -> None:
    with pytest.raises(ParseError, match="no readable text"):
        parse_page(page)
    assert NO_TEXT == NOT_HTML
