"""Writing the index: one new generation per reindex, from scratch or as a cheap copy.

A full build writes a fresh Whoosh index (in parallel worker processes when the corpus is
big). An incremental update hard-links the segment files of the served generation into a new
folder, deletes the changed documents' records there, adds the new ones as a small segment and
commits: the served generation is never written to. Either way the new generation is checked
(record count), made durable and published through `generations`, so a crash at any point
leaves readers on the old index or the new one, never on a half-written one.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import shutil
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import FileIndex
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from indexer.backend import StoreFacts, WriteStats
from indexer.errors import IndexUnavailableError, IndexWriteError
from indexer.fields import DOCUMENT_ID, TEXT
from indexer.locking import ReindexLock, lock_holder
from indexer.manifest import Manifest
from indexer.model import Document
from indexer.records import element_record
from indexer.whoosh import generations
from indexer.whoosh.generations import CURRENT_FILE, current_generation, discard, new_generation
from indexer.whoosh.parallel import ParallelWriter
from indexer.whoosh.schema import build_schema, whoosh_record

FULL_BUILD_LIMIT_MB = 256
"""Posting memory per writer process in a full build before it spills runs to disk."""
UPDATE_LIMIT_MB = 64
SMALL_SEGMENT_DOCS = 2_000
"""Segments below this many records are merged together once there are `MAX_SMALL_SEGMENTS`."""
MAX_SMALL_SEGMENTS = 8
WHOOSH_LOCK = "MAIN_WRITELOCK"
MANY_SEGMENTS = 20
MANY_DELETED = 0.25
MANY_DELETED_MIN = 1_000
"""Above these (a share of deleted records, and at least this many), searches slow down and a
full rebuild, which compacts the index, is worth its time."""
SCHEMA_VERSION = "2"
"""Bumped when records change shape in a way the schema does not show: forces a full rebuild."""


def open_current(location: Path) -> FileIndex:
    """Open the generation being served."""
    return open_generation(current_generation(location), location)


def open_generation(folder: Path, location: Path | None = None) -> FileIndex:
    """Open the Whoosh index of one generation folder."""
    try:
        return whoosh_index.open_dir(str(folder))
    except Exception as exc:  # Whoosh raises many types for damaged files.
        where = str(location or folder.parent)
        release_frames(exc)
        raise IndexUnavailableError(where, f"cannot open {folder.name}: {exc}") from exc


def release_frames(exc: BaseException) -> None:
    """Close what a failed read or write of index files left open, quietly.

    Whoosh does not close the files of a read or write that fails; the frames of the
    exception's traceback (and reference cycles of half-built readers and writers) hold them
    until collected, which then warns. Dropping the frames closes them now (messages stay).
    """
    with _collecting_quietly():
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            traceback.clear_frames(current.__traceback__)
            current.__traceback__ = None
            current = current.__cause__ or current.__context__


@contextmanager
def _collecting_quietly() -> Iterator[None]:
    """Collect, at the end of the block, the files Whoosh left open, without ResourceWarnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield
        gc.collect()


def describe_generation(folder: Path, location: Path | None = None) -> StoreFacts:
    """Read the record counts of a generation, raising IndexUnavailableError if it is damaged."""
    index = open_generation(folder, location)
    try:
        with index.reader() as reader:
            per_document = {
                term.decode("utf-8"): count
                for term in reader.lexicon(DOCUMENT_ID)
                if (count := sum(1 for _ in reader.postings(DOCUMENT_ID, term).all_ids()))
            }
            sample = next((w for w in _words(reader) if _is_live(reader, TEXT, w)), None)
            records, deleted = reader.doc_count(), reader.doc_count_all() - reader.doc_count()
            segments = len(index._segments())
    except Exception as exc:  # damaged segment files fail in many ways
        where = str(location or folder.parent)
        release_frames(exc)
        raise IndexUnavailableError(where, f"cannot read {folder.name}: {exc}") from exc
    plural = "" if segments == 1 else "s"
    notes = [(False, f"{segments} segment{plural}, {deleted} deleted records")]
    if segments > MANY_SEGMENTS or deleted > max(MANY_DELETED * records, MANY_DELETED_MIN):
        notes.append((True, "many segments or deleted records: `index --full` compacts them"))
    word = sample.decode("utf-8") if sample else None
    return StoreFacts(folder.name, records, per_document, word, tuple(notes))


def _words(reader: Any) -> Iterator[bytes]:
    return (term for term in reader.lexicon(TEXT) if term.isalpha())


def _is_live(reader: Any, field: str, term: bytes) -> bool:
    return any(True for _ in reader.postings(field, term).all_ids())


class GenerationWriter:
    """Write one new generation of an index location, then publish or discard it.

    With `base`, the new generation starts as a copy of that published generation (hard links
    to its segment files, which Whoosh never rewrites); without it, empty. Used as a context
    manager, it discards the generation if the block fails and turns disk and I/O errors into
    IndexWriteError.
    """

    def __init__(self, location: Path, base: Path | None = None, procs: int = 1) -> None:
        self.location = location
        self.stats = WriteStats()
        with _write_errors(location):
            location.mkdir(parents=True, exist_ok=True)
            self.folder = new_generation(location)
            try:
                self._open(base, procs)
            except BaseException as exc:
                discard(self.folder)
                if isinstance(exc, OSError):
                    release_frames(exc)
                raise

    def _open(self, base: Path | None, procs: int) -> None:
        if base is None:
            index = whoosh_index.create_in(str(self.folder), build_schema())
            self.expected = 0
        else:
            _link_files(base, self.folder)
            index = whoosh_index.open_dir(str(self.folder))
            self.expected = index.doc_count()
        self.incremental = base is not None
        self._writer: Any = (
            ParallelWriter(index, procs=procs, limitmb=FULL_BUILD_LIMIT_MB)
            if procs > 1 and base is None
            else SegmentWriter(
                index, limitmb=FULL_BUILD_LIMIT_MB if base is None else UPDATE_LIMIT_MB
            )
        )

    def __enter__(self) -> GenerationWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if exc is None:
            return
        if isinstance(exc, OSError | IndexWriteError):
            release_frames(exc)
        self.discard()
        if isinstance(exc, OSError):
            raise _write_error(self.location, exc) from exc

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Delete every record of the documents `doc_ids`; return how many records went."""
        with _write_errors(self.location):
            deleted = sum(self._writer.delete_by_term(DOCUMENT_ID, doc_id) for doc_id in doc_ids)
        self.expected -= deleted
        return deleted

    def add_documents(
        self, documents: Iterable[Document], on_document: Callable[[Document], None] | None = None
    ) -> WriteStats:
        """Add every element of `documents` as a record; return what this writer added so far."""
        with _write_errors(self.location):
            for document in documents:
                write_document(self._writer, document)
                self.stats.count(document)
                self.expected += len(document.elements)
                if on_document:
                    on_document(document)
        return self.stats

    def publish(self, manifest: Manifest | None = None) -> str:
        """Commit, check, make durable and switch CURRENT to the new generation."""
        with _write_errors(self.location):
            if self.incremental:
                self._writer.commit(mergetype=merge_small_segments)
            else:
                self._writer.commit()
            self._writer = None
            _check_count(self.folder, self.expected, self.location)
            if manifest is not None:
                manifest.write(self.folder)
            generations.publish(self.location, self.folder)
        generations.remove_stale(self.location)
        return self.folder.name

    def discard(self) -> None:
        """Abandon the new generation: stop its writer and delete its folder."""
        with _collecting_quietly():
            if self._writer is not None:
                # The folder goes anyway, and the error that brought us here is the one to report.
                with suppress(Exception):
                    self._writer.cancel()
                self._writer = None
        discard(self.folder)


def schema_digest() -> str:
    """Return a digest of the schema (its fields and their types) and its version."""
    schema = build_schema()
    fields = repr(sorted((name, type(schema[name]).__name__) for name in schema.names()))
    return _digest(SCHEMA_VERSION + fields)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_index(
    documents: Iterable[Document],
    location: Path,
    on_document: Callable[[Document], None] | None = None,
    procs: int = 1,
    manifest: Callable[[], Manifest] | None = None,
) -> WriteStats:
    """Write `documents` into a new generation and switch to it once it is complete."""
    with GenerationWriter(location, procs=procs) as writer:
        stats = writer.add_documents(documents, on_document)
        writer.publish(manifest() if manifest else None)
    return stats


class WhooshStore:
    """The embedded index in a folder of generations (`generations`), as `IndexStore`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.location = str(folder)

    def lock(self) -> ReindexLock:
        """Return the reindex lock of the folder."""
        return ReindexLock(self.folder)

    def lock_holder(self) -> int | None:
        """Return the pid of the reindex holding the lock, None when free."""
        return lock_holder(self.folder)

    def exists(self) -> bool:
        """Return whether a generation has been published here."""
        return (self.folder / CURRENT_FILE).exists()

    def served_manifest(self) -> Manifest:
        """Return the manifest of the served generation, after checking that it opens."""
        base = current_generation(self.folder)
        open_generation(base, self.folder).close()
        return Manifest.read(base)

    def writer(self, incremental: bool, procs: int = 1) -> GenerationWriter:
        """Return a writer of a new generation: a copy of the served one, or empty."""
        base = current_generation(self.folder) if incremental else None
        return GenerationWriter(self.folder, base, procs)

    def remove_stale(self) -> list[str]:
        """Remove older generations and leftovers of interrupted runs."""
        return generations.remove_stale(self.folder)

    def stale(self) -> list[str]:
        """Return what the next run removes."""
        return [path.name for path in generations.stale_entries(self.folder)]

    def schema_digest(self) -> str:
        """Return the digest of the schema."""
        return schema_digest()

    def facts(self) -> StoreFacts:
        """Return what the served generation holds."""
        return describe_generation(current_generation(self.folder), self.folder)


def write_document(writer: Any, document: Document) -> None:
    """Add every element of `document` to an open Whoosh writer."""
    for element in document.elements:
        writer.add_document(**whoosh_record(element_record(document, element)))


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Merge policy of an incremental commit: never rewrite a big segment.

    Segments whose records are all deleted are dropped; the small ones are merged into the
    new segment once there are `MAX_SMALL_SEGMENTS` of them. Compaction of big segments is
    left to a full rebuild.
    """
    live = [s for s in segments if s.doc_count() > 0]
    small = [s for s in live if s.doc_count_all() < SMALL_SEGMENT_DOCS]
    if len(small) < MAX_SMALL_SEGMENTS:
        return live
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in live if s not in small]


def _link_files(base: Path, folder: Path) -> None:
    """Fill `folder` with hard links to the index files of `base` (copies where links fail)."""
    for path in base.iterdir():
        if not path.is_file() or path.name == WHOOSH_LOCK or not _is_index_file(path.name):
            continue
        try:
            os.link(path, folder / path.name)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EMLINK, errno.EXDEV, errno.ENOTSUP):
                raise
            shutil.copy2(path, folder / path.name)


def _is_index_file(name: str) -> bool:
    return name.startswith(("_MAIN_", "MAIN_")) and not name.endswith(".tmp")


def _check_count(folder: Path, expected: int, location: Path) -> None:
    index = open_generation(folder, location)
    with index.reader() as reader:
        found = reader.doc_count()
    if found != expected:
        raise IndexWriteError(
            str(location), f"the new index holds {found} records, {expected} were written"
        )


@contextmanager
def _write_errors(location: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise _write_error(location, exc) from exc


def _write_error(location: Path, exc: OSError) -> IndexWriteError:
    reason = exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    return IndexWriteError(str(location), f"{reason}{where}; the index being served is unchanged")
