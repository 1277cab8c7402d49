"""The contract suite's fixtures: one corpus, indexed by every engine through the pipeline.

The corpus is the bundled documents, the relevance suite's synthetic extension and one
file of awkward text (accents, other scripts, hyphens, very long words). Each engine
indexes it with `index_corpus` exactly as `reportsearch index` does; Typesense into a
collection of its own on the test cluster, dropped at the end.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from indexer.backend import BackendSettings, SearchBackend, open_backend, open_store
from indexer.pipeline import IndexReport, index_corpus
from tests.backends.cluster import ClusterInfo, shared_cluster
from tests.conftest import REPO, SEED_DOCUMENTS

BACKENDS = ("whoosh", "typesense")
UNICODE_TEXT = """Notes from a visit: café culture and the probation office

The inspectors met staff at the Café Ærø in Ærøskøbing, a naïve idea perhaps, but the
co-ordinator said post-release supervision was the focus. Ὀδυσσεύς appears in a poem on the
wall; Москва and 東京 were written on the whiteboard. The word
Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletterstomakeitverylongindeed
was on a poster. Straße and façade and coöperation: all folded alike.
"""


@dataclass
class Built:
    """An engine with the contract corpus indexed: its settings and the indexing report."""

    name: str
    settings: BackendSettings
    report: IndexReport
    corpus: Path


def copy_corpus(target: Path) -> Path:
    """Write the contract corpus into `target` and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for source in (SEED_DOCUMENTS, REPO / "tests" / "relevance" / "corpus"):
        for path in sorted(source.iterdir()):
            if path.is_file():
                shutil.copy2(path, target / path.name)
    (target / "201_unicode_notes.txt").write_text(UNICODE_TEXT, encoding="utf-8")
    return target


def typesense_settings(info: ClusterInfo, index: Path, collection: str) -> BackendSettings:
    """Return the settings of a Typesense backend on the test cluster."""
    return BackendSettings(
        engine="typesense", index=index, nodes=info.nodes, api_key=info.api_key,
        collection=collection,
    )  # fmt: skip


def drop_alias(settings: BackendSettings) -> None:
    """Drop an alias and all its collections from the cluster."""
    from indexer.typesense.store import TypesenseStore

    store = TypesenseStore(settings)
    for name in store.collections():
        store.drop(name)
    with suppress(Exception):
        store.cluster.client.aliases[settings.collection].delete()
    store.cluster.close()


def build(name: str, root: Path, collection: str) -> Iterator[Built]:
    """Index the contract corpus with engine `name`; yield it; clean up a server's copy."""
    corpus = copy_corpus(root / "corpus")
    if name == "whoosh":
        settings = BackendSettings(index=root / "index")
    else:
        settings = typesense_settings(shared_cluster(), root / "lock", collection)
    report = index_corpus(corpus, open_store(settings))
    try:
        yield Built(name, settings, report, corpus)
    finally:
        if name == "typesense":
            drop_alias(settings)


@pytest.fixture(scope="session", params=BACKENDS)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    """Each engine in turn, with the contract corpus indexed."""
    root = tmp_path_factory.mktemp(f"contract-{request.param}")
    yield from build(request.param, root, f"contract{os.getpid()}")


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The embedded engine over the same corpus: what every other engine must agree with."""
    yield from build("whoosh", tmp_path_factory.mktemp("contract-reference"), "unused")


@pytest.fixture(scope="session")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The Typesense engine over the same corpus (the engine compared with the reference)."""
    root = tmp_path_factory.mktemp("contract-clustered")
    yield from build("typesense", root, f"compare{os.getpid()}")


@pytest.fixture()
def service(built: Built) -> Iterator[SearchBackend]:
    """A search service on each engine in turn."""
    backend = open_backend(built.settings)
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def reference_service(reference: Built) -> Iterator[SearchBackend]:
    """A search service on the reference engine."""
    backend = open_backend(reference.settings)
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def clustered_service(clustered: Built) -> Iterator[SearchBackend]:
    """A search service on the Typesense engine."""
    backend = open_backend(clustered.settings)
    yield backend
    backend.close()
