"""The contract every engine keeps, run on each engine in turn (`built` is parametrised).

What a user relies on whatever engine serves them: the README's queries find what they
say, filters and paging behave, unicode text is found, errors say what is wrong, and an
index is brought up to date by an update (added, changed, removed files) or a rebuild that
searches never see half done.
"""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.backend import BackendSettings, SearchBackend, open_backend, open_store
from indexer.errors import QueryError
from indexer.pipeline import index_corpus
from indexer.results import SearchRequest, SortOrder
from tests.backends.conftest import Built, copy_corpus, drop_alias


def test_phrase_finds_the_quote_and_its_speaker(service: SearchBackend) -> None:
    results = service.search(SearchRequest('"standards have slipped"'))
    assert results.total >= 1
    assert {hit.kind for hit in results.hits} >= {"quote"}
    assert all("standards have slipped" in hit.text.lower() for hit in results.hits)


def test_fielded_values_filter_and_count(service: SearchBackend) -> None:
    results = service.search(SearchRequest("kind:finding org:crc", page_size=100))
    assert results.total > 5
    assert all(hit.kind == "finding" for hit in results.hits)
    kinds = {v.value: v.count for v in results.facets["kind"]}
    assert set(kinds) == {"finding"}


def test_filters_are_ored_within_and_anded_across_facets(service: SearchBackend) -> None:
    one = service.search(SearchRequest("", {"kind": ("quote",)})).total
    two = service.search(SearchRequest("", {"kind": ("quote", "comment")})).total
    both = service.search(SearchRequest("", {"kind": ("quote",), "year": ("2016",)})).total
    assert two > one > both > 0
    facet = {
        v.value: v for v in service.search(SearchRequest("", {"kind": ("quote",)})).facets["kind"]
    }
    assert facet["quote"].selected and not facet["comment"].selected
    assert facet["comment"].count > 0  # disjunctive: the values one could add keep counting


def test_date_range_and_sorting(service: SearchBackend) -> None:
    request = SearchRequest("", date_from="2016-09", date_to="2016-12", sort=SortOrder.OLDEST)
    results = service.search(request)
    assert results.total > 0
    dates = [hit.date for hit in results.hits]
    assert all(d is not None and "2016-09-01" <= d <= "2016-12-31" for d in dates)
    assert dates == sorted(dates)  # type: ignore[type-var]


def test_pages_are_disjoint_and_cover_the_total(service: SearchBackend) -> None:
    first = service.search(SearchRequest("probation", page_size=10))
    second = service.search(SearchRequest("probation", page=2, page_size=10))
    assert first.total > 20 and first.page_count >= 3
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    everything = [
        hit.id
        for page in range(1, first.page_count + 1)
        for hit in service.search(SearchRequest("probation", page=page, page_size=10)).hits
    ]
    assert len(everything) == len(set(everything)) == first.total


def test_collapse_gives_one_hit_per_document(service: SearchBackend) -> None:
    results = service.search(SearchRequest("caseloads", collapse=True, page_size=50))
    documents = [hit.document_id for hit in results.hits]
    assert len(documents) == len(set(documents)) == results.total > 1
    assert any(hit.more_in_document for hit in results.hits)


@pytest.mark.parametrize(
    ("query", "word"),
    [("café", "Café"), ("cafe", "Café"), ("Ærø", "Ærø"), ("москва", "Москва"), ("東京", "東京"),
     ("post-release", "post-release"), ("facade", "façade"), ("strasse", "Straße")],
)  # fmt: skip
def test_unicode_words_are_found_and_marked(service: SearchBackend, query: str, word: str) -> None:
    results = service.search(SearchRequest(query, page_size=50))
    assert results.total >= 1, query
    marked = {
        hit.snippet.text[start:end].lower()
        for hit in results.hits
        if hit.document_id == "201_unicode_notes.txt"
        for start, end in hit.snippet.marks
    }
    assert set(word.lower().split("-")) <= marked, (query, marked)


@pytest.mark.parametrize(
    ("query", "message"),
    [("kind:memo", "memo"), ("*aseload", "wildcard"), ("caseloads AND", "AND"),
     ("(caseloads", "bracket"), ("year:1900..2016", "50")],
)  # fmt: skip
def test_bad_queries_say_what_is_wrong(service: SearchBackend, query: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        service.search(SearchRequest(query))
    assert message.lower() in (raised.value.message + (raised.value.hint or "")).lower()


@pytest.mark.parametrize(
    ("filters", "message"),
    [({"kind": ("memo",)}, "kind:memo is not a kind."), ({"year": ("20x6",)}, "not a year")],
)
def test_bad_filter_values_say_what_is_wrong(
    service: SearchBackend, filters: dict[str, tuple[str, ...]], message: str
) -> None:
    with pytest.raises(QueryError) as raised:
        service.search(SearchRequest("caseloads", filters))
    assert message in raised.value.message
    found = service.search(SearchRequest("caseloads", {"kind": ("Findings",)}))
    assert found.total > 0 and all(hit.kind == "finding" for hit in found.hits)


def test_misspelt_words_get_a_suggestion(service: SearchBackend) -> None:
    assert service.search(SearchRequest("casloads")).suggestion == "caseloads"
    assert service.search(SearchRequest("caseloads")).suggestion is None


def test_similar_elements_exclude_the_element_itself(service: SearchBackend) -> None:
    hit = service.search(SearchRequest('"caseloads" kind:finding')).hits[0]
    similar = service.similar(hit.id, limit=5)
    assert similar, "a caseload finding has neighbours"
    assert hit.id not in {h.id for h in similar}
    assert service.similar("no-such.txt:0") is None


def test_update_adds_changes_and_removes_documents(built: Built, tmp_path: Path) -> None:
    """An incremental run on a copy of the index: a new file, a changed one, a removed one."""
    corpus = copy_corpus(tmp_path / "corpus")
    settings = _private_copy(built, tmp_path)
    store = open_store(settings)
    index_corpus(corpus, store)
    (corpus / "301_new_post.txt").write_text(
        "A new post about zyxwvut supervision\n\nThe zyxwvut scheme began in 2018.\n"
    )
    (corpus / "201_unicode_notes.txt").write_text("Changed notes\n\nNothing about cafés now.\n")
    (corpus / "102_oasys_blog.txt").unlink()
    report = index_corpus(corpus, store)
    assert report.full_reason is None and report.published
    service = open_backend(settings)
    try:
        _eventually(lambda: service.search(SearchRequest("zyxwvut")).total == 1)
        assert service.document("301_new_post.txt") is not None
        assert service.search(SearchRequest("Ærø")).total == 0
        assert service.document("102_oasys_blog.txt") is None
        assert (
            service.search(SearchRequest("OASys")).total
            == service.search(SearchRequest("OASys", {"source_type": ("press_release",)})).total
            + service.search(SearchRequest("OASys NOT type:press_release")).total
        )
    finally:
        service.close()
        _drop(settings)


def test_rebuild_under_load_never_serves_a_half_built_index(built: Built, tmp_path: Path) -> None:
    """Searches run while a full rebuild replaces the index: each sees the old or the new."""
    corpus = copy_corpus(tmp_path / "corpus")
    settings = _private_copy(built, tmp_path)
    store = open_store(settings)
    index_corpus(corpus, store)
    service = open_backend(settings)
    expected = service.search(SearchRequest("probation")).total
    seen: list[int] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def search_all_the_time() -> None:
        reader = open_backend(settings)
        try:
            while not stop.is_set():
                seen.append(reader.search(SearchRequest("probation")).total)
        except BaseException as error:
            failures.append(error)
        finally:
            reader.close()

    thread = threading.Thread(target=search_all_the_time)
    thread.start()
    try:
        for _ in range(2):
            index_corpus(corpus, store, full=True)
    finally:
        stop.set()
        thread.join(timeout=30)
        service.close()
        _drop(settings)
    assert not failures, failures
    assert len(seen) > 5
    assert set(seen) == {expected}


def _private_copy(built: Built, tmp_path: Path) -> BackendSettings:
    """Return settings of a fresh index of the same engine (a test that writes owns it)."""
    if built.name == "whoosh":
        return replace(built.settings, index=tmp_path / "index")
    return replace(built.settings, index=tmp_path / "lock", collection=f"w{uuid.uuid4().hex[:10]}")


def _drop(settings: BackendSettings) -> None:
    if settings.engine == "typesense":
        drop_alias(settings)
    else:
        shutil.rmtree(settings.index, ignore_errors=True)


def _eventually(check: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not seen in time"
        time.sleep(0.1)


def test_a_reproduced_finding_is_shown_once_as_its_original(service: SearchBackend) -> None:
    results = service.search(SearchRequest('"unreasonable and unmanageable"'))
    assert results.total == 1, "every copy of the finding is one hit"
    hit = results.hits[0]
    assert len(hit.also_in) >= 1
    assert all(hit.date and s.date and hit.date <= s.date for s in hit.also_in)
    dates = [s.date or "" for s in hit.also_in]
    assert dates == sorted(dates)
    # Under a filter the original does not pass, a copy is shown, the original listed first.
    assert hit.also_in[-1].date and hit.date and hit.also_in[-1].date > hit.date
    later = service.search(
        SearchRequest('"unreasonable and unmanageable"', date_from=hit.also_in[-1].date)
    ).hits[0]
    assert later.document_id != hit.document_id
    assert later.also_in[0].document_id == hit.document_id


def test_a_documents_elements_list_their_other_sources(service: SearchBackend) -> None:
    hit = service.search(SearchRequest('"unreasonable and unmanageable"')).hits[0]
    sources = service.sources(hit.document_id)
    assert [s.id for s in sources[hit.id]] == [s.id for s in hit.also_in]
    assert all(s.document_id != hit.document_id for copies in sources.values() for s in copies)
    assert service.sources("no-such-document.txt") == {}


def test_most_cited_puts_the_most_reproduced_texts_first(built: Built) -> None:
    service = open_backend(built.settings)
    request = SearchRequest("CRC", sort=SortOrder.CITED, page_size=30)
    try:
        if built.name == "typesense":  # a documented difference: docs/typesense.md
            with pytest.raises(QueryError, match="most cited"):
                service.search(request)
            return
        cited = [len(hit.also_in) + 1 for hit in service.search(request).hits]
        ranked = [
            len(h.also_in) + 1 for h in service.search(SearchRequest("CRC", page_size=30)).hits
        ]
    finally:
        service.close()
    assert cited == sorted(cited, reverse=True)
    assert ranked != sorted(ranked, reverse=True)  # relevance alone does not give this order
    assert cited[0] > 1 and cited[0] == max(ranked)
    assert sum(cited[:5]) >= sum(ranked[:5])


def test_inspection_in_the_query_means_its_documents(service: SearchBackend) -> None:
    derbyshire = {
        "002_88a13416ebd90fb1.txt",
        "004_e5c2bc1fff8f5255.txt",
        "005_derbyshire_quality_and_impact_2016.pdf",
    }
    within = service.search(SearchRequest("caseloads inspection:derbyshire-2016-09", page_size=100))
    assert within.total and {h.document_id for h in within.hits} <= derbyshire
    outside = service.search(
        SearchRequest("caseloads NOT inspection:Derbyshire-2016-09", page_size=100)
    )
    everything = service.search(SearchRequest("caseloads")).total
    assert outside.total == everything - within.total
    assert not {h.document_id for h in outside.hits} & derbyshire
    with pytest.raises(QueryError) as raised:
        service.search(SearchRequest("inspection:atlantis-1999-01"))
    assert "is not an inspection" in raised.value.message
    assert "staffordshire-2017-01" in (raised.value.hint or "")
