"""Finding, reading and decoding corpus files: every bad file is a reason, never a crash."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from indexer.errors import SourceError
from indexer.model import SourceFormat
from indexer.sources import decode_bytes, detect_format, document_id, iter_source_paths, read_source

TEXT = "Dame Glenys Stacey said: “standards have slipped” – ENDS –"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_each_encoding_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


def test_declared_charset_is_used_when_it_decodes_cleanly() -> None:
    page = '<html><head><meta charset="iso-8859-15"></head><body>Caf\xe9 \u20ac</body></html>'
    decoded = decode_bytes(page.encode("iso-8859-15"), "p.html", html_hint=True)
    assert decoded.encoding == "iso8859-15"
    assert "Café €" in decoded.text


def test_unsafe_characters_are_removed_and_counted() -> None:
    decoded = decode_bytes("a\u202eb\x07c\x1bd\u2066e".encode(), "x.txt")
    assert decoded.text == "abcde"
    assert decoded.removed == 4


def test_binary_data_is_refused_with_a_reason() -> None:
    with pytest.raises(SourceError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "image.html")


def test_read_source_reports_empty_and_oversized_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    with pytest.raises(SourceError, match="empty file") as caught:
        read_source(empty, "empty.txt")
    assert caught.value.path == str(empty)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    with pytest.raises(SourceError, match="too large"):
        read_source(big, "big.txt", max_bytes=1000)


def test_format_is_detected_from_name_or_content() -> None:
    assert detect_format(Path("a.html"), "plain words") is SourceFormat.HTML
    assert detect_format(Path("a.txt"), "<!DOCTYPE html><html><body>x") is SourceFormat.HTML
    assert detect_format(Path("a"), "  <!-- saved -->\n<html lang=en>") is SourceFormat.HTML
    assert (
        detect_format(Path("a.txt"), "Friday, 13 January 2017\n<b>not html</b>")
        is SourceFormat.TEXT
    )


def test_walk_skips_hidden_files_sidecars_and_bad_links(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("a")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "b.txt.meta.json").write_text("{}")
    (tmp_path / "outside.txt").symlink_to("/etc/hostname")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "sub" / "again").symlink_to(tmp_path / "sub")
    os.mkfifo(tmp_path / "pipe")
    found = list(iter_source_paths(tmp_path))
    files = [document_id(p, tmp_path) for p in found if isinstance(p, Path)]
    errors = {Path(e.path).name: e.reason for e in found if isinstance(e, SourceError)}
    assert files == ["b.txt", "sub/a.txt"]
    assert errors == {
        "loop": "symlink loop",
        "outside.txt": "symlink points outside the corpus",
        "pipe": "not a regular file (FIFO, socket or device)",
        "again": "directory loop (already visited)",
    }


def test_non_utf8_file_names_get_a_printable_id(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("text")
    [path] = [p for p in iter_source_paths(tmp_path) if isinstance(p, Path)]
    assert document_id(path, tmp_path) == "caf\\xe9.txt"
