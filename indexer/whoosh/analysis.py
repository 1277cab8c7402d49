"""The shared analyzer (`indexer.analysis`) in the shape Whoosh's fields call.

Whoosh asks an analyzer for a stream of its `Token` objects under options (positions,
character spans, no morphology for the spelling field, stop words kept); this adapter
answers every such call from the one analysis chain every engine shares, so the terms
Whoosh indexes are exactly the terms the query parser and the highlighter produce.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer as WhooshAnalyzer
from whoosh.analysis.acore import Token

from indexer.analysis import (
    MIN_TERM_CHARS,
    WORD,
    Analyzer,
    default_analyzer,
    fold_variant,
    make_analyzer,
    normalise_word,
)
from indexer.stemming import stem


class TextAnalyzer(WhooshAnalyzer):
    """Whoosh's view of the shared analyzer (picklable: the schema stores it by reference)."""

    def __init__(self, analyzer: Analyzer | None = None) -> None:
        self.analyzer = analyzer or default_analyzer()

    def __getstate__(self) -> dict[str, Any]:
        return {}  # rebuilt from the data files on opening: the settings digest guards them

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.analyzer = default_analyzer()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextAnalyzer) and other.analyzer == self.analyzer

    def __hash__(self) -> int:
        return hash(TextAnalyzer)

    def has_morph(self) -> bool:
        """Return True: stems and spelling folds, so Whoosh keeps a separate spelling field."""
        return True

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Yield Whoosh tokens of `value` (one Token object, reused, as Whoosh's own do)."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            return self._whole(value, token, start_pos, start_char, keeporiginal)
        if not removestops or keeporiginal:
            return self._every_word(value, token, no_morph, start_pos, start_char, keeporiginal)
        return self._terms(value, token, no_morph, start_pos, start_char)

    def _terms(
        self, value: str, t: Token, no_morph: bool, start_pos: int, start_char: int
    ) -> Iterator[Token]:
        positions, chars = t.positions, t.chars
        for found in self.analyzer.tokens(value, morph=not no_morph):
            t.text = found.term
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + found.position
            if chars:
                t.startchar = start_char + found.start
                t.endchar = start_char + found.end
            yield t

    def _every_word(
        self,
        value: str,
        t: Token,
        no_morph: bool,
        start_pos: int,
        start_char: int,
        keeporiginal: bool,
    ) -> Iterator[Token]:
        """Yield every word, stop words marked `stopped` (as Whoosh's filters do on request):
        kept words are numbered as `Analyzer.tokens` numbers them, stop words keep their own
        place."""
        variants, stops = self.analyzer.variants, self.analyzer.stops
        kept: int | None = None
        for number, match in enumerate(WORD.finditer(value)):
            word = normalise_word(match.group(0))
            if not no_morph:
                word = fold_variant(word, variants)
            t.stopped = len(word) < MIN_TERM_CHARS or word in stops
            if t.stopped and t.removestops:
                continue
            t.text = word if (no_morph or t.stopped) else stem(word)
            if keeporiginal:
                t.original = match.group(0)  # type: ignore[attr-defined]
            t.boost = 1.0
            if not t.stopped:
                kept = number if kept is None else kept + 1
            if t.positions:
                t.pos = start_pos + (number if t.stopped or kept is None else kept)
            if t.chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t

    def _whole(
        self, value: str, t: Token, start_pos: int, start_char: int, keeporiginal: bool
    ) -> Iterator[Token]:
        t.text = self.analyzer.whole(value)
        t.stopped = t.text in self.analyzer.stops
        t.boost = 1.0
        if keeporiginal:
            t.original = value  # type: ignore[attr-defined]
        if t.positions:
            t.pos = start_pos
        if t.chars:
            t.startchar, t.endchar = start_char, start_char + len(value)
        yield t


def text_analyzer() -> TextAnalyzer:
    """Return the analyzer of every full-text field."""
    return TextAnalyzer(make_analyzer(None))
