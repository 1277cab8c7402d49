"""Every hit of a search, for export: as CSV rows, JSON lines or one JSON object.

A search page shows ten hits; an export pages through the engine a hundred at a time until
the hits run out or EXPORT_LIMIT is reached (bounded work: the limit is the deepest page a
search serves), with the same query, filters, dates, sort and collapse. The first page is
fetched before anything is written, so a query that cannot run fails before the output
starts. Engine-free: the CLI and the web app stream these lines.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from indexer.backend import SearchBackend
from indexer.results import MAX_PAGE, MAX_PAGE_SIZE, Hit, SearchRequest, SearchResults

EXPORT_FORMATS = ("csv", "json", "jsonl")
EXPORT_LIMIT = MAX_PAGE * MAX_PAGE_SIZE
"""At most this many hits (10,000): beyond it, narrow the search."""
CSV_COLUMNS = (
    "id", "document_id", "position", "kind", "title", "date", "element_date", "site",
    "source_type", "heading", "group", "speaker", "author", "comment_path", "quoted_from",
    "also_in", "text",
)  # fmt: skip
"""One row per hit; `also_in` lists the other documents holding the same text, `; `-joined."""


@dataclass
class Export:
    """The hits of a search, fetched page by page as they are read."""

    first: SearchResults
    service: SearchBackend
    limit: int = EXPORT_LIMIT

    @property
    def total(self) -> int:
        """Return how many hits the search has."""
        return self.first.total

    @property
    def truncated(self) -> bool:
        """Return whether the export stops before the last hit."""
        return self.first.total > self.limit

    def hits(self) -> Iterator[Hit]:
        """Yield every hit, up to the limit, in the search's order."""
        results = self.first
        count = 0
        while True:
            for hit in results.hits:
                if count == self.limit:
                    return
                yield hit
                count += 1
            if not results.hits or results.request.page >= results.page_count:
                return
            results = self.service.search(replace(results.request, page=results.request.page + 1))


def start_export(
    service: SearchBackend, request: SearchRequest, limit: int = EXPORT_LIMIT
) -> Export:
    """Run the first page of an export (raising QueryError at once if it cannot run)."""
    first = service.search(replace(request, page=1, page_size=MAX_PAGE_SIZE, with_facets=False))
    return Export(first, service, limit)


def csv_lines(hits: Iterable[Hit]) -> Iterator[str]:
    """Yield the CSV text of the hits: a header line, then one line per hit."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values: Iterable[Any]) -> str:
        writer.writerow(values)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(CSV_COLUMNS)
    for hit in hits:
        yield line(_cell(hit, column) for column in CSV_COLUMNS)


def _cell(hit: Hit, column: str) -> Any:
    if column == "also_in":
        return "; ".join(source.id for source in hit.also_in)
    value = getattr(hit, column)
    return "" if value is None else value


def jsonl_lines(hits: Iterable[Hit]) -> Iterator[str]:
    """Yield one JSON object per hit, each on its own line."""
    for hit in hits:
        yield json.dumps(hit.to_dict(), ensure_ascii=False) + "\n"


def json_lines(export: Export) -> Iterator[str]:
    """Yield one JSON object, piece by piece: the search, its total, and every hit."""
    request = export.first.request
    head = {
        "query": request.query,
        "filters": {name: list(values) for name, values in request.filters.items()},
        "date_from": request.date_from,
        "date_to": request.date_to,
        "sort": request.sort.value,
        "collapse": request.collapse,
        "total": export.total,
        "truncated": export.truncated,
        "limit": export.limit,
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield opening + ', "hits": ['
    for number, hit in enumerate(export.hits()):
        yield ("," if number else "") + "\n" + json.dumps(hit.to_dict(), ensure_ascii=False)
    yield "\n]}\n"
