"""The one Whoosh schema: field names, analyzers, and how an Element becomes an index record.

Field names are defined here once; the store, the search service and the facets use these
constants and nothing else names a Whoosh field.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import fingerprint, text_analyzer
from indexer.model import Document, Element

# Identity and position
ELEMENT_ID = "element_id"
DOCUMENT_ID = "document_id"
POSITION = "position"
# Searchable text
TEXT_FIELD = "text"
TITLE = "title"
HEADING = "heading"
AUTHOR = "author"
WHO = "who"
"""Who is speaking: a quote's speaker and a comment's author, searchable by a bare word."""
# Facets (also filterable and shown on hits)
SOURCE_TYPE = "source_type"
KIND = "kind"
ORGANISATION = "organisation"
REGION = "region"
YEAR = "year"
SPEAKER = "speaker"
SITE = "site"
# Shown on hits, not faceted
GROUP = "group"
COMMENT_PATH = "comment_path"
QUOTED_FROM = "quoted_from"
DATE = "date"
DATE_DAY = "date_day"
ELEMENT_DATE = "element_date"
PEOPLE = "people"
DOC_META = "doc_meta"
FINGERPRINT = "fingerprint"
"""A hash of the element's words: copies of one text in several documents share it."""

FACET_FIELDS: tuple[str, ...] = (SOURCE_TYPE, KIND, ORGANISATION, REGION, YEAR, SPEAKER, SITE)
"""The facets, in the order users see them."""

SEARCH_FIELDS: tuple[str, ...] = (TEXT_FIELD, TITLE, HEADING, WHO)
"""Fields a bare query word is looked up in."""

NO_DATE_DAY = 0
"""`date_day` of an undated element: sorts last when newest comes first."""


def build_schema() -> Schema:
    """Return the schema of one index record per element."""
    analyzer = text_analyzer()
    return Schema(
        **{
            ELEMENT_ID: ID(stored=True, unique=True),
            DOCUMENT_ID: ID(stored=True, sortable=True),
            POSITION: NUMERIC(stored=True, sortable=True),
            TEXT_FIELD: TEXT(analyzer=analyzer, stored=True, spelling=True),
            TITLE: TEXT(analyzer=analyzer, stored=True),
            HEADING: TEXT(analyzer=analyzer, stored=True),
            WHO: TEXT(analyzer=analyzer),
            AUTHOR: TEXT(stored=True),
            SOURCE_TYPE: _facet_field(),
            KIND: _facet_field(),
            ORGANISATION: _facet_field(),
            REGION: _facet_field(),
            YEAR: _facet_field(),
            SPEAKER: _facet_field(),
            SITE: _facet_field(),
            PEOPLE: _facet_field(),
            GROUP: STORED(),
            COMMENT_PATH: STORED(),
            QUOTED_FROM: STORED(),
            DATE: STORED(),
            DATE_DAY: NUMERIC(stored=False, sortable=True, signed=False),
            ELEMENT_DATE: STORED(),
            DOC_META: STORED(),
            FINGERPRINT: ID(stored=True, sortable=True),
        }
    )


def _facet_field() -> KEYWORD:
    """Return a facet field: exact comma-separated values, stored for display, not scored."""
    return KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)


def element_record(document: Document, element: Element) -> dict[str, Any]:
    """Return the Whoosh record for `element`, carrying its document's metadata."""
    record: dict[str, Any] = {
        ELEMENT_ID: element.id,
        DOCUMENT_ID: document.id,
        POSITION: element.position,
        TEXT_FIELD: element.text,
        TITLE: document.title,
        KIND: element.kind.value,
        SOURCE_TYPE: document.source_type.value,
        DATE_DAY: _day_number(document.date),
        # Texts too short to fingerprint get their own id, so they never collapse together.
        FINGERPRINT: fingerprint(element.text) or element.id,
    }
    optional = {
        HEADING: element.heading,
        AUTHOR: element.author,
        WHO: " ".join(name for name in (element.speaker, element.author) if name),
        GROUP: element.group,
        COMMENT_PATH: element.comment_path,
        QUOTED_FROM: element.quoted_from,
        DATE: document.date,
        ELEMENT_DATE: element.date,
        SITE: document.site,
        SPEAKER: element.speaker,
        YEAR: document.date[:4] if document.date else None,
    }
    record.update({name: value for name, value in optional.items() if value})
    multi = {
        ORGANISATION: element.organisations,
        REGION: document.regions,
        PEOPLE: document.people,
    }
    record.update({name: ",".join(values) for name, values in multi.items() if values})
    if element.position == 0:
        record[DOC_META] = json.dumps(_document_meta(document))
    return record


def split_multi(value: str | None) -> list[str]:
    """Return the values of a stored comma-separated multi-value field."""
    return [part for part in (value or "").split(",") if part]


def _document_meta(document: Document) -> dict[str, Any]:
    return {
        "source_path": document.source_path,
        "format": document.format.value,
        "url": document.url,
        "author": document.author,
        "organisations": document.organisations,
        "regions": document.regions,
        "people": document.people,
    }


def _day_number(iso_date: str | None) -> int:
    """Return days since 0001-01-01 for sorting by date; undated documents get 0."""
    if not iso_date:
        return NO_DATE_DAY
    try:
        return day_number(iso_date[:10])
    except ValueError:
        return NO_DATE_DAY


def day_number(iso_date: str) -> int:
    """Return the sortable day number of an ISO date (YYYY-MM-DD), raising ValueError if bad."""
    return date.fromisoformat(iso_date).toordinal()
