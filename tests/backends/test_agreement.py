"""The clustered engine agrees with the embedded one on the same corpus.

For every query of the README's syntax table, every judged query of the relevance set and
a set of filter, date and paging combinations: the same total, the same facet counts (all
seven, value by value), the same matches (texts, not ranks: ranking is each engine's own)
and the same errors. Where an engine cannot agree, `docs/typesense.md` says so and the
test for that difference is in `test_differences.py`.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.analysis import fingerprint
from indexer.backend import SearchBackend
from indexer.errors import QueryError
from indexer.results import SearchRequest, SearchResults, SortOrder
from tests.backends.conftest import Built

REPO = Path(__file__).resolve().parents[2]
SYNTAX_TABLE = [
    "caseloads", "behavior", "organization", "cafe", "NPS", "National Probation Service",
    '"standards have slipped"', "caseloads AND (CRC OR NPS) NOT kind:comment", "inspect*",
    "oversigt~1", "kind:finding", "type:press_release", "org:crc",
    'org:"National Probation Service"', "region:derbyshire", "site:webster", "speaker:stacey",
    "person:grayling", "author:brown", "year:2016", "year:2015..2017",
    "date:2016-09..2017-01", "date:2017-01-13", "date:2016..", "title:derbyshire",
    "heading:findings",
]  # fmt: skip
MORE_QUERIES = [
    "", "NOT caseloads", "NOT (CRC OR NPS)", "caseloads NOT CRC", "-", "ca?eload*",
    "post-release", "co-ordinator", "Ærø", "café", "Москва", "東京", "straße", "facade",
    '"probation officers were encumbered"', '"high caseloads"', "kind:quote OR kind:comment",
    "NOT year:2016..2017", "NOT date:2016-09..2016-12", "staffordshire derbyshire",
    "text:caseloads", "heading:crc", '"through the gate"', "unpaid work", "e-mail",
    "pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletterstomakeitverylongindeed",
    "Ὀδυσσεύς", "step-down", "redundancies NOT redundancy", "org:nps AND NOT org:crc",
]  # fmt: skip
FILTERED = [
    SearchRequest("caseloads", {"kind": ("finding",)}),
    SearchRequest("caseloads", {"kind": ("finding", "quote"), "organisation": ("CRC",)}),
    SearchRequest("", {"source_type": ("press_release",), "year": ("2016", "2017")}),
    SearchRequest("probation", {"region": ("Derbyshire",)}, date_from="2016-09", date_to="2016"),
    SearchRequest("", {"speaker": ("glenys stacey",)}),  # values match in any case
    SearchRequest("", {"site": ("No Such Site",)}),
    SearchRequest("inspectors", date_from="2017-01-12", date_to="2017-01-12"),
    SearchRequest("caseloads", collapse=True),
    SearchRequest("", collapse=True, sort=SortOrder.OLDEST),
]


def judged_queries() -> list[str]:
    """Return the queries of the relevance set."""
    data = tomllib.loads((REPO / "tests" / "relevance" / "judgements.toml").read_text())
    return [entry["q"] for entry in data["query"]]


ALL_QUERIES = list(dict.fromkeys([*SYNTAX_TABLE, *MORE_QUERIES, *judged_queries()]))


def run(service: SearchBackend, request: SearchRequest) -> SearchResults | str:
    """Return the results, or the message of the query error."""
    try:
        return service.search(request)
    except QueryError as error:
        return f"QueryError: {error.message}"


def matches(service: SearchBackend, request: SearchRequest) -> Counter[str]:
    """Return every hit of a search, page by page, as the text it shows (copies are one)."""
    found: Counter[str] = Counter()
    page = 1
    while True:
        results = service.search(
            SearchRequest(
                request.query,
                request.filters,
                request.date_from,
                request.date_to,
                SortOrder.NEWEST,
                page,
                100,
                False,
                request.collapse,
            )
        )
        for hit in results.hits:
            found[hit.document_id if request.collapse else fingerprint(hit.text) or hit.id] += 1
        if page >= results.page_count:
            return found
        page += 1


def facet_table(results: SearchResults) -> dict[str, list[tuple[str, int, bool]]]:
    """Return the facets as plain tuples."""
    return {
        name: [(v.value, v.count, v.selected) for v in values]
        for name, values in results.facets.items()
    }


@pytest.mark.parametrize("query", ALL_QUERIES)
def test_same_totals_facets_and_matches(
    query: str, reference_service: SearchBackend, clustered_service: SearchBackend
) -> None:
    request = SearchRequest(query)
    expected, got = run(reference_service, request), run(clustered_service, request)
    if isinstance(expected, str) or isinstance(got, str):
        assert got == expected
        return
    assert got.total == expected.total
    assert facet_table(got) == facet_table(expected)
    assert got.histogram == expected.histogram
    assert got.per_document == expected.per_document
    assert matches(clustered_service, request) == matches(reference_service, request)


@pytest.mark.parametrize("request_", FILTERED, ids=lambda r: f"{r.query!r}-{dict(r.filters)}")
def test_same_results_with_filters_dates_and_collapse(
    request_: SearchRequest, reference_service: SearchBackend, clustered_service: SearchBackend
) -> None:
    expected, got = reference_service.search(request_), clustered_service.search(request_)
    assert got.total == expected.total
    assert facet_table(got) == facet_table(expected)
    assert got.histogram == expected.histogram
    assert matches(clustered_service, request_) == matches(reference_service, request_)
    if request_.collapse:
        assert sorted(h.more_in_document for h in got.hits) == sorted(
            h.more_in_document for h in expected.hits
        )


def test_the_table_and_judged_queries_find_something(reference_service: SearchBackend) -> None:
    """The comparison is not of empty results: most queries find hits."""
    totals = [run(reference_service, SearchRequest(q)) for q in ALL_QUERIES]
    found = [r for r in totals if not isinstance(r, str) and r.total]
    assert len(found) >= 0.8 * len(ALL_QUERIES)


@pytest.mark.parametrize("sort", [SortOrder.NEWEST, SortOrder.OLDEST])
def test_sorted_orders_agree_on_dates(
    sort: SortOrder, reference_service: SearchBackend, clustered_service: SearchBackend
) -> None:
    request = SearchRequest("probation", sort=sort, page_size=100)
    expected = [hit.date for hit in reference_service.search(request).hits]
    got = [hit.date for hit in clustered_service.search(request).hits]
    assert got == expected
    assert len(set(got)) > 3


def test_copies_are_listed_alike(
    reference_service: SearchBackend, clustered_service: SearchBackend
) -> None:
    request = SearchRequest("caseloads unreasonable unmanageable", page_size=20)
    expected = {
        h.id: sorted(s.id for s in h.also_in) for h in reference_service.search(request).hits
    }
    got = {h.id: sorted(s.id for s in h.also_in) for h in clustered_service.search(request).hits}
    shared = expected.keys() & got.keys()
    assert any(expected[i] for i in shared), "the query should hit a reproduced finding"
    assert {i: got[i] for i in shared} == {i: expected[i] for i in shared}


def test_documents_read_back_alike(
    reference: Built, reference_service: SearchBackend, clustered_service: SearchBackend
) -> None:
    doc_ids = sorted(reference.report.manifest.files if reference.report.manifest else [])
    assert len(doc_ids) == 10
    for doc_id in doc_ids:
        got, expected = clustered_service.document(doc_id), reference_service.document(doc_id)
        assert got is not None and expected is not None
        # Each engine indexed its own copy of the corpus: only the folder differs.
        assert Path(got.source_path).name == Path(expected.source_path).name
        assert replace(got, source_path="") == replace(expected, source_path="")
    assert clustered_service.document("no-such-document.txt") is None


def test_highlights_mark_the_same_words(
    reference_service: SearchBackend, clustered_service: SearchBackend
) -> None:
    texts = [
        "Individual caseloads were high; inspectors found the caseload unmanageable.",
        "Standards have slipped, she said, and post-release supervision suffered.",
        "The café in Ærø; inspection and inspectors.",
    ]
    for query in ['caseloads "standards have slipped"', "inspect* café", "post-release Ærø"]:
        spans = clustered_service.match_spans(query, texts)
        assert spans == reference_service.match_spans(query, texts)
        assert any(spans)


def test_sources_of_every_document_agree(
    reference: Built, reference_service: SearchBackend, clustered_service: SearchBackend
) -> None:
    doc_ids = sorted(reference.report.manifest.files if reference.report.manifest else [])
    listed = 0
    for doc_id in doc_ids:
        expected = reference_service.sources(doc_id)
        assert clustered_service.sources(doc_id) == expected
        listed += len(expected)
    assert listed > 10


def test_catalogues_and_the_inspections_they_give_agree(
    reference_service: SearchBackend, clustered_service: SearchBackend
) -> None:
    from indexer.inspections import link_inspections

    expected, got = reference_service.catalogue(), clustered_service.catalogue()
    assert len(expected) == 10 and not any(d.elements for d in got)
    assert [replace(d, source_path="") for d in got] == [
        replace(d, source_path="") for d in expected
    ]
    inspections = link_inspections(expected)
    assert [i.to_dict() for i in link_inspections(got)] == [i.to_dict() for i in inspections]
    derbyshire = next(i for i in inspections if i.id == "derbyshire-2016-09")
    request = SearchRequest("probation", documents=tuple(derbyshire.document_ids))
    wanted, found = reference_service.search(request), clustered_service.search(request)
    assert found.total == wanted.total > 0
    assert facet_table(found) == facet_table(wanted)
    assert {h.document_id for h in found.hits} <= set(derbyshire.document_ids)
