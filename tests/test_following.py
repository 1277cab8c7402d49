"""The search service follows the index: new generations and commits, no leaks, clear failures."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer.errors import IndexUnavailableError
from indexer.model import ElementKind
from indexer.pipeline import index_corpus
from indexer.results import SearchRequest
from indexer.whoosh.generations import current_generation
from indexer.whoosh.search import WhooshSearch
from indexer.whoosh.store import write_document
from tests.conftest import make_document
from tests.test_reindex import RELEASE

UPDATES = 20


def open_index_files(location: Path) -> set[Path]:
    """Return the files under `location` this process has open or mapped."""
    found = set()
    for link in Path("/proc/self/fd").iterdir():
        try:
            found.add(link.readlink())
        except OSError:  # the descriptor listing the folder itself is gone already
            continue
    with Path("/proc/self/maps").open(encoding="utf-8") as maps:
        found.update(Path(line.split()[-1]) for line in maps if str(location) in line)
    return {path for path in found if path.is_relative_to(location)}


def hits(service: WhooshSearch, query: str) -> int:
    return service.search(SearchRequest(query=query, with_facets=False)).total


def test_the_next_search_sees_each_new_generation_without_leaking_files(
    corpus: Path, tmp_path: Path
) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    service = WhooshSearch(location)
    assert hits(service, "zyzzyva") == 0
    for update in range(UPDATES):
        with (corpus / f"note-{update}.txt").open("w", encoding="utf-8") as handle:
            handle.write(f"Note {update}\n\nThe zyzzyva count is now {update}.\n")
        index_corpus(corpus, location, full=update % 5 == 4)
        assert hits(service, "zyzzyva") == update + 1
        # Only the segments of the served generation are open: older searchers were closed.
        served = current_generation(location)
        assert open_index_files(location) == set(served.glob("*.seg"))
    service.close()
    assert open_index_files(location) == set()


def test_a_commit_into_the_served_generation_is_seen_too(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    service = WhooshSearch(location)
    assert hits(service, "zyzzyva") == 0
    index = whoosh_index.open_dir(str(current_generation(location)))
    extra = make_document("extra.txt", "Extra", None, [(ElementKind.SECTION, "A zyzzyva.", {})])
    with index.writer() as writer:
        write_document(writer, extra)
    assert hits(service, "zyzzyva") == 1
    service.close()


def truncate_segment(folder: Path) -> None:
    segment = next(folder.glob("*.seg"))
    os.truncate(segment, segment.stat().st_size // 2)


def delete_segment(folder: Path) -> None:
    next(folder.glob("*.seg")).unlink()


def garble_toc(folder: Path) -> None:
    next(folder.glob("*.toc")).write_bytes(b"not a table of contents")


def garble_pointer(folder: Path) -> None:
    (folder.parent / "CURRENT").write_text("gen-999999\n")


def remove_everything(folder: Path) -> None:
    shutil.rmtree(folder.parent)


@pytest.mark.parametrize(
    "damage", [truncate_segment, delete_segment, garble_toc, garble_pointer, remove_everything]
)
def test_a_damaged_index_is_unavailable_and_recovers_after_a_rebuild(
    corpus: Path, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    service = WhooshSearch(location)
    assert hits(service, "caseloads") > 0
    index_corpus(corpus, location, full=True)  # the service now reads a fresh generation
    damage(current_generation(location))
    for _ in range(2):  # and stays unavailable, without leaking what it had open
        with pytest.raises(IndexUnavailableError):
            service.search(SearchRequest(query="caseloads"))
        with pytest.raises(IndexUnavailableError):
            service.document(RELEASE)
    assert open_index_files(location) == set()
    index_corpus(corpus, location, full=True)
    assert hits(service, "caseloads") > 0
    service.close()
