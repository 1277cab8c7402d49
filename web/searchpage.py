"""The search page as data: hit cards, facet links, chips, paging, built on the server.

Views hand a `SearchResults` (or the error that stopped it) and the URL parameters to
`search_page`; templates only lay out what is here. Every link is a complete URL, every
snippet is escaped text with `<mark>` around matches (made by the search service).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from indexer.inspections import InspectionIndex
from indexer.model import ElementKind
from indexer.results import Hit, SearchResults, SortOrder
from indexer.wording import plural
from web import links
from web.documentpage import safe_link
from web.histogram import Histogram, histogram
from web.labels import FACET_LABELS, human_date, human_datetime, value_label
from web.markup import snippet_html
from web.params import FILTER_PARAMS
from web.provenance import SourceLink, element_url, originality, source_links

FACET_VALUES_SHOWN = 8
INSPECTION_VALUES = 30
"""Inspections listed in their facet at most: the ones with the most hits (and the chosen)."""
"""Values listed per facet before the rest fold away under "more"."""
PAGE_WINDOW = 2
"""Page links either side of the current page."""
SORT_LABELS = {
    SortOrder.RELEVANCE: "Relevance",
    SortOrder.NEWEST: "Newest first",
    SortOrder.OLDEST: "Oldest first",
    SortOrder.CITED: "Most cited",
}


@dataclass(frozen=True)
class FacetLink:
    """One facet value: its count and the URL that selects or unselects it."""

    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class FacetGroup:
    """A facet with its values, the first few shown and the rest folded."""

    name: str
    label: str
    shown: list[FacetLink]
    more: list[FacetLink]


@dataclass(frozen=True)
class Chip:
    """An active filter and the URL without it."""

    label: str
    url: str


@dataclass(frozen=True)
class PageLink:
    """A page number in the pager; `number` 0 is a gap ("…")."""

    number: int
    url: str
    current: bool = False


@dataclass(frozen=True)
class HitCard:
    """A hit as the page shows it."""

    hit: Hit
    kind_label: str
    url: str
    similar_url: str
    snippet: Markup
    facts: list[str]
    """Who and where: the finding's organisation, the quote's speaker, the comment's place."""
    context: list[str]
    """The document's date, site and source type, and the heading the element sits under."""
    also_in: list[SourceLink]
    page: str | None = None
    """Where in the report the element starts ("Page 5"), for a PDF."""
    page_link: str | None = None
    """The report's own page (`…#page=5`), when it has a safe web address."""


@dataclass
class SearchPage:
    """Everything the search template shows."""

    query: str
    sort: str
    collapse: bool
    date_from: str
    date_to: str
    keep: links.Pairs
    """Parameters the query form carries along (filters, sort, …) when the query changes."""
    sort_keep: links.Pairs
    """Parameters the sort form carries along."""
    date_keep: links.Pairs
    """Parameters the date range form carries along."""
    results: SearchResults | None = None
    error: str | None = None
    hint: str | None = None
    cards: list[HitCard] = field(default_factory=list)
    facets: list[FacetGroup] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    clear_url: str | None = None
    pages: list[PageLink] = field(default_factory=list)
    previous_url: str | None = None
    next_url: str | None = None
    suggestion_url: str | None = None
    unfiltered_total: int | None = None
    """For an empty page under filters: how many hits the query has without them."""
    histogram: Histogram | None = None
    exports: list[tuple[str, str]] = field(default_factory=list)
    """(label, URL) of the search's exports and feed: every hit as CSV or JSON, Atom."""
    last_page_url: str | None = None
    """When the page asked for is past the end: the last page of hits."""
    counts_note: str | None = None
    """Why the facet counts add up to more than the total, when they do."""
    facets_without_query: bool = False
    """The facets count the filters alone: the query could not run."""
    sort_choices: list[tuple[str, str]] = field(
        default_factory=lambda: [(order.value, label) for order, label in SORT_LABELS.items()]
    )

    @property
    def first_number(self) -> int:
        """Return the rank of the first hit on this page."""
        if self.results is None:
            return 1
        return (self.results.request.page - 1) * self.results.request.page_size + 1


def search_page(
    args: MultiDict[str, str],
    results: SearchResults | None,
    error: str | None = None,
    hint: str | None = None,
    fallback: SearchResults | None = None,
) -> SearchPage:
    """Return the page for `results`, or for the `error` that kept the search from running.

    With an error, `fallback` (the same filters without the query) keeps the facets listed.
    """
    pairs = links.pairs_of(args)
    page = SearchPage(
        query=args.get("q", "").strip(),
        sort=results.request.sort.value if results else args.get("sort", ""),
        collapse=bool(results and results.request.collapse),
        date_from=args.get("from", ""),
        date_to=args.get("to", ""),
        keep=links.without(pairs, "q"),
        sort_keep=links.without(pairs, "sort", "collapse"),
        date_keep=links.without(pairs, "from", "to"),
        results=results,
        error=error,
        hint=hint,
        chips=_chips(pairs),
    )
    if page.chips:
        page.clear_url = links.href(_base(), links.only(pairs, "q", "sort", "size", "collapse"))
    if results is None:
        if fallback is not None:
            page.facets = _facet_groups(fallback, pairs)
            page.facets_without_query = bool(page.query)
        return page
    page.cards = [hit_card(hit, page.query) for hit in results.hits]
    page.facets = _facet_groups(results, pairs)
    page.histogram = histogram(results.histogram, pairs, _base())
    if results.total:
        kept = links.without(pairs, "size", "sort") + links.only(pairs, "sort")
        page.exports = [
            ("CSV", links.href(url_for("exports.export", form="csv"), kept)),
            ("JSON", links.href(url_for("exports.export", form="json"), kept)),
            ("Atom feed", links.href(url_for("exports.feed"), kept)),
        ]
    page.counts_note = _counts_note(results)
    _paging(page, results, pairs)
    if results.suggestion:
        page.suggestion_url = links.href(_base(), links.replaced(pairs, "q", results.suggestion))
    return page


def _base() -> str:
    return url_for("pages.search")


def _facet_groups(results: SearchResults, pairs: links.Pairs) -> list[FacetGroup]:
    groups = []
    toggles = links.Toggles(_base(), pairs)  # url_for and urlencode once, not per value
    for name, values in results.facets.items():
        param = FILTER_PARAMS[name]
        facet_links = [
            FacetLink(
                value=v.value,
                label=value_label(name, v.value),
                count=v.count,
                selected=v.selected,
                url=toggles.href(param, v.value),
            )
            for v in values
        ]
        shown = max(FACET_VALUES_SHOWN, sum(link.selected for link in facet_links))
        groups.append(
            FacetGroup(name, FACET_LABELS[name], facet_links[:shown], facet_links[shown:])
        )
    return groups


def inspection_facet(
    inspections: InspectionIndex, results: SearchResults, args: MultiDict[str, str]
) -> FacetGroup | None:
    """Return the inspections the hits come from, as a facet: each counts the matching
    elements of its documents (the selected one only, while one is selected)."""
    chosen = args.get("inspection", "").strip()
    counted = inspections.counted(results.per_document, chosen, INSPECTION_VALUES)
    if not counted:
        return None
    others = links.without(links.pairs_of(args), "inspection")
    toggles = links.Toggles(_base(), others)
    found = []
    for inspection, count in counted:
        selected = inspection.id == chosen
        url = toggles.unchanged if selected else toggles.href("inspection", inspection.id)
        found.append(FacetLink(inspection.id, inspection.label, count, selected, url))
    shown = max(FACET_VALUES_SHOWN, 1)
    return FacetGroup("inspection", "Inspection", found[:shown], found[shown:])


def _chips(pairs: links.Pairs) -> list[Chip]:
    names = {param: facet for facet, param in FILTER_PARAMS.items()}
    chips = []
    for param, value in pairs:
        if param in names:
            facet = names[param]
            label = f"{FACET_LABELS[facet]}: {value_label(facet, value)}"
            chips.append(Chip(label, links.href(_base(), links.toggled(pairs, param, value))))
    inspection = next((v for n, v in pairs if n == "inspection"), None)
    if inspection:
        chips.append(
            Chip(
                f"Inspection: {inspection}", links.href(_base(), links.without(pairs, "inspection"))
            )
        )
    for param, word in (("from", "From"), ("to", "To")):
        date = next((v for n, v in pairs if n == param), None)
        if date:
            chips.append(Chip(f"{word} {date}", links.href(_base(), links.without(pairs, param))))
    return chips


def _counts_note(results: SearchResults) -> str | None:
    """Say why the facet counts exceed the total: copies listed once, or documents counted."""
    elements = results.faceted_elements
    if elements is None or elements <= results.total:
        return None
    if results.request.collapse:
        return (
            f"The filters count elements ({plural(elements, 'element')} match); "
            f"the total counts documents."
        )
    copies = elements - results.total
    return (
        f"The filters count every copy: {plural(copies, 'element')} "
        f"{'repeats' if copies == 1 else 'repeat'} a text that another document also holds, "
        "shown once here with the documents it is also in."
    )


def _paging(page: SearchPage, results: SearchResults, pairs: links.Pairs) -> None:
    current, last = results.request.page, results.page_count

    def to(number: int) -> str:
        return links.href(_base(), links.replaced(pairs, links.PAGE, str(number)))

    if results.past_end:
        page.last_page_url = to(last)
    if last <= 1:
        return

    numbers = sorted(
        {1, last} | set(range(max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW) + 1))
    )
    previous = 0
    for number in numbers:
        if number - previous > 1:
            page.pages.append(PageLink(0, ""))
        page.pages.append(PageLink(number, to(number), number == current))
        previous = number
    page.previous_url = to(current - 1) if current > 1 else None
    page.next_url = to(current + 1) if current < last else None


def hit_card(hit: Hit, query: str) -> HitCard:
    """Return the card of one hit; its links carry `query` so the document marks its words."""
    this = originality(hit.source_type, hit.date, hit.document_id, hit.position)
    also_in = hit.also_in
    hit_first = not also_in or this <= originality(
        also_in[0].source_type, also_in[0].date, also_in[0].document_id, also_in[0].position
    )
    facts = []
    if hit.also_in and hit_first:
        facts.append(f"Original of {len(hit.also_in) + 1} sources")
    if hit.kind == ElementKind.RECOMMENDATION.value:
        facts.append(f"Recommendation {hit.number}" if hit.number else "Recommendation")
        if hit.group:
            facts.append(f"To: {hit.group}")
    elif hit.kind == ElementKind.RATING.value and hit.group:
        facts.append(f"Rated: {hit.group}")
    elif hit.group:
        facts.append(f"About: {hit.group}")
    if hit.speaker:
        facts.append(f"Speaker: {hit.speaker}")
    if hit.comment_path:
        facts.append(_thread_place(hit.comment_path))
    if hit.author:
        facts.append(f"By {hit.author}")
    if hit.element_date:
        facts.append(human_datetime(hit.element_date))
    if hit.quoted_from:
        facts.append(f"Reproduces {hit.quoted_from}")
    context = [
        human_date(hit.date) or "Undated",
        hit.site or "Unknown site",
        value_label("source_type", hit.source_type),
    ]
    if hit.heading:
        context.append(f"Under “{hit.heading}”")
    if hit.more_in_document:
        context.append(f"{hit.more_in_document} more in this document")
    return HitCard(
        hit=hit,
        kind_label=value_label("kind", hit.kind),
        url=element_url(hit.document_id, hit.position, query),
        similar_url=url_for("pages.similar", element_id=hit.id),
        snippet=snippet_html(hit.snippet),
        facts=facts,
        context=context,
        also_in=source_links(hit.also_in, this, query),
        page=f"Page {hit.page}" if hit.page else None,
        page_link=safe_link(hit.page_url),
    )


def _thread_place(path: str) -> str:
    """Return where a comment sits: "Comment 3", "Reply 3.1 (to comment 3)"."""
    if "." not in path:
        return f"Comment {path}"
    return f"Reply {path} (to comment {path.rsplit('.', 1)[0]})"
