"""Run the judged queries against a real index of the bundled and synthetic corpus.

`python -m tests.relevance` prints nDCG@10, MRR and recall@20 for each ranking configuration,
from the foundation's baseline to the current default, so every change's effect is measured.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

from indexer.analysis import fingerprint
from indexer.backend import BackendSettings, SearchBackend, open_backend, open_store
from indexer.entities import load_gazetteer
from indexer.fields import WHO
from indexer.manifest import Manifest
from indexer.model import Document
from indexer.pipeline import load_documents
from indexer.results import SearchRequest
from indexer.whoosh.ranking import BASELINE, Ranking
from indexer.whoosh.search import WhooshSearch
from indexer.whoosh.store import build_index
from tests.relevance.metrics import RELEVANT, ndcg, recall, reciprocal_rank

HERE = Path(__file__).resolve().parent
CORPORA = (HERE.parent.parent / "documents", HERE / "corpus")
JUDGEMENTS = HERE / "judgements.toml"
K_NDCG, K_RECALL = 10, 20

_TUNED = replace(
    BASELINE,
    synonyms=True,
    dedupe=True,
    field_b={name: b for name, b in Ranking().field_b.items() if name != WHO},
    field_boosts={name: w for name, w in Ranking().field_boosts.items() if name != WHO},
)
CONFIGURATIONS: dict[str, Ranking] = {
    "baseline": BASELINE,
    "+synonyms": replace(BASELINE, synonyms=True),
    "+dedupe": replace(BASELINE, synonyms=True, dedupe=True),
    "+field B": replace(_TUNED, field_boosts=BASELINE.field_boosts, kind_priors={}),
    "+title 1.5": replace(_TUNED, kind_priors={}),
    "+kind prior": _TUNED,
    "default (+who field)": Ranking(),
}
"""Each step adds one choice to the one before; the last is what the search service uses."""


@dataclass(frozen=True)
class Judged:
    """One query with graded judgements (0–3) of element ids."""

    query: str
    grades: dict[str, int]


@dataclass(frozen=True)
class Scores:
    """Mean metrics over the judged queries."""

    ndcg: float
    mrr: float
    recall: float


def load_judgements(path: Path = JUDGEMENTS) -> list[Judged]:
    """Return the judged queries of the TOML file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Judged(entry["q"], dict(entry["grades"])) for entry in data["query"]]


def load_similar_judgements(path: Path = JUDGEMENTS) -> list[Judged]:
    """Return the judged "more like this" cases: `query` holds the element id."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Judged(entry["element"], dict(entry["grades"])) for entry in data.get("similar", [])]


def load_corpus() -> list[Document]:
    """Return the parsed bundled documents and the synthetic extension."""
    gazetteer = load_gazetteer()
    return list(chain.from_iterable(load_documents(root, gazetteer) for root in CORPORA))


@contextmanager
def corpus_index() -> Iterator[tuple[Path, list[Document]]]:
    """Yield a freshly built index of the evaluation corpus, and its documents."""
    documents = load_corpus()
    with tempfile.TemporaryDirectory(prefix="relevance-") as folder:
        build_index(documents, Path(folder))
        yield Path(folder), documents


def copies(documents: list[Document]) -> dict[str, set[str]]:
    """Return, per element id, the ids of every element with the same text (itself included)."""
    groups: dict[str, set[str]] = {}
    for element in chain.from_iterable(d.elements for d in documents):
        groups.setdefault(fingerprint(element.text) or element.id, set()).add(element.id)
    return {member: group for group in groups.values() for member in group}


def evaluate(service: SearchBackend, judged: list[Judged], groups: dict[str, set[str]]) -> Scores:
    """Return the mean nDCG@10, MRR and recall@20 of `service` over the judged queries."""
    totals = [0.0, 0.0, 0.0]
    for item in judged:
        results = service.search(SearchRequest(query=item.query, page_size=K_RECALL))
        ranked = [
            groups.get(hit.id, {hit.id}) | {s.id for s in hit.also_in} for hit in results.hits
        ]
        ideal = _ideal(item.grades, groups)
        relevant = _groups_of(item.grades, groups, RELEVANT)
        totals[0] += ndcg(ranked, item.grades, ideal, K_NDCG)
        totals[1] += reciprocal_rank(ranked, item.grades)
        totals[2] += recall(ranked, relevant, K_RECALL)
    n = len(judged)
    return Scores(totals[0] / n, totals[1] / n, totals[2] / n)


def evaluate_similar(
    service: WhooshSearch, judged: list[Judged], groups: dict[str, set[str]]
) -> Scores:
    """Return the mean nDCG@10, MRR and recall@10 of "more like this" over the judged cases."""
    totals = [0.0, 0.0, 0.0]
    for item in judged:
        hits = service.similar(item.query, K_NDCG) or []
        ranked = [groups.get(hit.id, {hit.id}) | {s.id for s in hit.also_in} for hit in hits]
        ideal = _ideal(item.grades, groups)
        relevant = _groups_of(item.grades, groups, RELEVANT)
        totals[0] += ndcg(ranked, item.grades, ideal, K_NDCG)
        totals[1] += reciprocal_rank(ranked, item.grades)
        totals[2] += recall(ranked, relevant, K_NDCG)
    n = max(len(judged), 1)
    return Scores(totals[0] / n, totals[1] / n, totals[2] / n)


def _ideal(grades: dict[str, int], groups: dict[str, set[str]]) -> list[int]:
    """Return the best grade of each judged text, copies counted once."""
    best: dict[frozenset[str], int] = {}
    for element_id, grade in grades.items():
        key = frozenset(groups.get(element_id, {element_id}))
        best[key] = max(best.get(key, 0), grade)
    return list(best.values())


def _groups_of(grades: dict[str, int], groups: dict[str, set[str]], least: int) -> list[set[str]]:
    found: dict[frozenset[str], set[str]] = {}
    for element_id, grade in grades.items():
        if grade >= least:
            group = groups.get(element_id, {element_id})
            found[frozenset(group)] = set(group)
    return list(found.values())


def main() -> None:
    """Print the metrics of every configuration."""
    judged = load_judgements()
    with corpus_index() as (location, documents):
        groups = copies(documents)
        print(f"{len(judged)} judged queries, {len(documents)} documents")
        print(f"{'configuration':<24} nDCG@10    MRR  recall@20")
        for name, ranking in CONFIGURATIONS.items():
            service = WhooshSearch(location, ranking=ranking)
            try:
                scores = evaluate(service, judged, groups)
            finally:
                service.close()
            print(f"{name:<24} {scores.ndcg:7.3f} {scores.mrr:6.3f} {scores.recall:10.3f}")
        similar = load_similar_judgements()
        service = WhooshSearch(location)
        try:
            scores = evaluate_similar(service, similar, groups)
        finally:
            service.close()
        print(f"\nmore like this, {len(similar)} judged elements: nDCG@10, MRR, recall@10")
        print(f"{'default':<24} {scores.ndcg:7.3f} {scores.mrr:6.3f} {scores.recall:10.3f}")
    cluster = os.environ.get("REPORTSEARCH_TEST_CLUSTER")
    if cluster:
        scores = typesense_scores(Path(cluster), documents, judged, groups)
        name = "Typesense engine"
        print(f"{name:<24} {scores.ndcg:7.3f} {scores.mrr:6.3f} {scores.recall:10.3f}")


def typesense_scores(
    cluster: Path, documents: list[Document], judged: list[Judged], groups: dict[str, set[str]]
) -> Scores:
    """Return the metrics of the Typesense engine on the cluster a cluster.json describes."""
    from tests.backends.cluster import read_cluster
    from tests.backends.conftest import drop_alias

    info = read_cluster(cluster)
    with tempfile.TemporaryDirectory(prefix="relevance-lock-") as lock:
        settings = BackendSettings(
            engine="typesense", index=Path(lock), nodes=info.nodes, api_key=info.api_key,
            collection=f"relevance{os.getpid()}",
        )  # fmt: skip
        try:
            with open_store(settings).writer(incremental=False) as writer:
                writer.add_documents(documents)
                writer.publish(Manifest({}))
            service = open_backend(settings)
            try:
                return evaluate(service, judged, groups)
            finally:
                service.close()
        finally:
            drop_alias(settings)
