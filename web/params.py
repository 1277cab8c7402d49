"""Read a search from URL parameters: the same names on the page and in the JSON API.

`q`, one parameter per facet (`type`, `kind`, `org`, `region`, `year`, `speaker`, `site`,
`rating`; repeat one to OR its values), `from`/`to` dates, `sort`, `page`, `size` and
`collapse` (on by default when there is no query: browsing the collection lists documents).
Anything out of bounds is a `BadParameterError` naming the parameter and what it accepts.
"""

from __future__ import annotations

from collections.abc import Mapping

from werkzeug.datastructures import MultiDict

from indexer.results import MAX_PAGE, MAX_PAGE_SIZE, SearchRequest, SortOrder

FILTER_PARAMS: Mapping[str, str] = {
    "source_type": "type",
    "kind": "kind",
    "organisation": "org",
    "region": "region",
    "year": "year",
    "speaker": "speaker",
    "site": "site",
    "rating": "rating",
}
"""Facet name → the URL parameter that filters by it (the CLI's option names)."""

MAX_FILTER_VALUES = 20
"""Values one facet filter may OR together: bounded work per request."""
TRUE_WORDS = frozenset({"1", "on", "true", "yes"})


class BadParameterError(ValueError):
    """A URL parameter the search cannot use; the message says what it accepts."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def search_request(args: MultiDict[str, str], default_page_size: int) -> SearchRequest:
    """Return the SearchRequest the parameters `args` ask for."""
    query = args.get("q", "").strip()
    return SearchRequest(
        query=query,
        filters=filters_of(args),
        date_from=args.get("from", "").strip() or None,
        date_to=args.get("to", "").strip() or None,
        sort=_sort(args.get("sort", ""), has_query=bool(query)),
        page=bounded_int(args, "page", 1, MAX_PAGE, default=1),
        page_size=bounded_int(args, "size", 1, MAX_PAGE_SIZE, default=default_page_size),
        collapse=_collapse(args, has_query=bool(query)),
    )


def _collapse(args: MultiDict[str, str], has_query: bool) -> bool:
    """Return whether to show one hit per document: as asked (the last `collapse` value wins,
    so a form can send a hidden 0 before its checkbox), else when browsing without a query,
    where a long post would otherwise fill the page with its own elements."""
    values = [v.strip().lower() for v in args.getlist("collapse") if v.strip()]
    if values:
        return values[-1] in TRUE_WORDS
    return not has_query


def filters_of(args: MultiDict[str, str]) -> dict[str, tuple[str, ...]]:
    """Return the facet filters in `args`: facet name → selected values, blanks dropped."""
    filters: dict[str, tuple[str, ...]] = {}
    for facet, param in FILTER_PARAMS.items():
        values = tuple(dict.fromkeys(v.strip() for v in args.getlist(param) if v.strip()))
        if len(values) > MAX_FILTER_VALUES:
            raise BadParameterError(param, f"at most {MAX_FILTER_VALUES} values, not {len(values)}")
        if values:
            filters[facet] = values
    return filters


def _sort(value: str, has_query: bool) -> SortOrder:
    """Return the sort asked for; without a query there is no relevance, so newest first."""
    if not value.strip():
        return SortOrder.RELEVANCE if has_query else SortOrder.NEWEST
    try:
        return SortOrder(value.strip().lower())
    except ValueError:
        choices = ", ".join(order.value for order in SortOrder)
        raise BadParameterError("sort", f"must be one of {choices}, not {value!r}") from None


def bounded_int(args: MultiDict[str, str], name: str, low: int, high: int, default: int) -> int:
    """Return the whole number parameter `name` (`default` when absent), within [low, high]."""
    text = args.get(name, "").strip()
    if not text:
        return min(max(default, low), high)
    # ASCII digits only, and few of them: int() refuses '²' and strings of 5,000 digits.
    digits = text.isascii() and text.isdigit() and len(text) <= len(str(high))
    if not digits or not low <= int(text) <= high:
        raise BadParameterError(name, f"must be a whole number from {low} to {high}, not {text!r}")
    return int(text)


def optional_int(args: MultiDict[str, str], name: str) -> int | None:
    """Return the whole number parameter `name` (0 or more), or None when it is absent."""
    if not args.get(name, "").strip():
        return None
    return bounded_int(args, name, 0, 10**6, default=0)
