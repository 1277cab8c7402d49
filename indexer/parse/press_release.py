"""The inspectorate press release family, in plain text and as the body of an HTML page.

Headline, body (reported speech in the lead, `X said:` quotes), "– ENDS –" (dropped), then
numbered "Notes to editors:", each note a section under that heading (notes are not findings).
A release without ENDS or notes is known by its other signs (`detect`).
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
    """Return whether the text is a press release by its own signs.

    An "ENDS" or "Notes to editors" line is enough; otherwise two different signs of
    `patterns.PRESS_SIGNS` must appear: the Chief Inspector's words introduced in the third
    person ("said Dame Glenys Stacey, Chief Inspector of Probation") and the act of
    publishing ("Publishing the report, …", "published today").
    """
    cleaned = [clean(line) for line in lines]
    if any(patterns.PRESS_ENDS.match(line) or patterns.PRESS_NOTES.match(line) for line in cleaned):
        return True
    text = "\n".join(cleaned)
    signs = sum(1 for sign in patterns.PRESS_SIGNS if sign.search(text))
    return signs >= patterns.PRESS_MIN_SIGNS


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


def release_site(text: str) -> str | None:
    """Return the inspectorate as the site when the release names it or its Chief, else None."""
    return patterns.PRESS_SITE if patterns.PRESS_PUBLISHER.search(text) else None


def parse(source: SourceText, lines: list[str], gazetteer: Gazetteer) -> Document:
    """Return the Document of an inspectorate press release in plain text."""
    paras = to_paras(lines)
    if not paras or patterns.PRESS_NOTES.match(paras[0].text):
        raise ParseError(source.source_path, "no headline before the notes to editors")
    title, paras = paras[0].text, paras[1:]
    text = "\n".join(clean(line) for line in lines)
    meta = Meta(
        title,
        publication_date(text),
        release_site(text),
        source_type=SourceType.PRESS_RELEASE,
    )
    return build_document(source, meta, draft_release(paras, gazetteer), gazetteer)
