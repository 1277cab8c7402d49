""" "Did you mean", the policy every engine shares: which words may be typos, which
candidates are offered, and how the best one is chosen.

An engine supplies the vocabulary (`Lexicon`): the words the texts write, how often, and how
often each analysed term occurs in the fields a bare word searches. Candidates start with
the letter typed (first letters are rarely mistyped, and it keeps the look-up small); the
closest candidate the index holds wins, the most frequent among equally close ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from indexer.analysis import is_spelling_variant
from indexer.query.syntax import Token, lex

MAX_DISTANCE = 2
SHORT_WORD = 5
"""Words this short get suggestions at distance 1 only (water → after is no help)."""
MIN_WORD_CHARS = 4
"""Shorter words have too many neighbours at distance 1 to guess well."""
SHARED_PREFIX = 1
"""Candidates start with the letter(s) typed, as in Lucene's spell checkers."""
MAX_CORRECTED_WORDS = 3
"""A query with more unknown words is not a typo; looking each one up would only cost time."""
CANDIDATES = 3
"""Candidates taken from each source (vocabulary, names) before the closest is chosen."""

Analyze = Callable[[str], list[str]]


class Lexicon(Protocol):
    """What an index tells the suggester."""

    def written(self, word: str) -> bool:
        """Return whether the texts contain `word` exactly as typed (before stemming)."""
        ...

    def term_frequency(self, term: str) -> int:
        """Return in how many elements the analysed `term` occurs (bare-word fields)."""
        ...

    def candidates(self, word: str, distance: int, prefix: int) -> list[str]:
        """Return up to CANDIDATES words of the texts within `distance` edits of `word`
        that share its first `prefix` letters, best first."""
        ...


NearNames = Callable[[str, Sequence[str], int, int], list[str]]
"""(word, names, distance, prefix) → the closest names: `nearest`, or an engine's own."""


def suggest(
    text: str,
    lexicon: Lexicon,
    analyze: Analyze,
    names: Iterable[str] = (),
    near: NearNames | None = None,
) -> str | None:
    """Return `text` with its unknown words corrected, or None if every word is known."""
    unknown = [token for token in lex(text) if misspelt(token, lexicon, analyze)]
    if not unknown or len(unknown) > MAX_CORRECTED_WORDS:
        return None
    name_words = sorted({w.casefold() for name in names for w in name.split() if w.isalpha()})
    pieces: list[str] = []
    cursor = 0
    changed = False
    for token in unknown:
        word = token.text.casefold()
        distance = 1 if len(word) <= SHORT_WORD else MAX_DISTANCE
        options = [
            *lexicon.candidates(word, distance, SHARED_PREFIX),
            *(near or nearest)(word, name_words, distance, SHARED_PREFIX),
        ]
        if known(word, lexicon, analyze):
            # Found through its stem (glenis ~ glenys): offer only how the texts spell it.
            options = [o for o in options if analyze(o) == analyze(word)]
        best = closest(word, options, lexicon, analyze)
        if best is not None:
            pieces += [text[cursor : token.start], best]
            cursor = token.end
            changed = True
    return "".join([*pieces, text[cursor:]]) if changed else None


def misspelt(token: Token, lexicon: Lexicon, analyze: Analyze) -> bool:
    """Return whether a query word may be a typo: a plain word the texts never write as typed,
    and not a spelling variant the analyzer folds (behavior finds behaviour)."""
    if not token.is_plain_word or not checkable(token.text):
        return False
    word = token.text.casefold()
    if lexicon.written(word):
        return False
    return not (is_spelling_variant(word) and known(word, lexicon, analyze))


def checkable(word: str) -> bool:
    """Return whether a word is worth checking: long enough, letters only, not an acronym."""
    return len(word) >= MIN_WORD_CHARS and word.isalpha() and not word.isupper()


def known(word: str, lexicon: Lexicon, analyze: Analyze) -> bool:
    """Return whether every term of `word` occurs in the index."""
    terms = analyze(word)
    return not terms or all(lexicon.term_frequency(term) for term in terms)


def closest(word: str, options: Sequence[str], lexicon: Lexicon, analyze: Analyze) -> str | None:
    """Return the option nearest to `word` that the index holds, most frequent first."""
    ranked = []
    for option in set(options):
        terms = analyze(option)
        frequency = min((lexicon.term_frequency(t) for t in terms), default=0)
        if frequency:
            ranked.append((edit_distance(word, option), -frequency, option))
    return min(ranked)[2] if ranked else None


def nearest(word: str, words: Iterable[str], distance: int, prefix: int) -> list[str]:
    """Return up to CANDIDATES of `words` within `distance` edits of `word`, closest first,
    sharing its first `prefix` letters."""
    start = word[:prefix]
    found = [
        (edit_distance(word, other), other)
        for other in words
        if other.startswith(start) and abs(len(other) - len(word)) <= distance
    ]
    return [other for gap, other in sorted(found) if gap <= distance][:CANDIDATES]


def edit_distance(a: str, b: str) -> int:
    """Return the Damerau–Levenshtein distance (adjacent swaps count once) between two words."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
