""" "Did you mean" on Whoosh: the shared policy (`indexer.spelling`) over an index reader.

Candidates come from the index's own vocabulary (the unstemmed spelling field, so the
suggestion reads as the documents write it: `casloads` → `caseloads`) through Whoosh's
Levenshtein automaton, and from the names of people and organisations (`glenis stacy` →
`glenys stacey`) through its list corrector.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

from whoosh.codec.base import Automata
from whoosh.reading import IndexReader
from whoosh.spelling import Corrector, ListCorrector

from indexer import spelling
from indexer.fields import SEARCH_FIELDS, TEXT
from indexer.spelling import CANDIDATES, Analyze


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
    lexicon = ReaderLexicon(reader, vocabulary)
    return spelling.suggest(text, lexicon, analyze, names, near=_near_names)


class ReaderLexicon:
    """The spelling `Lexicon` of a Whoosh reader."""

    def __init__(self, reader: IndexReader, vocabulary: Sequence[str] | None) -> None:
        self.reader = reader
        self.vocabulary = vocabulary
        self.spelling = reader.schema[TEXT].spelling_fieldname(TEXT)
        self._corrector: Corrector | None = None

    def written(self, word: str) -> bool:
        """Return whether the texts contain `word` exactly as typed (before stemming)."""
        return self.reader.doc_frequency(self.spelling, word) > 0

    def term_frequency(self, term: str) -> int:
        """Return in how many elements `term` occurs, over the bare-word fields."""
        return sum(self.reader.doc_frequency(field, term) for field in SEARCH_FIELDS)

    def candidates(self, word: str, distance: int, prefix: int) -> list[str]:
        """Return the best written words within `distance` edits, by Whoosh's corrector."""
        if self._corrector is None:  # made only when a word is unknown
            self._corrector = (
                self.reader.corrector(TEXT)
                if self.vocabulary is None
                else VocabularyCorrector(self.reader, self.vocabulary)
            )
        return list(
            self._corrector.suggest(word, limit=CANDIDATES, maxdist=distance, prefix=prefix)
        )


def _near_names(word: str, names: Sequence[str], distance: int, prefix: int) -> list[str]:
    """Return the names within `distance` edits of `word`, by Whoosh's list corrector."""
    corrector = ListCorrector(list(names))
    return list(corrector.suggest(word, limit=CANDIDATES, maxdist=distance, prefix=prefix))


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
