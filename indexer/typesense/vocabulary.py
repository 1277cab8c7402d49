"""The index's vocabulary, kept beside a Typesense collection: what Typesense cannot tell.

Typesense matches tokens; it has no term dictionary to walk for `inspect*`, `ca?eload` or
`oversigt~1`, and no document frequencies to say which spelling is common. So each build
counts, per term field, in how many elements each analysed term occurs, and how often each
word is written as it is (the "did you mean" vocabulary). Expansions and suggestions are
then answered here, under the same limits as on any engine.
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from indexer.analysis import default_analyzer, name_terms
from indexer.fields import AUTHOR, SEARCH_FIELDS, TEXT
from indexer.records import Record
from indexer.spelling import CANDIDATES, edit_distance
from indexer.typesense.schema import ANY, OWN, OWN_FIELDS, TERM_FIELDS


@dataclass
class Vocabulary:
    """Element frequencies of terms per field (and ANY), and of words as written."""

    terms: dict[str, Counter[str]] = field(
        default_factory=lambda: {name: Counter() for name in (*TERM_FIELDS, ANY, OWN)}
    )
    words: Counter[str] = field(default_factory=Counter)
    elements: int = 0
    _sorted: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def count(self, record: Record, sign: int = 1) -> None:
        """Count the terms and words of one record (sign -1: a record deleted)."""
        analyzer = default_analyzer()
        union: set[str] = set()
        own: set[str] = set()
        for name in TERM_FIELDS:
            text = record.get(name) or ""
            found = set(name_terms(text) if name == AUTHOR else analyzer.terms(text))
            if name in SEARCH_FIELDS:
                union |= found
            if name in OWN_FIELDS:
                own |= found
            _add(self.terms[name], found, sign)
        _add(self.terms[ANY], union, sign)
        _add(self.terms[OWN], own, sign)
        _add(self.words, set(analyzer.words(record.get(TEXT) or "")), sign)
        self.elements += sign
        self._sorted.clear()

    def sorted_terms(self, name: str) -> list[str]:
        """Return the terms of field `name` (or ANY), sorted."""
        if name not in self._sorted:
            self._sorted[name] = sorted(self.terms[name])
        return self._sorted[name]

    def prefixed(self, name: str, prefix: str) -> Iterator[str]:
        """Yield the terms of `name` that start with `prefix`, in order."""
        terms = self.sorted_terms(name)
        for term in terms[bisect_left(terms, prefix) :]:
            if not term.startswith(prefix):
                return
            yield term

    def matching(self, name: str, pattern: str) -> Iterator[str]:
        """Yield the terms of `name` matching a `?`/`*` pattern."""
        literal = re.split(r"[*?]", pattern, maxsplit=1)[0]
        compiled = re.compile(fnmatch.translate(pattern))
        for term in self.prefixed(name, literal):
            if compiled.match(term):
                yield term

    def within(self, name: str, term: str, distance: int) -> Iterator[str]:
        """Yield the terms of `name` within `distance` edits of `term`."""
        for other in self.sorted_terms(name):
            if abs(len(other) - len(term)) <= distance and edit_distance(term, other) <= distance:
                yield other

    # The spelling Lexicon (indexer.spelling) of this vocabulary.

    def written(self, word: str) -> bool:
        """Return whether the texts write `word` exactly so."""
        return self.words.get(word, 0) > 0

    def term_frequency(self, term: str) -> int:
        """Return in how many elements `term` occurs in a bare word's fields."""
        return self.terms[ANY].get(term, 0)

    def candidates(self, word: str, distance: int, prefix: int) -> list[str]:
        """Return the closest written words to `word`, sharing its first `prefix` letters."""
        start = word[:prefix]
        words = self.sorted_words()
        found = []
        for other in words[bisect_left(words, start) :]:
            if not other.startswith(start):
                break
            if abs(len(other) - len(word)) <= distance:
                gap = edit_distance(word, other)
                if gap <= distance:
                    found.append((gap, -self.words[other], other))
        return [other for _gap, _freq, other in sorted(found)[:CANDIDATES]]

    def sorted_words(self) -> list[str]:
        """Return the written words, sorted."""
        if "" not in self._sorted:
            self._sorted[""] = sorted(self.words)
        return self._sorted[""]

    def to_json(self) -> dict[str, Any]:
        """Return the vocabulary as plain JSON data."""
        terms = {name: dict(counts) for name, counts in self.terms.items()}
        return {"terms": terms, "words": dict(self.words), "elements": self.elements}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Vocabulary:
        """Return the vocabulary of `to_json` data."""
        vocabulary = cls()
        for name, counts in data.get("terms", {}).items():
            vocabulary.terms[name] = Counter({str(k): int(n) for k, n in counts.items()})
        vocabulary.words = Counter({str(k): int(n) for k, n in data.get("words", {}).items()})
        vocabulary.elements = int(data.get("elements", 0))
        return vocabulary


def _add(counter: Counter[str], items: Iterable[str], sign: int) -> None:
    for item in items:
        counter[item] += sign
        if counter[item] <= 0:
            del counter[item]
