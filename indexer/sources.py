"""First step of the flow: find the files of a corpus, read their bytes and decode them.

Every file either becomes a `SourceText` or a `SourceError` naming its path and the reason;
one bad file never stops the others.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import SourceError
from indexer.model import SourceFormat, SourceText
from indexer.sidecar import read_sidecar

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are skipped as "too large" unless the caller sets another limit."""

SIDECAR_SUFFIXES = (".meta.json", ".meta.toml")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

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
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
# Characters removed at ingestion: C0 controls but tab/newline/CR, DEL, C1 controls,
# bidi overrides and isolates, and lone surrogates (which cannot be encoded as UTF-8).
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and what had to be repaired."""

    text: str
    encoding: str
    replaced: int = 0
    removed: int = 0
    repaired: int = 0
    """Mojibake sequences repaired, or Windows-1252 fragments decoded inside UTF-8."""

    def notes(self) -> tuple[str, ...]:
        """Return what decoding did beyond plain UTF-8, in words."""
        notes = [] if self.encoding == "utf-8" else [f"decoded as {self.encoding}"]
        if self.repaired:
            notes.append(f"{self.repaired} mojibake or mixed-encoding sequences repaired")
        if self.replaced:
            notes.append(f"{self.replaced} undecodable bytes replaced")
        if self.removed:
            notes.append(f"{self.removed} control or bidi characters removed")
        return tuple(notes)


def iter_source_paths(root: Path) -> Iterator[Path | SourceError]:
    """Yield the document files under `root` in a stable order, or an error for each bad entry."""
    root_real = root.resolve()
    seen_dirs: set[tuple[int, int]] = set()
    yield from _walk(root, root_real, seen_dirs)


def _walk(
    folder: Path, root_real: Path, seen: set[tuple[int, int]]
) -> Iterator[Path | SourceError]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            yield SourceError(str(folder), "directory loop (already visited)")
            return
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(folder), key=lambda entry: os.fsencode(entry.name))
    except OSError as exc:
        yield SourceError(str(folder), f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name.endswith(SIDECAR_SUFFIXES):
            continue
        problem = _entry_problem(path, root_real)
        if problem:
            yield SourceError(str(path), problem)
        elif path.is_dir():
            yield from _walk(path, root_real, seen)
        else:
            yield path


def _entry_problem(path: Path, root_real: Path) -> str | None:
    """Return why `path` must be skipped, or None when it is a readable file or folder."""
    try:
        target = path.resolve(strict=True)
        mode = path.stat().st_mode
    except RuntimeError:
        return "symlink loop"
    except FileNotFoundError:
        return "broken symlink or file vanished"
    except OSError as exc:
        return f"cannot stat: {exc.strerror or exc}"
    if path.is_symlink() and not target.is_relative_to(root_real):
        return "symlink points outside the corpus"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return "not a regular file (FIFO, socket or device)"


def document_id(path: Path, root: Path) -> str:
    """Return the stable document id of `path`: its POSIX path relative to the corpus root."""
    relative = path.relative_to(root).as_posix()
    # File names that are not UTF-8 arrive with surrogate escapes; make the id printable.
    return os.fsencode(relative).decode("utf-8", "replace")


def read_source(path: Path, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode one file, raising `SourceError` with the reason when it cannot be used."""
    data = read_bytes(path, max_bytes)
    decoded = decode_bytes(data, str(path), html_hint=path.name.lower().endswith(HTML_SUFFIXES))
    if not decoded.text.strip():
        raise SourceError(
            str(path), "no text after decoding (only whitespace or control characters)"
        )
    return SourceText(
        doc_id=doc_id,
        source_path=str(path),
        text=decoded.text,
        format=detect_format(path, decoded.text),
        overrides=read_sidecar(path),
        notes=decoded.notes(),
    )


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Return the bytes of `path`, refusing empty and oversized files."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SourceError(str(path), "file vanished before it could be read") from None
    except OSError as exc:
        raise SourceError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise SourceError(
            str(path), f"too large: {_size_of(path)}, over the limit of {max_bytes:,} bytes"
        )
    if not data.strip():
        raise SourceError(str(path), "empty file")
    return data


def _size_of(path: Path) -> str:
    try:
        return f"{path.stat().st_size:,} bytes"
    except OSError:
        return "size unknown"


def decode_bytes(data: bytes, path: str, html_hint: bool = False) -> Decoded:
    """Decode `data`: BOM, then strict UTF-8, then a declared charset, then Windows-1252.

    Strict UTF-8 text is checked for mojibake; bytes that are not UTF-8 are read as
    Windows-1252 within otherwise UTF-8 text (a cp1252 comment pasted into a UTF-8 page).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _clean(data[len(bom) :].decode(encoding, "replace"), encoding)
    utf16 = _sniff_utf16(data)
    if utf16:
        return _clean(data.decode(utf16, "replace"), utf16)
    if b"\x00" in data[:8192]:
        raise SourceError(path, "binary file (contains NUL bytes)")
    try:
        text, repaired = repair_mojibake(data.decode("utf-8"))
        return _clean(text, "utf-8", repaired)
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if html_hint or b"<" in data[:1024] else None
    if declared and declared != "utf-8":
        try:
            return _clean(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    decoded = _decode_mixed(data)
    if _looks_binary(decoded.text):
        raise SourceError(path, "binary or undecodable file (mostly non-text bytes)")
    return decoded


def _sniff_utf16(data: bytes) -> str | None:
    """Return a UTF-16 codec when BOM-less `data` has the NUL pattern of ASCII in UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
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
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


codecs.register_error("reportsearch-cp1252", _cp1252_fallback)


def _decode_mixed(data: bytes) -> Decoded:
    """Decode UTF-8 with Windows-1252 fragments, or plain Windows-1252 when there is no UTF-8."""
    _fallbacks.count = 0
    text = data.decode("utf-8", "reportsearch-cp1252")
    if _UTF8_MULTIBYTE.search(data):
        return _clean(text, "utf-8 with windows-1252 fragments", _fallbacks.count)
    return _clean(text, "cp1252")


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
