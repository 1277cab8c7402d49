"""A corpus of 40 malformed files, made at test time: nothing crashes, every file is indexed or
skipped with its reason, and what decodes is exactly the text that was written.

Run as root (as CI containers do), the indexing itself runs with the effective uid of `nobody`
so that an unreadable file really is unreadable.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from indexer.errors import SourceError
from indexer.limits import IngestLimits
from indexer.pipeline import IndexReport, index_corpus
from indexer.results import SearchRequest
from indexer.sources import display_path, document_id, iter_source_paths, read_source
from indexer.summaries import describe_index_report
from indexer.whoosh.search import WhooshSearch

NOBODY = 65534
BIG = 50 * 1024 * 1024
BIG_SIZE = (BIG // 1_048_580) * 1_048_580
"""A real 50 MB file, written at test time (not a sparse one)."""
HTML_REASONS = ("HTML parsing is not available yet", "too complex", "no text the parser")
"""HTML parsing is another issue's: an HTML file is indexed or skipped for one of these."""
TEXT = "Café – naïve “quotes” £5 €, Dame Glenys Stacey on caseloads."
BODY = f"Notes on caseloads\n\n{TEXT}\n"
DEEP = 1_200
"""Folders nested this deep hold a file (deeper than Python's recursion limit)."""


@dataclass(frozen=True)
class Fixture:
    """One file of the corpus: how to make it and what must become of it."""

    name: str
    make: Callable[[Path], None]
    text: str | None = None
    """The exact decoded text, for files that must decode."""
    reason: str | None = None
    """The exact reason, for files that must be skipped."""
    html: bool = False


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def html_page(charset: str, body: str) -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>T</title></head><body>{body}</body></html>'
    )


def big_file(path: Path) -> None:
    chunk = b"caseloads " * 104_858  # 1,048,580 bytes
    with path.open("wb") as handle:
        for _ in range(BIG // len(chunk)):
            handle.write(chunk)
    assert path.stat().st_size == BIG_SIZE


def fifo(path: Path) -> None:
    os.mkfifo(path)


def unreadable(path: Path) -> None:
    path.write_text(BODY)
    path.chmod(0)


def link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def deep_folders(path: Path) -> None:
    folder = path
    folder.mkdir()
    for _ in range(DEEP):  # one by one: pathlib and shutil recurse, past the recursion limit
        folder = folder / "d"
        folder.mkdir()
    (folder / "bottom.txt").write_text(BODY)


def remove_deep_folders(path: Path) -> None:
    folder = path / "/".join(["d"] * DEEP)
    while folder != path.parent:
        for entry in folder.iterdir():
            if not entry.is_dir():
                entry.unlink()
        folder.rmdir()
        folder = folder.parent


def folder_loop(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(BODY)
    (path / "again").symlink_to(path)


def ignored(path: Path) -> None:
    path.write_text(BODY)


UTF16 = BODY.encode("utf-16-le")
NOISE = random.Random(1).randbytes(20_000).replace(b"\x00", b"")
"""Binary without a single NUL byte."""
CUT_PAGE = '<html><head><meta charset="utf-8"><title>T</title></head><body><p>Caf'
"""A page cut off in the middle of an "é" (its first byte kept)."""
FIXTURES = [
    Fixture(
        "image.png",
        data(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 64),
        reason="binary file (contains NUL bytes)",
    ),
    Fixture("noise.bin", data(NOISE), reason="binary or undecodable file (mostly non-text bytes)"),
    Fixture("empty.txt", data(b""), reason="empty file"),
    Fixture("blank.txt", data(b" \n\t\n  \n"), reason="empty file"),
    Fixture(
        "controls.txt",
        data(b"\x01\x02\x03\x1b\n"),
        reason="no text after decoding (only whitespace or control characters)",
    ),
    Fixture(
        "bom-only.txt",
        data(codecs.BOM_UTF8),
        reason="no text after decoding (only whitespace or control characters)",
    ),
    Fixture("utf8.txt", data(BODY.encode()), text=BODY),
    Fixture("utf8-bom.txt", data(codecs.BOM_UTF8 + BODY.encode()), text=BODY),
    Fixture("utf16-le-bom.txt", data(codecs.BOM_UTF16_LE + UTF16), text=BODY),
    Fixture("utf16-be-bom.txt", data(codecs.BOM_UTF16_BE + BODY.encode("utf-16-be")), text=BODY),
    Fixture("utf16-le.txt", data(UTF16), text=BODY),
    Fixture("utf16-be.txt", data(BODY.encode("utf-16-be")), text=BODY),
    Fixture("utf16-cut.txt", data(UTF16 + b"W"), text=BODY + "\ufffd"),
    Fixture("utf32-bom.txt", data(codecs.BOM_UTF32_LE + BODY.encode("utf-32-le")), text=BODY),
    Fixture("cp1252.txt", data(BODY.encode("cp1252")), text=BODY),
    Fixture(
        "cp1252-undefined.txt",
        data(BODY.encode("cp1252") + b"\x81\x8d\n"),
        text=BODY + "\ufffd\ufffd\n",
    ),
    Fixture("utf8-cut.txt", data(BODY.encode() + "é".encode()[:1]), text=BODY + "\ufffd"),
    # A byte that is not UTF-8 inside UTF-8 text is read as Windows-1252.
    Fixture("utf8-stray-byte.txt", data(BODY.encode() + b"\xff\n"), text=BODY + "ÿ\n"),
    # Lone surrogates written as UTF-8 are dropped.
    Fixture(
        "surrogates.txt",
        data(BODY.encode() + b"\xed\xa0\x80 and \xed\xb2\xa9.\n"),
        text=BODY + " and .\n",
    ),
    Fixture("nul.txt", data(BODY.encode().replace(b"Notes", b"No\x00tes")), text=BODY),
    Fixture(
        "bidi.txt",
        data(BODY.replace("Café", "\u202eCafé\u202c\u2066x\u2069").encode()),
        text=BODY.replace("Café", "Caféx"),
    ),
    Fixture(
        "c0.txt",
        data(BODY.replace("on caseloads.", "on\x07 case\x0cloads\x1b.").encode()),
        text=BODY,
    ),
    Fixture("crlf.txt", data(BODY.replace("\n", "\r\n").encode()), text=BODY),
    Fixture("cr.txt", data(BODY.replace("\n", "\r").encode()), text=BODY),
    Fixture("noncharacters.txt", data(BODY.replace("£", "£\ufffe\uffff").encode()), text=BODY),
    Fixture(
        "long-word.txt",
        data((BODY + "x" * 100_000 + "\n").encode()),
        text=BODY + "x" * 100_000 + "\n",
    ),
    Fixture(
        "big.txt",
        big_file,
        reason=f"too large: {BIG_SIZE:,} bytes, over the limit of {20 * 1024 * 1024:,} bytes",
    ),
    Fixture(
        "slow.txt",
        data(("Notes\n\n" + "A paragraph on caseloads.\n\n" * 200_000).encode()),
        reason="too complex (parsing took over 1 s)",
    ),
    Fixture(
        "wrong-charset.html",
        data(html_page("utf-8", TEXT).encode("cp1252")),
        text=html_page("utf-8", TEXT),
        html=True,
    ),
    Fixture(
        "declared.html",
        data(html_page("iso-8859-15", "Café €").encode("iso-8859-15")),
        text=html_page("iso-8859-15", "Café €"),
        html=True,
    ),
    Fixture(
        "xml-declared.xhtml",
        data(b'<?xml version="1.0" encoding="iso-8859-1"?><html><body>Caf\xe9</body></html>'),
        text='<?xml version="1.0" encoding="iso-8859-1"?><html><body>Café</body></html>',
        html=True,
    ),
    Fixture(
        "utf16-meta.html",
        data(html_page("utf-16", "Café").encode("cp1252")),
        text=html_page("utf-16", "Café"),
        html=True,
    ),
    Fixture(
        "truncated.html",
        data(CUT_PAGE.encode() + "é".encode()[:1]),
        text=CUT_PAGE + "\ufffd",
        html=True,
    ),
    Fixture(
        "nested.html",
        data(
            (
                "<html><body>" + "<div>" * 10_000 + "deep" + "</div>" * 10_000 + "</body></html>"
            ).encode()
        ),
        html=True,
    ),
    Fixture(
        "entities.html",
        data(b"<html><body><p>&#xD800; &#0; &#x202E; caseloads</p></body></html>"),
        html=True,
    ),
    Fixture(
        "deep-quotes.txt",
        data(("Notes\n\n" + "\u201c" * 10_000 + "caseloads" + "\u201d" * 10_000 + "\n").encode()),
    ),
    Fixture(os.fsdecode(b"r\xe9sum\xe9.txt"), data(BODY.encode()), text=BODY),
    Fixture("evil\u202etxt.exe", data(BODY.encode()), text=BODY),
    Fixture("line\nbreak.txt", data(BODY.encode()), text=BODY),
    Fixture("unreadable.txt", unreadable, reason="cannot read: Permission denied"),
    Fixture("pipe", fifo, reason="not a regular file (FIFO, socket or device)"),
    Fixture("loop", link("loop"), reason="symlink loop"),
    Fixture("outside.txt", link("/etc/passwd"), reason="symlink points outside the corpus"),
    Fixture("dangling.txt", link("nowhere.txt"), reason="broken symlink or file vanished"),
    Fixture("inside-link.txt", link("utf8.txt"), text=BODY),
    Fixture("folder", folder_loop),
    Fixture("deep", deep_folders),
    Fixture(".hidden.txt", ignored),
    Fixture("utf8.txt.meta.json", data(b'{"title": "From the sidecar"}')),
]
EXPECTED_FOLDER_ENTRIES = {
    "folder/inside.txt": None,
    "folder/again": "directory loop (already visited)",
    "/".join(["deep", *["d"] * DEEP, "bottom.txt"]): None,
}


@contextmanager
def unprivileged() -> Iterator[None]:
    """Run the block with the effective ids of `nobody` when the tests run as root."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture(scope="module")
def corpus() -> Iterator[Path]:
    # Outside pytest's root-only temporary folders, so that `nobody` may read and write here.
    base = Path(tempfile.mkdtemp(prefix="malformed-"))
    base.chmod(0o777)
    folder = base / "corpus"
    folder.mkdir()
    for fixture in FIXTURES:
        fixture.make(folder / fixture.name)
    yield folder
    (folder / "unreadable.txt").chmod(0o644)
    remove_deep_folders(folder / "deep")
    shutil.rmtree(base)


@pytest.fixture(scope="module")
def report(corpus: Path) -> IndexReport:
    limits = IngestLimits(max_parse_seconds=1)
    index_corpus(corpus, corpus.parent / "warm-up", limits=limits)  # imports, as root, first
    with unprivileged():
        return index_corpus(corpus, corpus.parent / "ix", limits=limits)


def test_the_corpus_has_enough_kinds_of_trouble() -> None:
    assert len(FIXTURES) >= 40


@pytest.mark.parametrize(
    "fixture", [f for f in FIXTURES if f.text is not None], ids=lambda f: repr(f.name)
)
def test_decodable_files_decode_to_exactly_the_text_written(corpus: Path, fixture: Fixture) -> None:
    path = corpus / fixture.name
    assert read_source(path, document_id(path, corpus)).text == fixture.text


def test_every_file_is_indexed_or_skipped_with_its_reason(
    corpus: Path, report: IndexReport
) -> None:
    assert report.manifest is not None and report.published is not None
    indexed = set(report.manifest.files)
    skipped = {failure.path: failure.reason for failure in report.failures}
    assert len(skipped) == len(report.failures), "a file failed twice"
    expected = {display_path(corpus / f.name): f for f in FIXTURES}
    for shown, reason in skipped.items():
        relative = shown.removeprefix(display_path(corpus) + "/")
        if relative in EXPECTED_FOLDER_ENTRIES:
            assert reason == EXPECTED_FOLDER_ENTRIES[relative]
            continue
        fixture = expected[shown]
        if fixture.html:
            assert reason.startswith(HTML_REASONS), (fixture.name, reason)
        else:
            assert reason == fixture.reason, fixture.name
    for fixture in FIXTURES:
        doc_id = document_id(corpus / fixture.name, corpus)
        if fixture.name.startswith(".") or fixture.name.endswith(".meta.json"):
            assert doc_id not in indexed and display_path(corpus / fixture.name) not in skipped
        elif fixture.reason:
            assert display_path(corpus / fixture.name) in skipped, fixture.name
        elif not fixture.html and fixture.make not in (folder_loop, deep_folders):
            assert doc_id in indexed, fixture.name
        elif fixture.html:
            assert (doc_id in indexed) != (display_path(corpus / fixture.name) in skipped)
    for relative, reason in EXPECTED_FOLDER_ENTRIES.items():
        assert (relative in indexed) == (reason is None)


def test_odd_names_get_printable_distinct_ids(report: IndexReport) -> None:
    assert report.manifest is not None
    assert {"r\\xe9sum\\xe9.txt", "evil\\u202etxt.exe", "line\\x0abreak.txt"} <= set(
        report.manifest.files
    )
    summary = describe_index_report(report, Path("ix"))
    summary.encode("utf-8")  # no surrogates
    assert "\u202e" not in summary and "line\nbreak" not in summary


def test_what_was_indexed_is_clean_and_searchable(corpus: Path, report: IndexReport) -> None:
    assert report.manifest is not None
    service = WhooshSearch(corpus.parent / "ix")
    try:
        for doc_id in report.manifest.files:
            document = service.document(doc_id)
            assert document is not None, doc_id
            shown = json.dumps(document.to_dict(), ensure_ascii=False)
            shown.encode("utf-8")  # no lone surrogates anywhere
            assert not any(c in shown for c in "\x00\x07\x1b\u202e\u2066\ufffe")
        sidecar = service.document("utf8.txt")
        assert sidecar is not None and sidecar.title == "From the sidecar"
        assert service.search(SearchRequest(query="caseloads")).total > 0
    finally:
        service.close()


def test_nothing_under_the_corpus_is_walked_twice_or_missed(corpus: Path) -> None:
    found = list(iter_source_paths(corpus))
    names = [str(item) if isinstance(item, Path) else item.path for item in found]
    assert len(names) == len(set(names))
    assert sum(isinstance(item, SourceError) for item in found) == 5  # pipe, links, loop
