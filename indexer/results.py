"""The search contract, free of any engine: what a caller asks and what it gets back.

The CLI and the web app speak only these types, and every engine answers with them. A hit's
snippet is plain text with the character spans of its matched words: the web app builds the
markup (and escapes the text), a terminal prints it another way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from indexer.errors import QueryError
from indexer.fields import SOURCE_TYPE

Span = tuple[int, int]
"""A [start, end) range of characters of a text."""

MAX_PAGE_SIZE = 100
MAX_PAGE = 100
"""Deepest page served: beyond it users should refine the query, not page through."""


class SortOrder(StrEnum):
    """How hits are ordered."""

    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CITED = "cited"
    """Texts reproduced by the most documents first (then by relevance)."""


@dataclass(frozen=True)
class SearchRequest:
    """One search: query text, facet filters (OR within a facet, AND across), range, paging."""

    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    sort: SortOrder = SortOrder.RELEVANCE
    page: int = 1
    page_size: int = 10
    with_facets: bool = True
    collapse: bool = False
    """Show one hit per document, with a count of its further hits (`Hit.more_in_document`)."""
    documents: tuple[str, ...] = ()
    """Only elements of these documents (an inspection's sources); empty: every document."""


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet with the number of hits it would give."""

    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Snippet:
    """A window of an element's text (with "…" where it was cut) and its matched words."""

    text: str
    marks: tuple[Span, ...] = ()
    """Sorted, non-overlapping spans of `text` that the query matched."""

    def to_dict(self) -> dict[str, Any]:
        """Return the snippet as its JSON object: the text and the marks as [start, end] pairs."""
        return {"text": self.text, "marks": [list(span) for span in self.marks]}


@dataclass(frozen=True)
class HitSource:
    """Another document that reproduces a hit's text (the same finding quoted elsewhere)."""

    id: str
    document_id: str
    position: int
    title: str
    site: str | None
    date: str | None
    source_type: str | None = None


@dataclass(frozen=True)
class Hit:
    """One matching element with its document's context and a highlighted snippet."""

    id: str
    document_id: str
    position: int
    kind: str
    title: str
    date: str | None
    site: str | None
    source_type: str
    heading: str | None
    group: str | None
    speaker: str | None
    author: str | None
    comment_path: str | None
    quoted_from: str | None
    text: str
    snippet: Snippet
    score: float
    more_in_document: int = 0
    """With `SearchRequest.collapse`: how many further hits this hit's document holds."""
    also_in: list[HitSource] = field(default_factory=list)
    """Other elements with the same text, in other documents; they are not listed as hits."""
    element_date: str | None = None
    """The element's own date when the source gives one: a comment's timestamp."""
    page: int | None = None
    """The PDF page the element starts on."""
    number: str | None = None
    """A recommendation's or a rated standard's number."""
    page_url: str | None = None
    """The report's own address at that page (`…#page=N`), when it has one."""
    rating: str | None = None
    """The report's overall rating."""

    def to_dict(self) -> dict[str, Any]:
        """Return the hit as the JSON object of the public search format."""
        data = dict(self.__dict__)
        data["snippet"] = self.snippet.to_dict()
        data["also_in"] = [dict(source.__dict__) for source in self.also_in]
        return data


class DocumentCounts(Mapping[str, int]):
    """Matching elements per document, read as a mapping of the documents with any.

    Held as two parallel sequences, `ids` and `counts` (zeros allowed), so that an engine
    that counts in arrays hands its arrays over without building a dictionary per search, and
    a reader of many searches (the inspection facet) can keep what it worked out for `ids`
    while an engine answers with the same `ids` object (Whoosh: one per index version).
    """

    def __init__(self, ids: Sequence[str], counts: Sequence[int]) -> None:
        if len(ids) != len(counts):
            raise ValueError(f"{len(ids)} document ids but {len(counts)} counts")
        self.ids, self.counts = ids, counts
        self._by_id: dict[str, int] | None = None

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> DocumentCounts:
        """Return the counts of a mapping of document id → count."""
        return cls(list(counts), list(counts.values()))

    def _mapping(self) -> dict[str, int]:
        if self._by_id is None:
            self._by_id = {d: int(n) for d, n in zip(self.ids, self.counts, strict=True) if n}
        return self._by_id

    def __getitem__(self, doc_id: str) -> int:
        return self._mapping()[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())

    def __repr__(self) -> str:
        return f"DocumentCounts({self._mapping()!r})"


@dataclass(frozen=True)
class SearchResults:
    """A page of hits with facet counts and paging facts."""

    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    elapsed_ms: float
    suggestion: str | None = None
    partial: bool = False
    """The time budget ran out: hits, total and facets cover only part of the matches."""
    histogram: dict[str, int] = field(default_factory=dict)
    """Elements per month (YYYY-MM) of the matches under all filters, like the facets;
    empty without facets."""
    per_document: DocumentCounts = field(default_factory=lambda: DocumentCounts((), ()))
    """Elements per document of the matches under all filters, like the facets (with facets
    only): what the web app counts inspections from. Not part of the JSON."""

    @property
    def page_count(self) -> int:
        """Return how many pages the hits fill, capped at the deepest page served."""
        pages = -(-self.total // self.request.page_size) if self.total else 0
        return min(pages, MAX_PAGE)

    @property
    def faceted_elements(self) -> int | None:
        """Return how many elements the facet counts cover, copies included (None: no facets).

        Every element has one source type, so its facet's counts (the chosen values' when
        some are chosen: the facet leaves its own filter out) add up to the matches. More than
        `total` means copies shown once, or, collapsed, several elements per document.
        """
        values = self.facets.get(SOURCE_TYPE)
        if values is None:
            return None
        chosen = [v for v in values if v.selected]
        return sum(v.count for v in chosen or values)

    @property
    def past_end(self) -> bool:
        """Return whether the page asked for lies beyond the last page of hits."""
        return self.total > 0 and self.request.page > self.page_count

    def to_dict(self) -> dict[str, Any]:
        """Return the results as the JSON object of the public search format."""
        return {
            "query": self.request.query,
            "total": self.total,
            "page": self.request.page,
            "page_size": self.request.page_size,
            "page_count": self.page_count,
            "elapsed_ms": round(self.elapsed_ms, 2),
            "suggestion": self.suggestion,
            "partial": self.partial,
            "past_end": self.past_end,
            "hits": [hit.to_dict() for hit in self.hits],
            "histogram": dict(sorted(self.histogram.items())),
            "facets": {
                name: [{"value": v.value, "count": v.count, "selected": v.selected} for v in values]
                for name, values in self.facets.items()
            },
        }


def check_paging(request: SearchRequest) -> None:
    """Refuse a page or page size outside what is served (QueryError)."""
    if not 1 <= request.page_size <= MAX_PAGE_SIZE:
        raise QueryError(
            f"page size {request.page_size} is out of range", f"Use 1 to {MAX_PAGE_SIZE}."
        )
    if not 1 <= request.page <= MAX_PAGE:
        raise QueryError(
            f"page {request.page} is out of range",
            f"Pages run from 1 to {MAX_PAGE}; narrow the search to see later hits.",
        )
