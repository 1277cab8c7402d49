"""More like this: the elements whose words are most like one element's.

The element's distinctive terms (tf-idf over the element texts, without function words, the
press office's boilerplate or terms only this text holds, its first sentence weighed most)
become a weighted OR query; the element itself and its verbatim copies in other
documents are left out (the copies are shown with the element as `also_in`).
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

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
FUNCTION_WORDS = """
    about after again all also am any been before being both but could did do does doing done
    down each even few had has having he her here hers him his how i its just me more most much
    my no nor now only other our out over own same she should so some such than then there these
    they those through too under until up very was were what which while who whom whose why would
    said says say told added one two three four five six seven eight nine ten per cent
"""
"""Words too common to say what an element is about (the index keeps them for phrases)."""
BOILERPLATE_WORDS = """
    press office contact editors notes note information further please available website www
    http https html gov uk org com tel telephone email mobile justiceinspectorates hmiprobation
    published publication today ends follow twitter facebook share subscribe copyright
    dame sir lord baroness mr mrs ms dr chief hm majesty majesty's
"""
"""The press office's and the web page's words, and the honorifics of its attributions ("Dame
…, HM Chief Inspector"): they link releases and posts to each other, never to what an element
says."""


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
    key_terms = content_terms(searcher, record.get(TEXT, ""), copies)
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


def content_terms(searcher: Searcher, text: str, copies: int = 1) -> list[tuple[str, float]]:
    """Return the text's distinctive terms as (term, weight), best first.

    Weighted by tf-idf over the element texts. Function words and the press office's and web
    pages' boilerplate are left out, and so are terms fewer than `MIN_OTHERS` other elements
    hold (besides the text's own `copies`): a word two texts share by chance ("coupled",
    "inevitably") links nothing, as Lucene's MoreLikeThis minimum document frequency says.
    """
    skipped = _skipped_terms()
    analyzer = default_analyzer()
    counts = Counter(term for term in analyzer.terms(text) if term not in skipped)
    lead = set(analyzer.terms(_first_sentence(text)))
    reader = searcher.reader()
    total = max(searcher.doc_count(), 1)
    weighted = []
    for term, count in counts.items():
        if len(term) < MIN_TERM_CHARS or term.isdigit() or not term.isalpha():  # a URL, a code
            continue
        frequency = reader.doc_frequency(TEXT, term)
        if frequency - copies < MIN_OTHERS:
            continue
        weight = (1 + math.log(count)) * math.log(total / frequency)
        weighted.append((term, weight * (LEAD_WEIGHT if term in lead else 1.0)))
    weighted.sort(key=lambda pair: (-pair[1], pair[0]))
    return weighted[:KEY_TERMS]


MIN_TERM_CHARS = 3
MIN_OTHERS = 3
LEAD_WEIGHT = 3.0
"""A finding or a paragraph names its topic first ("Individual caseloads varied…"): the words
of its first sentence weigh three times as much (measured: `python -m tests.relevance`, "more
like this"; 1.0 gave nDCG@10 0.45, 2.0 0.45, 3.0 0.52 with 12 key terms)."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


@lru_cache(maxsize=1)
def _skipped_terms() -> frozenset[str]:
    analyzer = default_analyzer()
    return frozenset(analyzer.terms(FUNCTION_WORDS)) | frozenset(analyzer.terms(BOILERPLATE_WORDS))
