"""Incremental reindexing: only what changed is rewritten, and the result equals a full build."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.entities import load_gazetteer
from indexer.errors import IndexWriteError, SourceError
from indexer.limits import IngestLimits
from indexer.manifest import Manifest
from indexer.model import Document
from indexer.pipeline import IndexReport, index_corpus
from indexer.results import SearchRequest
from indexer.whoosh.generations import current_generation, generation_folders
from indexer.whoosh.ranking import Ranking
from indexer.whoosh.search import WhooshSearch
from indexer.whoosh.store import build_index

RELEASE = "004_e5c2bc1fff8f5255.txt"
QUERIES = ["", "caseloads", "probation officers", '"standards have slipped"', "kind:comment"]


def ids(report: IndexReport) -> tuple[list[str], ...]:
    c = report.changes
    return c.added, c.updated, c.removed, c.unchanged


def snapshot(location: Path) -> dict[str, object]:
    """Return what searches see: per query the total, every hit, the facet counts.

    Not the order: scores depend on how records are spread over segments (and so does which
    copy of a reproduced text stands for the others, hence no dedupe here).
    """
    service = WhooshSearch(location, ranking=Ranking(dedupe=False))
    try:
        seen: dict[str, object] = {}
        for query in QUERIES:
            first = service.search(SearchRequest(query=query, page_size=100))
            hits = []
            for page in range(1, first.page_count + 1):
                request = SearchRequest(query=query, page=page, page_size=100, with_facets=False)
                hits += [hit.id for hit in service.search(request).hits]
            facets = {n: sorted((v.value, v.count) for v in vs) for n, vs in first.facets.items()}
            seen[query] = (first.total, sorted(hits), facets)
        return seen
    finally:
        service.close()


def documents_in(corpus: Path) -> list[str]:
    """Return the names of the corpus's documents: its files less their sidecars."""
    return sorted(
        p.name for p in corpus.iterdir() if not p.name.endswith((".meta.json", ".meta.toml"))
    )


def edit(corpus: Path) -> None:
    """Change one file, add one, remove one."""
    with (corpus / RELEASE).open("a", encoding="utf-8") as handle:
        handle.write("\nA late note: caseloads in Derbyshire are rising again.\n")
    (corpus / "new" / "deep").mkdir(parents=True)
    shutil.copy(corpus / "001_55a1e3615517bc02.txt", corpus / "new" / "deep" / "copy.txt")
    (corpus / "000_3317e4b1ec0bb89e.txt").unlink()


def test_a_second_run_with_no_changes_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    first = index_corpus(corpus, location)
    assert first.full_reason == "first build" and first.published is not None
    again = index_corpus(corpus, location)
    assert again.full_reason is None and again.published is None
    assert ids(again) == ([], [], [], documents_in(corpus))
    assert [p.name for p in generation_folders(location)] == ["gen-000001"]


def test_incremental_update_counts_changes_and_matches_a_full_build(
    corpus: Path, tmp_path: Path
) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    edit(corpus)
    report = index_corpus(corpus, location)
    assert report.full_reason is None
    assert ids(report) == (
        ["new/deep/copy.txt"],
        [RELEASE],
        ["000_3317e4b1ec0bb89e.txt"],
        [
            "001_55a1e3615517bc02.txt",
            "002_88a13416ebd90fb1.txt",
            "003_8893c796f86cfea1.txt",
            "005_derbyshire_quality_and_impact_2016.pdf",
        ],
    )
    # Only the changed and the new file were parsed.
    assert report.stats.documents == 2
    fresh = tmp_path / "fresh"
    index_corpus(corpus, fresh)
    assert snapshot(location) == snapshot(fresh)
    assert Manifest.read(current_generation(location)).files == (
        Manifest.read(current_generation(fresh)).files
    )


def test_the_served_generation_is_never_written_to(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    served = current_generation(location)
    before = {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_size) for p in served.iterdir()
    }
    edit(corpus)
    report = index_corpus(corpus, location)
    assert report.published is not None and report.published != served.name
    after = {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_size) for p in served.iterdir()
    }
    assert after == before
    # The new generation shares the old segment through a hard link: nothing was copied.
    published = location / report.published
    shared = {p.stat().st_ino for p in published.iterdir()} & {v[0] for v in before.values()}
    assert shared


def test_a_changed_sidecar_updates_its_document(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    sidecar = corpus / f"{RELEASE}.meta.json"
    sidecar.write_text('{"title": "First title"}')
    index_corpus(corpus, location)
    sidecar.write_text('{"title": "Second title"}')
    report = index_corpus(corpus, location)
    assert report.changes.updated == [RELEASE]
    service = WhooshSearch(location)
    document = service.document(RELEASE)
    service.close()
    assert document is not None and document.title == "Second title"


def test_dry_run_reports_the_changes_and_writes_nothing(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    edit(corpus)
    listing = sorted(str(p.relative_to(location)) for p in location.rglob("*"))
    report = index_corpus(corpus, location, dry_run=True)
    assert report.dry_run and report.published is None
    assert ids(report)[:3] == (["new/deep/copy.txt"], [RELEASE], ["000_3317e4b1ec0bb89e.txt"])
    assert report.documents == 6
    assert sorted(str(p.relative_to(location)) for p in location.rglob("*")) == listing


def test_full_rebuild_is_a_fresh_generation_and_keeps_one_previous(
    corpus: Path, tmp_path: Path
) -> None:
    location = tmp_path / "ix"
    for _ in range(3):
        report = index_corpus(corpus, location, full=True)
    assert report.full_reason == "requested with --full"
    assert report.changes.unchanged == documents_in(corpus)
    assert [p.name for p in generation_folders(location)] == ["gen-000002", "gen-000003"]
    assert current_generation(location).name == "gen-000003"


def test_a_file_that_now_fails_leaves_the_index(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    (corpus / RELEASE).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    report = index_corpus(corpus, location)
    assert ids(report)[:3] == ([], [], [])
    assert [(Path(f.path).name, f.reason) for f in report.failures] == [
        (RELEASE, "binary file (contains NUL bytes); its earlier version was removed")
    ]
    service = WhooshSearch(location)
    assert service.document(RELEASE) is None
    service.close()


def test_changed_settings_force_a_full_rebuild(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    extra = tmp_path / "mine.toml"
    extra.write_text('[[organisation]]\nname = "Working Links"\naliases = ["Working Links"]\n')
    report = index_corpus(corpus, location, gazetteer=load_gazetteer([extra]))
    assert report.full_reason == "settings changed: gazetteer"


def test_an_index_without_manifest_is_rebuilt_in_full(
    corpus: Path, tmp_path: Path, small_corpus: list[Document]
) -> None:
    location = tmp_path / "ix"
    build_index(small_corpus, location)
    report = index_corpus(corpus, location)
    assert report.full_reason == "the served index has no manifest (built without one)"
    assert WhooshSearch(location).document("analysis.txt") is None


def test_a_damaged_served_index_is_rebuilt_in_full(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    for toc in current_generation(location).glob("*.toc"):
        toc.write_bytes(b"garbage")
    report = index_corpus(corpus, location)
    assert report.full_reason is not None
    assert report.full_reason.startswith("the served index is unusable: cannot open gen-000001")
    assert report.published is not None


def test_an_empty_corpus_never_replaces_an_index(corpus: Path, tmp_path: Path) -> None:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    for path in corpus.iterdir():
        path.unlink()
    report = index_corpus(corpus, location)
    assert report.published is None and report.documents == 0
    assert current_generation(location).name == "gen-000001"
    assert [p.name for p in generation_folders(location)] == ["gen-000001"]


def test_an_index_inside_the_corpus_is_not_indexed(corpus: Path) -> None:
    location = corpus / "var" / "index"
    first = index_corpus(corpus, location)
    again = index_corpus(corpus, location)
    assert first.documents == again.documents == 6
    assert again.published is None and again.failures == []


def test_a_read_only_location_is_a_write_error(corpus: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(IndexWriteError, match=r"cannot create .*LOCK: Not a directory"):
        index_corpus(corpus, blocker / "ix")


def test_a_missing_documents_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="documents folder does not exist"):
        index_corpus(tmp_path / "nowhere", tmp_path / "ix")


def test_a_file_vanishing_mid_run_is_skipped_with_a_reason(corpus: Path, tmp_path: Path) -> None:
    doomed = corpus / "003_8893c796f86cfea1.txt"

    def remove_the_next_one(document: Document) -> None:
        doomed.unlink(missing_ok=True)

    report = index_corpus(corpus, tmp_path / "ix", on_document=remove_the_next_one)
    assert [(Path(f.path).name, f.reason) for f in report.failures] == [
        (doomed.name, "file vanished before it could be read")
    ]
    assert report.documents == 5 and report.published is not None


def test_a_file_that_takes_too_long_to_parse_is_too_complex(corpus: Path, tmp_path: Path) -> None:
    slow = corpus / "slow.txt"
    slow.write_text("\n\n".join(f"Paragraph {i} about caseloads and NPS." for i in range(200_000)))
    report = index_corpus(corpus, tmp_path / "ix", limits=IngestLimits(max_parse_seconds=1))
    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert reasons == {"slow.txt": "too complex (parsing took over 1 s)"}
    assert report.documents == 6


@pytest.fixture
def many_updates(corpus: Path, tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    yield corpus, location


def test_small_segments_are_merged_and_big_ones_left_alone(
    many_updates: tuple[Path, Path],
) -> None:
    corpus, location = many_updates
    from indexer.whoosh.store import MAX_SMALL_SEGMENTS, open_generation

    counts = []
    for round_ in range(MAX_SMALL_SEGMENTS + 2):
        shutil.copy(corpus / RELEASE, corpus / f"copy-{round_}.txt")
        index_corpus(corpus, location)
        index = open_generation(current_generation(location))
        counts.append(len(index._segments()))
        index.close()
    assert max(counts) <= MAX_SMALL_SEGMENTS
    assert counts[-1] < max(counts)  # a merge happened
    fresh = location.parent / "fresh"
    index_corpus(corpus, fresh)
    assert snapshot(location) == snapshot(fresh)


def test_non_utf8_names_are_indexed_under_distinct_ids(corpus: Path, tmp_path: Path) -> None:
    text = (corpus / RELEASE).read_bytes()
    for raw in (b"caf\xe9.txt", b"caf\xe8.txt"):
        (corpus / os.fsdecode(raw)).write_bytes(text)
    report = index_corpus(corpus, tmp_path / "ix")
    assert {"caf\\xe9.txt", "caf\\xe8.txt"} <= set(report.changes.added)
    service = WhooshSearch(tmp_path / "ix")
    document = service.document("caf\\xe9.txt")
    service.close()
    assert document is not None and document.source_path.endswith("caf\\xe9.txt")
