"""The search service on Whoosh: a SearchRequest in, typed SearchResults out.

One `WhooshSearch` belongs to one thread (Whoosh searchers must not be shared). It follows
the index: a switched generation or a new commit is picked up on the next request.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from whoosh import query as wq
from whoosh.index import FileIndex
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet

from indexer import inspections
from indexer.analysis import default_analyzer
from indexer.errors import IndexUnavailableError, QueryError
from indexer.fields import (
    DATE_DAY,
    DOCUMENT_ID,
    ELEMENT_ID,
    FACETS,
    FINGERPRINT,
    KIND,
    MONTH,
    ORGANISATION,
    PEOPLE,
    POSITION,
    REGION,
    SOURCE_TYPE,
    SPEAKER,
)
from indexer.limits import DEFAULT_LIMITS, QueryLimits
from indexer.marking import MatchTargets, match_spans
from indexer.model import Document
from indexer.query.dates import date_range
from indexer.query.parser import QueryParser
from indexer.query.values import resolve_filter
from indexer.records import (
    ORIGINAL_SOURCES,
    Record,
    copies_among,
    document_from_records,
    originality,
)
from indexer.results import (
    MAX_PAGE_SIZE,
    DocumentCounts,
    Hit,
    HitSource,
    SearchRequest,
    SearchResults,
    SortOrder,
    Span,
    check_paging,
)
from indexer.whoosh.bulk import CACHE_BYTES, BulkSearcher
from indexer.whoosh.collecting import collect_page, match_mask, top_of_arrays
from indexer.whoosh.compile import FIRST_ELEMENTS, Compiler
from indexer.whoosh.facets import FacetTable, Mask, count_facets
from indexer.whoosh.hits import MAX_ALSO_IN, copies_of, hit_of, record_at
from indexer.whoosh.originals import OriginKeys
from indexer.whoosh.ranking import FIELD_BOOSTS, KindPriorBM25F, Ranking
from indexer.whoosh.shared import ReaderData, reader_data
from indexer.whoosh.similar import similar_elements
from indexer.whoosh.store import current_generation, open_generation, release_frames
from indexer.whoosh.suggest import spelling_words, suggest
from indexer.whoosh.valuecodes import ValueCodes

FACET_VALUE_LIMIT = 30
GRACE_SHARE = 10
"""When matching used up the time budget, collecting a page still gets 1/10 of the budget."""
NAME_FIELDS = (PEOPLE, SPEAKER, ORGANISATION, REGION)
"""Gazetteer names found in the index, offered by "did you mean" beside the vocabulary."""
AUX_FIELDS = (PEOPLE, MONTH)
"""Value tables beside the facets: names for queries and suggestions, months to count."""
CODED_FIELDS = (DOCUMENT_ID, FINGERPRINT)
"""Single-valued fields coded per document: collapse and copy counts."""


class WhooshSearch:
    """Search one index location; reopen it when it changes."""

    def __init__(
        self,
        location: Path,
        limits: QueryLimits = DEFAULT_LIMITS,
        ranking: Ranking | None = None,
        bulk: bool = True,
        cache_postings: bool = True,
    ) -> None:
        self.location = location
        self.limits = limits
        self.ranking = ranking or Ranking()
        self._index: FileIndex | None = None
        self._generation: Path | None = None
        self._searcher: Searcher | None = None
        self._tables: dict[str, FacetTable] | None = None
        self._codes: dict[str, ValueCodes] = {}
        self._compiler: Compiler | None = None
        self.parser = QueryParser(limits, synonyms=None if self.ranking.synonyms else ())
        self._weighting: KindPriorBM25F | None = None
        self._bulk: BulkSearcher | None = None
        self._vocabulary: list[str] | None = None
        self._finalizer: weakref.finalize | None = None
        self.bulk = bulk
        self.cache_postings = cache_postings
        """Match and rank with numpy over whole posting lists (False: Whoosh's collectors)."""

    def search(self, request: SearchRequest) -> SearchResults:
        """Run one search with facets, paging and highlighted snippets, within the time budget."""
        started = time.perf_counter()
        deadline = started + self.limits.time_budget_ms / 1000
        check_paging(request)
        searcher = self._current_searcher()
        tables = self._facet_tables(searcher)
        tree = self.parser.parse(
            request.query, lambda f: tables[f].values, self._inspections(request.query)
        )
        compiler = self._query_compiler(searcher)
        parsed = compiler.compile(tree)
        guard = compiler.own_text_guard(tree)
        selected = _resolve_filters(request, tables)
        size = searcher.doc_count_all()
        base, scores, partial = self._match(searcher, parsed, request, deadline, guard)
        filter_masks = {
            name: tables[name].mask_for(values, size) for name, values in selected.items()
        }
        matching = base.copy()
        for mask in filter_masks.values():
            matching &= mask
        total = self._count(matching, request)
        hits: list[Hit] = []
        if total:
            # Matching may have spent the budget: still give the page a moment to fill.
            grace = time.perf_counter() + self.limits.time_budget_ms / 1000 / GRACE_SHARE
            targets = compiler.targets(tree)
            page = self._page_of_hits(
                searcher,
                parsed,
                targets,
                request,
                matching,
                scores,
                max(deadline, grace),
                guard is not None,
            )
            hits, partial = page[0], partial or page[1]
        facets = (
            count_facets(_facets_only(tables), base, filter_masks, selected, FACET_VALUE_LIMIT)
            if request.with_facets
            else {}
        )
        suggestion = self._suggestion(request.query, searcher, tables)
        months = _histogram(tables[MONTH], matching) if request.with_facets else {}
        documents = (
            self._coded(DOCUMENT_ID).document_counts(matching)
            if request.with_facets
            else DocumentCounts((), ())
        )
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResults(
            request, total, hits, facets, elapsed, suggestion, partial, months, documents
        )

    def _match(
        self,
        searcher: Searcher,
        parsed: wq.Query,
        request: SearchRequest,
        deadline: float,
        guard: wq.Query | None = None,
    ) -> tuple[Mask, NDArray[np.float64] | None, bool]:
        """Return the matching documents, their scores (bulk path only) and whether cut short.

        The date range and the own-text guard (`Compiler.own_text_guard`) filter; only
        `parsed` scores.
        """
        days = date_range(request.date_from, request.date_to)
        dates = None if days is None else self._query_compiler(searcher).compile(days)
        if request.documents:
            chosen = wq.Or([wq.Term(DOCUMENT_ID, doc_id) for doc_id in request.documents])
            dates = chosen if dates is None else wq.And([dates, chosen])
        if self.bulk:
            bulk = self._bulk_searcher(searcher)
            base, scores = bulk.evaluate(parsed)
            if guard is not None:  # first: it reuses the masks of the words just evaluated
                firsts = self._shared(searcher).once(
                    "first-elements", lambda: bulk.mask(FIRST_ELEMENTS)
                )
                base &= bulk.mask(guard) | firsts
            if dates is not None:
                base &= bulk.mask(dates)
            return base, scores, False
        own = None if guard is None else wq.Or([guard, FIRST_ELEMENTS])
        filters = [q for q in (dates, own) if q is not None]
        both = wq.And([parsed, *filters]) if filters else parsed
        base, partial = match_mask(searcher, both, searcher.doc_count_all(), deadline)
        return base, None, partial

    def similar(self, element_id: str, limit: int = 10) -> list[Hit] | None:
        """Return up to `limit` elements most like `element_id`, or None if it is not indexed."""
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise QueryError(f"limit {limit} is out of range", f"Use 1 to {MAX_PAGE_SIZE}.")
        searcher = self._current_searcher()
        self._facet_tables(searcher)
        found = similar_elements(searcher, element_id, limit)
        if found is None:
            return None
        targets = MatchTargets(terms=found.terms)
        return [
            hit_of(record, score, targets, copies_of(searcher, record))
            for record, score in found.hits
        ]

    def document(self, doc_id: str) -> Document | None:
        """Return the document `doc_id` with all its elements in reading order."""
        searcher = self._current_searcher()
        results = searcher.search(wq.Term(DOCUMENT_ID, doc_id), limit=None, sortedby=POSITION)
        records = [record_at(searcher, hit.docnum) for hit in results]
        return document_from_records(doc_id, records) if records else None

    def version(self) -> str:
        """Return the served generation's name (a reindex publishes a new one)."""
        self._current_searcher()
        return self._generation.name if self._generation is not None else ""

    def _inspections(self, query: str) -> dict[str, tuple[str, ...]] | None:
        """Return the inspections' documents when `query` names one (linked once per reader)."""
        if not inspections.wanted(query):
            return None
        searcher = self._current_searcher()
        return self._shared(searcher).once(
            "inspections", lambda: inspections.documents_by_inspection(self.catalogue())
        )

    def catalogue(self) -> list[Document]:
        """Return every document's metadata, from its first element's record."""
        searcher = self._current_searcher()
        firsts = searcher.search(wq.NumericRange(POSITION, 0, 0), limit=None)
        records = sorted(
            (record_at(searcher, hit.docnum) for hit in firsts), key=lambda r: r[DOCUMENT_ID]
        )
        return [_without_elements(document_from_records(r[DOCUMENT_ID], [r])) for r in records]

    def sources(self, doc_id: str) -> dict[str, list[HitSource]]:
        """Return, per element of `doc_id`, the other documents that hold its text."""
        searcher = self._current_searcher()
        self._facet_tables(searcher)
        found: dict[str, list[HitSource]] = {}
        for docnum in searcher.document_numbers(**{DOCUMENT_ID: doc_id}):
            record = record_at(searcher, docnum)
            copies = self._copies(searcher, docnum, record)
            if copies:
                found[record[ELEMENT_ID]] = copies
        return found

    def match_spans(self, query: str, texts: Sequence[str]) -> list[list[Span]]:
        """Return, for each of `texts`, the character spans of the words `query` matches."""
        searcher = self._current_searcher()
        tables = self._facet_tables(searcher)
        tree = self.parser.parse(query, lambda f: tables[f].values, self._inspections(query))
        targets = self._query_compiler(searcher).targets(tree)
        return [match_spans(text, targets) for text in texts]

    def close(self) -> None:
        """Close the searcher and the index files."""
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        if self._searcher is not None:
            self._searcher.close()
        if self._index is not None:
            self._index.close()
        self._searcher = self._index = self._generation = self._tables = None
        self._codes = {}
        self._compiler = self._weighting = self._bulk = self._vocabulary = None

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
            # Whoosh copies a memory-mapped segment into a private buffer per searcher (a
            # BytesIO over the map): each server thread held the whole index. Reading the
            # segment file through the OS page cache instead is shared and as fast here.
            self._index.storage.supports_mmap = False
            self._weighting = self.ranking.weighting()
            self._searcher = self._index.searcher(weighting=self._weighting)
            self._close_when_dropped()
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._close_when_dropped()
            self._tables = self._bulk = self._vocabulary = self._compiler = None
            self._codes = {}
        return self._searcher

    def _close_when_dropped(self) -> None:
        """Close the open segment files when this service is dropped without `close()`.

        Without memory maps a searcher holds open files; a service that is simply let go (a
        thread's, a test's) must not leave them to the garbage collector's warnings.
        """
        if self._finalizer is not None:
            self._finalizer.detach()
        self._finalizer = weakref.finalize(self, _close_quietly, self._searcher, self._index)

    def _facet_tables(self, searcher: Searcher) -> dict[str, FacetTable]:
        """Return the value tables of the facets and `AUX_FIELDS`, read once per reader."""
        if self._tables is None:
            reader = searcher.reader()
            fields = FACETS + AUX_FIELDS
            try:
                self._tables = self._shared(searcher).once(
                    "tables", lambda: {name: FacetTable.read(reader, name) for name in fields}
                )
            except Exception as exc:  # damaged postings
                raise self._unavailable(exc) from exc
            if self._weighting is not None:
                self._weighting.set_kinds(self._tables[KIND], searcher.doc_count_all())
        return self._tables

    def _suggestion(
        self, query: str, searcher: Searcher, tables: dict[str, FacetTable]
    ) -> str | None:
        names = [value for field in NAME_FIELDS for value in tables[field].values]
        if self._vocabulary is None:
            reader = searcher.reader()
            self._vocabulary = self._shared(searcher).once(
                "vocabulary", lambda: spelling_words(reader)
            )
        analyze = default_analyzer().terms
        return suggest(query, searcher.reader(), analyze, names, self._vocabulary)

    def _bulk_searcher(self, searcher: Searcher) -> BulkSearcher:
        """Return the bulk view of the current searcher, made once per reader."""
        if self._bulk is None or self._bulk.searcher is not searcher:
            self._bulk = BulkSearcher(searcher, self._shared(searcher), self.cache_postings)
        return self._bulk

    def _shared(self, searcher: Searcher) -> ReaderData:
        """Return what this reader's values are shared in with the other threads' services."""
        return reader_data(self._generation or self.location, searcher.reader(), CACHE_BYTES)

    def _query_compiler(self, searcher: Searcher) -> Compiler:
        """Return the compiler for the current reader: the fields a bare word searches."""
        if self._compiler is None:
            boosts = dict(self.ranking.field_boosts) or FIELD_BOOSTS
            self._compiler = Compiler(boosts, searcher.reader(), self.limits)
        return self._compiler

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
        targets: MatchTargets,
        request: SearchRequest,
        matching: Mask,
        scores: NDArray[np.float64] | None,
        deadline: float,
        guarded: bool = False,
    ) -> tuple[list[Hit], bool]:
        """Return the requested page of hits and whether the time budget cut the search short."""
        first = (request.page - 1) * request.page_size
        collapse = DOCUMENT_ID if request.collapse else FINGERPRINT if self.ranking.dedupe else None
        if scores is not None and request.sort in (SortOrder.RELEVANCE, SortOrder.CITED):
            cited = request.sort is SortOrder.CITED
            ranked = self._ranked_in_bulk(
                matching, scores, collapse, first + request.page_size, cited
            )
            timed_out = False
        else:
            ranked, timed_out = self._ranked_by_collector(
                searcher, parsed, request, matching, collapse, first, deadline, guarded
            )
        more = self._more_in_documents(matching) if request.collapse else {}
        hits = []
        for docnum, score in ranked[first : first + request.page_size]:
            record = record_at(searcher, docnum)
            extra = max(more.get(record[DOCUMENT_ID], 1) - 1, 0)
            copies: list[HitSource] = []
            if self.ranking.dedupe and not request.collapse:
                record, copies = self._original(searcher, docnum, record, matching)
            elif self.ranking.dedupe:
                copies = self._copies(searcher, docnum, record)
            hits.append(hit_of(record, score, targets, copies, extra))
        return hits, timed_out

    def _ranked_in_bulk(
        self,
        matching: Mask,
        scores: NDArray[np.float64],
        collapse: str | None,
        limit: int,
        cited: bool = False,
    ) -> list[tuple[int, float]]:
        """Return the top hits, best first, from the bulk scores (final weighting applied);
        `cited`: the texts held by the most elements first, by score among equals."""
        candidates = np.flatnonzero(matching)
        raw = final = scores[candidates]
        if self._weighting is not None and self._weighting.use_final:
            final = self._weighting.final_array(candidates, raw)
        if cited and len(candidates):
            prints = self._coded(FINGERPRINT)
            live = self._bulk_searcher(self._searcher).live if self._searcher else matching
            held = prints.counts(live)[prints.codes[candidates]]
            final = held * (float(final.max()) + 1.0) + final
        keys = self._coded(collapse).keys(candidates) if collapse else None
        docnums, best = top_of_arrays(candidates, final, limit, keys, raw)
        return list(zip(docnums.tolist(), best.tolist(), strict=True))

    def _ranked_by_collector(
        self,
        searcher: Searcher,
        parsed: wq.Query,
        request: SearchRequest,
        matching: Mask,
        collapse: str | None,
        first: int,
        deadline: float,
        guarded: bool = False,
    ) -> tuple[list[tuple[int, float]], bool]:
        """Return the top hits as Whoosh's collectors rank them (sorted orders, no bulk)."""
        dated = bool(request.date_from or request.date_to)
        restricted = guarded or any(request.filters.values()) or dated or bool(request.documents)
        allowed = set(np.flatnonzero(matching).tolist()) if restricted else None
        sortedby = _sort_facets(request.sort)
        results, timed_out = collect_page(
            searcher, parsed, first + request.page_size, deadline, sortedby, allowed, collapse
        )
        scored = request.sort is SortOrder.RELEVANCE  # sorted hits carry sort keys, not scores
        # len(results) estimates every match; only the top `scored_length` are collected.
        ranked = [
            (results.docnum(i), (results.score(i) or 0.0) if scored else 0.0)
            for i in range(results.scored_length())
        ]
        return ranked, timed_out

    def _original(
        self, searcher: Searcher, docnum: int, record: Record, matching: Mask
    ) -> tuple[Record, list[HitSource]]:
        """Return the hit to show for a text held by several elements, and its other sources:
        the original among the holders that match (a report's, else the earliest), so a
        reproduced finding is shown as first published, its copies listed after it. Only the
        holders that can come first are read (`indexer.whoosh.originals`)."""
        if record.get(FINGERPRINT) == record[ELEMENT_ID]:  # too short to fingerprint
            return record, []
        holders = self._live_holders(searcher, docnum)
        if len(holders) <= 1:
            return record, []
        read = _Records(searcher, {docnum: record})
        keys = self._origin_keys(searcher)
        candidates = keys.first_among(holders, matching).tolist() or [docnum]
        shown_at = min(candidates, key=lambda d: originality(read(d)))
        return read(shown_at), self._copies_outside(read, holders, shown_at)

    def _copies(self, searcher: Searcher, docnum: int, record: Record) -> list[HitSource]:
        """Return the hit's copies in other documents, found by fingerprint code."""
        if record.get(FINGERPRINT) == record[ELEMENT_ID]:
            return []
        holders = self._live_holders(searcher, docnum)
        if len(holders) <= 1:
            return []
        return self._copies_outside(_Records(searcher, {docnum: record}), holders, docnum)

    def _copies_outside(
        self, read: _Records, holders: NDArray[np.int64], shown_at: int
    ) -> list[HitSource]:
        """Return the first `MAX_ALSO_IN` holders outside the shown element's document."""
        documents = self._coded(DOCUMENT_ID).codes
        others = holders[documents[holders] != documents[shown_at]]
        likely = self._origin_keys(read.searcher).first_of(others, MAX_ALSO_IN)
        return copies_among(read(shown_at), [read(d) for d in likely.tolist()], MAX_ALSO_IN)

    def _live_holders(self, searcher: Searcher, docnum: int) -> NDArray[np.int64]:
        """Return the live elements whose text is the same as element `docnum`'s."""
        holders = self._coded(FINGERPRINT).holders(docnum)
        return holders[self._bulk_searcher(searcher).live[holders]]

    def _origin_keys(self, searcher: Searcher) -> OriginKeys:
        """Return the columns that narrow down a text's original, read once per reader."""
        reader, types = searcher.reader(), self._facet_tables(searcher)[SOURCE_TYPE]
        return self._shared(searcher).once(
            "origin-keys", lambda: OriginKeys.read(reader, types, ORIGINAL_SOURCES)
        )

    def _more_in_documents(self, matching: Mask) -> dict[str, int]:
        return self._coded(DOCUMENT_ID).count_of(matching)

    def _coded(self, field: str) -> ValueCodes:
        """Return the codes of a `CODED_FIELDS` field, read once per reader when first needed."""
        if field not in self._codes and self._searcher is not None:
            reader = self._searcher.reader()
            self._codes[field] = self._shared(self._searcher).once(
                f"codes:{field}", lambda: ValueCodes.read(reader, field)
            )
        return self._codes[field]


class _Records:
    """Stored records by document number, each read at most once."""

    def __init__(self, searcher: Searcher, known: dict[int, Record]) -> None:
        self.searcher, self.known = searcher, known

    def __call__(self, docnum: int) -> Record:
        record = self.known.get(docnum)
        if record is None:
            record = self.known[docnum] = record_at(self.searcher, docnum)
        return record


def _close_quietly(searcher: Searcher | None, index: FileIndex | None) -> None:
    for opened in (searcher, index):
        if opened is not None:
            with suppress(Exception):  # already closed, or its files are gone
                opened.close()


def _resolve_filters(request: SearchRequest, tables: dict[str, FacetTable]) -> dict[str, list[str]]:
    """Return the requested facet values spelled as indexed; refuse unknown kinds and types."""
    selected: dict[str, list[str]] = {}
    for name, values in request.filters.items():
        if name not in tables:
            raise QueryError(f"unknown facet {name!r}", f"Facets are: {', '.join(FACETS)}.")
        if values:
            known = tables[name].values
            selected[name] = [resolve_filter(name, v, known) for v in values]
    return selected


def _without_elements(document: Document) -> Document:
    document.elements = []
    return document


def _histogram(table: FacetTable, matching: Mask) -> dict[str, int]:
    """Return the matches per month (months with none left out)."""
    counts = table.count(matching)
    return {value: int(counts[i]) for i, value in enumerate(table.values) if counts[i]}


def _facets_only(tables: dict[str, FacetTable]) -> dict[str, FacetTable]:
    return {name: tables[name] for name in FACETS}


def _sort_facets(order: SortOrder) -> list[FieldFacet] | None:
    if order in (SortOrder.RELEVANCE, SortOrder.CITED):  # cited: bulk path only, else relevance
        return None
    newest = order is SortOrder.NEWEST
    return [FieldFacet(DATE_DAY, reverse=newest), FieldFacet(POSITION)]
