"""First step of the flow: find the files of a corpus, read their bytes and decode them.

Every file either becomes a `SourceText` or a `SourceError` naming its path and the reason;
one bad file never stops the others.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import SourceError
from indexer.limits import DEFAULT_INGEST_LIMITS
from indexer.model import SourceFormat, SourceText
from indexer.sidecar import SIDECAR_SUFFIXES, read_sidecar

DEFAULT_MAX_BYTES = DEFAULT_INGEST_LIMITS.max_file_bytes
"""Files larger than this are skipped as "too large" unless the caller sets another limit."""

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIX = ".pdf"
PDF_ENCODING = "pdf"
"""The `Decoded.encoding` of a PDF: its bytes go to the PDF parser undecoded."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset|<\?xml[^>]+encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)
# Labels that browsers decode as Windows-1252 (WHATWG Encoding Standard): pages that say
# ISO-8859-1 or ASCII but carry smart quotes in 0x80-0x9F mean Windows-1252.
_WINDOWS_1252_LABELS = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Mojibake: UTF-8 bytes once decoded as Windows-1252 ("â€™" for "’"), then saved as UTF-8.
# The five bytes Windows-1252 leaves undefined come through as C1 controls (WHATWG decoding).
_UNDEFINED_IN_CP1252 = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
_CP1252_CONTINUATION = "".join(
    chr(b) if b in _UNDEFINED_IN_CP1252 else bytes([b]).decode("cp1252") for b in range(0x80, 0xC0)
)
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CP1252_CONTINUATION}]|[\u00e0-\u00ef][{_CP1252_CONTINUATION}]{{2}}"
    f"|[\u00f0-\u00f4][{_CP1252_CONTINUATION}]{{3}}"
)
# A lone surrogate written as UTF-8 by a system that allows them ("WTF-8").
_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
# Characters removed at ingestion: C0 controls but tab/newline/CR, DEL, C1 controls,
# bidi overrides and isolates, lone surrogates (which cannot be encoded as UTF-8) and the
# noncharacters U+FFFE/U+FFFF.
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# In names shown to people, line breaks and tabs are escaped too.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and what had to be repaired."""

    text: str
    encoding: str
    replaced: int = 0
    """Undecodable bytes turned into U+FFFD (and U+FFFD already in the text)."""
    removed: int = 0
    """Control, bidi-override and lone-surrogate characters removed."""
    repaired: int = 0
    """Mojibake sequences repaired, or Windows-1252 fragments decoded inside UTF-8."""

    def notes(self) -> tuple[str, ...]:
        """Return what decoding did beyond plain UTF-8, in words."""
        plain = self.encoding in ("utf-8", PDF_ENCODING)
        notes = [] if plain else [f"decoded as {self.encoding}"]
        if self.repaired:
            notes.append(f"{self.repaired} mojibake or mixed-encoding sequences repaired")
        if self.replaced:
            notes.append(f"{self.replaced} undecodable bytes replaced")
        if self.removed:
            notes.append(f"{self.removed} control or bidi characters removed")
        return tuple(notes)


def iter_source_paths(root: Path, skip: Path | None = None) -> Iterator[Path | SourceError]:
    """Yield the document files under `root` in a stable order, or an error for each bad entry.

    Depth-first in byte order of the names; iterative, and only symlinks are resolved, so any
    depth of folders is walked in time proportional to the number of entries. The folder
    `skip` (the index, when it lies inside the corpus) is left out.
    """
    root_real = root.resolve()
    seen: set[tuple[int, int]] = set()
    left_out = _identity(skip) if skip is not None else None
    pending: list[Path] = [root]
    while pending:
        folder = pending.pop()
        if left_out is not None and _identity(folder) == left_out:
            continue
        entries = _list_folder(folder, seen)
        if isinstance(entries, SourceError):
            yield entries
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            kind = _entry_kind(entry, root_real)
            if kind == "folder":
                subfolders.append(path)
            elif kind == "file":
                yield path
            else:
                yield SourceError(display_path(path), kind)
        pending.extend(reversed(subfolders))


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        info = folder.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _list_folder(folder: Path, seen: set[tuple[int, int]]) -> list[os.DirEntry[str]] | SourceError:
    """Return the entries of `folder` worth looking at, or why it cannot be walked."""
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return SourceError(display_path(folder), "directory loop (already visited)")
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: os.fsencode(entry.name))
    except OSError as exc:
        return SourceError(display_path(folder), f"cannot list directory: {exc.strerror or exc}")
    return [
        e for e in entries if not e.name.startswith(".") and not e.name.endswith(SIDECAR_SUFFIXES)
    ]


def _entry_kind(entry: os.DirEntry[str], root_real: Path) -> str:
    """Return "file" or "folder" for an entry to walk, else why it must be skipped."""
    try:
        if entry.is_symlink():
            target = Path(entry.path).resolve(strict=True)
            if not target.is_relative_to(root_real):
                return "symlink points outside the corpus"
        mode = entry.stat().st_mode
    except RuntimeError:
        return "symlink loop"
    except FileNotFoundError:
        return "broken symlink or file vanished"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        return f"cannot stat: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return "not a regular file (FIFO, socket or device)"


def display_path(path: Path | str) -> str:
    """Return `path` as printable text: undecodable name bytes as \\xNN, controls escaped."""
    return _printable(os.fsencode(path))


def document_id(path: Path, root: Path) -> str:
    """Return the stable document id of `path`: its POSIX path relative to the corpus root.

    Names that are not UTF-8 keep their odd bytes as `\\xNN`, so two such names never share
    an id; control and bidi characters are escaped the same way.
    """
    return _printable(os.fsencode(path.relative_to(root).as_posix()))


def _printable(name: bytes) -> str:
    text = name.decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def read_source(path: Path, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode one file, raising `SourceError` with the reason when it cannot be used."""
    return decode_source(read_bytes(path, max_bytes), path, doc_id)[0]


def decode_source(data: bytes, path: Path, doc_id: str) -> tuple[SourceText, Decoded]:
    """Decode the bytes of one file into a SourceText, with what decoding had to repair.

    A PDF (by its name or its `%PDF-` header) is not decoded: its bytes go to the PDF parser.
    """
    shown = display_path(path)
    if is_pdf(path, data):
        source = SourceText(
            doc_id=doc_id,
            source_path=shown,
            text="",
            format=SourceFormat.PDF,
            overrides=read_sidecar(path),
            data=data,
        )
        return source, Decoded("", PDF_ENCODING)
    decoded = decode_bytes(data, shown, html_hint=path.name.lower().endswith(HTML_SUFFIXES))
    if not decoded.text.strip():
        raise SourceError(shown, "no text after decoding (only whitespace or control characters)")
    source = SourceText(
        doc_id=doc_id,
        source_path=shown,
        text=decoded.text,
        format=detect_format(path, decoded.text),
        overrides=read_sidecar(path),
        notes=decoded.notes(),
    )
    return source, decoded


def is_pdf(path: Path, data: bytes) -> bool:
    """Return whether a file is a PDF: named `.pdf`, or starting with the `%PDF-` header."""
    return path.name.lower().endswith(PDF_SUFFIX) or data[:1024].lstrip().startswith(b"%PDF-")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Return the bytes of `path`, refusing empty and oversized files."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SourceError(display_path(path), "file vanished before it could be read") from None
    except OSError as exc:
        raise SourceError(display_path(path), f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        size = _size_of(path)
        reason = f"too large: {size}, over the limit of {max_bytes:,} bytes"
        raise SourceError(display_path(path), reason)
    if not data.strip():
        raise SourceError(display_path(path), "empty file")
    return data


def _size_of(path: Path) -> str:
    try:
        return f"{path.stat().st_size:,} bytes"
    except OSError:
        return "size unknown"


def decode_bytes(data: bytes, path: str, html_hint: bool = False) -> Decoded:
    """Decode `data`: BOM, then strict UTF-8, then a declared charset, then Windows-1252.

    Strict UTF-8 text is checked for mojibake (and may end in a character cut short); bytes
    that are not UTF-8 are read as Windows-1252 within otherwise UTF-8 text (a cp1252 comment
    pasted into a UTF-8 page), except lone surrogates written as UTF-8, which are dropped.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _clean(data[len(bom) :].decode(encoding, "replace"), encoding)
    utf16 = _sniff_utf16(data)
    if utf16:
        return _clean(data.decode(utf16, "replace"), utf16)
    utf8 = _strict_utf8(data)
    if _is_binary(data, utf8 is not None):
        raise SourceError(path, "binary file (contains NUL bytes)")
    if utf8 is not None:
        text, repaired = repair_mojibake(utf8)
        return _clean(text, "utf-8", repaired)
    declared = _declared_charset(data) if html_hint or b"<" in data[:1024] else None
    if declared and declared != "utf-8":
        try:
            return _clean(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    text, encoding, fragments = _decode_mixed(data)
    if _looks_binary(text):
        raise SourceError(path, "binary or undecodable file (mostly non-text bytes)")
    return _clean(text, encoding, fragments)


def _strict_utf8(data: bytes) -> str | None:
    """Return `data` as UTF-8, tolerating only a last character cut short; else None."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8") + "\ufffd"
        return None


def _is_binary(data: bytes, is_utf8: bool) -> bool:
    """Return whether NUL bytes say `data` is binary: any in non-UTF-8, more than a stray
    few (over 1% and over 3) in UTF-8, whose stray NULs are removed like other controls."""
    sample = data[:8192]
    nuls = sample.count(0)
    return nuls > 0 and (not is_utf8 or nuls > max(3, len(sample) // 100))


def _sniff_utf16(data: bytes) -> str | None:
    """Return a UTF-16 codec when BOM-less `data` has the NUL pattern of ASCII in UTF-16."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return None  # a declaration readable as ASCII cannot be UTF-16/32 (the HTML standard)
    return "cp1252" if codec in _WINDOWS_1252_LABELS else codec


def repair_mojibake(text: str) -> tuple[str, int]:
    """Return `text` with UTF-8-read-as-Windows-1252 sequences repaired, and how many."""
    repaired = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal repaired
        try:
            fixed = _cp1252_bytes(match.group()).decode("utf-8")
        except UnicodeError:
            return match.group()
        repaired += 1
        return fixed

    return _MOJIBAKE.sub(fix, text), repaired


def _cp1252_bytes(text: str) -> bytes:
    """Return the Windows-1252 bytes of `text`, C1 controls standing for the undefined bytes."""
    return b"".join(
        bytes([ord(c)]) if ord(c) in _UNDEFINED_IN_CP1252 else c.encode("cp1252") for c in text
    )


_fallbacks = threading.local()


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes that are not UTF-8 as Windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _fallbacks.count = getattr(_fallbacks, "count", 0) + 1
    if _ENCODED_SURROGATE.match(error.object, error.start):
        return "", error.start + 3
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


codecs.register_error("reportsearch-cp1252", _cp1252_fallback)


def _decode_mixed(data: bytes) -> tuple[str, str, int]:
    """Decode UTF-8 with Windows-1252 fragments, or plain Windows-1252 when there is no UTF-8;
    return the text, the encoding's name and how many fragments were not UTF-8."""
    _fallbacks.count = 0
    text = data.decode("utf-8", "reportsearch-cp1252")
    if _UTF8_MULTIBYTE.search(data):
        return text, "utf-8 with windows-1252 fragments", _fallbacks.count
    return text, "cp1252", 0


def strip_unsafe(text: str) -> str:
    """Return `text` without the control, bidi-override and surrogate characters removed at
    ingestion (for text that reaches the index by another way than `decode_bytes`)."""
    return _UNSAFE_CHARS.sub("", text)


def _clean(text: str, encoding: str, repaired: int = 0) -> Decoded:
    """Strip characters that must never reach the index and count what was changed."""
    replaced = text.count("\ufffd")
    cleaned, removed = _UNSAFE_CHARS.subn("", text)
    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(cleaned, encoding, replaced, removed, repaired)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    odd = sum(1 for char in sample if char == "\ufffd" or (ord(char) < 32 and char not in "\t\n"))
    return odd / len(sample) > 0.1


def detect_format(path: Path, text: str) -> SourceFormat:
    """Return HTML for `.html`/`.htm` files and for any file whose content starts as HTML."""
    if path.name.lower().endswith(HTML_SUFFIXES) or _HTML_START.match(text[:2048]):
        return SourceFormat.HTML
    return SourceFormat.TEXT
