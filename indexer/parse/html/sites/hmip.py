"""HM Inspectorate of Probation pages (justiceinspectorates.gov.uk; a WordPress site, not GOV.UK).

Recognised by site name or URL before the WordPress recogniser claims them. Press releases
(`/media/press-releases/…`, `/news/…`) follow the release conventions (ENDS, notes to
editors); report pages (`/document/…`) are inspection reports whose headings carry
"(Back to top)" links, dropped as noise.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from indexer.model import SourceType
from indexer.parse import patterns
from indexer.parse.html import selectors
from indexer.parse.html.metadata import Evidence, from_meta_tags
from indexer.parse.html.page import GENERIC, PRESS_RELEASE, Page
from indexer.parse.html.sites.wordpress import comments
from indexer.parse.html.soup import attr, first, text_of


def matches(soup: BeautifulSoup) -> bool:
    """Return whether the page names the inspectorate as its site or lives at its address."""
    site = attr(soup.select_one('meta[property="og:site_name"]'), "content") or ""
    return bool(selectors.HMIP_SITE_NAME.search(site) or selectors.HMIP_URL.search(_url(soup)))


def extract(soup: BeautifulSoup) -> Page:
    """Return the page's body; a report URL makes it a report, else a press release."""
    body = first(soup, selectors.HMIP_BODY)
    url = _url(soup)
    report = selectors.HMIP_REPORT_URL.search(url) is not None
    markup = Evidence(
        title=text_of(first(soup, selectors.HMIP_TITLE)) or None, site=patterns.PRESS_SITE
    )
    return Page(
        family=GENERIC if report else PRESS_RELEASE,
        body=[body] if body is not None else [],
        markup=markup,
        source_type=SourceType.INSPECTION_REPORT if report else SourceType.PRESS_RELEASE,
        comments=comments(soup),
    )


def _url(soup: BeautifulSoup) -> str:
    return from_meta_tags(soup).url or ""
