"""The inspectorate's HTML report pages (`/document/…` on justiceinspectorates.gov.uk):
the same report structure as the PDFs, from the markup.

Headings (`h2`–`h5`, "(Back to top)" links dropped) give chapters and sub-sections, by their
numbering or else their tag; `p` paragraphs, `li` items (numbered from their `ol`'s `start`)
and `tr` table rows (the ratings) become report blocks, which `parse.reports` drafts exactly
as it drafts a PDF's.
"""

from __future__ import annotations

from bs4.element import Tag

from indexer.model import SourceType
from indexer.parse import patterns as site_patterns
from indexer.parse.html import selectors
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.page import GENERIC, Page
from indexer.parse.html.sites import hmip
from indexer.parse.html.soup import Markup, is_noise, text_of
from indexer.parse.reports.blocks import Block, BlockKind, ReportSource, split_number


def matches(markup: Markup) -> bool:
    """Return whether the page is one of the inspectorate's report pages."""
    return (
        hmip.matches(markup) and selectors.HMIP_REPORT_URL.search(hmip.page_url(markup)) is not None
    )


def extract(markup: Markup) -> Page:
    """Return the report page as report blocks (and its body for the metadata fallbacks)."""
    body = markup.first(selectors.HMIP_BODY)
    title = text_of(markup.first(selectors.HMIP_TITLE)) or None
    published = markup.first(("p.published", "time"))
    title_lines = [line for line in (title, text_of(published)) if line]
    blocks = report_blocks(body) if body is not None else []
    return Page(
        family=GENERIC,
        body=[body] if body is not None else [],
        markup=Evidence(title=title, site=site_patterns.PRESS_SITE),
        source_type=SourceType.INSPECTION_REPORT,
        report=ReportSource(title_lines, [], blocks, []),
    )


def report_blocks(root: Tag) -> list[Block]:
    """Return the report blocks under `root` in document order."""
    blocks: list[Block] = []
    for tag in root.find_all(selectors.HMIP_REPORT_BLOCKS):
        if _skipped(tag, root):
            continue
        text = text_of(tag)
        if not text or (tag.name == "p" and selectors.PUBLISHED_LINE.match(text)):
            continue
        if tag.name in selectors.HMIP_REPORT_HEADING_LEVELS:
            blocks.append(_heading(tag, text))
        elif tag.name == "li":
            blocks.append(Block(BlockKind.ITEM, text, number=_item_number(tag)))
        elif tag.name == "tr":
            row = _row(tag)
            if row is not None:
                blocks.append(row)
        else:
            blocks.append(Block(BlockKind.PARA, text))
    return blocks


def _skipped(tag: Tag, root: Tag) -> bool:
    """Return whether `tag` is hidden, chrome, or inside an item or cell already taken whole."""
    for node in (tag, *tag.parents):
        if node is root:
            return False
        if isinstance(node, Tag) and is_noise(node):
            return True
        if node is not tag and node.name in selectors.HMIP_REPORT_CONTAINERS:
            return True
    return False


def _heading(tag: Tag, text: str) -> Block:
    number, label = split_number(text.rstrip(":").strip())
    level = selectors.HMIP_REPORT_HEADING_LEVELS[tag.name]
    if number:
        level = min(2, number.count(".") + 1)
    return Block(BlockKind.HEADING, label, level=level, number=number)


def _item_number(item: Tag) -> str | None:
    parent = item.parent
    if not isinstance(parent, Tag) or parent.name != "ol":
        return None
    try:
        start = int(str(parent.get("start", "1")))
    except ValueError:
        start = 1
    siblings = [child for child in parent.children if isinstance(child, Tag) and child.name == "li"]
    return str(start + siblings.index(item))


def _row(row: Tag) -> Block | None:
    cells = tuple(text_of(cell) for cell in row.find_all(("td", "th")))
    if len(cells) < 2 or not row.find("td"):
        return None  # a header row
    return Block(BlockKind.ROW, ": ".join(cells), cells=cells)
