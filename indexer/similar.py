"""More like this: the elements whose words are most like one element's.

The element's key terms (Bo1 term weighting over its analyzed text) become a weighted OR
query; the element itself and its verbatim copies in other documents are left out (the
copies are shown with the element as `also_in`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.searching import Searcher

from indexer.collecting import collect_page
from indexer.schema import ELEMENT_ID, FINGERPRINT, TEXT_FIELD

SECONDS = 2.0
KEY_TERMS = 12
"""Enough terms to characterise a finding or a comment paragraph; more drifts to generic words."""


@dataclass(frozen=True)
class SimilarElements:
    """Stored fields and scores of elements like one element, and the terms linking them."""

    hits: list[tuple[dict[str, Any], float]]
    terms: set[str]


def similar_elements(searcher: Searcher, element_id: str, limit: int) -> SimilarElements | None:
    """Return up to `limit` elements like `element_id`, or None if there is no such element."""
    docnum = searcher.document_number(**{ELEMENT_ID: element_id})
    if docnum is None:
        return None
    fields = searcher.reader().stored_fields(docnum)
    key_terms = searcher.key_terms_from_text(
        TEXT_FIELD, fields.get(TEXT_FIELD, ""), numterms=KEY_TERMS
    )
    if not key_terms:
        return SimilarElements([], set())
    query = wq.Or([wq.Term(TEXT_FIELD, term, boost=weight) for term, weight in key_terms])
    own_text = fields[FINGERPRINT]
    # Copies of one text collapse to one hit; the element's own text is then dropped.
    deadline = time.perf_counter() + SECONDS
    results, _cut = collect_page(searcher, query, limit + 1, deadline, collapse=FINGERPRINT)
    hits = [
        (hit.fields(), float(hit.score or 0.0))
        for hit in results
        if hit.docnum != docnum and hit[FINGERPRINT] != own_text
    ]
    return SimilarElements(hits[:limit], {term for term, _weight in key_terms})
