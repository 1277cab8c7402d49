"""The regions a document is about, told apart from the regions it only mentions.

A post about Staffordshire that recalls "our inspection in Derbyshire" once, or a reader
comment naming another area, should not file the document under those areas: the region
facet would count every element of the corpus under one county. A region is a subject when
the title names it, when the opening paragraphs name it, or when many of the body's elements
do; mentions stay in the text, searchable as words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from indexer.entities import REGION, Gazetteer
from indexer.parse.patterns import REGION_ASIDE, REGION_ASIDE_REACH

TITLE_WEIGHT = 3
"""A region in the title is what the document is about, unless the body is about another."""
LEAD_WEIGHT = 1
"""Named in the opening paragraphs: the lede names the place of the story."""
LEAD_ELEMENTS = 3
"""How many of the first body elements (not comments) count as the opening."""
MIN_SCORE = 2
"""One passing mention (score 1) never makes a subject; a mention in the lede (2) does."""
SHARE_OF_TOP = 0.5
"""A subject scores at least half the best-placed region: a second area reported on alike."""


def subject_regions(
    title: str, body: Sequence[str], comments: Sequence[str], gazetteer: Gazetteer
) -> list[str]:
    """Return the sorted regions the document is about.

    `body` holds the texts of the document's own elements in reading order (sections,
    findings, quotes), `comments` the readers' comments. Each body element that names a
    region adds one, the title and the opening paragraphs add more; comments count only
    when the document itself names no region at all (a thread under a bare link).
    """
    scores: Counter[str] = Counter()
    for name in _named(title, gazetteer):
        scores[name] += TITLE_WEIGHT
    for place, text in enumerate(body):
        for name in _named(text, gazetteer):
            scores[name] += 1 + (LEAD_WEIGHT if place < LEAD_ELEMENTS else 0)
    if not scores:
        for text in comments:
            scores.update(_named(text, gazetteer))
    if not scores:
        return []
    floor = max(MIN_SCORE, max(scores.values()) * SHARE_OF_TOP)
    return sorted(name for name, score in scores.items() if score >= floor)



def _named(text: str, gazetteer: Gazetteer) -> set[str]:
    """Return the regions `text` names other than in an aside about another area."""
    named = set()
    for mention in gazetteer.mentions(text):
        before = text[max(0, mention.start - REGION_ASIDE_REACH) : mention.start]
        if mention.kind == REGION and not REGION_ASIDE.search(before):
            named.add(mention.name)
    return named
