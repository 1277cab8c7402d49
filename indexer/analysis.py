"""Text analysis for every full-text field: the analyzer chain, spelling variants, synonyms.

Words are NFKC-normalised (ligatures, full-width letters), lower-cased, accents folded,
American spellings folded into British ones (`behavior` → `behaviour`, `organize` →
`organise`), stop words dropped and stems taken.
The same chain runs at index and query time, so `behavior` finds "behaviour". Synonyms
(acronyms and their expansions) are applied at query time by `querying`, from a data file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.acore import Token
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.support.charset import accent_map

VARIANTS_FILE = "spelling_variants.txt"
SYNONYMS_FILE = "synonyms.txt"

_INFLECTIONS = ("", "s", "es", "ed", "ing", "al", "ally", "able", "ably", "ful", "hood")
"""Endings under which a listed variant pair is folded too (behavior-al, honor-able)."""

_IZE = re.compile(r"^([a-z]{3,})(iz|yz)(e|es|ed|ing|ation|ations|ational|er|ers)$")
"""organize, realized, analyzing, prioritization: -ize/-yze forms folded to -ise/-yse."""

FINGERPRINT_MIN_WORDS = 8
"""Shorter texts ("Reply", "Very annoying indeed") may repeat without being one reproduced text."""


def _data_text(name: str, path: Path | None) -> str:
    if path is not None:
        return path.read_text(encoding="utf-8")
    return resources.files("indexer").joinpath("data", name).read_text(encoding="utf-8")


def _data_lines(text: str) -> Iterator[str]:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@lru_cache(maxsize=4)
def load_variants(path: Path | None = None) -> dict[str, str]:
    """Return American → British spellings, with inflected forms, from the variants file."""
    folded: dict[str, str] = {}
    for line in _data_lines(_data_text(VARIANTS_FILE, path)):
        american, british = (fold_accents(w.lower()) for w in line.split()[:2])
        for ending in _INFLECTIONS:
            folded.setdefault(_inflect(american, ending), _inflect(british, ending))
    return {k: v for k, v in folded.items() if k != v}


def _inflect(base: str, ending: str) -> str:
    """Return `base` + `ending`, dropping a final e before a vowel (licence → licenced)."""
    if ending and base.endswith("e") and ending[0] in "aeiou":
        return base[:-1] + ending
    return base + ending


@lru_cache(maxsize=4)
def load_synonyms(path: Path | None = None) -> tuple[tuple[str, ...], ...]:
    """Return the synonym groups (each a tuple of names for one thing) from the synonyms file."""
    groups = []
    for line in _data_lines(_data_text(SYNONYMS_FILE, path)):
        members = tuple(m.strip() for m in line.split("|") if m.strip())
        if len(members) > 1:
            groups.append(members)
    return tuple(groups)


def is_spelling_variant(word: str) -> bool:
    """Return whether `word` is an American spelling the analyzer folds (behavior, organize)."""
    word = word.casefold()
    return word in load_variants() or _IZE.match(word) is not None


def fold_accents(text: str) -> str:
    """Return `text` with accents removed (café → cafe)."""
    if text.isascii():
        return text  # nothing to decompose: the common case, and fingerprints run on every text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class VariantFilter(Filter):
    """Fold American spellings into British ones: listed pairs, then the -ize/-yze rule."""

    is_morph = True  # the spelling field keeps words as written, for "did you mean"

    def __init__(self, variants: dict[str, str]) -> None:
        self.variants = variants

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        """Yield the tokens of the stream `value`, American spellings folded."""
        variants = self.variants
        for token in tokens:
            text = token.text
            folded = variants.get(text)
            if folded is None:
                match = _IZE.match(text)
                folded = f"{match[1]}{match[2][0]}s{match[3]}" if match else None
            if folded is not None:
                token.text = folded
            yield token


class CompatibilityFilter(Filter):
    """Fold compatibility characters: ligatures from PDFs (ﬁndings), full-width letters (ＮＰＳ)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        for token in tokens:
            if not token.text.isascii():
                token.text = unicodedata.normalize("NFKC", token.text)
            yield token


def text_analyzer(variants: dict[str, str] | None = None) -> Any:
    """Return the analyzer shared by every full-text field, at index and query time."""
    return TextAnalyzer(
        RegexTokenizer(),
        CompatibilityFilter(),
        LowercaseFilter(),
        CharsetFilter(accent_map),
        VariantFilter(dict(load_variants()) if variants is None else variants),
        StopFilter(),
        StemFilter(),
    )


class TextAnalyzer(CompositeAnalyzer):
    """The chain of `text_analyzer`, run as one loop instead of seven nested generators.

    Same tokens, same attributes (`tests/test_analysis.py` compares them with the generic
    chain): analysis was half the cost of indexing, most of it generator hand-offs. Calls
    the fused loop does not cover (no tokenizing, original text kept) take the generic path.
    """

    def __call__(
        self,
        value: str,
        no_morph: bool = False,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Yield the analyzed tokens of `value` (one Token object, reused, as Whoosh does)."""
        options: dict[str, Any] = {
            "positions": positions,
            "chars": chars,
            "removestops": removestops,
        }
        options["mode"] = mode
        if not tokenize or keeporiginal or tuple(map(type, self.items)) != _CHAIN:
            return super().__call__(
                value,
                no_morph=no_morph,
                keeporiginal=keeporiginal,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=tokenize,
                **options,
                **kwargs,
            )
        token = Token(**options, **kwargs)
        return self._fused(value, token, no_morph, start_pos, start_char)

    def _fused(
        self, value: str, t: Token, no_morph: bool, start_pos: int, start_char: int
    ) -> Iterator[Token]:
        tokenizer, _, _, charset, variant, stop, stem = self.items
        charmap = charset.charmap  # type: ignore[attr-defined]
        variants = variant.variants  # type: ignore[attr-defined]
        stops, minsize, maxsize = stop.stops, stop.min, stop.max  # type: ignore[attr-defined]
        renumber = stop.renumber and t.positions  # type: ignore[attr-defined]
        stem_word, ignore = stem._stem, stem.ignore  # type: ignore[attr-defined]
        positions, chars, removestops = t.positions, t.chars, t.removestops
        pos = None
        for number, match in enumerate(tokenizer.expression.finditer(value)):  # type: ignore[attr-defined]
            text = match.group(0)
            if text.isascii():
                text = text.lower()  # the accent map leaves lower-case ASCII as it is
            else:
                text = unicodedata.normalize("NFKC", text).lower().translate(charmap)
            if not no_morph:
                text = _fold_variant(text, variants)
            t.boost = 1.0
            if positions:
                t.pos = start_pos + number
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            if (
                len(text) >= minsize
                and (maxsize is None or len(text) <= maxsize)
                and (text not in stops)
            ):
                if renumber:
                    pos = t.pos if pos is None else pos + 1
                    t.pos = pos
                t.stopped = False
                t.text = text if no_morph or text in ignore else stem_word(text)
                yield t
            elif not removestops:
                t.stopped = True
                t.text = text
                yield t


_CHAIN = (
    RegexTokenizer,
    CompatibilityFilter,
    LowercaseFilter,
    CharsetFilter,
    VariantFilter,
    StopFilter,
    StemFilter,
)


def _fold_variant(text: str, variants: dict[str, str]) -> str:
    """Return `text` with an American spelling folded, as `VariantFilter` does."""
    folded = variants.get(text)
    if folded is not None:
        return folded
    if "z" in text:  # the -ize/-yze rule needs a z; most words skip the regex
        match = _IZE.match(text)
        if match:
            return f"{match[1]}{match[2][0]}s{match[3]}"
    return text


def fingerprint(text: str) -> str | None:
    """Return a short hash of `text`'s words, equal for copies that differ in case or spacing."""
    words = re.findall(r"\w+", fold_accents(text).casefold())
    if len(words) < FINGERPRINT_MIN_WORDS:
        return None
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()
