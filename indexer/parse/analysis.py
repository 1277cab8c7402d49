"""The analysis blog family (russellwebster.com and its kind) in plain text.

Masthead, share, sponsor and newsletter chrome is dropped; the first line left is the title
and the next the standfirst; the author box's name, when the masthead has one, is the author
and the site. "Findings — CRC" headings head bullet findings; paragraphs that
a lead-in such as "As the Inspectors make clear…:" introduces reproduce the inspection report.
"""

from __future__ import annotations

from indexer.entities import Gazetteer
from indexer.errors import ParseError
from indexer.model import Document, ElementKind, SourceText, SourceType
from indexer.parse import patterns
from indexer.parse.assemble import Draft, Meta, build_document
from indexer.parse.body import draft_body
from indexer.parse.dates import publication_date
from indexer.parse.sources import mark_reproduced
from indexer.parse.text import Para, clean, to_paras

HEADER_WINDOW = 15


def detect(lines: list[str]) -> bool:
    """Return whether the text carries the analysis blog's chrome."""
    text = "\n".join(lines).casefold()
    hits = sum(marker.casefold() in text for marker in patterns.ANALYSIS_MARKERS)
    return hits >= patterns.ANALYSIS_MIN_MARKERS


def body_span(lines: list[str]) -> tuple[int, int]:
    """Return where the content starts (after the masthead) and ends (at the footer)."""
    cleaned = [clean(line) for line in lines]
    shares = [i for i, line in enumerate(cleaned) if patterns.ANALYSIS_SHARE.match(line)]
    window = min(shares[0] if shares else HEADER_WINDOW, HEADER_WINDOW)
    header = [i for i in range(window) if patterns.ANALYSIS_HEADER.match(cleaned[i])]
    start = header[-1] + 1 if header else 0
    footer = [i for i in range(start, len(lines)) if patterns.ANALYSIS_FOOTER.match(cleaned[i])]
    return start, footer[0] if footer else len(lines)


def masthead_name(header: list[str]) -> str | None:
    """Return the name in the masthead's author box: the blog's author and its site name."""
    cleaned = [clean(line) for line in header if clean(line)]
    for index, line in enumerate(cleaned):
        if index and patterns.ANALYSIS_AUTHOR_BOX.search(line):
            name = cleaned[index - 1]
            return name if patterns.MASTHEAD_NAME.match(name) else None
    return None


def draft_post(paras: list[Para], gazetteer: Gazetteer) -> list[Draft]:
    """Return the drafts of an analysis post body (text or HTML); findings quote the report."""
    mark_reproduced(paras, gazetteer)
    drafts = draft_body(paras, gazetteer)
    for draft in drafts:
        if draft.kind is ElementKind.FINDING and draft.quoted_from is None:
            draft.quoted_from = patterns.REPORT_SOURCE
    return drafts


def parse(source: SourceText, lines: list[str], gazetteer: Gazetteer) -> Document:
    """Return the Document of an analysis blog post in plain text."""
    start, end = body_span(lines)
    name = masthead_name(lines[:start])
    paras = to_paras(lines[start:end])
    if not paras:
        raise ParseError(source.source_path, "nothing but site chrome")
    title, paras = paras[0].text, paras[1:]
    drafts = draft_post(paras, gazetteer)
    meta = Meta(
        title,
        publication_date("\n".join(lines)),
        name,
        name,
        SourceType.BLOG_POST,
    )
    return build_document(source, meta, drafts, gazetteer)
