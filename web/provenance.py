"""Where else a text appears: the links a hit card and a document page list under a
reproduced finding, the original (the inspectorate's report, else the earliest) marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import url_for

from indexer.records import ORIGINAL_SOURCES
from indexer.results import HitSource
from web.labels import human_date, value_label


@dataclass(frozen=True)
class SourceLink:
    """Another document holding the same text."""

    title: str
    detail: str
    url: str
    original: bool = False
    """This source is where the text first appeared (the report, else the earliest)."""


def originality(
    source_type: str | None, date: str | None, document_id: str, position: int
) -> tuple[bool, str, str, int]:
    """Return the order of a text's sources, the original first (as `records.originality`)."""
    return (source_type not in ORIGINAL_SOURCES, date or "9999-99-99", document_id, position)


def element_url(document_id: str, position: int, query: str) -> str:
    """Return the URL of an element in its document, marked as the hit, query words marked."""
    if query:
        url = url_for("pages.document", doc_id=document_id, q=query, hit=position)
    else:
        url = url_for("pages.document", doc_id=document_id, hit=position)
    return f"{url}#e-{position}"


def source_links(
    sources: Sequence[HitSource], this: tuple[bool, str, str, int], query: str
) -> list[SourceLink]:
    """Return the links of a text's other sources; the first is marked original when it
    comes before `this` (the originality of the element they are listed under)."""
    links = []
    for number, source in enumerate(sources):
        label = value_label("source_type", source.source_type) if source.source_type else ""
        detail = " · ".join(p for p in (human_date(source.date), source.site or "", label) if p)
        key = originality(source.source_type, source.date, source.document_id, source.position)
        links.append(
            SourceLink(
                source.title,
                detail,
                element_url(source.document_id, source.position, query),
                original=number == 0 and key < this,
            )
        )
    return links
