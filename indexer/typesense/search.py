"""The search service on a Typesense cluster: a SearchRequest in, typed SearchResults out.

Each search is one `multi_search` request: the page of hits (grouped by fingerprint, so a
text reproduced by several documents is one hit, or by document when collapsed), the facet
counts without grouping (so they count every element, as on every engine), and one count
per selected facet without that facet's own filter (disjunctive counts). A second request
fetches the page's copies (`also_in`) and, when collapsed, each document's further hits.
The query is parsed by the shared parser and compiled into an exact filter
(`filters.py`); Typesense ranks the matches by the words every match holds, then by kind
and date.

The service follows the alias: it re-reads which collection is served, and its version, at
most once a second, and reloads the vocabulary and facet values when either changed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from typesense import exceptions as ts_errors

from indexer import inspections
from indexer.analysis import default_analyzer
from indexer.backend import BackendSettings
from indexer.errors import IndexUnavailableError, QueryError
from indexer.fields import (
    DATE_DAY,
    DOCUMENT_ID,
    ELEMENT_ID,
    FACETS,
    FINGERPRINT,
    MONTH,
    ORGANISATION,
    PEOPLE,
    POSITION,
    REGION,
    SPEAKER,
    TEXT,
    VALUE_FIELDS,
)
from indexer.highlight import hit_of
from indexer.keyterms import content_terms
from indexer.marking import MatchTargets, match_spans, targets_of
from indexer.model import Document
from indexer.query import tree as qt
from indexer.query.dates import date_range
from indexer.query.parser import QueryParser
from indexer.query.values import resolve_filter
from indexer.records import Record, copies_among, document_from_records, original_of
from indexer.results import (
    MAX_PAGE_SIZE,
    DocumentCounts,
    FacetValue,
    Hit,
    HitSource,
    SearchRequest,
    SearchResults,
    SortOrder,
    Span,
    check_paging,
)
from indexer.spelling import suggest
from indexer.typesense import meta
from indexer.typesense.client import Cluster
from indexer.typesense.filters import (
    Expr,
    FilterCompiler,
    Has,
    all_of,
    expansion_error,
    own_text_guard,
    ranking_tokens,
    render,
)
from indexer.typesense.schema import (
    ANY,
    DOC_KEY,
    PRINT_KEY,
    PRIOR,
    RANKED,
    SEARCH_ONLY_FIELDS,
    record_of,
    terms_field,
    values_field,
)
from indexer.typesense.tokens import token
from indexer.typesense.vocabulary import Vocabulary

FACET_VALUE_LIMIT = 30
FACET_VALUES_ASKED = 250
"""Values asked of Typesense per facet: it returns the most frequent, ties in no set order,
so more than are shown are asked and the order is settled here."""
MAX_ALSO_IN = 20
GROUP_MEMBERS = 10
"""Matching holders of one text fetched per hit, to find its original."""
FOLLOW_S = 1.0
"""How often the service asks which collection the alias serves, and its version."""
NAME_FIELDS = (PEOPLE, SPEAKER, ORGANISATION, REGION)
PAGE_OF_RECORDS = 250
"""Typesense's largest page: a document's elements are read this many at a time."""


@dataclass
class Served:
    """The collection behind the alias and what searching it needs."""

    name: str
    version: int
    vocabulary: Vocabulary
    values: dict[str, list[str]]
    checked: float
    inspections: dict[str, tuple[str, ...]] | None = None


class TypesenseSearch:
    """Search the collection an alias serves on a Typesense cluster."""

    def __init__(self, settings: BackendSettings) -> None:
        self.settings = settings
        self.limits = settings.limits
        self.cluster = Cluster(settings)
        self.parser = QueryParser(self.limits)
        self._served: Served | None = None

    # --- the protocol -------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        """Run one search with facets, paging and highlighted snippets."""
        started = time.perf_counter()
        check_paging(request)
        if request.sort is SortOrder.CITED:
            raise QueryError(
                "the most cited order is not available on the Typesense backend",
                "Sort by relevance, newest or oldest (docs/typesense.md).",
            )
        served = self._current()
        tree = self.parser.parse(
            request.query, lambda f: served.values.get(f, []), self._inspections(request.query)
        )
        compiler = self._compiler(served)
        days = date_range(request.date_from, request.date_to)
        guard = own_text_guard(compiler, tree)
        chosen = frozenset(token(doc_id) for doc_id in request.documents)
        matched = all_of(
            [
                compiler.compile(tree),
                compiler.compile(days or qt.Everything()),
                guard or True,
                Has(DOC_KEY, chosen) if chosen else True,
            ]
        )
        selected = self._resolve_filters(request, served)
        facet_filters = {
            name: Has(values_field(name), frozenset(token(v) for v in values))
            for name, values in selected.items()
        }
        everything = all_of([matched, *facet_filters.values()])
        group = DOCUMENT_ID if request.collapse else FINGERPRINT
        ranked = ranking_tokens(tree)
        hits_search: dict[str, Any] = {
            **self._query(ranked, request.sort),
            "filter_by": render(everything),
            "group_by": group,
            # Several members of a text's group, to show its original (`original_of`).
            "group_limit": 1 if request.collapse else GROUP_MEMBERS,
            "page": request.page,
            "per_page": request.page_size,
            "exclude_fields": SEARCH_ONLY_FIELDS,
            "search_cutoff_ms": self.limits.time_budget_ms,
        }
        searches = [hits_search]
        if request.with_facets:
            unselected = [name for name in FACETS if name not in facet_filters]
            searches.append(self._facet_search(everything, [*unselected, MONTH]))
            per_document = self._facet_search(everything, [DOCUMENT_ID])
            searches.append({**per_document, "max_facet_values": 1_000_000})
            for name in facet_filters:
                others = [f for other, f in facet_filters.items() if other != name]
                searches.append(self._facet_search(all_of([matched, *others]), [name]))
        results = self.cluster.multi_search([self._in(served, s) for s in searches])
        page, facet_results = results[0], results[1:]
        records = [
            (_shown(group["hits"], request.collapse), float(group["hits"][0].get("text_match", 0)))
            for group in page.get("grouped_hits", [])
            if group.get("hits")
        ]
        copies, more = self._page_extras(served, records, everything, request.collapse)
        targets = self._targets(tree, served)
        hits = [
            hit_of(
                record,
                score,
                targets,
                copies.get(record[ELEMENT_ID], []),
                max(more.get(record[DOCUMENT_ID], 1) - 1, 0),
            )
            for record, score in records
        ]
        documents = DocumentCounts((), ())
        if request.with_facets:
            documents = DocumentCounts.of(_counts(facet_results[1], DOCUMENT_ID))
            facet_results = facet_results[:1] + facet_results[2:]
        facets = _facets(facet_results, selected) if request.with_facets else {}
        months = _counts(facet_results[0], MONTH) if request.with_facets else {}
        names = [value for field in NAME_FIELDS for value in served.values.get(field, [])]
        suggestion = suggest(request.query, served.vocabulary, default_analyzer().terms, names)
        elapsed = (time.perf_counter() - started) * 1000
        partial = bool(page.get("search_cutoff"))
        found = int(page.get("found", 0))
        return SearchResults(
            request, found, hits, facets, elapsed, suggestion, partial, months, documents
        )

    def document(self, doc_id: str) -> Document | None:
        """Return the document `doc_id` with all its elements in reading order."""
        served = self._current()
        records = self._records(served, f"{DOC_KEY}:=[{token(doc_id)}]")
        return document_from_records(doc_id, records) if records else None

    def similar(self, element_id: str, limit: int = 10) -> list[Hit] | None:
        """Return up to `limit` elements most like `element_id`, or None if it is not indexed."""
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise QueryError(f"limit {limit} is out of range", f"Use 1 to {MAX_PAGE_SIZE}.")
        served = self._current()
        found = self._records(served, f"id:=[{token(element_id)}]")
        if not found:
            return None
        record = found[0]
        copies = self.cluster.multi_search(
            [self._in(served, {"q": "*", "per_page": 0,
                               "filter_by": f"{PRINT_KEY}:=[{token(record[FINGERPRINT])}]"})]
        )[0].get("found", 1)  # fmt: skip
        vocabulary = served.vocabulary
        weighted = content_terms(
            record.get(TEXT, ""),
            lambda term: vocabulary.terms[TEXT].get(term, 0),
            vocabulary.elements,
            int(copies),
        )
        key_terms = [term for term, _weight in weighted]
        if not key_terms:
            return []
        own = f"{PRINT_KEY}:!=[{token(record[FINGERPRINT])}]"
        keys = ",".join(token(term) for term in key_terms)
        search = {
            "q": " ".join(token(term) for term in key_terms),
            "query_by": RANKED,
            "num_typos": 0,
            "prefix": "false",
            "drop_tokens_threshold": limit + 1,
            "typo_tokens_threshold": 0,
            "filter_by": f"{terms_field(TEXT)}:=[{keys}] && {own}",
            "sort_by": f"_text_match:desc,{PRIOR}:desc,{DATE_DAY}:desc",
            "group_by": FINGERPRINT,
            "group_limit": 1,
            "per_page": limit,
            "exclude_fields": SEARCH_ONLY_FIELDS,
        }
        page = self.cluster.multi_search([self._in(served, search)])[0]
        records = [
            (record_of(group["hits"][0]["document"]), float(group["hits"][0].get("text_match", 0)))
            for group in page.get("grouped_hits", [])
            if group.get("hits")
        ]
        copies, _more = self._page_extras(served, records, True, False)
        targets = MatchTargets(terms=set(key_terms))
        return [
            hit_of(rec, score, targets, copies.get(rec[ELEMENT_ID], [])) for rec, score in records
        ]

    def version(self) -> str:
        """Return the served collection and its version (bumped at every publish)."""
        served = self._current()
        return f"{served.name}:{served.version}"

    def _inspections(self, query: str) -> dict[str, tuple[str, ...]] | None:
        """Return the inspections' documents when `query` names one (linked once per version)."""
        if not inspections.wanted(query):
            return None
        served = self._current()
        if served.inspections is None:
            served.inspections = inspections.documents_by_inspection(self.catalogue())
        return served.inspections

    def catalogue(self) -> list[Document]:
        """Return every document's metadata, from its first element's record."""
        served = self._current()
        firsts = sorted(self._records(served, f"{POSITION}:=0"), key=lambda r: r[DOCUMENT_ID])
        documents = [document_from_records(r[DOCUMENT_ID], [r]) for r in firsts]
        for document in documents:
            document.elements = []
        return documents

    def sources(self, doc_id: str) -> dict[str, list[HitSource]]:
        """Return, per element of `doc_id`, the other documents that hold its text."""
        served = self._current()
        records = self._records(served, f"{DOC_KEY}:=[{token(doc_id)}]")
        shared = [r for r in records if r[FINGERPRINT] != r[ELEMENT_ID]]
        if not shared:
            return {}
        prints = ",".join(sorted({token(r[FINGERPRINT]) for r in shared}))
        holders: dict[str, list[Record]] = {}
        for holder in self._records(served, f"{PRINT_KEY}:=[{prints}]"):
            holders.setdefault(holder[FINGERPRINT], []).append(holder)
        found = {r[ELEMENT_ID]: copies_among(r, holders.get(r[FINGERPRINT], []), MAX_ALSO_IN)
                 for r in shared}  # fmt: skip
        return {element: copies for element, copies in found.items() if copies}

    def match_spans(self, query: str, texts: Sequence[str]) -> list[list[Span]]:
        """Return, for each of `texts`, the character spans of the words `query` matches."""
        served = self._current()
        tree = self.parser.parse(
            query, lambda f: served.values.get(f, []), self._inspections(query)
        )
        targets = self._targets(tree, served)
        return [match_spans(text, targets) for text in texts]

    def close(self) -> None:
        """Close the connections to the cluster."""
        self.cluster.close()
        self._served = None

    # --- following the alias ------------------------------------------------------------

    def _current(self) -> Served:
        """Return the served collection, re-checked at most once every FOLLOW_S seconds."""
        now = time.monotonic()
        served = self._served
        if served is not None and now - served.checked < FOLLOW_S:
            return served
        name = self.cluster.alias_target(self.settings.collection)
        state = None
        if name is not None:
            try:
                state = meta.read_state(self.cluster, name)
            except ts_errors.ObjectNotFound:
                state = None
        if name is None or state is None or not state.published:
            self._served = None
            raise IndexUnavailableError(
                self.cluster.location,
                f"no published collection behind {self.settings.collection!r}: "
                "build it with `reportsearch index --backend typesense`",
            )
        if served is not None and served.name == name and served.version == state.version:
            served.checked = now
            return served
        vocabulary = meta.read_vocabulary(self.cluster, name, state)
        self._served = Served(name, state.version, vocabulary, self._values(name), now)
        return self._served

    def _values(self, name: str) -> dict[str, list[str]]:
        """Return every value of every value field (for `org:crc` and filters), sorted."""
        search = {"collection": name, "q": "*", "per_page": 0,
                  "facet_by": ",".join(VALUE_FIELDS), "max_facet_values": 100_000}  # fmt: skip
        result = self.cluster.multi_search([search])[0]
        values = {
            facet["field_name"]: sorted(entry["value"] for entry in facet["counts"])
            for facet in result.get("facet_counts", [])
        }
        return {name: values.get(name, []) for name in VALUE_FIELDS}

    # --- pieces of a search -------------------------------------------------------------

    def _compiler(self, served: Served) -> FilterCompiler:
        return FilterCompiler(lambda node: self._expand(node, served.vocabulary), self.limits)

    def _expand(
        self, node: qt.Prefix | qt.Wildcard | qt.Fuzzy, vocabulary: Vocabulary
    ) -> list[str]:
        """Return the index terms a wildcard, prefix or fuzzy word stands for (within limits)."""
        field = node.field or ANY
        if isinstance(node, qt.Prefix):
            found = vocabulary.prefixed(field, node.prefix)
        elif isinstance(node, qt.Wildcard):
            found = vocabulary.matching(field, node.pattern)
        else:
            found = vocabulary.within(field, node.term, node.distance)
        limit = self.limits.max_expansions
        terms: list[str] = []
        for term in found:
            if len(terms) == limit:
                raise expansion_error(node, limit)
            terms.append(term)
        return terms

    def _targets(self, tree: qt.Node, served: Served) -> MatchTargets:
        return targets_of(tree, lambda node: self._expand(node, served.vocabulary))

    @staticmethod
    def _query(ranked: list[str], sort: SortOrder) -> dict[str, Any]:
        """Return the q and sort parameters: the ranking words, exactly, all required."""
        query: dict[str, Any] = {
            "q": " ".join(ranked) if ranked else "*",
            "query_by": RANKED,
            "num_typos": 0,
            "prefix": "false",
            "drop_tokens_threshold": 0,
            "typo_tokens_threshold": 0,
        }
        if sort is SortOrder.RELEVANCE:
            query["sort_by"] = f"_text_match:desc,{PRIOR}:desc,{DATE_DAY}:desc"
        else:
            direction = "desc" if sort is SortOrder.NEWEST else "asc"
            query["sort_by"] = f"{DATE_DAY}:{direction},{POSITION}:asc"
        return query

    @staticmethod
    def _facet_search(where: Expr, names: list[str]) -> dict[str, Any]:
        return {
            "q": "*",
            "filter_by": render(where),
            "facet_by": ",".join(names),
            "max_facet_values": FACET_VALUES_ASKED,
            "per_page": 0,
        }

    @staticmethod
    def _in(served: Served, search: dict[str, Any]) -> dict[str, Any]:
        search = {key: value for key, value in search.items() if value != ""}
        return {"collection": served.name, **search}

    def _resolve_filters(self, request: SearchRequest, served: Served) -> dict[str, list[str]]:
        """Return the requested facet values spelled as indexed; refuse unknown kinds and types."""
        selected: dict[str, list[str]] = {}
        for name, values in request.filters.items():
            if name not in FACETS:
                raise QueryError(f"unknown facet {name!r}", f"Facets are: {', '.join(FACETS)}.")
            if values:
                known = served.values.get(name, [])
                selected[name] = [resolve_filter(name, v, known) for v in values]
        return selected

    def _page_extras(
        self, served: Served, records: list[tuple[Record, float]], where: Expr, collapse: bool
    ) -> tuple[dict[str, list[HitSource]], dict[str, int]]:
        """Return the copies of the page's hits in other documents, and (collapsed) how many
        hits each hit's document holds."""
        if not records:
            return {}, {}
        prints = sorted(
            {token(r[FINGERPRINT]) for r, _ in records if r[FINGERPRINT] != r[ELEMENT_ID]}
        )
        searches = []
        if prints:
            searches.append({
                "q": "*",
                "filter_by": f"{PRINT_KEY}:=[{','.join(prints)}]",
                "per_page": PAGE_OF_RECORDS,
                "exclude_fields": SEARCH_ONLY_FIELDS + f",{TEXT}",
            })  # fmt: skip
        if collapse:
            docs = sorted({token(r[DOCUMENT_ID]) for r, _ in records})
            searches.append({
                "q": "*",
                "filter_by": render(all_of([where, Has(DOC_KEY, frozenset(docs))])),
                "facet_by": DOCUMENT_ID,
                "max_facet_values": len(docs),
                "per_page": 0,
            })  # fmt: skip
        results = self.cluster.multi_search([self._in(served, s) for s in searches])
        copies: dict[str, list[HitSource]] = {}
        if prints:
            holders: dict[str, list[Record]] = {}
            for hit in results[0].get("hits", []):
                holder = record_of(hit["document"])
                holders.setdefault(holder[FINGERPRINT], []).append(holder)
            for record, _score in records:
                same = holders.get(record[FINGERPRINT], [])
                copies[record[ELEMENT_ID]] = copies_among(record, same, MAX_ALSO_IN)
        more: dict[str, int] = {}
        if collapse:
            for facet in results[-1].get("facet_counts", []):
                more.update({entry["value"]: int(entry["count"]) for entry in facet["counts"]})
        return copies, more

    def _records(self, served: Served, where: str) -> list[Record]:
        """Return every record matching a filter, in reading order."""
        records: list[Record] = []
        page = 1
        while True:
            search = {"q": "*", "filter_by": where, "sort_by": f"{POSITION}:asc",
                      "per_page": PAGE_OF_RECORDS, "page": page,
                      "exclude_fields": SEARCH_ONLY_FIELDS}  # fmt: skip
            result = self.cluster.multi_search([self._in(served, search)])[0]
            found = [record_of(hit["document"]) for hit in result.get("hits", [])]
            records += found
            if len(found) < PAGE_OF_RECORDS or len(records) >= int(result.get("found", 0)):
                return records
            page += 1


def _shown(members: list[dict[str, Any]], collapse: bool) -> Record:
    """Return the record a group's hit shows: its best match when collapsed by document,
    else the original among the matching holders of its text."""
    if collapse:
        return record_of(members[0]["document"])
    return original_of([record_of(member["document"]) for member in members])


def _counts(result: dict[str, Any], name: str) -> dict[str, int]:
    """Return the counts of one facet of a search result, by value."""
    return {
        entry["value"]: int(entry["count"])
        for facet in result.get("facet_counts", [])
        if facet["field_name"] == name
        for entry in facet["counts"]
    }


def _facets(
    results: list[dict[str, Any]], selected: dict[str, list[str]]
) -> dict[str, list[FacetValue]]:
    """Return the facet counts in the shared order: selected first, then by count and name."""
    counted: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    for result in results:
        for facet in result.get("facet_counts", []):
            counted[facet["field_name"]] = {
                entry["value"]: int(entry["count"]) for entry in facet["counts"]
            }
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        counts = counted[name]
        chosen = set(selected.get(name, ()))
        entries = [FacetValue(value, count, value in chosen) for value, count in counts.items()]
        # A chosen value keeps its place with 0, indexed or not, so it can be unselected.
        entries += [FacetValue(value, 0, True) for value in chosen if value not in counts]
        entries.sort(key=lambda v: (not v.selected, -v.count, v.value.casefold()))
        facets[name] = entries[:FACET_VALUE_LIMIT]
    return facets
