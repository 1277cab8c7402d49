"""The search service on a real on-disk index: ranking, filters, facets, paging, snippets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.errors import IndexUnavailableError, QueryError
from indexer.model import Document
from indexer.results import SearchRequest, SortOrder
from indexer.whoosh.search import WhooshSearch
from tests.marks import html, marked_words


@pytest.fixture
def service(small_index: Path) -> Iterator[WhooshSearch]:
    search = WhooshSearch(small_index)
    yield search
    search.close()


def facet(results, name):  # type: ignore[no-untyped-def]
    return {v.value: v.count for v in results.facets[name]}


def test_stemmed_term_matches_across_documents(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="caseload"))
    assert results.total == 3
    assert {hit.document_id for hit in results.hits} == {"analysis.txt", "blog.txt"}
    assert all("caseloads" in marked_words(hit.snippet) for hit in results.hits)


def test_phrase_query_finds_the_quote(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query='"standards have slipped"'))
    assert [(h.kind, h.speaker) for h in results.hits] == [("quote", "Glenys Stacey")]
    # A phrase is marked as one run of words, not word by word.
    assert "standards have slipped" in marked_words(results.hits[0].snippet)


def test_facets_count_every_match_not_just_the_page(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="caseloads", page_size=1))
    assert len(results.hits) == 1
    assert facet(results, "kind") == {"finding": 1, "quote": 1, "comment": 1}
    assert facet(results, "site") == {"Russell Webster": 2, "On Probation": 1}
    assert facet(results, "year") == {"2017": 3}


def test_finding_organisation_is_its_group_not_every_organisation_of_the_post(
    service: WhooshSearch,
) -> None:
    results = service.search(
        SearchRequest(filters={"kind": ("finding",), "organisation": ("NPS",)})
    )
    assert [hit.text for hit in results.hits] == [
        "Enforcement action was appropriate in most NPS cases."
    ]


def test_or_within_a_facet_and_across_facets(service: WhooshSearch) -> None:
    both_kinds = service.search(SearchRequest(filters={"kind": ("quote", "comment")}))
    assert both_kinds.total == 2 + 4
    narrowed = service.search(
        SearchRequest(filters={"kind": ("quote", "comment"), "site": ("On Probation",)})
    )
    assert narrowed.total == 4
    # The kind facet keeps counting values outside the selection (disjunctive facets) ...
    # A selected value stays listed even when nothing matches it, so it can be unselected.
    assert facet(narrowed, "kind") == {"section": 1, "comment": 4, "quote": 0}
    # ... while other facets count only what the selection matches.
    assert facet(narrowed, "site") == {
        "On Probation": 4,
        "Russell Webster": 1,
        "HM Inspectorate of Probation": 1,
    }
    assert {v.value for v in narrowed.facets["kind"] if v.selected} == {"comment", "quote"}


def test_filter_values_match_regardless_of_case(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(filters={"organisation": ("crc",)}))
    assert results.total > 0
    assert all(hit.group in (None, "CRC") for hit in results.hits)


def test_date_range_and_sorting(service: WhooshSearch) -> None:
    in_2016 = service.search(SearchRequest(date_from="2016", date_to="2016-12"))
    assert {hit.document_id for hit in in_2016.hits} == {"release.txt"}
    newest = service.search(SearchRequest(sort=SortOrder.NEWEST, page_size=100))
    dates = [hit.date for hit in newest.hits]
    assert dates == sorted(dates, reverse=True)
    oldest = service.search(SearchRequest(sort=SortOrder.OLDEST, page_size=1))
    assert oldest.hits[0].date == "2016-09-21"


def test_paging_returns_disjoint_pages(service: WhooshSearch) -> None:
    pages = [service.search(SearchRequest(page=p, page_size=5)) for p in (1, 2, 3)]
    ids = [hit.id for page in pages for hit in page.hits]
    assert len(ids) == len(set(ids)) == pages[0].total == 13
    assert pages[0].page_count == 3


def test_snippet_escapes_document_text(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="middle management"))
    snippet = html(results.hits[0].snippet)
    assert "<script>" not in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<mark>management</mark>" in snippet


def test_misspelt_query_gets_a_suggestion(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="oversigth"))
    assert results.total == 0
    assert results.suggestion == "oversight"


def test_each_misspelt_word_of_a_short_query_is_corrected(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="managment oversigth enforcment"))
    assert results.suggestion == "management oversight enforcement"


def test_suggestions_keep_the_first_letter_typed(service: WhooshSearch) -> None:
    # One edit from "caseloads" either way; only the one that keeps the first letter is offered.
    assert service.search(SearchRequest(query="casloads")).suggestion == "caseloads"
    assert service.search(SearchRequest(query="kaseloads")).suggestion is None


def test_a_query_of_many_unknown_words_is_not_taken_for_typos(service: WhooshSearch) -> None:
    # Each of these is one edit from a word of the corpus, but four unknown words in one query
    # read as another language or gibberish, not as a typo: no "did you mean".
    results = service.search(SearchRequest(query="managment oversigth enforcment casloads"))
    assert results.total == 0
    assert results.suggestion is None


def test_document_comes_back_whole_in_reading_order(
    service: WhooshSearch, small_corpus: list[Document]
) -> None:
    original = small_corpus[2]
    document = service.document("blog.txt")
    assert document is not None
    assert document.to_dict() == original.to_dict()
    assert service.document("nope.txt") is None


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(page=0),
        SearchRequest(page=101),
        SearchRequest(page_size=1000),
        SearchRequest(filters={"colour": ("red",)}),
        SearchRequest(date_from="2017-13"),
        SearchRequest(date_from="last week"),
        SearchRequest(date_from="2017", date_to="2016"),
        SearchRequest(query="x" * 501),
    ],
)
def test_bad_requests_raise_query_error_with_a_hint(
    service: WhooshSearch, request_: SearchRequest
) -> None:
    with pytest.raises(QueryError) as caught:
        service.search(request_)
    assert caught.value.hint


def test_missing_index_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError, match="no index has been built"):
        WhooshSearch(tmp_path).search(SearchRequest(query="x"))
