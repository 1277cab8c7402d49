"""Document metadata of a page: every source of each field, and which one wins.

Evidence is gathered from JSON-LD, from meta tags (Open Graph, `article:*`, `govuk:*`,
canonical link), from the recognised platform's own markup (post title, date header,
byline, `time[datetime]`, `abbr.published`), from `<title>`, and from the body text. For each
field the first source in `PRECEDENCE` with a value wins; a sidecar file, applied after
parsing, beats them all (see `parse.overrides`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from indexer.parse.dates import parse_date, publication_date
from indexer.parse.html import selectors
from indexer.parse.html.jsonld import read_linked_data
from indexer.parse.html.soup import attr, text_of

JSON_LD, META, MARKUP, TITLE_TAG, TEXT = "json-ld", "meta", "markup", "title-tag", "text"
PRECEDENCE: dict[str, tuple[str, ...]] = {
    "title": (JSON_LD, META, MARKUP, TITLE_TAG, TEXT),
    "date": (JSON_LD, META, MARKUP, TEXT),
    "author": (JSON_LD, META, MARKUP),
    "site": (JSON_LD, META, MARKUP, TITLE_TAG),
    # The canonical link is the page's own answer to "which URL am I"; JSON-LD often repeats
    # it, and Blogger's og:url may carry ?m=1.
    "url": (META, JSON_LD, MARKUP),
}
_ISO_DATE = re.compile(r"^\s*(?P<date>\d{4}-\d{2}-\d{2})(?:$|[T\s])")
_TITLE_SEPARATORS = (" - ", " – ", " — ", " | ", ": ", " :: ")


@dataclass
class Evidence:
    """What one kind of source says about the document; None where it says nothing."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None


def iso_date(value: str | None) -> str | None:
    """Return the ISO date of a timestamp ("2016-12-14T10:05:00+00:00") or written date."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        return parse_date_iso(match["date"])
    return parse_date(value)


def parse_date_iso(value: str) -> str | None:
    """Return `value` (YYYY-MM-DD) if it is a real calendar date."""
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def normalise_url(url: str | None) -> str | None:
    """Return `url` without fragment and the parameters that only make copies of a page."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query)
        if k not in selectors.URL_NOISE_PARAMS and not k.startswith(selectors.URL_NOISE_PREFIXES)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def from_linked_data(soup: BeautifulSoup) -> Evidence:
    """Return what JSON-LD says."""
    data = read_linked_data(soup)
    return Evidence(data.title, iso_date(data.date), data.author, data.site, data.url)


def from_meta_tags(soup: BeautifulSoup) -> Evidence:
    """Return what Open Graph, `article:*`, `govuk:*` meta tags and the canonical link say."""
    date = next(
        (
            d
            for d in (
                iso_date(attr(soup.select_one(s), "content")) for s in selectors.META_PUBLISHED
            )
            if d
        ),
        None,
    )
    author = next(
        (
            a
            for s in selectors.META_AUTHOR
            if (a := attr(soup.select_one(s), "content")) and "://" not in a
        ),
        None,
    )
    canonical = normalise_url(attr(soup.select_one(selectors.CANONICAL), "href"))
    return Evidence(
        title=_og(soup, "og:title"),
        date=date,
        author=author,
        site=_og(soup, "og:site_name"),
        url=canonical or normalise_url(_og(soup, "og:url")),
    )


def from_markup_dates(soup: BeautifulSoup) -> str | None:
    """Return the publication date of `time.published[datetime]`, `abbr.published[title]` …"""
    for css in selectors.MARKUP_PUBLISHED:
        tag = soup.select_one(css)
        if tag is not None:
            date = iso_date(attr(tag, "datetime") or attr(tag, "title"))
            if date:
                return date
    return None


def title_tag(soup: BeautifulSoup) -> str | None:
    """Return the text of `<title>`."""
    return text_of(soup.title) or None


def from_title_tag(soup: BeautifulSoup, known_title: str | None) -> Evidence:
    """Return `<title>` as a title, and the site name it adds around the page's own title."""
    full = title_tag(soup)
    site = None
    if full and known_title and known_title in full and full != known_title:
        rest = full.replace(known_title, "", 1).strip()
        for separator in _TITLE_SEPARATORS:
            rest = rest.removeprefix(separator.strip()).removesuffix(separator.strip()).strip()
        site = rest or None
    return Evidence(title=full, site=site)


def from_text(lines: list[str]) -> Evidence:
    """Return the fallbacks the body text offers: its first line, a publication date."""
    return Evidence(title=lines[0] if lines else None, date=publication_date("\n".join(lines)))


def resolve(evidence: dict[str, Evidence]) -> Evidence:
    """Return, for each field, the value of the first source in `PRECEDENCE` that has one."""
    chosen = Evidence()
    for name, order in PRECEDENCE.items():
        values = (getattr(evidence[source], name) for source in order if source in evidence)
        setattr(chosen, name, next((v for v in values if v), None))
    if chosen.title and chosen.site:
        chosen.title = strip_site(chosen.title, chosen.site)
    return chosen


def strip_site(title: str, site: str) -> str:
    """Return `title` without the site name that `<title>` and og:title often add."""
    for separator in _TITLE_SEPARATORS:
        for candidate in (f"{site}{separator}", f"{separator}{site}"):
            if title.startswith(candidate) or title.endswith(candidate):
                stripped = title.removeprefix(candidate).removesuffix(candidate).strip()
                if stripped:
                    return stripped
    return title


def _og(soup: BeautifulSoup, prop: str) -> str | None:
    return attr(soup.select_one(f'meta[property="{prop}"]'), "content") or attr(
        soup.select_one(f'meta[name="{prop}"]'), "content"
    )
