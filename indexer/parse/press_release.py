"""The inspectorate press release family, in plain text and as the body of an HTML page.

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
from indexer.parse.text import Para, clean, to_paras


def detect(lines: list[str]) -> bool:
    """Return whether the text has a press release's "ENDS" or "Notes to editors" line."""
    return any(
        patterns.PRESS_ENDS.match(clean(line)) or patterns.PRESS_NOTES.match(clean(line))
        for line in lines
    )


def draft_notes(paras: list[Para]) -> list[Draft]:
    """Return one section per note: a numbered line or list item opens one, others continue it."""
    notes: list[str] = []
    for para in paras:
        match = patterns.NUMBERED.match(para.text)
        if match or para.bullet or not notes:
            notes.append(match["text"] if match else para.text)
        else:
            notes[-1] = f"{notes[-1]}\n{para.text}"
    heading = patterns.PRESS_NOTES_HEADING
    return [Draft(ElementKind.SECTION, note, heading) for note in notes]


def draft_release(paras: list[Para], gazetteer: Gazetteer) -> list[Draft]:
    """Return the drafts of a release body after its headline: body, then the notes."""
    notes_at = next(
        (i for i, para in enumerate(paras) if patterns.PRESS_NOTES.match(para.text)), len(paras)
    )
    body = [para for para in paras[:notes_at] if not patterns.PRESS_ENDS.match(para.text)]
    return draft_body(body, gazetteer) + draft_notes(paras[notes_at + 1 :])


def parse(source: SourceText, lines: list[str], gazetteer: Gazetteer) -> Document:
    """Return the Document of an inspectorate press release in plain text."""
    paras = to_paras(lines)
    if not paras or patterns.PRESS_NOTES.match(paras[0].text):
        raise ParseError(source.source_path, "no headline before the notes to editors")
    title, paras = paras[0].text, paras[1:]
    meta = Meta(
        title,
        publication_date("\n".join(clean(line) for line in lines)),
        patterns.PRESS_SITE,
        source_type=SourceType.PRESS_RELEASE,
    )
    return build_document(source, meta, draft_release(paras, gazetteer), gazetteer)
