"""The practitioners' blog family (On Probation and other Blogger blogs) in plain text.

A weekday date line, the title, a body that often reproduces other texts after lead-ins such
as "From the report:-" (those paragraphs carry `quoted_from`), then numbered reader comments.
"""

from __future__ import annotations

from indexer.entities import Gazetteer
from indexer.errors import ParseError
from indexer.model import Document, SourceText, SourceType
from indexer.parse import patterns
from indexer.parse.assemble import Draft, Meta, build_document
from indexer.parse.body import draft_body
from indexer.parse.comments import first_comment_line, parse_comments
from indexer.parse.dates import first_dated_line
from indexer.parse.sources import mark_reproduced, source_of
from indexer.parse.text import Para, to_paras

# Sidebar or profile text may come before the date line in some layouts.
DATE_LINE_WINDOW = 40


def detect(lines: list[str]) -> bool:
    """Return whether the text opens (after any sidebar) with a Blogger date line."""
    return first_dated_line(lines[:DATE_LINE_WINDOW]) is not None


def mark_sources(paras: list[Para], gazetteer: Gazetteer) -> None:
    """Put each lead-in in a block of its own and tag what follows with its source."""
    block, source = 0, None
    for para in paras:
        if not para.bullet and patterns.BLOGGER_LEAD_IN.search(para.text):
            source = source_of(para.text, gazetteer)
            para.block, para.quoted_from = block + 1, None
            block += 2
            continue
        para.block, para.quoted_from = block, source or para.quoted_from


def draft_post(paras: list[Para], gazetteer: Gazetteer) -> list[Draft]:
    """Return the drafts of a Blogger post body (text or HTML), its copied blocks marked."""
    mark_sources(paras, gazetteer)
    mark_reproduced(paras, gazetteer)
    return draft_body(paras, gazetteer)


def parse(source: SourceText, lines: list[str], gazetteer: Gazetteer) -> Document:
    """Return the Document of a Blogger post in plain text."""
    dated = first_dated_line(lines[:DATE_LINE_WINDOW])
    if dated is None:
        raise ParseError(source.source_path, "no Blogger date line")
    index, date = dated
    rest = lines[index + 1 :]
    comments_at = first_comment_line(rest)
    body = rest if comments_at is None else rest[:comments_at]
    paras = to_paras(body)
    if not paras:
        raise ParseError(source.source_path, "no title after the date line")
    title, paras = paras[0].text, paras[1:]
    drafts = draft_post(paras, gazetteer)
    if comments_at is not None:
        drafts += parse_comments(rest[comments_at:])
    # A plain-text copy does not name its blog: the site comes from a sidecar, or is unknown.
    meta = Meta(title, date, None, source_type=SourceType.BLOG_POST)
    return build_document(source, meta, drafts, gazetteer)
