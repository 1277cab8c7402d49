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
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4.element import Tag

from indexer.parse.bylines import Byline
from indexer.parse.dates import parse_date, publication_date
from indexer.parse.html import selectors
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.jsonld import read_linked_data
from indexer.parse.html.soup import Markup, attr, classes

JSON_LD, META, MARKUP, TITLE_TAG, TEXT = "json-ld", "meta", "markup", "title-tag", "text"
PRECEDENCE: dict[str, tuple[str, ...]] = {
    "title": (JSON_LD, META, MARKUP, TITLE_TAG, TEXT),
    "date": (JSON_LD, META, MARKUP, TEXT),
    "author": (JSON_LD, META, MARKUP, TEXT),
    "site": (JSON_LD, META, MARKUP, TITLE_TAG),
    # The canonical link is the page's own answer to "which URL am I"; JSON-LD often repeats
    # it, and Blogger's og:url may carry ?m=1.
    "url": (META, JSON_LD, MARKUP),
}
_ISO_DATE = re.compile(r"^\s*(?P<date>\d{4}-\d{2}-\d{2})(?:$|[T\s])")
_TITLE_SEPARATORS = (" - ", " – ", " — ", " | ", ": ", " :: ")


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


def from_linked_data(markup: Markup) -> Evidence:
    """Return what JSON-LD says."""
    data = read_linked_data(markup.json_ld)
    return Evidence(data.title, iso_date(data.date), data.author, data.site, data.url)


def from_meta_tags(markup: Markup) -> Evidence:
    """Return what Open Graph, `article:*`, `govuk:*` meta tags and the canonical link say."""
    meta = markup.meta
    dates = (iso_date(meta.get(key)) for key in selectors.META_PUBLISHED)
    authors = (meta.get(key) for key in selectors.META_AUTHOR)
    return Evidence(
        title=meta.get("og:title"),
        date=next((d for d in dates if d), None),
        author=next((a for a in authors if a and "://" not in a), None),
        site=meta.get("og:site_name"),
        url=normalise_url(markup.links.get("canonical")) or normalise_url(meta.get("og:url")),
    )


def from_markup_dates(markup: Markup) -> str | None:
    """Return the date of `time.published[datetime]`, `abbr.published[title]`, `time.entry-date`…"""
    ranked: list[tuple[int, str]] = []
    for tag in markup.dated:
        machine = attr(tag, "datetime") or (attr(tag, "title") if tag.name == "abbr" else None)
        date, rank = iso_date(machine), _date_rank(tag)
        if date and rank is not None:
            ranked.append((rank, date))
    return min(ranked, key=lambda item: item[0])[1] if ranked else None


def _date_rank(tag: Tag) -> int | None:
    """Rank a dated element: published class, entry-date, itemprop, a time in the content."""
    found = classes(tag)
    for rank, name in enumerate(selectors.MARKUP_PUBLISHED_CLASSES):
        if name in found:
            return rank
    if selectors.MARKUP_PUBLISHED_ITEMPROP in (attr(tag, "itemprop") or "").lower():
        return len(selectors.MARKUP_PUBLISHED_CLASSES)
    if tag.name != "time" or not tag.has_attr("datetime"):
        return None
    ancestors = list(tag.parents)
    if any(_is_comment_container(a) for a in ancestors):
        return None
    if any(a.name in selectors.CONTENT_ANCESTORS for a in ancestors):
        return len(selectors.MARKUP_PUBLISHED_CLASSES) + 1
    return None


def _is_comment_container(tag: Tag) -> bool:
    return bool(classes(tag) & selectors.COMMENT_CONTAINERS) or tag.get("id") == "comments"


def from_title_tag(markup: Markup, known_title: str | None) -> Evidence:
    """Return `<title>` as a title, and the site name it adds around the page's own title."""
    full = markup.title
    site = None
    if full and known_title and known_title in full and full != known_title:
        rest = full.replace(known_title, "", 1).strip()
        for separator in _TITLE_SEPARATORS:
            rest = rest.removeprefix(separator.strip()).removesuffix(separator.strip()).strip()
        site = rest or None
    return Evidence(title=full, site=site)


def from_text(lines: list[str], byline: Byline | None = None) -> Evidence:
    """Return the fallbacks the body text offers: its first line, a byline, a publication date."""
    # A body of one line keeps it: a page's only paragraph is content, not a title.
    title = lines[0] if len(lines) > 1 else None
    date = (byline.date if byline else None) or publication_date("\n".join(lines))
    return Evidence(title=title, date=date, author=byline.author if byline else None)


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
