"""The names of an element record's fields, defined once for every engine and every layer.

An element is indexed as one flat record (`indexer.records`) carrying its document's metadata;
these constants name its fields, the facets among them and the fields a bare query word
searches. Engines map them onto their own storage; nothing else spells a field name out.
"""

from __future__ import annotations

from datetime import date

# Identity and position
ELEMENT_ID = "element_id"
DOCUMENT_ID = "document_id"
POSITION = "position"
# Searchable text
TEXT = "text"
TITLE = "title"
HEADING = "heading"
AUTHOR = "author"
WHO = "who"
"""Who is speaking or spoken to: a quote's speaker, a comment's author, a recommendation's
addressee; searchable by a bare word."""
# Facets (also filterable and shown on hits)
SOURCE_TYPE = "source_type"
KIND = "kind"
ORGANISATION = "organisation"
REGION = "region"
YEAR = "year"
SPEAKER = "speaker"
SITE = "site"
RATING = "rating"
"""An inspection report's overall rating, on every element of the report."""
# Shown on hits, not faceted
GROUP = "group"
COMMENT_PATH = "comment_path"
QUOTED_FROM = "quoted_from"
DATE = "date"
DATE_DAY = "date_day"
INSPECTION = "inspection"
"""Not a stored field: `inspection:<id>` in a query means the documents of that inspection."""
MONTH = "month"
"""The document's month (YYYY-MM): what the date histogram of a search counts."""
ELEMENT_DATE = "element_date"
PAGE = "page"
"""The PDF page an element starts on."""
NUMBER = "number"
"""A recommendation's or a rated standard's number."""
PAGE_URL = "page_url"
"""The address of the page an element starts on (`<url>#page=N`), when the PDF has a URL."""
PEOPLE = "people"
DOC_META = "doc_meta"
"""The document's own metadata (path, format, url, author, lists), kept on its first element."""
FINGERPRINT = "fingerprint"
"""A hash of the element's words: copies of one text in several documents share it."""

FACETS: tuple[str, ...] = (SOURCE_TYPE, KIND, ORGANISATION, REGION, YEAR, SPEAKER, SITE, RATING)
"""The facets, in the order users see them."""

VALUE_FIELDS: tuple[str, ...] = (*FACETS, PEOPLE, MONTH)
"""Fields of exact values (names, kinds, years): queried by value, not by word."""

MULTI_VALUED: tuple[str, ...] = (ORGANISATION, REGION, PEOPLE)
"""Value fields that hold a list."""

SEARCH_FIELDS: tuple[str, ...] = (TEXT, TITLE, HEADING, WHO)
"""Fields a bare query word is looked up in."""

TEXT_FIELDS: tuple[str, ...] = (TEXT, TITLE, HEADING, WHO)
"""Fields analysed into terms by `indexer.analysis` (the author field keeps whole names)."""

NO_DATE_DAY = 0
"""`date_day` of an undated element: sorts last when newest comes first."""


def day_number(iso_date: str) -> int:
    """Return the sortable day number of an ISO date (YYYY-MM-DD), raising ValueError if bad."""
    return date.fromisoformat(iso_date).toordinal()


def date_day(iso_date: str | None) -> int:
    """Return the day number of a document's date; undated or malformed dates give 0."""
    if not iso_date:
        return NO_DATE_DAY
    try:
        return day_number(iso_date[:10])
    except ValueError:
        return NO_DATE_DAY
