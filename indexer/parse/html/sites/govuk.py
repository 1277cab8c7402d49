"""GOV.UK pages (www.gov.uk press releases and news stories that cite inspections).

Title in the `gem-c-title` component, lead in `gem-c-lead-paragraph`, body in `govspeak`;
dates and document type in `govuk:*` meta tags (`govuk:first-published-at`,
`govuk:document-type` = `press_release`, `news_story`, …).
"""

from __future__ import annotations

from indexer.model import SourceType
from indexer.parse.html import selectors
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.page import GENERIC, PRESS_RELEASE, Page
from indexer.parse.html.soup import Markup, text_of


def matches(markup: Markup) -> bool:
    """Return whether the page carries GOV.UK's meta tags or template."""
    if any(key in markup.meta for key in selectors.GOVUK_MARKER_META):
        return True
    return bool(markup.classes & selectors.GOVUK_MARKER_CLASSES)


def extract(markup: Markup) -> Page:
    """Return the lead and govspeak body, title and the type the page declares."""
    document_type = markup.meta.get(selectors.GOVUK_DOCUMENT_TYPE, "")
    source_type = SourceType(selectors.GOVUK_TYPES.get(document_type, SourceType.OTHER.value))
    if document_type in selectors.GOVUK_REPORT_TYPES:
        source_type = SourceType.INSPECTION_REPORT
    parts = (markup.first(selectors.GOVUK_LEAD), markup.first(selectors.GOVUK_BODY))
    family = PRESS_RELEASE if source_type is SourceType.PRESS_RELEASE else GENERIC
    title = text_of(markup.first(selectors.GOVUK_TITLE)) or None
    evidence = Evidence(title=title, site=selectors.GOVUK_SITE)
    return Page(family, [tag for tag in parts if tag is not None], evidence, source_type)
