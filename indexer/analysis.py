"""Text analysis shared by every engine: words → the terms they are indexed and searched as.

Words are NFKC-normalised (ligatures, full-width letters), lower-cased, Latin accents folded,
American spellings folded into British ones (`behavior` → `behaviour`, `organize` →
`organise`), stop words dropped and stems taken (`indexer.stemming`). The same chain runs at
index and query time and in every engine, so `behavior` finds "behaviour" and two engines fed
the same corpus match the same elements. Synonyms (acronyms and their expansions) are applied
at query time by `indexer.query`, from a data file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from indexer.stemming import stem

VARIANTS_FILE = "spelling_variants.txt"
SYNONYMS_FILE = "synonyms.txt"
STOP_WORDS_FILE = "stop_words.txt"

WORD = re.compile(r"[\w*]+(?:\.?[\w*]+)*")
"""A word: letters, digits, underscores (and `*`, so a wildcard stays one word), with inner
dots kept (`e.g`, `1.2`)."""
MIN_TERM_CHARS = 2
"""Shorter words ("a", "I", "x") say nothing about a passage and are dropped like stop words."""

_INFLECTIONS = ("", "s", "es", "ed", "ing", "al", "ally", "able", "ably", "ful", "hood")
"""Endings under which a listed variant pair is folded too (behavior-al, honor-able)."""

_IZE = re.compile(r"^([a-z]{3,})(iz|yz)(e|es|ed|ing|ation|ations|ational|er|ers)$")
"""organize, realized, analyzing, prioritization: -ize/-yze forms folded to -ise/-yse."""

FINGERPRINT_MIN_WORDS = 8
"""Shorter texts ("Reply", "Very annoying indeed") may repeat without being one reproduced text."""

_LATIN_EXTRA = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ð": "d", "þ": "th", "đ": "d", "ħ": "h",
    "ı": "i", "ł": "l", "ŀ": "l", "ŧ": "t", "ŋ": "n", "ƒ": "f", "ĸ": "k",
}  # fmt: skip
"""Latin letters with no decomposition, folded to the letters readers take them for."""


class AnalyzedToken(NamedTuple):
    """One indexed term with its word position and its character span in the text."""

    term: str
    position: int
    start: int
    end: int


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


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return the words too common to index (the stop-words data file)."""
    return frozenset(
        w for line in _data_lines(_data_text(STOP_WORDS_FILE, None)) for w in line.split()
    )


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


@lru_cache(maxsize=4096)
def _fold_latin_char(ch: str) -> str:
    if ch in _LATIN_EXTRA:
        return _LATIN_EXTRA[ch]
    if not ("\u00c0" <= ch <= "\u02af" or "\u1e00" <= ch <= "\u1eff"):
        return ch  # other scripts keep their marks: they are letters there, not accents
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or ch


def normalise_word(word: str) -> str:
    """Return a word as the analyzer compares it: NFKC, lower case, Latin accents folded."""
    if word.isascii():
        return word.lower()
    word = unicodedata.normalize("NFKC", word).lower()
    return "".join(_fold_latin_char(ch) for ch in word) if not word.isascii() else word


def fold_variant(word: str, variants: dict[str, str]) -> str:
    """Return `word` with an American spelling folded into the British one."""
    folded = variants.get(word)
    if folded is not None:
        return folded
    if "z" in word:  # the -ize/-yze rule needs a z; most words skip the regex
        match = _IZE.match(word)
        if match:
            return f"{match[1]}{match[2][0]}s{match[3]}"
    return word


@dataclass(frozen=True)
class Analyzer:
    """The one analysis chain; `variants` defaults to the bundled spelling-variants file."""

    variants: dict[str, str]
    stops: frozenset[str]

    def tokens(self, text: str, morph: bool = True) -> Iterator[AnalyzedToken]:
        """Yield the terms of `text` with positions and spans; `morph=False` keeps words as
        written (no variant folding, no stems: the spelling vocabulary).

        Positions count every word, but after a dropped stop word the next kept word takes
        the following position, so a phrase with a stop word inside still matches.
        """
        variants, stops = self.variants, self.stops
        position: int | None = None
        for number, match in enumerate(WORD.finditer(text)):
            word = normalise_word(match.group(0))
            if morph:
                word = fold_variant(word, variants)
            if len(word) < MIN_TERM_CHARS or word in stops:
                continue
            position = number if position is None else position + 1
            yield AnalyzedToken(stem(word) if morph else word, position, match.start(), match.end())

    def terms(self, text: str) -> list[str]:
        """Return the terms of `text` in order."""
        return [token.term for token in self.tokens(text)]

    def words(self, text: str) -> list[str]:
        """Return the words of `text` as written, lower-cased and folded (no stems)."""
        return [token.term for token in self.tokens(text, morph=False)]

    def whole(self, text: str) -> str:
        """Return `text` analysed as one word, not split (a wildcard's letters: `Caseloads*`)."""
        word = fold_variant(normalise_word(text), self.variants)
        return word if word in self.stops else stem(word)


@lru_cache(maxsize=8)
def make_analyzer(variants_file: Path | None = None) -> Analyzer:
    """Return the analyzer over the bundled (or given) spelling-variants file."""
    return Analyzer(load_variants(variants_file), stop_words())


def default_analyzer() -> Analyzer:
    """Return the analyzer every index and query uses."""
    return make_analyzer(None)


def name_terms(text: str) -> list[str]:
    """Return the terms of a name field (an author): lower case, no stems, no stop words."""
    stops = stop_words()
    words = (match.group(0).lower() for match in WORD.finditer(text))
    return [w for w in words if len(w) >= MIN_TERM_CHARS and w not in stops]


def fingerprint(text: str) -> str | None:
    """Return a short hash of `text`'s words, equal for copies that differ in case or spacing."""
    words = re.findall(r"\w+", fold_accents(text).casefold())
    if len(words) < FINGERPRINT_MIN_WORDS:
        return None
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()
