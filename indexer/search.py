"""The search service on Whoosh: a SearchRequest in, typed SearchResults out.

One `WhooshSearch` belongs to one thread (Whoosh searchers must not be shared). It follows
the index: a switched generation or a new commit is picked up on the next request.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.index import FileIndex
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet

from indexer.collecting import collect_page, match_mask
from indexer.errors import IndexUnavailableError, QueryError
from indexer.facets import FacetTable, Mask, count_facets
from indexer.highlight import mark_text
from indexer.hits import copies_of, make_hit
from indexer.limits import DEFAULT_LIMITS, QueryLimits
from indexer.marking import MatchTargets, match_spans, match_targets
from indexer.model import Document, Element, ElementKind, SourceFormat, SourceType
from indexer.querying import QueryBuilder, date_filter
from indexer.ranking import KindPriorBM25F, Ranking
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
    FINGERPRINT,
    GROUP,
    HEADING,
    KIND,
    ORGANISATION,
    PEOPLE,
    POSITION,
    QUOTED_FROM,
    REGION,
    SITE,
    SOURCE_TYPE,
    SPEAKER,
    TEXT_FIELD,
    TITLE,
)
from indexer.similar import similar_elements
from indexer.store import current_generation, open_generation, release_frames
from indexer.suggest import suggest
from indexer.valuecodes import ValueCodes

FACET_VALUE_LIMIT = 30
GRACE_SHARE = 10
"""When matching used up the time budget, collecting a page still gets 1/10 of the budget."""
NAME_FIELDS = (PEOPLE, SPEAKER, ORGANISATION, REGION)
"""Gazetteer names found in the index, offered by "did you mean" beside the vocabulary."""
AUX_FIELDS = (PEOPLE,)
"""Value tables beside the facets: names for queries and suggestions."""
CODED_FIELDS = (DOCUMENT_ID, FINGERPRINT)
"""Single-valued fields coded per document: collapse and copy counts."""


class WhooshSearch:
    """Search one index location; reopen it when it changes."""

    def __init__(
        self, location: Path, limits: QueryLimits = DEFAULT_LIMITS, ranking: Ranking | None = None
    ) -> None:
        self.location = location
        self.limits = limits
        self.ranking = ranking or Ranking()
        self._index: FileIndex | None = None
        self._generation: Path | None = None
        self._searcher: Searcher | None = None
        self._tables: dict[str, FacetTable] | None = None
        self._codes: dict[str, ValueCodes] = {}
        self._builder: QueryBuilder | None = None
        self._weighting: KindPriorBM25F | None = None

    def search(self, request: SearchRequest) -> SearchResults:
        """Run one search with facets, paging and highlighted snippets, within the time budget."""
        started = time.perf_counter()
        deadline = started + self.limits.time_budget_ms / 1000
        _check_paging(request)
        searcher = self._current_searcher()
        tables = self._facet_tables(searcher)
        builder = self._query_builder(searcher)
        parsed = builder.build(request.query, searcher.reader(), lambda f: tables[f].values)
        selected = _resolve_filters(request, tables)
        size = searcher.doc_count_all()
        query = _and(parsed, date_filter(request.date_from, request.date_to))
        base, partial = match_mask(searcher, query, size, deadline)
        filter_masks = {
            name: tables[name].mask_for(values, size) for name, values in selected.items()
        }
        matching = base.copy()
        for mask in filter_masks.values():
            matching &= mask
        total = self._count(matching, request)
        restricted = bool(filter_masks) or bool(request.date_from or request.date_to)
        allowed = set(np.flatnonzero(matching).tolist()) if restricted else None
        hits: list[Hit] = []
        if total:
            # Matching may have spent the budget: still give the page a moment to fill.
            grace = time.perf_counter() + self.limits.time_budget_ms / 1000 / GRACE_SHARE
            page = self._page_of_hits(
                searcher, parsed, request, allowed, matching, max(deadline, grace)
            )
            hits, partial = page[0], partial or page[1]
        facets = (
            count_facets(_facets_only(tables), base, filter_masks, selected, FACET_VALUE_LIMIT)
            if request.with_facets
            else {}
        )
        suggestion = self._suggestion(request.query, searcher, builder, tables)
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResults(request, total, hits, facets, elapsed, suggestion, partial)

    def similar(self, element_id: str, limit: int = 10) -> list[Hit] | None:
        """Return up to `limit` elements most like `element_id`, or None if it is not indexed."""
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise QueryError(f"limit {limit} is out of range", f"Use 1 to {MAX_PAGE_SIZE}.")
        searcher = self._current_searcher()
        self._facet_tables(searcher)
        found = similar_elements(searcher, element_id, limit)
        if found is None:
            return None
        analyzer = searcher.schema[TEXT_FIELD].analyzer
        targets = MatchTargets(terms=found.terms)
        return [
            make_hit(fields, score, analyzer, targets, copies_of(searcher, fields))
            for fields, score in found.hits
        ]

    def document(self, doc_id: str) -> Document | None:
        """Return the document `doc_id` with all its elements in reading order."""
        searcher = self._current_searcher()
        results = searcher.search(wq.Term(DOCUMENT_ID, doc_id), limit=None, sortedby=POSITION)
        records = [hit.fields() for hit in results]
        return _document_from_records(doc_id, records) if records else None

    def highlight(self, query: str, texts: Sequence[str]) -> list[str]:
        """Return each of `texts` escaped whole, with the words `query` matches marked."""
        searcher = self._current_searcher()
        tables = self._facet_tables(searcher)
        builder = self._query_builder(searcher)
        parsed = builder.build(query, searcher.reader(), lambda f: tables[f].values)
        targets = match_targets(parsed, searcher.reader())
        analyzer = searcher.schema[TEXT_FIELD].analyzer
        return [mark_text(text, match_spans(analyzer, text, targets)) for text in texts]

    def close(self) -> None:
        """Close the searcher and the index files."""
        if self._searcher is not None:
            self._searcher.close()
        if self._index is not None:
            self._index.close()
        self._searcher = self._index = self._generation = self._tables = None
        self._codes = {}
        self._builder = self._weighting = None

    def _current_searcher(self) -> Searcher:
        """Return a searcher on the index being served, reopened if it changed since last time."""
        try:
            return self._follow_index()
        except IndexUnavailableError:
            self.close()
            raise
        except Exception as exc:  # damaged files fail in many ways (EOFError, UnpicklingError…)
            raise self._unavailable(exc) from exc

    def _unavailable(self, exc: Exception) -> IndexUnavailableError:
        """Close everything; return the error for an index found damaged on opening."""
        name = self._generation.name if self._generation else "it"
        release_frames(exc)
        self.close()
        return IndexUnavailableError(str(self.location), f"cannot read {name}: {exc!r}")

    def _follow_index(self) -> Searcher:
        generation = current_generation(self.location)
        if self._searcher is None or generation != self._generation:
            self.close()
            self._generation = generation
            self._index = open_generation(generation, self.location)
            self._weighting = self.ranking.weighting()
            self._searcher = self._index.searcher(weighting=self._weighting)
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._tables = None
            self._codes = {}
        return self._searcher

    def _facet_tables(self, searcher: Searcher) -> dict[str, FacetTable]:
        """Return the value tables of the facets and `AUX_FIELDS`, read once per reader."""
        if self._tables is None:
            reader = searcher.reader()
            fields = FACET_FIELDS + AUX_FIELDS
            try:
                self._tables = {name: FacetTable.read(reader, name) for name in fields}
            except Exception as exc:  # damaged postings
                raise self._unavailable(exc) from exc
            if self._weighting is not None:
                self._weighting.set_kinds(self._tables[KIND], searcher.doc_count_all())
        return self._tables

    def _suggestion(
        self, query: str, searcher: Searcher, builder: QueryBuilder, tables: dict[str, FacetTable]
    ) -> str | None:
        names = [value for field in NAME_FIELDS for value in tables[field].values]
        return suggest(query, searcher.reader(), builder.analyze, names)

    def _query_builder(self, searcher: Searcher) -> QueryBuilder:
        if self._builder is None:
            self._builder = QueryBuilder(searcher.schema, self.limits, self.ranking)
        return self._builder

    def _count(self, matching: Mask, request: SearchRequest) -> int:
        """Return how many hits there are: documents if collapsed, else elements less copies."""
        if request.collapse:
            return self._coded(DOCUMENT_ID).distinct(matching)
        if self.ranking.dedupe:
            return self._coded(FINGERPRINT).distinct(matching)
        return int(matching.sum())

    def _page_of_hits(
        self,
        searcher: Searcher,
        parsed: wq.Query,
        request: SearchRequest,
        allowed: set[int] | None,
        matching: Mask,
        deadline: float,
    ) -> tuple[list[Hit], bool]:
        """Return the requested page of hits and whether the time budget cut the search short."""
        first = (request.page - 1) * request.page_size
        collapse = DOCUMENT_ID if request.collapse else FINGERPRINT if self.ranking.dedupe else None
        sortedby = _sort_facets(request.sort)
        results, timed_out = collect_page(
            searcher, parsed, first + request.page_size, deadline, sortedby, allowed, collapse
        )
        targets = match_targets(parsed, searcher.reader())
        analyzer = searcher.schema[TEXT_FIELD].analyzer
        scored = request.sort is SortOrder.RELEVANCE  # sorted hits carry sort keys, not scores
        more = self._more_in_documents(matching) if request.collapse else {}
        hits = []
        # len(results) estimates every match; only the top `scored_length` are collected.
        for i in range(first, min(results.scored_length(), first + request.page_size)):
            fields = results[i].fields()
            score = results[i].score if scored else 0.0
            extra = max(more.get(fields[DOCUMENT_ID], 1) - 1, 0)
            copies = copies_of(searcher, fields) if self.ranking.dedupe else []
            hits.append(make_hit(fields, score or 0.0, analyzer, targets, copies, extra))
        return hits, timed_out

    def _more_in_documents(self, matching: Mask) -> dict[str, int]:
        return self._coded(DOCUMENT_ID).count_of(matching)

    def _coded(self, field: str) -> ValueCodes:
        """Return the codes of a `CODED_FIELDS` field, read once per reader when first needed."""
        if field not in self._codes and self._searcher is not None:
            self._codes[field] = ValueCodes.read(self._searcher.reader(), field)
        return self._codes[field]


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


def _facets_only(tables: dict[str, FacetTable]) -> dict[str, FacetTable]:
    return {name: tables[name] for name in FACET_FIELDS}


def _sort_facets(order: SortOrder) -> list[FieldFacet] | None:
    if order is SortOrder.RELEVANCE:
        return None
    newest = order is SortOrder.NEWEST
    return [FieldFacet(DATE_DAY, reverse=newest), FieldFacet(POSITION)]


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
