""" "Did you mean": replace words the index does not know by close words it does.

Candidates come from the index's own vocabulary (the unstemmed spelling field, so the
suggestion reads as the documents write it: `casloads` → `caseloads`) and from the names
of people and organisations (`glenis stacy` → `glenys stacey`). The closest candidate wins;
among equally close ones, the most frequent.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

from whoosh.codec.base import Automata
from whoosh.reading import IndexReader
from whoosh.spelling import Corrector, ListCorrector

from indexer.analysis import is_spelling_variant
from indexer.fields import SEARCH_FIELDS, TEXT
from indexer.query.syntax import Token, lex
from indexer.spelling import (
    MAX_CORRECTED_WORDS,
    MAX_DISTANCE,
    SHARED_PREFIX,
    SHORT_WORD,
    Analyze,
    checkable,
    edit_distance,
)


def suggest(
    text: str,
    reader: IndexReader,
    analyze: Analyze,
    names: Iterable[str] = (),
    vocabulary: Sequence[str] | None = None,
) -> str | None:
    """Return `text` with its unknown words corrected, or None if every word is known.

    `vocabulary` is `spelling_words(reader)`, kept by the caller for the reader's lifetime.
    """
    spelling = reader.schema[TEXT].spelling_fieldname(TEXT)
    unknown = [token for token in lex(text) if _misspelt(token, reader, spelling, analyze)]
    if not unknown or len(unknown) > MAX_CORRECTED_WORDS:
        return None
    name_words = sorted({w.casefold() for name in names for w in name.split() if w.isalpha()})
    corrector: Corrector = (
        reader.corrector(TEXT) if vocabulary is None else VocabularyCorrector(reader, vocabulary)
    )
    names_corrector = ListCorrector(name_words)
    pieces: list[str] = []
    cursor = 0
    changed = False
    for token in unknown:
        word = token.text.casefold()
        distance = 1 if len(word) <= SHORT_WORD else MAX_DISTANCE
        options = [
            *corrector.suggest(word, limit=3, maxdist=distance, prefix=SHARED_PREFIX),
            *names_corrector.suggest(word, limit=3, maxdist=distance, prefix=SHARED_PREFIX),
        ]
        if _known(word, reader, analyze):
            # Found through its stem (glenis ~ glenys): offer only how the texts spell it.
            options = [o for o in options if analyze(o) == analyze(word)]
        best = _closest(word, options, reader, analyze)
        if best is not None:
            pieces += [text[cursor : token.start], best]
            cursor = token.end
            changed = True
    return "".join([*pieces, text[cursor:]]) if changed else None


def spelling_words(reader: IndexReader) -> list[str]:
    """Return the words of the text as written (the spelling field), sorted."""
    field = reader.schema[TEXT].spelling_fieldname(TEXT)
    return [word.decode("utf-8") for word in reader.lexicon(field)]


class VocabularyCorrector(Corrector):
    """Whoosh's ReaderCorrector over the spelling words held in memory.

    The same Levenshtein automaton and ranking; it skips through a sorted list instead of
    seeking in the on-disk term file (most of a misspelt query's time), and gives one
    segment's answer for any number of segments.
    """

    def __init__(self, reader: IndexReader, words: Sequence[str]) -> None:
        self.reader = reader
        self.words = words

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        dfa = Automata.levenshtein_dfa(text, maxdist, prefix)
        for word in Automata.find_matches(dfa, _ListCursor(self.words)):
            frequency = self.reader.frequency(TEXT, word) or 1
            yield 0 - (maxdist + (1.0 / frequency * 0.5)), word  # ReaderCorrector's score


class _ListCursor:
    """The part of Whoosh's term cursor `Automata.find_matches` uses, over a sorted list."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = words
        self.at = 0

    def text(self) -> str | None:
        return self.words[self.at] if self.at < len(self.words) else None

    def find(self, word: str) -> None:
        self.at = bisect_left(self.words, word)


def _misspelt(token: Token, reader: IndexReader, spelling_field: str, analyze: Analyze) -> bool:
    """Return whether a query word may be a typo: a plain word the texts never write as typed,
    and not a spelling variant the analyzer folds (behavior finds behaviour)."""
    if not token.is_plain_word or not checkable(token.text):
        return False
    word = token.text.casefold()
    if _as_written(reader, spelling_field, word):
        return False
    return not (is_spelling_variant(word) and _known(word, reader, analyze))


def _as_written(reader: IndexReader, spelling_field: str, word: str) -> bool:
    """Return whether the texts contain `word` exactly as typed (before stemming)."""
    return reader.doc_frequency(spelling_field, word) > 0


def _known(word: str, reader: IndexReader, analyze: Analyze) -> bool:
    terms = analyze(word)
    return not terms or all(_frequency(term, reader) for term in terms)


def _frequency(term: str, reader: IndexReader) -> int:
    return sum(reader.doc_frequency(field, term) for field in SEARCH_FIELDS)


def _closest(
    word: str, options: Sequence[str], reader: IndexReader, analyze: Analyze
) -> str | None:
    """Return the option nearest to `word` that the index holds, most frequent first."""
    ranked = []
    for option in set(options):
        terms = analyze(option)
        frequency = min((_frequency(t, reader) for t in terms), default=0)
        if frequency:
            ranked.append((edit_distance(word, option), -frequency, option))
    return min(ranked)[2] if ranked else None
