"""The distinctive terms of an element's text: what "more like this" looks for, on every engine.

Weighted by tf-idf over the element texts, the first sentence weighing most. Function words,
degree adverbs, the press office's and web pages' boilerplate and honorifics are left out,
and so are terms fewer than `MIN_OTHERS` other elements hold (besides the text's own copies):
a word two texts share by chance ("coupled", "inevitably") links nothing, as Lucene's
MoreLikeThis minimum document frequency says. An engine supplies the element frequencies.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from indexer.analysis import default_analyzer

KEY_TERMS = 12
"""Enough terms to characterise a finding or a comment paragraph; more drifts to generic words."""
FUNCTION_WORDS = """
    about after again all also am any been before being both but could did do does doing done
    down each even few had has having he her here hers him his how i its just me more most much
    my no nor now only other our out over own same she should so some such than then there these
    they those through too under until up very was were what which while who whom whose why would
    said says say told added one two three four five six seven eight nine ten per cent
    significantly generally particularly largely mostly mainly partly fully quite rather often
    usually almost nearly broadly individual individually various particular
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


def content_terms(
    text: str, frequency: Callable[[str], int], total: int, copies: int = 1
) -> list[tuple[str, float]]:
    """Return the text's distinctive terms as (term, weight), best first; `frequency` gives
    the number of elements holding a term in their text, `total` the number of elements,
    `copies` the number of elements holding this very text."""
    skipped = _skipped_terms()
    analyzer = default_analyzer()
    counts = Counter(term for term in analyzer.terms(text) if term not in skipped)
    lead = set(analyzer.terms(_first_sentence(text)))
    total = max(total, 1)
    weighted = []
    for term, count in counts.items():
        if len(term) < MIN_TERM_CHARS or term.isdigit() or not term.isalpha():  # a URL, a code
            continue
        holders = frequency(term)
        if holders - copies < MIN_OTHERS:
            continue
        weight = (1 + math.log(count)) * math.log(total / holders)
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
