"""An element as one flat record of `indexer.fields`, and back: the one mapping of element fields.

Every engine stores these records (mapping value lists and the document's metadata onto its
own types) and hands them back in the same shape, so hits, documents and copies are built
here, once, for all of them.
"""

from __future__ import annotations

from typing import Any

from indexer.analysis import fingerprint
from indexer.fields import (
    AUTHOR,
    COMMENT_PATH,
    DATE,
    DATE_DAY,
    DOC_META,
    DOCUMENT_ID,
    ELEMENT_DATE,
    ELEMENT_ID,
    FINGERPRINT,
    GROUP,
    HEADING,
    KIND,
    MONTH,
    NUMBER,
    ORGANISATION,
    PAGE,
    PAGE_URL,
    PEOPLE,
    POSITION,
    QUOTED_FROM,
    RATING,
    REGION,
    SITE,
    SOURCE_TYPE,
    SPEAKER,
    TEXT,
    TITLE,
    WHO,
    YEAR,
    date_day,
)
from indexer.model import (
    Document,
    Element,
    ElementKind,
    ReportInfo,
    SourceFormat,
    SourceType,
)
from indexer.results import Hit, HitSource, Snippet
from indexer.sources import strip_unsafe

Record = dict[str, Any]
"""Field name → value: str, int, or list of str for `MULTI_VALUED`; DOC_META a dict."""


def element_record(document: Document, element: Element) -> Record:
    """Return the record of `element`, carrying its document's metadata.

    Optional fields that are empty are left out. Text reaches here from library callers and
    entity-decoded HTML too, so unsafe characters are stripped once more: a lone surrogate
    stored in an index would break every page showing it.
    """
    record: Record = {
        ELEMENT_ID: element.id,
        DOCUMENT_ID: document.id,
        POSITION: element.position,
        TEXT: element.text,
        TITLE: document.title,
        KIND: element.kind.value,
        SOURCE_TYPE: document.source_type.value,
        DATE_DAY: date_day(document.date),
        # Texts too short to fingerprint get their own id, so they never collapse together.
        FINGERPRINT: fingerprint(element.text) or element.id,
    }
    optional = {
        HEADING: element.heading,
        AUTHOR: element.author,
        WHO: " ".join(
            name for name in (element.speaker, element.author, _addressee(element)) if name
        ),
        GROUP: element.group,
        COMMENT_PATH: element.comment_path,
        QUOTED_FROM: element.quoted_from,
        DATE: document.date,
        ELEMENT_DATE: element.date,
        SITE: document.site,
        SPEAKER: element.speaker,
        YEAR: document.date[:4] if document.date else None,
        MONTH: document.date[:7] if document.date and len(document.date) >= 7 else None,
        RATING: document.rating,
        PAGE: element.page,
        NUMBER: element.number,
        PAGE_URL: page_url(document, element),
    }
    record.update({name: value for name, value in optional.items() if value})
    multi = {ORGANISATION: element.organisations, REGION: document.regions, PEOPLE: document.people}
    record.update({name: list(values) for name, values in multi.items() if values})
    if element.position == 0:
        record[DOC_META] = document_meta(document)
    return {name: _safe(value) for name, value in record.items()}


def _addressee(element: Element) -> str | None:
    """Return whom a recommendation is made to: searched like a quote's speaker."""
    return element.group if element.kind is ElementKind.RECOMMENDATION else None


def page_url(document: Document, element: Element) -> str | None:
    """Return the address of the PDF page `element` starts on, when the document has a URL."""
    if not document.url or element.page is None:
        return None
    return f"{document.url.split('#', 1)[0]}#page={element.page}"


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return strip_unsafe(value)
    if isinstance(value, list):
        return [_safe(item) for item in value]
    if isinstance(value, dict):
        return {key: _safe(item) for key, item in value.items()}
    return value


def document_meta(document: Document) -> dict[str, Any]:
    """Return what a document's records do not carry field by field."""
    return {
        "source_path": document.source_path,
        "format": document.format.value,
        "url": document.url,
        "author": document.author,
        "organisations": document.organisations,
        "regions": document.regions,
        "people": document.people,
        "report": document.report.to_dict() if document.report else None,
        "inspection": document.inspection,
    }


def make_hit(
    record: Record,
    score: float,
    snippet: Snippet,
    also_in: list[HitSource] | None = None,
    more_in_document: int = 0,
) -> Hit:
    """Return the hit of one record."""
    return Hit(
        id=record[ELEMENT_ID],
        document_id=record[DOCUMENT_ID],
        position=record[POSITION],
        kind=record[KIND],
        title=record.get(TITLE, ""),
        date=record.get(DATE),
        site=record.get(SITE),
        source_type=record[SOURCE_TYPE],
        heading=record.get(HEADING),
        group=record.get(GROUP),
        speaker=record.get(SPEAKER),
        author=record.get(AUTHOR),
        comment_path=record.get(COMMENT_PATH),
        quoted_from=record.get(QUOTED_FROM),
        text=record.get(TEXT, ""),
        snippet=snippet,
        score=round(float(score), 4),
        more_in_document=more_in_document,
        also_in=also_in or [],
        element_date=record.get(ELEMENT_DATE),
        page=record.get(PAGE),
        number=record.get(NUMBER),
        page_url=record.get(PAGE_URL),
        rating=record.get(RATING),
    )


def hit_source(record: Record) -> HitSource:
    """Return the record as another source of a hit's text."""
    return HitSource(
        id=record[ELEMENT_ID],
        document_id=record[DOCUMENT_ID],
        position=record[POSITION],
        title=record.get(TITLE, ""),
        site=record.get(SITE),
        date=record.get(DATE),
        source_type=record.get(SOURCE_TYPE),
    )


def element_from_record(record: Record) -> Element:
    """Return the element a record was made from."""
    return Element(
        id=record[ELEMENT_ID],
        kind=ElementKind(record[KIND]),
        position=record[POSITION],
        text=record.get(TEXT, ""),
        heading=record.get(HEADING),
        group=record.get(GROUP),
        speaker=record.get(SPEAKER),
        comment_path=record.get(COMMENT_PATH),
        author=record.get(AUTHOR),
        quoted_from=record.get(QUOTED_FROM),
        date=record.get(ELEMENT_DATE),
        organisations=list(record.get(ORGANISATION) or []),
        page=record.get(PAGE),
        number=record.get(NUMBER),
    )


def document_from_records(doc_id: str, records: list[Record]) -> Document:
    """Return the document whose records (in reading order, first element first) are given."""
    first = records[0]
    meta: dict[str, Any] = first.get(DOC_META) or {}
    return Document(
        id=doc_id,
        source_path=meta.get("source_path", ""),
        format=SourceFormat(meta.get("format", "text")),
        title=first.get(TITLE, ""),
        date=first.get(DATE),
        site=first.get(SITE),
        url=meta.get("url"),
        author=meta.get("author"),
        source_type=SourceType(first[SOURCE_TYPE]),
        organisations=meta.get("organisations", []),
        regions=meta.get("regions", []),
        people=meta.get("people", []),
        elements=[element_from_record(r) for r in records],
        rating=first.get(RATING),
        report=ReportInfo.from_dict(meta["report"]) if meta.get("report") else None,
        inspection=meta.get("inspection"),
    )


ORIGINAL_SOURCES = ("inspection_report",)
"""Source types that are the inspectorate's own words: a finding's original, whatever the dates."""


def originality(record: Record) -> tuple[bool, str, str, int]:
    """Return the sort key of a text's holders, the original first: an inspection report,
    else the earliest dated (undated last), then by document and position."""
    return (
        record.get(SOURCE_TYPE) not in ORIGINAL_SOURCES,
        record.get(DATE) or "9999-99-99",
        record[DOCUMENT_ID],
        record[POSITION],
    )


def original_of(records: list[Record]) -> Record:
    """Return the original among records holding one text (see `originality`)."""
    return min(records, key=originality)


def copies_among(record: Record, holders: list[Record], limit: int) -> list[HitSource]:
    """Return the records of `holders` (same fingerprint) in other documents, the original
    first, then by date."""
    others = [r for r in holders if r[DOCUMENT_ID] != record[DOCUMENT_ID]]
    return [hit_source(r) for r in sorted(others, key=originality)][:limit]
