"""The index location on disk: generations, the CURRENT switch, leftovers, lock, write errors."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer import manifest as manifest_module
from indexer.errors import IndexWriteError, ReindexBusyError
from indexer.locking import ReindexLock, lock_holder
from indexer.pipeline import index_corpus
from indexer.whoosh.generations import (
    current_generation,
    generation_folders,
    new_generation,
    remove_stale,
    stale_entries,
    switch_to,
)
from indexer.whoosh.search import WhooshSearch
from tests.test_reindex import RELEASE, snapshot

REPORTSEARCH = [sys.executable, "-m", "indexer.cli"]


@pytest.fixture
def indexed(corpus: Path, tmp_path: Path) -> Path:
    location = tmp_path / "ix"
    index_corpus(corpus, location)
    return location


def names(paths: list[Path]) -> list[str]:
    return sorted(p.name for p in paths)


def change(corpus: Path) -> None:
    with (corpus / RELEASE).open("a", encoding="utf-8") as handle:
        handle.write("\nOne more paragraph about caseloads.\n")


def test_stale_entries_are_all_but_the_current_and_the_previous(tmp_path: Path) -> None:
    location = tmp_path / "ix"
    location.mkdir()
    folders = [new_generation(location) for _ in range(5)]
    assert names(folders) == [f"gen-00000{n}" for n in range(1, 6)]
    switch_to(location, folders[3])
    (location / "CURRENT.999.tmp").write_text("gen-000005\n")
    (location / "gen-20260101T000000-1-2").mkdir()  # a generation named the old way
    assert names(stale_entries(location)) == [
        "CURRENT.999.tmp",
        "gen-000001",
        "gen-000002",
        "gen-000005",  # written, never published: an interrupted run
        "gen-20260101T000000-1-2",
    ]
    remove_stale(location)
    assert names(generation_folders(location)) == ["gen-000003", "gen-000004"]
    assert sorted(p.name for p in location.iterdir()) == ["CURRENT", "gen-000003", "gen-000004"]


def test_without_a_current_generation_every_generation_is_stale(tmp_path: Path) -> None:
    location = tmp_path / "ix"
    location.mkdir()
    new_generation(location)
    assert names(stale_entries(location)) == ["gen-000001"]


def test_a_second_lock_holder_is_refused_with_the_owner_pid(tmp_path: Path) -> None:
    with ReindexLock(tmp_path):
        assert lock_holder(tmp_path) == os.getpid()
        with pytest.raises(
            ReindexBusyError, match=rf"reindex already running \(pid {os.getpid()}\)"
        ):
            ReindexLock(tmp_path).acquire()
    assert lock_holder(tmp_path) is None
    with ReindexLock(tmp_path):  # released, so free again
        pass


def test_a_lock_left_by_a_dead_process_is_taken_over(indexed: Path, corpus: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    (indexed / "LOCK").write_text(dead.stdout.decode())
    change(corpus)
    report = index_corpus(corpus, indexed)
    assert report.published is not None
    assert (indexed / "LOCK").read_text() == ""


def test_index_exits_at_once_while_another_process_reindexes(indexed: Path, corpus: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from indexer.locking import ReindexLock;"
            "lock = ReindexLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True);"
            "time.sleep(30)",
            str(indexed),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.perf_counter()
        result = subprocess.run(
            [*REPORTSEARCH, "index", "--documents", str(corpus), "--index", str(indexed)],
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert result.returncode == 1
    assert result.stderr == f"Error: reindex already running (pid {holder.pid})\n"
    assert elapsed < 5  # most of it is starting Python
    assert current_generation(indexed).name == "gen-000001"


def run_with_file_size_limit(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI where no file may grow past `limit` bytes: writes fail with EFBIG."""

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [*REPORTSEARCH, *args], preexec_fn=limit_files, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("options", "limit", "reason"),
    [
        ((), 16_384, "File too large"),
        (("--full",), 16_384, "File too large"),
        # The workers' segments outgrow the limit first.
        (("--full", "--procs", "2"), 200_000, "an index writer process failed (exit code 1)"),
    ],
)
def test_an_io_error_mid_build_leaves_the_served_index_untouched(
    indexed: Path, corpus: Path, options: tuple[str, ...], limit: int, reason: str
) -> None:
    before = snapshot(indexed)
    change(corpus)
    args = ("index", "--documents", str(corpus), "--index", str(indexed), *options)
    result = run_with_file_size_limit(limit, *args)
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"Error: could not write the index at {indexed}: {reason}; "
        "the index being served is unchanged\n"
    )
    assert "Traceback" not in result.stderr
    assert names(generation_folders(indexed)) == ["gen-000001"]
    assert snapshot(indexed) == before
    assert lock_holder(indexed) is None
    report = index_corpus(corpus, indexed)  # the lock was released and nothing is left over
    assert report.published is not None and report.changes.updated == [RELEASE]


@pytest.mark.parametrize("step", ["segment", "manifest", "pointer"])
def test_a_full_disk_at_any_step_leaves_the_served_index_untouched(
    indexed: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    before = snapshot(indexed)
    change(corpus)
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fail(*args: object, **kwargs: object) -> None:
        raise full

    if step == "segment":
        from whoosh.filedb.structfile import StructFile

        monkeypatch.setattr(StructFile, "write", fail)
    elif step == "manifest":
        monkeypatch.setattr(manifest_module.os, "fsync", fail)
    else:
        import indexer.whoosh.generations

        monkeypatch.setattr(indexer.whoosh.generations, "switch_to", fail)
    with pytest.raises(IndexWriteError, match="No space left on device; the index being served"):
        index_corpus(corpus, indexed)
    monkeypatch.undo()
    assert names(generation_folders(indexed)) == ["gen-000001"]
    assert snapshot(indexed) == before
    assert lock_holder(indexed) is None


def test_a_parallel_build_finds_what_a_single_writer_finds(corpus: Path, tmp_path: Path) -> None:
    index_corpus(corpus, tmp_path / "one", procs=1)
    index_corpus(corpus, tmp_path / "two", procs=2)
    service = WhooshSearch(tmp_path / "two")
    assert service.document(RELEASE) is not None
    service.close()
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")
