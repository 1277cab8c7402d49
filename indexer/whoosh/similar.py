"""More like this: the elements whose words are most like one element's.

The element's distinctive terms (tf-idf over the element texts, without function words, the
press office's boilerplate or terms only this text holds, its first sentence weighed most)
become a weighted OR query; the element itself and its verbatim copies in other
documents are left out (the copies are shown with the element as `also_in`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.searching import Searcher

from indexer.fields import ELEMENT_ID, FINGERPRINT, TEXT
from indexer.keyterms import content_terms
from indexer.records import Record
from indexer.whoosh.collecting import collect_page
from indexer.whoosh.hits import record_at

SECONDS = 2.0


@dataclass(frozen=True)
class SimilarElements:
    """Stored fields and scores of elements like one element, and the terms linking them."""

    hits: list[tuple[Record, float]]
    terms: set[str]


def similar_elements(searcher: Searcher, element_id: str, limit: int) -> SimilarElements | None:
    """Return up to `limit` elements like `element_id`, or None if there is no such element."""
    docnum = searcher.document_number(**{ELEMENT_ID: element_id})
    if docnum is None:
        return None
    record = record_at(searcher, docnum)
    own_text = record[FINGERPRINT]
    copies = searcher.reader().doc_frequency(FINGERPRINT, own_text)
    reader = searcher.reader()
    key_terms = content_terms(
        record.get(TEXT, ""),
        lambda term: reader.doc_frequency(TEXT, term),
        searcher.doc_count(),
        copies,
    )
    if not key_terms:
        return SimilarElements([], set())
    query = wq.Or([wq.Term(TEXT, term, boost=weight) for term, weight in key_terms])
    # Copies of one text collapse to one hit; the element's own text is then dropped.
    deadline = time.perf_counter() + SECONDS
    results, _cut = collect_page(searcher, query, limit + 1, deadline, collapse=FINGERPRINT)
    hits = [
        (record_at(searcher, hit.docnum), float(hit.score or 0.0))
        for hit in results
        if hit.docnum != docnum and hit[FINGERPRINT] != own_text
    ]
    return SimilarElements(hits[:limit], {term for term, _weight in key_terms})
