"""The fallback for any other text: first line as title, paragraphs as sections, quotes kept."""

from __future__ import annotations

from indexer.entities import Gazetteer
from indexer.errors import ParseError
from indexer.model import Document, SourceText
from indexer.parse.assemble import Draft, Meta, build_document
from indexer.parse.body import draft_body
from indexer.parse.dates import parse_date, publication_date
from indexer.parse.sources import mark_reproduced
from indexer.parse.text import Para, to_paras


def draft_post(paras: list[Para], gazetteer: Gazetteer) -> list[Draft]:
    """Return the drafts of any other body (text or HTML), reproduced report text marked."""
    mark_reproduced(paras, gazetteer)
    return draft_body(paras, gazetteer)


def parse(source: SourceText, lines: list[str], gazetteer: Gazetteer) -> Document:
    """Return the Document of a text no family recognises."""
    paras = to_paras(lines)
    if not paras:
        raise ParseError(source.source_path, "the text is empty or only site chrome")
    title, paras = paras[0].text, paras[1:]
    text = "\n".join(lines)
    date = publication_date(text) or parse_date(title)
    drafts = draft_post(paras, gazetteer)
    return build_document(source, Meta(title, date), drafts, gazetteer)
