"""Baseline 1: Whoosh used the straightforward way, as its documentation shows.

A schema with Whoosh's `StemmingAnalyzer`, the default writer, one searcher kept open, and
each page asked of `search()` in one call: `filter=` for the facet filters, `groupedby=` for
the seven facet counts, and `hit.highlights()` for the snippets of the first ten hits.

The trap: with `groupedby`, Whoosh collects every match and drops the result limit, so
iterating the results to highlight walks all of them (4.6 s at 100k elements); only the
first ten are taken here, as a careful user would.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser
from whoosh.sorting import FieldFacet

from benchmarks.pages import Page
from benchmarks.queries import BenchQuery
from indexer.model import Document

FACETS = ("source_type", "kind", "organisation", "region", "year", "speaker", "site")
MULTI_VALUED = ("organisation", "region")
SEARCHED = ("title", "heading", "text", "who")
PAGE_SIZE = 10


def naive_schema() -> Schema:
    """Return the schema a user of Whoosh's documentation would write."""
    stem = StemmingAnalyzer()
    facets = {
        name: KEYWORD(stored=True, commas=True) if name in MULTI_VALUED else ID(stored=True)
        for name in FACETS
    }
    return Schema(
        element_id=ID(stored=True, unique=True),
        document_id=ID(stored=True),
        title=TEXT(analyzer=stem, stored=True),
        heading=TEXT(analyzer=stem, stored=True),
        text=TEXT(analyzer=stem, stored=True),
        who=TEXT(analyzer=stem),
        date=STORED(),
        **facets,
    )


def element_rows(documents: Iterable[Document]) -> Iterable[dict[str, str]]:
    """Yield one flat record per element, with its document's facet values."""
    for document in documents:
        for element in document.elements:
            row = {
                "element_id": element.id,
                "document_id": document.id,
                "title": document.title,
                "heading": element.heading or "",
                "text": element.text,
                "who": " ".join(n for n in (element.speaker, element.author) if n),
                "source_type": document.source_type.value,
                "kind": element.kind.value,
                "organisation": ",".join(element.organisations),
                "region": ",".join(document.regions),
                "year": document.date[:4] if document.date else "",
                "speaker": element.speaker or "",
                "site": document.site or "",
            }
            yield {key: value for key, value in row.items() if value}


def build(documents: Iterable[Document], folder: Path) -> float:
    """Index `documents` into `folder` with the default writer; return the seconds it took."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(folder), naive_schema())
    with ix.writer() as writer:
        for row in element_rows(documents):
            writer.add_document(**row)
    ix.close()
    return time.perf_counter() - started


class NaiveWhoosh:
    """One open searcher over the naive index."""

    def __init__(self, folder: Path) -> None:
        self.ix = whoosh_index.open_dir(str(folder))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(list(SEARCHED), self.ix.schema)
        self.facets = {
            name: FieldFacet(name, allow_overlap=name in MULTI_VALUED) for name in FACETS
        }

    def page(self, bench: BenchQuery) -> Page:
        """Return one results page: hits with highlights, total and facet counts."""
        q = self.parser.parse(bench.whoosh)
        filters = [
            wq.Or([wq.Term(name, value) for value in values])
            for name, values in bench.filters.items()
        ]
        results = self.searcher.search(
            q,
            limit=PAGE_SIZE,
            filter=wq.And(filters) if filters else None,
            groupedby=self.facets,
        )
        hits = [(hit["element_id"], hit.highlights("text")) for hit in results[:PAGE_SIZE]]
        facets = {
            name: sorted(
                ((str(value), len(docs)) for value, docs in results.groups(name).items()),
                key=lambda pair: -pair[1],
            )
            for name in FACETS
        }
        return Page(len(results), hits, facets)

    def close(self) -> None:
        """Close the searcher and the index."""
        self.searcher.close()
        self.ix.close()
