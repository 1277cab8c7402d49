"""Hits from Whoosh's stored fields: the record read back, its snippet marked, its copies.

Used by the search service for ranked hits and for "more like this".
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.searching import Searcher

from indexer.fields import ELEMENT_ID, FINGERPRINT
from indexer.highlight import hit_of
from indexer.records import Record, copies_among
from indexer.results import HitSource
from indexer.whoosh.schema import element_of

__all__ = ["copies_of", "hit_of", "record_at"]
MAX_ALSO_IN = 20


def record_at(searcher: Searcher, docnum: int) -> Record:
    """Return the element record stored for document number `docnum`."""
    return element_of(searcher.reader().stored_fields(docnum))


def copies_of(
    searcher: Searcher, record: Record, holders: Iterable[int] | None = None
) -> list[HitSource]:
    """Return the other elements whose text is the same as this record's, in other documents.

    `holders`, if given, are the live documents with the record's fingerprint (else looked up).
    """
    print_ = record.get(FINGERPRINT)
    if not print_ or print_ == record[ELEMENT_ID]:
        return []
    if holders is None:
        holders = searcher.document_numbers(**{FINGERPRINT: print_})
    return copies_among(record, [record_at(searcher, d) for d in holders], MAX_ALSO_IN)
