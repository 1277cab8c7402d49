"""Which words of a text to mark: the query's terms, and its phrases only where they occur whole.

A synonym expansion such as `(NPS OR "national probation service")` must mark "NPS" and the
full name, not every "service" in the text, so phrases are matched as term sequences. The
engine says which terms its query matched (`MatchTargets`, wildcards expanded against its
vocabulary); the spans come from the shared analyzer, so every engine marks alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from indexer.analysis import Analyzer, default_analyzer
from indexer.fields import SEARCH_FIELDS
from indexer.query.tree import Fuzzy, Node, Phrase, Prefix, Terms, Wildcard, walk
from indexer.results import Span

MAX_MARKED_TERMS = 512

Expand = Callable[[Prefix | Wildcard | Fuzzy], Iterable[str]]
"""The index terms an expanding node matches, as the engine sees them."""


@dataclass
class MatchTargets:
    """The analysed terms and phrases of a query's positive, full-text parts."""

    terms: set[str] = field(default_factory=set)
    phrases: set[tuple[str, ...]] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)


def targets_of(tree: Node, expand: Expand) -> MatchTargets:
    """Return what to mark for `tree` (negated parts and value filters are left out)."""
    targets = MatchTargets()
    for node, negated in walk(tree):
        if negated or getattr(node, "field", "") not in (None, *SEARCH_FIELDS):
            continue
        if isinstance(node, Terms):
            targets.terms.update(node.terms)
        elif isinstance(node, Phrase):
            targets.phrases.add(node.terms)
        elif isinstance(node, Prefix | Wildcard | Fuzzy):
            for term in expand(node):
                if len(targets.terms) >= MAX_MARKED_TERMS:
                    break
                targets.terms.add(term)
    return targets


def match_spans(text: str, targets: MatchTargets, analyzer: Analyzer | None = None) -> list[Span]:
    """Return the sorted, non-overlapping character spans of `text` that the targets match."""
    merged: list[Span] = []
    for start, end in sorted(_raw_spans(analyzer or default_analyzer(), text, targets)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _raw_spans(analyzer: Analyzer, text: str, targets: MatchTargets) -> Iterator[Span]:
    if not targets:
        return
    tokens = list(analyzer.tokens(text))
    words = [token.term for token in tokens]
    for i, token in enumerate(tokens):
        if token.term in targets.terms:
            yield token.start, token.end
        for phrase in targets.phrases:
            if tuple(words[i : i + len(phrase)]) == phrase:
                yield token.start, tokens[i + len(phrase) - 1].end
