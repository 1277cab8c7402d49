"""Parsers: turn a decoded SourceText into a Document, whatever its format and site family.

`parse_source` is the one entry point. Plain text is recognised by its content (not its file
name): a Blogger date line, the analysis blog's chrome, a news byline, a press release's
"ENDS", notes or other signs, or else the generic fallback. HTML goes to `parse.html`, whose
site recognisers read the markup; PDF reports go to `parse.pdf`. A sidecar metadata file's
fields are applied last, whatever the format.
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.entities import Gazetteer, default_gazetteer
from indexer.errors import ParseError
from indexer.model import Document, SourceFormat, SourceText
from indexer.parse import analysis, blogger, generic, news, press_release
from indexer.parse.html import parse_html
from indexer.parse.overrides import apply_overrides
from indexer.parse.pdf import parse_pdf
from indexer.parse.text import normalise_lines

Detector = Callable[[list[str]], bool]
TextParser = Callable[[SourceText, list[str], Gazetteer], Document]
FormatParser = Callable[[SourceText, Gazetteer], Document]

GENERIC = "generic"
# Tried in order; the first family whose detector accepts the text parses it.
TEXT_FAMILIES: tuple[tuple[str, Detector, TextParser], ...] = (
    ("blogger", blogger.detect, blogger.parse),
    ("analysis", analysis.detect, analysis.parse),
    ("news", news.detect, news.parse),
    ("press_release", press_release.detect, press_release.parse),
)


def detect_family(text: str) -> str:
    """Return the name of the plain-text family `text` belongs to ("generic" if none)."""
    lines = normalise_lines(text)
    return next((name for name, detect, _ in TEXT_FAMILIES if detect(lines)), GENERIC)


def _parse_text(source: SourceText, gazetteer: Gazetteer) -> Document:
    lines = normalise_lines(source.text)
    for _, detect, parse in TEXT_FAMILIES:
        if detect(lines):
            return parse(source, lines, gazetteer)
    return generic.parse(source, lines, gazetteer)


FORMAT_PARSERS: dict[SourceFormat, FormatParser] = {
    SourceFormat.TEXT: _parse_text,
    SourceFormat.HTML: parse_html,
    SourceFormat.PDF: parse_pdf,
}


def parse_source(source: SourceText, gazetteer: Gazetteer | None = None) -> Document:
    """Parse `source` into a Document; raise ParseError if nothing readable comes out."""
    parser = FORMAT_PARSERS.get(source.format)
    if parser is None:
        raise ParseError(source.source_path, f"no parser for format {source.format!r}")
    document = parser(source, gazetteer or default_gazetteer())
    return apply_overrides(document, source.overrides)


__all__ = ["FORMAT_PARSERS", "TEXT_FAMILIES", "detect_family", "parse_source"]
