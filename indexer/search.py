"""The search service on Whoosh: a SearchRequest in, typed SearchResults out.

One `WhooshSearch` belongs to one thread (Whoosh searchers must not be shared). It follows
the index: a switched generation or a new commit is picked up on the next request.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.index import FileIndex
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet

from indexer.errors import QueryError
from indexer.facets import FacetTable, Mask, count_facets
from indexer.highlight import make_snippet
from indexer.model import Document, Element, ElementKind, SourceFormat, SourceType
from indexer.querying import date_filter, make_parser, parse_query
from indexer.results import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    Hit,
    SearchRequest,
    SearchResults,
    SortOrder,
)
from indexer.schema import (
    AUTHOR,
    COMMENT_PATH,
    DATE,
    DATE_DAY,
    DOC_META,
    DOCUMENT_ID,
    ELEMENT_DATE,
    ELEMENT_ID,
    FACET_FIELDS,
    GROUP,
    HEADING,
    KIND,
    POSITION,
    QUOTED_FROM,
    SEARCH_FIELDS,
    SITE,
    SOURCE_TYPE,
    SPEAKER,
    TEXT_FIELD,
    TITLE,
    text_analyzer,
)
from indexer.store import current_generation, open_current

FACET_VALUE_LIMIT = 30
SUGGEST_BELOW = 3
"""Offer a spelling suggestion when a query finds fewer hits than this."""


class WhooshSearch:
    """Search one index location; reopen it when it changes."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self._index: FileIndex | None = None
        self._generation: Path | None = None
        self._searcher: Searcher | None = None
        self._tables: dict[str, FacetTable] | None = None
        self._analyzer = text_analyzer()

    def search(self, request: SearchRequest) -> SearchResults:
        """Run one search with facets, paging and highlighted snippets."""
        started = time.perf_counter()
        _check_paging(request)
        searcher = self._current_searcher()
        parsed = parse_query(make_parser(searcher.schema), request.query)
        tables = self._facet_tables(searcher)
        selected = _resolve_filters(request, tables)
        size = searcher.doc_count_all()
        base = _mask(searcher, _and(parsed, date_filter(request.date_from, request.date_to)), size)
        filter_masks = {
            name: tables[name].mask_for(values, size) for name, values in selected.items()
        }
        matching = base.copy()
        for mask in filter_masks.values():
            matching &= mask
        total = int(matching.sum())
        restricted = bool(filter_masks) or bool(request.date_from or request.date_to)
        allowed = set(np.flatnonzero(matching).tolist()) if restricted else None
        hits = self._page_of_hits(searcher, parsed, request, allowed, total) if total else []
        facets = (
            count_facets(tables, base, filter_masks, selected, FACET_VALUE_LIMIT)
            if request.with_facets
            else {}
        )
        suggestion = self._suggest(searcher, request.query) if total < SUGGEST_BELOW else None
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResults(request, total, hits, facets, elapsed, suggestion)

    def document(self, doc_id: str) -> Document | None:
        """Return the document `doc_id` with all its elements in reading order."""
        searcher = self._current_searcher()
        results = searcher.search(wq.Term(DOCUMENT_ID, doc_id), limit=None, sortedby=POSITION)
        records = [hit.fields() for hit in results]
        return _document_from_records(doc_id, records) if records else None

    def close(self) -> None:
        """Close the searcher and the index files."""
        if self._searcher is not None:
            self._searcher.close()
        if self._index is not None:
            self._index.close()
        self._searcher = self._index = self._generation = self._tables = None

    def _current_searcher(self) -> Searcher:
        generation = current_generation(self.location)
        if self._searcher is None or generation != self._generation:
            self.close()
            self._index = open_current(self.location)
            self._generation = generation
            self._searcher = self._index.searcher()
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._tables = None
        return self._searcher

    def _facet_tables(self, searcher: Searcher) -> dict[str, FacetTable]:
        if self._tables is None:
            reader = searcher.reader()
            self._tables = {name: FacetTable.read(reader, name) for name in FACET_FIELDS}
        return self._tables

    def _page_of_hits(
        self,
        searcher: Searcher,
        parsed: wq.Query,
        request: SearchRequest,
        allowed: set[int] | None,
        total: int,
    ) -> list[Hit]:
        first = (request.page - 1) * request.page_size
        if first >= total:
            return []
        results = searcher.search(
            parsed,
            filter=allowed,
            limit=first + request.page_size,
            sortedby=_sort_facets(request.sort),
        )
        terms = _highlight_terms(parsed, searcher)
        scored = request.sort is SortOrder.RELEVANCE  # sorted hits carry sort keys, not scores
        return [
            self._hit(results[i].fields(), results[i].score if scored else 0.0, terms)
            for i in range(first, min(len(results), first + request.page_size))
        ]

    def _hit(self, fields: dict[str, Any], score: float, terms: set[str]) -> Hit:
        text = fields.get(TEXT_FIELD, "")
        return Hit(
            id=fields[ELEMENT_ID],
            document_id=fields[DOCUMENT_ID],
            position=fields[POSITION],
            kind=fields[KIND],
            title=fields.get(TITLE, ""),
            date=fields.get(DATE),
            site=fields.get(SITE),
            source_type=fields[SOURCE_TYPE],
            heading=fields.get(HEADING),
            group=fields.get(GROUP),
            speaker=fields.get(SPEAKER),
            author=fields.get(AUTHOR),
            comment_path=fields.get(COMMENT_PATH),
            quoted_from=fields.get(QUOTED_FROM),
            text=text,
            snippet=make_snippet(text, list(self._match_spans(text, terms))),
            score=round(float(score), 4),
        )

    def _match_spans(self, text: str, terms: set[str]) -> Iterator[tuple[int, int]]:
        if not terms:
            return
        for token in self._analyzer(text, chars=True, removestops=False):
            if token.text in terms:
                yield token.startchar, token.endchar

    def _suggest(self, searcher: Searcher, text: str) -> str | None:
        """Return the query with unknown words replaced by close words of the index, if any."""
        corrector = searcher.reader().corrector(TEXT_FIELD)
        reader = searcher.reader()
        words = text.split()
        changed = False
        for i, word in enumerate(words):
            if not word.isalpha() or word.isupper():
                continue
            analyzed = [t.text for t in self._analyzer(word)]
            if not analyzed or reader.doc_frequency(TEXT_FIELD, analyzed[0]):
                continue
            options = corrector.suggest(word.lower(), limit=1)
            if options:
                words[i], changed = options[0], True
        return " ".join(words) if changed else None


def _check_paging(request: SearchRequest) -> None:
    if not 1 <= request.page_size <= MAX_PAGE_SIZE:
        raise QueryError(
            f"page size {request.page_size} is out of range", f"Use 1 to {MAX_PAGE_SIZE}."
        )
    if not 1 <= request.page <= MAX_PAGE:
        raise QueryError(
            f"page {request.page} is out of range",
            f"Pages run from 1 to {MAX_PAGE}; narrow the search to see later hits.",
        )


def _resolve_filters(request: SearchRequest, tables: dict[str, FacetTable]) -> dict[str, list[str]]:
    """Return the requested facet values spelled as indexed (case-insensitive match)."""
    selected: dict[str, list[str]] = {}
    for name, values in request.filters.items():
        if name not in tables:
            raise QueryError(f"unknown facet {name!r}", f"Facets are: {', '.join(FACET_FIELDS)}.")
        if values:
            selected[name] = [tables[name].lookup(v) or v for v in values]
    return selected


def _and(parsed: wq.Query, extra: wq.Query | None) -> wq.Query:
    return parsed if extra is None else wq.And([parsed, extra])


def _mask(searcher: Searcher, q: wq.Query, size: int) -> Mask:
    mask = np.zeros(size, dtype=bool)
    docnums = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
    mask[docnums] = True
    return mask


def _sort_facets(order: SortOrder) -> list[FieldFacet] | None:
    if order is SortOrder.RELEVANCE:
        return None
    newest = order is SortOrder.NEWEST
    return [FieldFacet(DATE_DAY, reverse=newest), FieldFacet(POSITION)]


def _highlight_terms(parsed: wq.Query, searcher: Searcher) -> set[str]:
    terms = parsed.existing_terms(searcher.reader(), phrases=True, expand=True)
    return {text.decode("utf-8") for field, text in terms if field in SEARCH_FIELDS}


def _document_from_records(doc_id: str, records: list[dict[str, Any]]) -> Document:
    first = records[0]
    meta = json.loads(first.get(DOC_META) or "{}")
    return Document(
        id=doc_id,
        source_path=meta.get("source_path", ""),
        format=SourceFormat(meta.get("format", "text")),
        title=first.get(TITLE, ""),
        date=first.get(DATE),
        site=first.get(SITE),
        url=meta.get("url"),
        author=meta.get("author"),
        source_type=SourceType(first[SOURCE_TYPE]),
        organisations=meta.get("organisations", []),
        regions=meta.get("regions", []),
        people=meta.get("people", []),
        elements=[_element_from_record(r) for r in records],
    )


def _element_from_record(record: dict[str, Any]) -> Element:
    return Element(
        id=record[ELEMENT_ID],
        kind=ElementKind(record[KIND]),
        position=record[POSITION],
        text=record.get(TEXT_FIELD, ""),
        heading=record.get(HEADING),
        group=record.get(GROUP),
        speaker=record.get(SPEAKER),
        comment_path=record.get(COMMENT_PATH),
        author=record.get(AUTHOR),
        quoted_from=record.get(QUOTED_FROM),
        date=record.get(ELEMENT_DATE),
    )
