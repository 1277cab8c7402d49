"""The document page as data: the elements in reading order, grouped the way a reader sees them.

Body elements run in blocks under their headings; reader comments form a thread, each reply
under its parent (`3.1` under `3`, `3.1.2` under `3.1`). The search service says which spans
of each text the query matched; `markup` escapes the text and marks them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from indexer.model import Document, Element, ElementKind, SourceFormat
from indexer.outline import OutlineItem, report_outline
from indexer.results import HitSource, Span
from web import markup
from web.provenance import SourceLink, originality, source_links


@dataclass
class ElementView:
    """One element with its anchor, marked text and, for comments, its replies."""

    element: Element
    html: Markup
    is_hit: bool
    replies: list[ElementView] = field(default_factory=list)
    sources: list[SourceLink] = field(default_factory=list)
    """Other documents holding the same text, the original marked."""

    @property
    def anchor(self) -> str:
        """Return the element's id on the page (its permalink fragment)."""
        return element_anchor(self.element.position)


@dataclass
class Block:
    """A run of body elements under one heading (None before the first heading)."""

    heading: str | None
    anchor: str
    elements: list[ElementView]


@dataclass
class DocumentPage:
    """Everything the document template shows."""

    document: Document
    link: str | None
    """The document's URL when it is a web address that is safe to link to."""
    blocks: list[Block]
    comments: list[ElementView]
    comment_count: int
    findings_by_group: list[tuple[str, int]]
    query: str
    outline: list[OutlineItem] = field(default_factory=list)
    """A report's chapters and sub-sections with their ratings (empty for other documents)."""

    def page_link(self, page: int | None) -> str | None:
        """Return the address of one page of the report's PDF, when it has a safe address."""
        if self.link is None or page is None or self.document.format is not SourceFormat.PDF:
            return None
        return f"{self.link.split('#', 1)[0]}#page={page}"


def element_anchor(position: int) -> str:
    """Return the fragment id of the element at `position`."""
    return f"e-{position}"


def document_page(
    document: Document,
    marked: Sequence[Sequence[Span]] | None,
    query: str,
    hit: int | None,
    sources: Mapping[str, Sequence[HitSource]] | None = None,
) -> DocumentPage:
    """Return the page of `document`; `marked` holds each element's matched spans, `sources`
    the other documents holding an element's text (by element id)."""
    sources = sources or {}
    views = [
        ElementView(
            element,
            markup.marked(element.text, marked[i]) if marked is not None else escape(element.text),
            element.position == hit,
            sources=source_links(
                sources.get(element.id, ()),
                originality(
                    document.source_type.value, document.date, document.id, element.position
                ),
                query,
            ),
        )
        for i, element in enumerate(document.elements)
    ]
    body = [v for v in views if v.element.kind is not ElementKind.COMMENT]
    comments = [v for v in views if v.element.kind is ElementKind.COMMENT]
    groups = Counter(
        e.group for e in document.elements if e.kind is ElementKind.FINDING and e.group
    )
    return DocumentPage(
        document=document,
        link=safe_link(document.url),
        blocks=_blocks(body),
        comments=comment_thread(comments),
        comment_count=len(comments),
        findings_by_group=sorted(groups.items(), key=lambda item: (-item[1], item[0])),
        query=query,
        outline=report_outline(document),
    )


def _blocks(views: list[ElementView]) -> list[Block]:
    blocks: list[Block] = []
    for view in views:
        heading = view.element.heading
        if not blocks or blocks[-1].heading != heading:
            blocks.append(Block(heading, f"h-{view.element.position}", []))
        blocks[-1].elements.append(view)
    return blocks


def comment_thread(views: list[ElementView]) -> list[ElementView]:
    """Return the top-level comments with every reply nested under its parent.

    A reply whose parent is missing (a deleted comment) joins the nearest ancestor present,
    or the top level.
    """
    by_path: dict[str, ElementView] = {}
    top: list[ElementView] = []
    for view in views:
        path = view.element.comment_path or ""
        parent = _nearest_parent(path, by_path)
        (parent.replies if parent else top).append(view)
        if path:
            by_path[path] = view
    return top


def _nearest_parent(path: str, by_path: dict[str, ElementView]) -> ElementView | None:
    parts = path.split(".")
    for end in range(len(parts) - 1, 0, -1):
        parent = by_path.get(".".join(parts[:end]))
        if parent is not None:
            return parent
    return None


def safe_link(url: str | None) -> str | None:
    """Return `url` if it is an http(s) address (never `javascript:` or `data:`), else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None
