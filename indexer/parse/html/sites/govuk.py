"""GOV.UK pages (www.gov.uk press releases and news stories that cite inspections).

Title in the `gem-c-title` component, lead in `gem-c-lead-paragraph`, body in `govspeak`;
dates and document type in `govuk:*` meta tags (`govuk:first-published-at`,
`govuk:document-type` = `press_release`, `news_story`, …).
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from indexer.model import SourceType
from indexer.parse.html import selectors
from indexer.parse.html.metadata import Evidence
from indexer.parse.html.page import GENERIC, PRESS_RELEASE, Page
from indexer.parse.html.soup import attr, first, text_of


def matches(soup: BeautifulSoup) -> bool:
    """Return whether the page carries GOV.UK's meta tags or template."""
    return first(soup, selectors.GOVUK_MARKERS) is not None


def extract(soup: BeautifulSoup) -> Page:
    """Return the lead and govspeak body, title and the type the page declares."""
    document_type = attr(soup.select_one(selectors.GOVUK_DOCUMENT_TYPE), "content") or ""
    source_type = SourceType(selectors.GOVUK_TYPES.get(document_type, SourceType.OTHER.value))
    if document_type in selectors.GOVUK_REPORT_TYPES:
        source_type = SourceType.INSPECTION_REPORT
    body = [
        tag for tag in (first(soup, selectors.GOVUK_LEAD), first(soup, selectors.GOVUK_BODY)) if tag
    ]
    family = PRESS_RELEASE if source_type is SourceType.PRESS_RELEASE else GENERIC
    markup = Evidence(
        title=text_of(first(soup, selectors.GOVUK_TITLE)) or None, site=selectors.GOVUK_SITE
    )
    return Page(family, body, markup, source_type)
