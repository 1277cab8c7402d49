"""The stemmer gives, word for word, the stems the embedded index was first built with.

Checked against Whoosh's Porter implementation on every word of the bundled corpus, the
relevance corpus and the benchmark vocabulary, and on words built from every suffix the
algorithm knows, so an index built by this code and one built before agree term for term.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from whoosh.lang.porter import stem as reference_stem

from indexer.stemming import stem

REPO = Path(__file__).resolve().parent.parent
_SUFFIX_TEXT = (
    "s es ies sses ed eed ing ational tional enci anci izer bli alli entli eli ousli ization "
    "ation ator alism iveness fulness ousness aliti iviti biliti logi icate ative alize iciti "
    "ical ful ness al ance ence er ic able ible ant ement ment ent ou ism ate iti ous ive ize "
    "sion tion e ll y"
)
SUFFIXES = tuple(_SUFFIX_TEXT.split())


def corpus_words() -> set[str]:
    words: set[str] = set()
    folders = ("documents", "tests/relevance/corpus", "benchmarks/data", "tests/data/html")
    for folder in folders:
        for path in (REPO / folder).rglob("*"):
            if path.is_file():
                words.update(re.findall(r"[a-z]+", path.read_text("utf-8", "ignore").lower()))
    return words


def test_stems_match_on_the_corpus_vocabulary() -> None:
    words = corpus_words()
    assert len(words) > 2000
    wrong = {w: (stem(w), reference_stem(w)) for w in words if stem(w) != reference_stem(w)}
    assert not wrong


def test_stems_match_on_every_suffix_and_on_made_up_words() -> None:
    generator = random.Random(7)
    letters = "aeiouybcdlmnrstgpyz"
    bases = sorted(corpus_words())[:1500]
    words = {base + suffix for base in bases for suffix in SUFFIXES}
    words |= {
        "".join(generator.choice(letters) for _ in range(generator.randint(1, 12)))
        for _ in range(20_000)
    }
    wrong = {w: (stem(w), reference_stem(w)) for w in words if stem(w) != reference_stem(w)}
    assert not wrong


def test_known_stems() -> None:
    assert [stem(w) for w in ("caseloads", "inspections", "slipped", "yearly", "hoped")] == [
        "caseload",
        "inspect",
        "slipp",
        "yearli",
        "hope",
    ]
