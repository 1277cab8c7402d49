"""More like this: the elements whose words are most like one element's.

The element's key terms (Bo1 term weighting over its analyzed text) become a weighted OR
query; the element itself and its verbatim copies in other documents are left out (the
copies are shown with the element as `also_in`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.searching import Searcher

from indexer.analysis import default_analyzer
from indexer.fields import ELEMENT_ID, FINGERPRINT, TEXT
from indexer.records import Record
from indexer.whoosh.collecting import collect_page
from indexer.whoosh.hits import record_at

SECONDS = 2.0
KEY_TERMS = 12
"""Enough terms to characterise a finding or a comment paragraph; more drifts to generic words."""
CANDIDATE_TERMS = 3 * KEY_TERMS
"""Key terms asked of Whoosh before function words are dropped."""
FUNCTION_WORDS = """
    about after again all also am any been before being both but could did do does doing done
    down each even few had has having he her here hers him his how i its just me more most much
    my no nor now only other our out over own same she should so some such than then there these
    they those through too under until up very was were what which while who whom whose why would
"""
"""Words too common to say what an element is about (the index keeps them for phrases)."""


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
    key_terms = _content_terms(searcher, record.get(TEXT, ""))
    if not key_terms:
        return SimilarElements([], set())
    query = wq.Or([wq.Term(TEXT, term, boost=weight) for term, weight in key_terms])
    own_text = record[FINGERPRINT]
    # Copies of one text collapse to one hit; the element's own text is then dropped.
    deadline = time.perf_counter() + SECONDS
    results, _cut = collect_page(searcher, query, limit + 1, deadline, collapse=FINGERPRINT)
    hits = [
        (record_at(searcher, hit.docnum), float(hit.score or 0.0))
        for hit in results
        if hit.docnum != docnum and hit[FINGERPRINT] != own_text
    ]
    return SimilarElements(hits[:limit], {term for term, _weight in key_terms})


def _content_terms(searcher: Searcher, text: str) -> list[tuple[str, float]]:
    """Return the text's best key terms that are not function words, as (term, weight)."""
    function_terms = set(default_analyzer().terms(FUNCTION_WORDS))
    candidates = searcher.key_terms_from_text(TEXT, text, numterms=CANDIDATE_TERMS)
    return [(term, weight) for term, weight in candidates if term not in function_terms][:KEY_TERMS]
