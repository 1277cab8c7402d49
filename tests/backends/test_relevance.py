"""The relevance gate of the clustered engine: the judged set scores above its own floor.

Typesense ranks by its text match on the words every match holds, not by BM25F, so its
floor is its own, a little below what it measures (docs/typesense.md; benchmarks/README.md,
"Relevance"): a change that makes its ranking worse fails CI.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.backends.cluster import shared_cluster
from tests.relevance.run import Scores, copies, load_corpus, load_judgements, typesense_scores

FLOOR = Scores(ndcg=0.79, mrr=0.90, recall=0.85)


def test_the_judged_queries_score_above_the_floor() -> None:
    info = shared_cluster()
    documents = load_corpus()
    cluster = Path(os.environ["REPORTSEARCH_TEST_CLUSTER"])
    assert info.nodes
    scores = typesense_scores(cluster, documents, load_judgements(), copies(documents))
    assert scores.ndcg >= FLOOR.ndcg
    assert scores.mrr >= FLOOR.mrr
    assert scores.recall >= FLOOR.recall
