"""HTML → Document: saved web pages parsed into the same elements as their plain-text copies.

The flow: `soup.make_soup` builds the tree; the first recogniser of `sites.SITES` whose
`matches` accepts the markup extracts the page (body roots, comments, its markup's
metadata); `blocks.paras_of` turns the body into the text families' paragraphs, which the
family's drafter (Blogger, analysis, press release or generic conventions) turns into
drafts; `metadata.resolve` picks each document field from the best source; and
`assemble.build_document` numbers the elements. Decoding happened before, in `sources.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from indexer.entities import Gazetteer
from indexer.errors import ParseError
from indexer.model import Document, SourceText, SourceType
from indexer.parse import analysis, blogger, generic, press_release
from indexer.parse.assemble import Draft, Meta, build_document
from indexer.parse.bylines import Byline, find_byline
from indexer.parse.html import metadata, selectors
from indexer.parse.html.blocks import paras_of
from indexer.parse.html.evidence import Evidence
from indexer.parse.html.jsonld import read_linked_data
from indexer.parse.html.page import ANALYSIS, BLOGGER, GENERIC, PRESS_RELEASE, Page, Site
from indexer.parse.html.sites import SITES
from indexer.parse.html.soup import Markup, make_soup, read_markup
from indexer.parse.quotes import intro_speech
from indexer.parse.reports.document import build_report
from indexer.parse.sources import source_of
from indexer.parse.text import Para

Drafter = Callable[[list[Para], Gazetteer], list[Draft]]
DRAFTERS: dict[str, Drafter] = {
    BLOGGER: blogger.draft_post,
    ANALYSIS: analysis.draft_post,
    PRESS_RELEASE: press_release.draft_release,
    GENERIC: generic.draft_post,
}
NO_TEXT = "no readable text in the page (only navigation, scripts, forms or hidden elements)"


def recognise(markup: Markup) -> Site:
    """Return the first recogniser in the registry that accepts the page."""
    return next(site for site in SITES if site.matches(markup))


def parse_html(source: SourceText, gazetteer: Gazetteer) -> Document:
    """Return the Document of an HTML page; raise ParseError when nothing readable is in it."""
    try:
        return _parse(source, gazetteer)
    except RecursionError:
        raise ParseError(source.source_path, "HTML nested too deeply to parse") from None


def _parse(source: SourceText, gazetteer: Gazetteer) -> Document:
    markup = read_markup(make_soup(source.text, source.source_path))
    page = recognise(markup).extract(markup)
    paras = [para for para in paras_of(page.body) if not _is_dateline(para)]
    if not paras and not page.comments:
        raise ParseError(source.source_path, NO_TEXT)
    byline = _byline(page, paras)
    if byline is not None:
        paras = paras[: byline.first] + paras[byline.last + 1 :]
    evidence = _evidence(markup, page, [para.text for para in paras], byline)
    chosen = metadata.resolve(evidence)
    title = chosen.title or PurePath(source.source_path).stem
    if page.report is not None:
        return build_report(source, page.report, gazetteer, title, chosen.date, chosen.url)
    if paras and paras[0].text.casefold() == title.casefold():
        paras = paras[1:]  # a body that repeats the title does not make it an element
    family, source_type = _family(page, paras, markup, byline is not None)
    mark_quoted(paras, gazetteer)
    drafts = DRAFTERS[family](paras, gazetteer) + page.comments
    meta = Meta(title, chosen.date, chosen.site, chosen.author, source_type, chosen.url)
    return build_document(source, meta, drafts, gazetteer)


def _byline(page: Page, paras: list[Para]) -> Byline | None:
    """Return the byline atop a page no platform recogniser claimed (a news site's article)."""
    if page.family != GENERIC or page.source_type is not None:
        return None
    return find_byline([para.text for para in paras])


def _evidence(
    markup: Markup, page: Page, lines: list[str], byline: Byline | None
) -> dict[str, Evidence]:
    own = page.markup
    own.date = metadata.from_markup_dates(markup) or own.date
    linked, meta = metadata.from_linked_data(markup), metadata.from_meta_tags(markup)
    known_title = linked.title or own.title or meta.title
    return {
        metadata.JSON_LD: linked,
        metadata.META: meta,
        metadata.MARKUP: own,
        metadata.TITLE_TAG: metadata.from_title_tag(markup, known_title),
        metadata.TEXT: metadata.from_text(lines, byline),
    }


def _family(
    page: Page, paras: list[Para], markup: Markup, bylined: bool
) -> tuple[str, SourceType]:
    """Return the body family and source type: the platform's, unless the body is a release.

    A page that says nothing of its type but opens with a byline is a news article, and so is
    a Blogger or WordPress page whose JSON-LD says `NewsArticle` (news sites run on them).
    """
    if (
        page.family in {ANALYSIS, GENERIC}
        and not bylined
        and press_release.detect([p.text for p in paras])
    ):
        return PRESS_RELEASE, SourceType.PRESS_RELEASE
    linked = read_linked_data(markup.json_ld).type or ""
    declared = selectors.LINKED_DATA_SOURCE_TYPES.get(linked)
    if declared == SourceType.NEWS.value and page.source_type is SourceType.BLOG_POST:
        return page.family, SourceType.NEWS  # a news site on a blog platform says so
    if page.source_type is not None:
        return page.family, page.source_type
    if declared is None and bylined:
        return page.family, SourceType.NEWS
    return page.family, SourceType(declared or "other")


def _is_dateline(para: Para) -> bool:
    match = selectors.PUBLISHED_LINE.match(para.text)
    return match is not None and metadata.iso_date(match["date"]) is not None


def mark_quoted(paras: list[Para], gazetteer: Gazetteer) -> None:
    """Give `blockquote` paragraphs the source their lead-in names, unless it introduces speech."""
    lead_in: Para | None = None
    heading: Para | None = None
    for para in paras:
        if not para.quoted:
            lead_in = None if para.heading else para
            heading = para if para.heading else heading
        elif para.quoted_from is None:
            named = None
            if lead_in is not None and not _introduces_speech(lead_in, gazetteer):
                named = source_of(lead_in.text, gazetteer)
            if named is None and heading is not None:
                named = source_of(heading.text, gazetteer)  # "Findings — CRC" over the quote
            para.quoted_from = named


def _introduces_speech(para: Para, gazetteer: Gazetteer) -> bool:
    return intro_speech(para.text, "", gazetteer) is not None
