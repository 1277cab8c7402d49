"""How much a hit of each element kind is worth before its words are weighed.

Shared ranking policy of every engine: findings and quotes are the inspectors' and speakers'
own statements; comments are first-hand accounts; sections include introductions,
boilerplate and notes to editors. The prior nudges close scores, it never overrides a clear
match (measured with `python -m tests.relevance`, see benchmarks/README.md).
"""

from __future__ import annotations

from indexer.model import ElementKind

KIND_PRIORS: dict[str, float] = {
    ElementKind.FINDING.value: 1.2,
    # Recommendations and ratings keep the neutral 1.0: giving recommendations a finding's 1.2
    # lowered nDCG@10 on the judged set (0.846 -> 0.843).
    ElementKind.QUOTE.value: 1.1,
    ElementKind.COMMENT.value: 1.0,
    ElementKind.SECTION.value: 0.85,
}
DEFAULT_PRIOR = 1.0
"""The prior of a kind the table does not name."""
