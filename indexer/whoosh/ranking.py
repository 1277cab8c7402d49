"""Ranking: BM25F with per-field length normalisation and a prior per element kind.

Why these numbers (measured with `python -m tests.relevance`, see benchmarks/README.md):
- field boosts title 1.5, heading 1.5, body 1.0: a title or heading word says what a passage
  is about, but every element of a document shares its title, so the title must not outweigh
  an element's own text (the baseline's 2.0 let comments under a matching title crowd out
  findings).
- `B` (length normalisation): 0.75 on the body, the BM25 standard; 0.9 was measured and lost
  0.004 nDCG. Titles and headings are short and shared: 0.5 keeps their length from mattering.
- a bare word also searches `who` (a quote's speaker, a comment's author; ×1.0, B 0.5): a
  quote by Glenys Stacey rarely says "Stacey".
- the kind prior multiplies the final score: findings and quotes are the inspectors' and
  speakers' own statements; comments are first-hand accounts; sections include intros,
  boilerplate and notes to editors. It nudges close scores, it never overrides a clear match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh import scoring

from indexer.fields import HEADING, TEXT, TITLE, WHO
from indexer.model import ElementKind
from indexer.whoosh.facets import FacetTable

KIND_PRIORS: dict[str, float] = {
    ElementKind.FINDING.value: 1.2,
    # Recommendations and ratings keep the neutral 1.0: giving recommendations a finding's 1.2
    # lowered nDCG@10 on the judged set (0.846 -> 0.843).
    ElementKind.QUOTE.value: 1.1,
    ElementKind.COMMENT.value: 1.0,
    ElementKind.SECTION.value: 0.85,
}
FIELD_BOOSTS: dict[str, float] = {TITLE: 1.5, HEADING: 1.5, TEXT: 1.0, WHO: 1.0}
"""A title or heading word says what a whole passage is about, so it counts more than one
body word; but every element of a document shares its title, so the title must not outweigh
an element's own text matching."""
FIELD_B: dict[str, float] = {TEXT: 0.75, TITLE: 0.5, HEADING: 0.5, WHO: 0.5}


@dataclass(frozen=True)
class Ranking:
    """The tunable choices of ranking, so the relevance benchmark can compare them."""

    field_boosts: Mapping[str, float] = field(default_factory=lambda: dict(FIELD_BOOSTS))
    field_b: Mapping[str, float] = field(default_factory=lambda: dict(FIELD_B))
    kind_priors: Mapping[str, float] = field(default_factory=lambda: dict(KIND_PRIORS))
    synonyms: bool = True
    """Expand acronyms and their long names into each other at query time."""
    dedupe: bool = True
    """Show an element reproduced verbatim by several documents once, with `also_in`."""
    k1: float = 1.2

    def weighting(self) -> KindPriorBM25F:
        """Return a fresh weighting model for one searcher."""
        return KindPriorBM25F(self)


BASELINE = Ranking(
    field_boosts={TITLE: 2.0, HEADING: 1.5, TEXT: 1.0},
    field_b={},
    kind_priors={},
    synonyms=False,
    dedupe=False,
)
"""The foundation's ranking (Whoosh's BM25F defaults, title 2.0), kept to measure against."""


class KindPriorBM25F(scoring.BM25F):
    """BM25F whose final score is multiplied by the prior of the element's kind."""

    use_final = True

    def __init__(self, ranking: Ranking) -> None:
        per_field = {f"{name}_B": b for name, b in ranking.field_b.items()}
        super().__init__(B=0.75, K1=ranking.k1, **per_field)
        self.kind_priors = ranking.kind_priors
        self.priors: NDArray[np.float64] | None = None

    def final(self, searcher: Any, docnum: int, score: float) -> float:
        """Return `score` times the prior of document `docnum`'s kind."""
        priors = self.priors
        if priors is None or docnum >= len(priors):
            return score
        return float(score * priors[docnum])

    def final_array(
        self, docnums: NDArray[np.int64], scores: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """Return `scores` of `docnums` times their kinds' priors (the vectorised `final`)."""
        priors = self.priors
        if priors is None:
            return scores
        inside = docnums < len(priors)
        factors = np.ones(len(docnums), dtype=np.float64)
        factors[inside] = priors[docnums[inside]]
        return scores * factors

    def set_kinds(self, kinds: FacetTable, size: int) -> None:
        """Compute the per-document priors from the kind facet's table of the current reader."""
        if not self.kind_priors:
            self.priors = None
            return
        priors = np.ones(size, dtype=np.float64)
        for i, kind in enumerate(kinds.values):
            docnums = kinds.docnums[kinds.offsets[i] : kinds.offsets[i + 1]]
            priors[docnums[docnums < size]] = self.kind_priors.get(kind, 1.0)
        self.priors = priors
