"""The query language and its armour, through the search service on real indexes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.errors import QueryError
from indexer.limits import QueryLimits
from indexer.results import SearchRequest
from indexer.whoosh.search import WhooshSearch
from tests.marks import marked_words


@pytest.fixture(scope="module")
def service(small_index: Path) -> Iterator[WhooshSearch]:
    search = WhooshSearch(small_index)
    yield search
    search.close()


def ids(service: WhooshSearch, query: str) -> set[str]:
    return {hit.id for hit in service.search(SearchRequest(query=query, page_size=100)).hits}


def error_of(service: WhooshSearch, query: str) -> QueryError:
    with pytest.raises(QueryError) as caught:
        service.search(SearchRequest(query=query))
    assert caught.value.hint
    return caught.value


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind:quote", {"analysis.txt:4", "release.txt:1"}),
        ("kind:quotes", {"analysis.txt:4", "release.txt:1"}),
        ("org:nps kind:finding", {"analysis.txt:3"}),
        ('org:"National Probation Service" kind:finding', {"analysis.txt:3"}),
        ("speaker:stacey slipped", {"release.txt:1"}),
        ("speaker:STACEY caseloads", {"analysis.txt:4"}),
        ("type:press_release kind:quote", {"release.txt:1"}),
        ("region:derbyshire kind:quote", {"release.txt:1"}),
        ("site:webster kind:quote", {"analysis.txt:4"}),
        ("author:brown", {"blog.txt:3"}),
        ("year:2016 kind:quote", {"release.txt:1"}),
        ("date:2016-09..2016-12 kind:quote", {"release.txt:1"}),
        ("date:2017-01-13 redundant", {"blog.txt:1"}),
        ("date:..2016 kind:quote", {"release.txt:1"}),
        ("caseloads NOT kind:comment", {"analysis.txt:1", "analysis.txt:4"}),
        ("(caseloads OR oversight) AND kind:finding", {"analysis.txt:1", "analysis.txt:2"}),
        ("overs*", {"analysis.txt:2"}),
        ("oversigt~1", {"analysis.txt:2"}),
        ('"high caseloads"', {"analysis.txt:4"}),
        ("speaker:nobody", set()),
    ],
)
def test_query_language(service: WhooshSearch, query: str, expected: set[str]) -> None:
    assert ids(service, query) == expected


def test_acronyms_and_expansions_find_each_other(service: WhooshSearch) -> None:
    # The text says "POs"; "probation officers" finds it as well as the words themselves.
    assert "blog.txt:1" in ids(service, "probation officers redundant")
    assert ids(service, "PO redundant") == {"blog.txt:1"}
    results = service.search(SearchRequest(query="National Probation Service enforcement"))
    assert [hit.id for hit in results.hits] == ["analysis.txt:3"]
    assert "NPS" in marked_words(results.hits[0].snippet)


def test_a_phrase_is_marked_whole_and_not_word_by_word(service: WhooshSearch) -> None:
    results = service.search(SearchRequest(query="NPS Derbyshire"))
    snippet = results.hits[0].snippet
    assert marked_words(snippet) == ["NPS", "Derbyshire"]
    # The expansion "national probation service" did not mark a lone "public" or "service".


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("colour:red", "colour"),
        ("kind:memo", "kind:memo"),
        ("type:tweet", "type:tweet"),
        ("caseloads text:[a TO z]", "Ranges"),
        ("date:2016-13", "not a real date"),
        ("date:yesterday", "date"),
        ("date:2017..2016", "after it ends"),
        ("date:1900..2016", "wider than 50 years"),
        ("year:2015..16", "year"),
        ("*ation", "letters before its wildcard"),
        ("c*", "has 1 letter before its wildcard"),
        ("year:20x6", "year:20x6 is not a year"),
        ("*", "every word"),
        ("ab* cd* ef* gh* ij*", "wildcards"),
        ("oversight~5", "edit distance"),
        ("x" * 501, "characters long"),
        ("x" * 100, "characters long"),
        ("(" * 20 + "water" + ")" * 20, "brackets"),
        (" ".join(["water"] * 40), "terms"),
        ("water AND AND safety", "AND has nothing to its right"),
        ("water OR", "OR has nothing to its right"),
        ("OR water", "OR has nothing to its left"),
        ("AND", "AND has nothing to its left"),
        ("NOT", "NOT has nothing after it"),
        ("water NOT", "NOT has nothing after it"),
        ("((((", "bracket ( is not closed"),
        ("(caseloads", "bracket ( is not closed"),
        (")", "closing bracket ) has no opening"),
        ("caseloads)", "closing bracket ) has no opening"),
        ("org:", "org: needs a value"),
        ("org: crc", "org: needs a value"),
        ("year:1900..2016", "wider than 50 years"),
        ("org:crc~1", "fuzzy matching"),
    ],
)
def test_bad_queries_say_what_was_wrong(service: WhooshSearch, query: str, names: str) -> None:
    assert names in error_of(service, query).message


def test_huge_queries_are_refused_before_parsing(service: WhooshSearch) -> None:
    limits = QueryLimits(max_chars=200_000)
    search = WhooshSearch(service.location, limits)
    try:
        assert "characters long" in error_of(search, "w" * 100_000).message
        nested = "(" * 1000 + "water" + ")" * 1000
        assert "brackets" in error_of(search, nested).message
    finally:
        search.close()


def test_odd_but_harmless_syntax_is_not_an_error(service: WhooshSearch) -> None:
    assert ids(service, "NOT NOT oversight") == ids(service, "oversight") != set()
    # A quote left open runs to the end of the query.
    assert ids(service, '"high caseloads') == ids(service, '"high caseloads"') != set()


def test_wildcard_expansion_is_capped(small_index: Path) -> None:
    search = WhooshSearch(small_index, QueryLimits(max_expansions=1))
    try:
        # "ca*" expands to "case" and "caseload".
        assert "more than 1 different words" in error_of(search, "ca*").message
        assert search.search(SearchRequest(query="caseload*")).total == 3
    finally:
        search.close()


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_terms"):
        QueryLimits(max_terms=0)
