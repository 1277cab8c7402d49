"""The indexing flow in one place: corpus files → decoded sources → Documents → the index.

Failures are collected with their path and reason while every readable file is indexed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from indexer.entities import Gazetteer
from indexer.errors import SourceError
from indexer.model import Document
from indexer.parse import parse_source
from indexer.sources import DEFAULT_MAX_BYTES, document_id, iter_source_paths, read_source
from indexer.store import WriteStats, build_index


@dataclass
class IndexReport:
    """The outcome of indexing a corpus: what was written and what failed, and why."""

    stats: WriteStats
    failures: list[SourceError] = field(default_factory=list)


def load_documents(
    root: Path,
    gazetteer: Gazetteer | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    failures: list[SourceError] | None = None,
) -> Iterator[Document]:
    """Yield a Document for every readable file under `root`; append the others to `failures`."""
    for item in iter_source_paths(root):
        if isinstance(item, SourceError):
            _record(failures, item)
            continue
        try:
            source = read_source(item, document_id(item, root), max_bytes)
            yield parse_source(source, gazetteer)
        except SourceError as error:
            _record(failures, error)
        except RecursionError:
            _record(failures, SourceError(str(item), "too complex (nesting too deep to parse)"))


def count_sources(root: Path) -> int:
    """Return how many candidate document files lie under `root` (for progress bars)."""
    return sum(1 for item in iter_source_paths(root) if not isinstance(item, SourceError))


def index_corpus(
    root: Path,
    location: Path,
    gazetteer: Gazetteer | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_document: Callable[[Document], None] | None = None,
) -> IndexReport:
    """Parse every file under `root` and build a new index generation at `location`."""
    if not root.is_dir():
        raise SourceError(str(root), "documents folder does not exist")
    failures: list[SourceError] = []
    documents = load_documents(root, gazetteer, max_bytes, failures)
    stats = build_index(documents, location, on_document)
    return IndexReport(stats=stats, failures=failures)


def _record(failures: list[SourceError] | None, error: SourceError) -> None:
    if failures is not None:
        failures.append(error)
