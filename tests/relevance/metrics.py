"""Ranking metrics over graded judgements (0–3): nDCG@k, reciprocal rank, recall@k.

A ranked list is a list of hits, each a set of element ids: a hit shown once for a text that
several documents reproduce stands for all its copies, so it earns its best grade once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

RELEVANT = 2
"""Grade from which an element counts as relevant for MRR and recall (2 = clearly relevant)."""


def gains(ranked: Sequence[set[str]], grades: Mapping[str, int]) -> list[int]:
    """Return the grade each ranked hit earns; an element already credited earns nothing again."""
    credited: set[str] = set()
    earned = []
    for ids in ranked:
        fresh = ids - credited
        earned.append(max((grades.get(i, 0) for i in fresh), default=0))
        credited |= ids
    return earned


def ndcg(
    ranked: Sequence[set[str]], grades: Mapping[str, int], ideal: Sequence[int], k: int
) -> float:
    """Return nDCG@k with gain 2^grade − 1 against the `ideal` grades (best first)."""
    best = _dcg(sorted(ideal, reverse=True)[:k])
    return _dcg(gains(ranked, grades)[:k]) / best if best else 0.0


def reciprocal_rank(ranked: Sequence[set[str]], grades: Mapping[str, int]) -> float:
    """Return 1/rank of the first relevant hit, 0 if none is ranked."""
    for rank, grade in enumerate(gains(ranked, grades), start=1):
        if grade >= RELEVANT:
            return 1.0 / rank
    return 0.0


def recall(ranked: Sequence[set[str]], relevant_groups: Sequence[set[str]], k: int) -> float:
    """Return the share of relevant texts (groups of copies) found in the top k hits."""
    if not relevant_groups:
        return 0.0
    seen = set().union(*ranked[:k]) if ranked[:k] else set()
    return sum(1 for group in relevant_groups if group & seen) / len(relevant_groups)


def _dcg(grades: Sequence[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(grades, start=1))
