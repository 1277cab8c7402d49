"""Text like the corpus's own: word chains learnt from the bundled documents, per element kind.

A second-order Markov chain over the words of each kind of element (sections, findings,
quotes, comments) of the bundled and synthetic documents, parsed by the project's own parser,
so generated text has the corpus's vocabulary, phrases and word frequencies. Lengths are drawn
from the same elements' lengths. Comments get the typos real comment threads have (the long
tail of the vocabulary), and region names are swapped for the document's own region.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from indexer.entities import load_gazetteer
from indexer.parse import parse_source
from indexer.sources import PDF_SUFFIX, document_id, iter_source_paths, read_source

REPO = Path(__file__).resolve().parent.parent
TRAINING_CORPORA = (REPO / "documents", REPO / "tests" / "relevance" / "corpus")
BUNDLED_GAZETTEER = REPO / "indexer" / "data" / "gazetteer.toml"
START = ("", "")
MAX_SENTENCE_WORDS = 45
TYPO_RATE = 0.012
"""Share of comment words misspelt (a letter swapped or dropped), as readers type."""

# Characters that would make the project's parser see quotes, lead-ins or bullets in
# generated prose; quotes, lead-ins and bullets are generated on purpose instead.
_UNSAFE = str.maketrans({"“": "", "”": "", '"': "", ":": ",", ";": ",", "•": "", "‘": "'"})
_ENDS = (".", "!", "?")
_DATED = re.compile(r"\s*\((?:\d{1,2} )?[A-Z][a-z]+ \d{4}\)")
"""A date in brackets ("published today (14 December 2016)") would date the generated post."""


@dataclass
class Chain:
    """Word transitions of one kind of text, and the lengths (in words) its elements have."""

    transitions: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)

    def learn(self, text: str) -> None:
        """Add the sentences of `text` to the chain."""
        words = _DATED.sub("", text).translate(_UNSAFE).split()
        if not words:
            return
        self.lengths.append(len(words))
        state = START
        for word in words:
            self.transitions.setdefault(state, []).append(word)
            state = (state[1], word)
            if word.endswith(_ENDS):
                self.transitions.setdefault(state, []).append("")
                state = START
        if state != START:
            self.transitions.setdefault(state, []).append("")

    def sentence(self, rng: random.Random) -> list[str]:
        """Return one sentence walked from a sentence start."""
        state: tuple[str, str] = START
        words: list[str] = []
        while len(words) < MAX_SENTENCE_WORDS:
            options = self.transitions.get(state)
            if not options:
                break
            word = rng.choice(options)
            if not word:
                break
            words.append(word)
            state = (state[1], word)
        if words and not words[-1].endswith(_ENDS):
            words[-1] = words[-1].rstrip(",-–—") + "."
        return words

    def text(self, rng: random.Random, words: int | None = None) -> str:
        """Return sentences adding up to about `words` words (drawn like the real ones if None)."""
        target = words or self.draw_length(rng)
        out: list[str] = []
        while len(out) < target:
            sentence = self.sentence(rng)
            if not sentence:
                break
            out += sentence
        return " ".join(out) if out else "Probation work was inspected."

    def draw_length(self, rng: random.Random) -> int:
        """Return an element length in words, drawn from the learnt lengths with some spread."""
        return max(6, int(rng.choice(self.lengths) * rng.uniform(0.6, 1.4)))


@dataclass
class Language:
    """One chain per element kind, plus the region names the texts mention."""

    chains: dict[str, Chain]
    region_words: frozenset[str]

    def text(self, kind: str, rng: random.Random, region: str, words: int | None = None) -> str:
        """Return text of `kind` set in `region`, with typos if it is a reader's comment."""
        text = self.chains[kind].text(rng, words)
        text = _swap_regions(text, self.region_words, region)
        return misspell(text, rng, TYPO_RATE) if kind == "comment" else text

    def heading(self, rng: random.Random) -> str:
        """Return a short heading-shaped line (no final stop, capitalised)."""
        words = self.chains["section"].sentence(rng)[: rng.randint(3, 7)]
        line = " ".join(words).rstrip(".!?,") or "Inspection findings"
        return line[0].upper() + line[1:]


def misspell(text: str, rng: random.Random, rate: float) -> str:
    """Return `text` with about `rate` of its longer words misspelt."""
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) > 4 and word.isalpha() and rng.random() < rate:
            j = rng.randrange(1, len(word) - 1)
            if rng.random() < 0.5:
                words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
            else:
                words[i] = word[:j] + word[j + 1 :]
    return " ".join(words)


def _swap_regions(text: str, region_words: frozenset[str], region: str) -> str:
    return " ".join(
        region + word[len(word.rstrip(",.!?")) :] if word.rstrip(",.!?") in region_words else word
        for word in text.split(" ")
    )


@lru_cache(maxsize=1)
def learn_language(corpora: Sequence[Path] = TRAINING_CORPORA) -> Language:
    """Return the chains learnt from the parsed elements of `corpora`."""
    chains: dict[str, Chain] = defaultdict(Chain)
    gazetteer = load_gazetteer()
    for text, kind in _element_texts(corpora, gazetteer):
        chains[kind].learn(text)
    regions = frozenset(alias for alias in region_aliases() if " " not in alias)
    return Language(dict(chains), regions)


def region_aliases(path: Path = BUNDLED_GAZETTEER) -> list[str]:
    """Return the names and aliases of the regions of a gazetteer file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        alias for entry in data.get("region", []) for alias in (entry["name"], *entry["aliases"])
    ]


def _element_texts(corpora: Iterable[Path], gazetteer: object) -> Iterable[tuple[str, str]]:
    """Yield the texts of the commentary (posts, releases, pages) with their kinds.

    Report PDFs are left out: the generated posts are commentary, and the reports' share of
    the benchmark is their own (`benchmarks/pdf_build.py`).
    """
    for root in corpora:
        for path in iter_source_paths(root):
            if isinstance(path, Path) and not path.name.lower().endswith(PDF_SUFFIX):
                source = read_source(path, document_id(path, root))
                document = parse_source(source, gazetteer)  # type: ignore[arg-type]
                for element in document.elements:
                    yield element.text, element.kind.value
