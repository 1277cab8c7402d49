"""Hits from Whoosh's stored fields: the record read back, its snippet marked, its copies.

Used by the search service for ranked hits and for "more like this".
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.searching import Searcher

from indexer.fields import ELEMENT_ID, FINGERPRINT, TEXT
from indexer.highlight import make_snippet
from indexer.marking import MatchTargets, match_spans
from indexer.records import Record, copies_among, make_hit
from indexer.results import Hit, HitSource
from indexer.whoosh.schema import element_of

MAX_ALSO_IN = 20


def record_at(searcher: Searcher, docnum: int) -> Record:
    """Return the element record stored for document number `docnum`."""
    return element_of(searcher.reader().stored_fields(docnum))


def hit_of(
    record: Record,
    score: float,
    targets: MatchTargets,
    also_in: list[HitSource] | None = None,
    more_in_document: int = 0,
) -> Hit:
    """Return the hit of one record, its matches marked in the snippet."""
    text = record.get(TEXT, "")
    snippet = make_snippet(text, match_spans(text, targets))
    return make_hit(record, score, snippet, also_in, more_in_document)


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
