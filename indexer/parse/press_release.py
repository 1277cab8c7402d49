"""The inspectorate press release family in plain text.

Headline, body (reported speech in the lead, `X said:` quotes), "– ENDS –" (dropped), then
numbered "Notes to editors:", each note a section under that heading (notes are not findings).
"""

from __future__ import annotations

from indexer.entities import Gazetteer
from indexer.errors import ParseError
from indexer.model import Document, ElementKind, SourceText, SourceType
from indexer.parse import patterns
from indexer.parse.assemble import Draft, Meta, build_document
from indexer.parse.body import draft_body
from indexer.parse.dates import publication_date
from indexer.parse.text import clean, content_lines, to_paras


def detect(lines: list[str]) -> bool:
    """Return whether the text has a press release's "ENDS" or "Notes to editors" line."""
    return any(
        patterns.PRESS_ENDS.match(clean(line)) or patterns.PRESS_NOTES.match(clean(line))
        for line in lines
    )


def parse_notes(lines: list[str]) -> list[Draft]:
    """Return one section per numbered note; unnumbered lines continue the note before."""
    notes: list[str] = []
    for line in content_lines(lines):
        match = patterns.NUMBERED.match(line)
        if match or not notes:
            notes.append(match["text"] if match else line)
        else:
            notes[-1] = f"{notes[-1]}\n{line}"
    heading = patterns.PRESS_NOTES_HEADING
    return [Draft(ElementKind.SECTION, note, heading) for note in notes]


def parse(source: SourceText, lines: list[str], gazetteer: Gazetteer) -> Document:
    """Return the Document of an inspectorate press release in plain text."""
    cleaned = [clean(line) for line in lines]
    notes_at = next(
        (i for i, line in enumerate(cleaned) if patterns.PRESS_NOTES.match(line)), len(lines)
    )
    body = [line for line in lines[:notes_at] if not patterns.PRESS_ENDS.match(clean(line))]
    paras = to_paras(body)
    if not paras:
        raise ParseError(source.source_path, "no headline before the notes to editors")
    title, paras = paras[0].text, paras[1:]
    drafts = draft_body(paras, gazetteer) + parse_notes(lines[notes_at + 1 :])
    meta = Meta(
        title,
        publication_date("\n".join(cleaned)),
        patterns.PRESS_SITE,
        source_type=SourceType.PRESS_RELEASE,
    )
    return build_document(source, meta, drafts, gazetteer)
