"""Fixtures for relevance tests: a real index of the bundled seed corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.entities import load_gazetteer
from indexer.pipeline import load_documents
from indexer.whoosh.search import WhooshSearch
from indexer.whoosh.store import build_index
from tests.conftest import SEED_DOCUMENTS


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real on-disk index of the five bundled documents."""
    location = tmp_path_factory.mktemp("seed-index")
    build_index(load_documents(SEED_DOCUMENTS, load_gazetteer()), location)
    return location


@pytest.fixture(scope="module")
def seeds(seed_index: Path) -> Iterator[WhooshSearch]:
    """The search service over the seed index, shared by a module's tests."""
    service = WhooshSearch(seed_index)
    yield service
    service.close()
