"""A word of a document's title ranks and satisfies a query, but never alone makes a hit of
every element of the document (issue 16, point 7)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from indexer.analysis import default_analyzer
from indexer.pipeline import index_corpus
from indexer.results import SearchRequest
from indexer.whoosh.search import WhooshSearch
from tests.conftest import SEED_DOCUMENTS

ANALYZER = default_analyzer()


@pytest.fixture(scope="module", params=[True, False], ids=["bulk", "whoosh"])
def service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WhooshSearch]:
    location = tmp_path_factory.mktemp("titles") / "index"
    index_corpus(SEED_DOCUMENTS, location)
    search = WhooshSearch(location, bulk=request.param)
    yield search
    search.close()


def everything(service: WhooshSearch, query: str) -> list:  # type: ignore[type-arg]
    first = service.search(SearchRequest(query=query, page_size=100))
    return first.hits


def own_words(hit) -> set[str]:  # type: ignore[no-untyped-def]
    own = " ".join(part or "" for part in (hit.text, hit.heading, hit.speaker, hit.author))
    return set(ANALYZER.terms(own))


def test_a_title_word_alone_does_not_make_every_element_a_hit(service: WhooshSearch) -> None:
    # "RRP" is in the title of 000 ("Inspector Finds Problems with RRP"): 30 elements.
    hits = everything(service, "RRP")
    long_name = set(ANALYZER.terms("Reducing Reoffending Partnership"))  # a synonym of RRP
    saying = [h for h in hits if "rrp" in own_words(h) or long_name <= own_words(h)]
    # Besides the elements saying it, only the document it titles, once, by its first element.
    assert [(h.document_id, h.position) for h in hits if h not in saying] == [
        ("000_3317e4b1ec0bb89e.txt", 0)
    ]
    from_000 = [hit for hit in hits if hit.document_id.startswith("000_")]
    assert 0 < len(from_000) < 30


def test_a_title_word_still_satisfies_a_query_with_the_elements_own_words(
    service: WhooshSearch,
) -> None:
    # 004 is "Probation services in Derbyshire - A mixed picture"; its caseload finding does
    # not say Derbyshire, but it is the caseload finding of the Derbyshire report.
    hits = everything(service, "caseloads Derbyshire")
    ids = [hit.id for hit in hits]
    assert "004_e5c2bc1fff8f5255.txt:4" in ids
    assert "derbyshir" not in own_words(
        next(h for h in hits if h.id.endswith("004_e5c2bc1fff8f5255.txt:4"))
    )


def test_a_query_only_the_title_answers_finds_the_document_once(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query='"mixed picture"'))
    assert [(h.document_id, h.position) for h in results.hits] == [("004_e5c2bc1fff8f5255.txt", 0)]


def test_an_explicit_title_search_finds_every_element_of_the_document(
    service: WhooshSearch,
) -> None:
    hits = service.search(SearchRequest(query="title:RRP", page_size=100))
    assert hits.total >= 29  # every element of 000, its copies in other documents shown once


def test_the_title_still_ranks(service: WhooshSearch) -> None:
    # Of the elements saying "Londoners", the one in the post titled so comes first.
    hits = everything(service, "Londoners")
    assert hits[0].title == "Poor private probation performance leaves Londoners at risk"
