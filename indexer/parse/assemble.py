"""The last step of every family: number the drafted elements and build the Document.

Families produce `Draft`s in reading order plus `Meta`; this module assigns element ids and
positions, collects the entity facets (regions: the subject areas, `subjects`), and refuses
documents with nothing readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.entities import ORGANISATION, PERSON, Gazetteer
from indexer.errors import ParseError
from indexer.model import (
    Document,
    Element,
    ElementKind,
    ReportInfo,
    SourceText,
    SourceType,
    element_id,
)
from indexer.parse.subjects import subject_regions


@dataclass
class Draft:
    """An element before it has an id and a position."""

    kind: ElementKind
    text: str
    heading: str | None = None
    group: str | None = None
    speaker: str | None = None
    comment_path: str | None = None
    author: str | None = None
    quoted_from: str | None = None
    date: str | None = None
    page: int | None = None
    number: str | None = None


@dataclass
class Meta:
    """Document-level fields a family reads from its text."""

    title: str
    date: str | None = None
    site: str | None = None
    author: str | None = None
    source_type: SourceType = SourceType.OTHER
    url: str | None = None
    rating: str | None = None
    report: ReportInfo | None = None


def element_organisations(draft: Draft, gazetteer: Gazetteer) -> list[str]:
    """Return the organisations an element is about.

    A finding is about the organisation of its group (a co-ordination finding about those its
    heading names), not every organisation it mentions in passing, and a recommendation about
    its addressee; other elements are about the organisations they name.
    """
    if draft.kind in (ElementKind.FINDING, ElementKind.RECOMMENDATION) and draft.group:
        for text in (draft.group, draft.heading or "", draft.text):
            found = gazetteer.organisations(text)
            if found:
                return found
        return []
    return gazetteer.organisations(f"{draft.heading or ''}\n{draft.text}")


def _element(doc_id: str, position: int, draft: Draft, gazetteer: Gazetteer) -> Element:
    return Element(
        id=element_id(doc_id, position),
        kind=draft.kind,
        position=position,
        text=draft.text,
        heading=draft.heading,
        group=draft.group,
        speaker=draft.speaker,
        comment_path=draft.comment_path,
        author=draft.author,
        quoted_from=draft.quoted_from,
        date=draft.date,
        organisations=element_organisations(draft, gazetteer),
        page=draft.page,
        number=draft.number,
    )


def build_document(
    source: SourceText, meta: Meta, drafts: list[Draft], gazetteer: Gazetteer
) -> Document:
    """Return the Document for `drafts`; raise ParseError when none is readable."""
    readable = [draft for draft in drafts if draft.text.strip()]
    if not readable:
        raise ParseError(source.source_path, "no readable paragraph, finding, quote or comment")
    elements = [
        _element(source.doc_id, index, draft, gazetteer) for index, draft in enumerate(readable)
    ]
    headings = {draft.heading for draft in readable if draft.heading}
    speakers = {draft.speaker for draft in readable if draft.speaker}
    text = "\n\n".join([meta.title, *sorted(headings), *(d.text for d in readable)])
    mentions = gazetteer.mentions(text)
    people = {m.name for m in mentions if m.kind == PERSON}
    people |= {name for name in map(gazetteer.canonical_person, speakers) if name}
    return Document(
        id=source.doc_id,
        source_path=source.source_path,
        format=source.format,
        title=meta.title,
        date=meta.date,
        site=meta.site,
        url=meta.url,
        author=meta.author,
        source_type=meta.source_type,
        organisations=sorted({m.name for m in mentions if m.kind == ORGANISATION}),
        regions=subject_regions(
            meta.title,
            [d.text for d in readable if d.kind is not ElementKind.COMMENT],
            [d.text for d in readable if d.kind is ElementKind.COMMENT],
            gazetteer,
        ),
        people=sorted(people),
        elements=elements,
        rating=meta.rating,
        report=meta.report,
    )
