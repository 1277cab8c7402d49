"""News articles in plain text: masthead, headline, byline, then the story.

A news site's saved text opens with its masthead (the site's name and tagline, a cookie
line, a fundraising strip: chrome), then the headline and a byline that names the writer
and the date. The headline is the line before the byline, never the masthead; the site is
the masthead's name when the page has one.
"""

from __future__ import annotations

from indexer.entities import Gazetteer
from indexer.errors import ParseError
from indexer.model import Document, SourceText, SourceType
from indexer.parse.assemble import Meta, build_document
from indexer.parse.bylines import banner_site, find_byline
from indexer.parse.generic import draft_post
from indexer.parse.text import content_lines, to_paras


def detect(lines: list[str]) -> bool:
    """Return whether a byline sits among the first lines of the text."""
    return find_byline(content_lines(lines)) is not None


def parse(source: SourceText, lines: list[str], gazetteer: Gazetteer) -> Document:
    """Return the Document of a news article in plain text."""
    content = content_lines(lines)
    byline = find_byline(content)
    if byline is None:
        raise ParseError(source.source_path, "no byline")
    before, after = content[: byline.first], content[byline.last + 1 :]
    if before:
        title, masthead = before[-1], before[:-1]
    elif after:
        title, masthead, after = after[0], [], after[1:]
    else:
        raise ParseError(source.source_path, "no headline near the byline")
    meta = Meta(title, byline.date, banner_site(masthead), byline.author, SourceType.NEWS)
    return build_document(source, meta, draft_post(to_paras(after), gazetteer), gazetteer)
