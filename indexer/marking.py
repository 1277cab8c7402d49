"""Which words of a hit to mark: the query's terms, and its phrases only where they occur whole.

A synonym expansion such as `(NPS OR "national probation service")` must mark "NPS" and the
full name, not every "service" in the text, so phrases are matched as token sequences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq
from whoosh.reading import IndexReader

from indexer.schema import SEARCH_FIELDS

MAX_MARKED_TERMS = 512


@dataclass
class MatchTargets:
    """The analyzed terms and phrases of a query's positive, full-text parts."""

    terms: set[str] = field(default_factory=set)
    phrases: set[tuple[str, ...]] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


def match_targets(q: wq.Query, reader: IndexReader) -> MatchTargets:
    """Return what to mark for query `q` (negated parts are left out)."""
    targets = MatchTargets()
    _collect(q, reader, targets)
    return targets


def _collect(q: wq.Query, reader: IndexReader, targets: MatchTargets) -> None:
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        _collect(q.a, reader, targets)
        return
    field_name = getattr(q, "fieldname", None)
    if isinstance(q, wq.Phrase) and field_name in SEARCH_FIELDS:
        targets.phrases.add(tuple(str(word) for word in q.words))
    elif isinstance(q, wq.Term) and field_name in SEARCH_FIELDS:
        targets.terms.add(str(q.text))
    elif isinstance(q, wq.MultiTerm) and field_name in SEARCH_FIELDS:
        for _name, text in q.existing_terms(reader, expand=True):
            if len(targets.terms) < MAX_MARKED_TERMS:
                targets.terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    for child in q.children():
        _collect(child, reader, targets)


def match_spans(analyzer: Any, text: str, targets: MatchTargets) -> list[tuple[int, int]]:
    """Return the sorted, non-overlapping character spans of `text` that the targets match."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(_raw_spans(analyzer, text, targets)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _raw_spans(analyzer: Any, text: str, targets: MatchTargets) -> Iterator[tuple[int, int]]:
    if not targets:
        return
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]
    words = [token[0] for token in tokens]
    for i, (word, start, end) in enumerate(tokens):
        if word in targets.terms:
            yield start, end
        for phrase in targets.phrases:
            if tuple(words[i : i + len(phrase)]) == phrase:
                yield start, tokens[i + len(phrase) - 1][2]
