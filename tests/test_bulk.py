"""The fast paths give exactly what Whoosh gives: bulk matching and ranking the pages of its
matchers and collectors, suggestions from memory those of its ReaderCorrector.

The same requests go to a service with the bulk path and one without, over a generated
corpus (the benchmark's) plus the seeds, also after an update that leaves deleted documents
and a second segment behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from benchmarks.corpus import BENCH_GAZETTEER, write_corpus
from indexer.analysis import default_analyzer
from indexer.entities import load_gazetteer
from indexer.fields import DOCUMENT_ID
from indexer.pipeline import load_documents
from indexer.records import element_record
from indexer.results import SearchRequest, SearchResults, SortOrder
from indexer.whoosh.schema import whoosh_record
from indexer.whoosh.search import WhooshSearch
from indexer.whoosh.store import build_index, current_generation
from tests.conftest import SEED_DOCUMENTS

QUERIES = (
    "probation",
    "caseloads",
    "risk harm",
    "management oversight quality",
    '"responsible officer"',
    '"unpaid work" enforcement',
    '"national probation service"',
    "NPS enforcement",
    "CRC OR NPS",
    "probation NOT caseloads",
    "(risk AND harm) OR caseloads",
    "(probation NOT caseloads) OR court",
    '"responsible officer" OR "unpaid work"',
    "kind:finding caseloads",
    "speaker:stacey public",
    "org:crc risk",
    "title:derbyshire inspection",
    "year:2016 court",
    "date:2016-01..2016-12 reports",
    "manag*",
    "casloads~1",
    "casloads",
    "xyzzy",
    "",
)
REQUESTS = (
    {},
    {"filters": {"kind": ("finding", "quote")}},
    {"filters": {"region": ("Derbyshire", "London"), "source_type": ("blog_post",)}},
    {"collapse": True},
    {"page": 2},
    {"date_from": "2016-03", "date_to": "2017-06"},
    {"sort": SortOrder.NEWEST},
)


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bulk")
    write_corpus(root / "corpus", 1500, seed=7)
    gazetteer = load_gazetteer([BENCH_GAZETTEER])
    documents = [
        *load_documents(root / "corpus", gazetteer),
        *load_documents(SEED_DOCUMENTS, gazetteer),
    ]
    build_index(documents, root / "index")
    return root / "index"


@pytest.fixture(scope="module")
def updated_index(tmp_path_factory: pytest.TempPathFactory, corpus_index: Path) -> Path:
    """The corpus index with documents deleted and re-added in a second segment."""
    import shutil

    root = tmp_path_factory.mktemp("bulk-updated")
    shutil.copytree(corpus_index, root / "index")
    ix = whoosh_index.open_dir(str(current_generation(root / "index")))
    documents = list(load_documents(SEED_DOCUMENTS, load_gazetteer([BENCH_GAZETTEER])))
    writer = ix.writer()
    for document in documents[:3]:
        writer.delete_by_term(DOCUMENT_ID, document.id)
        for element in document.elements[: len(document.elements) // 2]:
            writer.add_document(**whoosh_record(element_record(document, element)))
    writer.commit(merge=False)
    ix.close()
    return root / "index"


def _services(location: Path) -> Iterator[tuple[WhooshSearch, WhooshSearch]]:
    bulk, plain = WhooshSearch(location), WhooshSearch(location, bulk=False)
    yield bulk, plain
    bulk.close()
    plain.close()


@pytest.fixture(scope="module")
def services(corpus_index: Path) -> Iterator[tuple[WhooshSearch, WhooshSearch]]:
    yield from _services(corpus_index)


@pytest.fixture(scope="module")
def updated_services(updated_index: Path) -> Iterator[tuple[WhooshSearch, WhooshSearch]]:
    yield from _services(updated_index)


def _page(results: SearchResults) -> tuple[object, ...]:
    return (
        results.total,
        [(hit.id, hit.score, hit.snippet, hit.more_in_document) for hit in results.hits],
        results.facets,
        results.suggestion,
    )


@pytest.mark.parametrize("query", QUERIES)
def test_bulk_pages_equal_whoosh_pages(
    query: str, services: tuple[WhooshSearch, WhooshSearch]
) -> None:
    bulk, plain = services
    for extra in REQUESTS:
        request = SearchRequest(query=query, **extra)  # type: ignore[arg-type]
        assert _page(bulk.search(request)) == _page(plain.search(request)), (query, extra)


@pytest.mark.parametrize("query", QUERIES[:12])
def test_bulk_pages_equal_whoosh_pages_after_deletions_in_two_segments(
    query: str, updated_services: tuple[WhooshSearch, WhooshSearch]
) -> None:
    bulk, plain = updated_services
    assert bulk._current_searcher().reader().has_deletions()
    for extra in REQUESTS[:4]:
        request = SearchRequest(query=query, **extra)  # type: ignore[arg-type]
        assert _page(bulk.search(request)) == _page(plain.search(request)), (query, extra)


MISSPELT = ("glenis stacy", "enforcment", "responsable oficer", "inspectorat", "unpiad work")


@pytest.mark.parametrize("query", MISSPELT)
def test_suggestions_from_memory_equal_whoosh_reader_corrector(
    query: str,
    services: tuple[WhooshSearch, WhooshSearch],
    updated_services: tuple[WhooshSearch, WhooshSearch],
) -> None:
    from indexer.whoosh.search import NAME_FIELDS
    from indexer.whoosh.suggest import spelling_words, suggest

    for service in (services[0], updated_services[0]):
        searcher = service._current_searcher()
        tables = service._facet_tables(searcher)
        analyze = default_analyzer().terms
        names = [value for field in NAME_FIELDS for value in tables[field].values]
        reader = searcher.reader()
        if reader.is_atomic():
            assert suggest(query, reader, analyze, names, spelling_words(reader)) == suggest(
                query, reader, analyze, names
            )
        assert service.search(SearchRequest(query=query)).suggestion is not None


def test_live_mask_equals_whoosh_deletions_in_every_segment(
    tmp_path: Path, updated_index: Path
) -> None:
    import shutil

    from indexer.whoosh.bulk import live_mask

    shutil.copytree(updated_index, tmp_path / "index")
    ix = whoosh_index.open_dir(str(current_generation(tmp_path / "index")))
    first = next(iter(load_documents(SEED_DOCUMENTS, load_gazetteer([BENCH_GAZETTEER]))))
    writer = ix.writer()
    writer.delete_by_term(DOCUMENT_ID, first.id)  # its re-added half, in the second segment
    writer.commit(merge=False)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        leaves = reader.leaf_readers()
        assert len(leaves) >= 2 and all(leaf.has_deletions() for leaf, _ in leaves[:2])
        expected = [not reader.is_deleted(n) for n in range(reader.doc_count_all())]
        assert live_mask(reader).tolist() == expected
    ix.close()


def test_copies_found_by_fingerprint_code_equal_the_term_lookup(
    updated_services: tuple[WhooshSearch, WhooshSearch],
) -> None:
    from indexer.whoosh.hits import copies_of

    service = updated_services[0]
    searcher = service._current_searcher()
    found = 0
    for docnum in range(searcher.doc_count_all()):
        if searcher.reader().is_deleted(docnum):
            continue
        fields = searcher.reader().stored_fields(docnum)
        expected = copies_of(searcher, fields)
        assert service._copies(searcher, docnum, fields) == expected
        found += bool(expected)
    assert found  # the corpus reproduces texts across documents


@pytest.mark.parametrize("query", QUERIES)
def test_a_filters_unscored_mask_is_its_evaluated_mask(
    query: str, services: tuple[WhooshSearch, WhooshSearch]
) -> None:
    bulk_service, _plain = services
    searcher = bulk_service._current_searcher()
    tables = bulk_service._facet_tables(searcher)
    tree = bulk_service.parser.parse(query, lambda f: tables[f].values)
    compiler = bulk_service._query_compiler(searcher)
    guard = compiler.own_text_guard(tree)
    if guard is None:
        return
    bulk = bulk_service._bulk_searcher(searcher)
    expected = bulk.evaluate(guard)[0]
    bulk.evaluate(compiler.compile(tree))  # leaves the masks of the query's words to reuse
    assert (bulk.mask(guard) == expected).all()
    fresh = bulk_service._bulk_searcher(searcher)
    fresh.evaluate(wq.NullQuery)  # nothing to reuse: computed from the postings
    assert (fresh.mask(guard) == expected).all()
