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


def test_windows_1252_inside_utf8_is_read_as_windows_1252() -> None:
    data = "Café – “ok”".encode() + b" and a pasted \x93quote\x94 \x96 here"
    decoded = decode_bytes(data, "mixed.html", html_hint=True)
    assert decoded.text == "Café – “ok” and a pasted “quote” – here"
    assert decoded.encoding == "utf-8 with windows-1252 fragments"
    assert decoded.repaired == 3


def test_mojibake_is_repaired_and_counted() -> None:
    # What a browser shows for UTF-8 read as Windows-1252 (undefined bytes as C1 controls).
    text = "".join(
        chr(b) if b in {0x81, 0x8D, 0x8F, 0x90, 0x9D} else bytes([b]).decode("cp1252")
        for b in "Officers’ caseloads – “high” in the café".encode()
    )
    decoded = decode_bytes(text.encode(), "double.html", html_hint=True)
    assert decoded.text == "Officers’ caseloads – “high” in the café"
    assert decoded.repaired == 5
    assert decoded.notes() == ("5 mojibake or mixed-encoding sequences repaired",)
    plain = decode_bytes("Ã is a letter; café and naïve stay as they are".encode(), "x.txt")
    assert plain.text == "Ã is a letter; café and naïve stay as they are"
    assert plain.repaired == 0


@pytest.mark.parametrize("label", ["iso-8859-1", "ISO-8859-1", "us-ascii", "latin1"])
def test_latin1_and_ascii_labels_mean_windows_1252(label: str) -> None:
    page = f'<meta http-equiv="Content-Type" content="text/html; charset={label}"><p>“x” – é</p>'
    decoded = decode_bytes(page.encode("cp1252"), "p.html", html_hint=True)
    assert decoded.encoding == "cp1252"
    assert "“x” – é" in decoded.text


def test_wrong_declared_charset_and_xml_declaration() -> None:
    utf8_said_latin1 = '<meta charset="iso-8859-1"><p>Caf\u00e9 \u2013 ok</p>'.encode()
    assert decode_bytes(utf8_said_latin1, "p.html", html_hint=True).text.endswith("Café – ok</p>")
    cp1252_said_utf8 = '<meta charset="utf-8"><p>\u201cq\u201d</p>'.encode("cp1252")
    decoded = decode_bytes(cp1252_said_utf8, "p.html", html_hint=True)
    assert (decoded.encoding, decoded.text) == ("cp1252", '<meta charset="utf-8"><p>“q”</p>')
    xml = '<?xml version="1.0" encoding="iso-8859-15"?><html><p>€</p></html>'.encode("iso-8859-15")
    assert "€" in decode_bytes(xml, "p.xhtml", html_hint=True).text


def test_read_source_notes_what_decoding_did(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_bytes("<html><body><p>“Quoted”</p></body></html>".encode("cp1252"))
    source = read_source(path, "old.html")
    assert source.notes == ("decoded as cp1252",)
    assert source.overrides == ()
