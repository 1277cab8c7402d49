"""HM Inspectorate of Probation pages (justiceinspectorates.gov.uk; a WordPress site, not GOV.UK).

Recognised by site name or URL before the WordPress recogniser claims them. Press releases
(`/media/press-releases/…`, `/news/…`) follow the release conventions (ENDS, notes to
editors); report pages (`/document/…`) are inspection reports whose headings carry
"(Back to top)" links, dropped as noise.
"""

from __future__ import annotations

from indexer.model import SourceType
from indexer.parse import patterns
from indexer.parse.html import selectors
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.metadata import from_meta_tags
from indexer.parse.html.page import GENERIC, PRESS_RELEASE, Page
from indexer.parse.html.sites.wordpress import comments
from indexer.parse.html.soup import Markup, text_of


def matches(markup: Markup) -> bool:
    """Return whether the page names the inspectorate as its site or lives at its address."""
    site = markup.meta.get("og:site_name", "")
    return bool(selectors.HMIP_SITE_NAME.search(site) or selectors.HMIP_URL.search(_url(markup)))


def extract(markup: Markup) -> Page:
    """Return the page's body; a report URL makes it a report, else a press release."""
    body = markup.first(selectors.HMIP_BODY)
    report = selectors.HMIP_REPORT_URL.search(_url(markup)) is not None
    title = text_of(markup.first(selectors.HMIP_TITLE)) or None
    return Page(
        family=GENERIC if report else PRESS_RELEASE,
        body=[body] if body is not None else [],
        markup=Evidence(title=title, site=patterns.PRESS_SITE),
        source_type=SourceType.INSPECTION_REPORT if report else SourceType.PRESS_RELEASE,
        comments=comments(markup),
    )


def page_url(markup: Markup) -> str:
    """Return the page's own address as its meta tags give it ("" when they do not)."""
    return _url(markup)


def _url(markup: Markup) -> str:
    return from_meta_tags(markup).url or ""
