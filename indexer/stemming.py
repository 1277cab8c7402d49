"""English suffix stripping: the Porter algorithm, in the variant every index here is built with.

The conditions follow the regular-expression formulation of the algorithm that the embedded
engine's indexes were first built with, including its departures from Porter's paper (the
doubled-consonant and short-stem rules of step 1b only fire on two- and three-letter stems,
and `y` counts as neither vowel nor consonant in the measure). Keeping those departures keeps
every stem, and so every existing ranking, exactly as it was; `tests/test_stemming.py` checks
the stems word for word against that implementation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_C = "[^aeiouy]"
_V = "[aeiou]"
_MEASURE_ABOVE_0 = re.compile(rf"(?:{_C}+)?{_V}+{_C}+")
_MEASURE_ABOVE_1 = re.compile(rf"(?:{_C}+)?{_V}+{_C}+{_V}+{_C}+")
_MEASURE_EXACTLY_1 = re.compile(rf"(?:{_C}+)?{_V}+{_C}+(?:{_V}+)?")
_HAS_VOWEL = re.compile(rf"(?:{_C}+)?[aeiouy]")
_SHORT_SYLLABLE = re.compile(rf"{_C}+[aeiouy][^aeiouwxy]")
_DOUBLE_CONSONANT = re.compile(r"([^aeiouylsz])\1")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize",
    "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful",
    "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
}  # fmt: skip
_STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
)  # fmt: skip


def _measure_above_0(stem: str) -> bool:
    return _MEASURE_ABOVE_0.match(stem) is not None


def _measure_above_1(stem: str) -> bool:
    return _MEASURE_ABOVE_1.match(stem) is not None


def _longest_suffix(word: str, suffixes: Iterable[str]) -> str | None:
    """Return the longest of `suffixes` that `word` ends with, leaving a stem of 1+ letters."""
    fitting = [s for s in suffixes if len(word) > len(s) and word.endswith(s)]
    return max(fitting, key=len, default=None)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the stem of a lower-case English word (`caseloads` → `caseload`)."""
    if len(word) < 3:
        return word
    leading_y = word[0] == "y"
    if leading_y:
        word = "Y" + word[1:]  # a capital is outside both letter classes: a consonant here
    word = _plurals(word)
    word = _past_and_gerund(word)
    if word.endswith("y") and _HAS_VOWEL.match(word[:-1]):
        word = word[:-1] + "i"
    word = _replace_suffix(word, _STEP2)
    word = _replace_suffix(word, _STEP3)
    word = _strip_step4(word)
    word = _final_e_and_l(word)
    return "y" + word[1:] if leading_y else word


def _plurals(word: str) -> str:
    if word.endswith(("sses", "ies")):
        return word[:-2]
    if word.endswith("s") and word[-2] != "s":
        return word[:-1]
    return word


def _past_and_gerund(word: str) -> str:
    if word.endswith("eed"):
        return word[:-1] if _measure_above_0(word[:-3]) else word
    suffix = "ed" if word.endswith("ed") else "ing" if word.endswith("ing") else None
    if suffix is None:
        return word
    stem_ = word[: -len(suffix)]
    if not _HAS_VOWEL.match(stem_):
        return word
    if stem_ in ("at", "bl", "iz"):
        return stem_ + "e"
    if _DOUBLE_CONSONANT.fullmatch(stem_):
        return stem_[:-1]
    if _SHORT_SYLLABLE.fullmatch(stem_):
        return stem_ + "e"
    return stem_


def _replace_suffix(word: str, table: dict[str, str]) -> str:
    suffix = _longest_suffix(word, table)
    if suffix is not None and _measure_above_0(word[: -len(suffix)]):
        return word[: -len(suffix)] + table[suffix]
    return word


def _strip_step4(word: str) -> str:
    suffix = _longest_suffix(word, _STEP4)
    if suffix is not None:
        stem_ = word[: -len(suffix)]
        return stem_ if _measure_above_1(stem_) else word
    if len(word) > 4 and word.endswith(("sion", "tion")):
        stem_ = word[:-3]
        return stem_ if _measure_above_1(stem_) else word
    return word


def _final_e_and_l(word: str) -> str:
    if len(word) > 1 and word.endswith("e"):
        stem_ = word[:-1]
        short = _MEASURE_EXACTLY_1.fullmatch(stem_) and not _SHORT_SYLLABLE.fullmatch(stem_)
        if _measure_above_1(stem_) or short:
            word = stem_
    if word.endswith("ll") and _measure_above_1(word):
        word = word[:-1]
    return word
