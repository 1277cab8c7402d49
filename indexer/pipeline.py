"""The indexing flow in one place: corpus files → hashes → changes → Documents → the index.

`index_corpus` hashes every file, compares the hashes with the manifest of the index being
served and writes, through the engine's store (`indexer.backend`), a new version holding the
same records a full build would:
unchanged files are kept, changed and removed ones deleted, new and changed ones parsed and
added. `full` (or a missing manifest, or changed settings) rebuilds from scratch. Failures are
collected with path and reason while every readable file is indexed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path

from indexer.analysis import load_variants, stop_words
from indexer.backend import BackendSettings, IndexStore, WriteStats, open_store
from indexer.deadline import DeadlineExceeded, time_limit
from indexer.entities import Gazetteer, default_gazetteer
from indexer.errors import IndexUnavailableError, ManifestError, SourceError
from indexer.limits import DEFAULT_INGEST_LIMITS, IngestLimits
from indexer.manifest import FileEntry, Manifest
from indexer.model import Document
from indexer.parse import parse_source
from indexer.sidecar import MAX_SIDECAR_BYTES, SidecarLookup
from indexer.sources import (
    DEFAULT_MAX_BYTES,
    decode_source,
    display_path,
    document_id,
    iter_source_paths,
    read_bytes,
)

RECORD_FORMAT = "3"
"""Bumped when records change shape in a way no digest shows: forces a full rebuild.
3: page, number, page_url and rating fields; a recommendation's addressee in `who`; month."""
PARALLEL_FROM_BYTES = 1_000_000
"""A full build of a corpus this big uses two writer processes: twice as fast on two cores."""

OnDocument = Callable[[Document], None]


@dataclass(frozen=True)
class CorpusFile:
    """A readable file of the corpus: where it is, its document id and its content hash."""

    path: Path
    doc_id: str
    sha256: str
    size: int


@dataclass
class Changes:
    """How the corpus differs from the served index, by document id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@dataclass
class Scan:
    """The readable files of a corpus with their hashes, and the unusable ones by id."""

    files: list[CorpusFile] = field(default_factory=list)
    failures: list[SourceError] = field(default_factory=list)
    """Entries that are not files of the corpus at all (loops, FIFOs, links outside)."""
    failed: dict[str, SourceError] = field(default_factory=dict)
    """Files that could not be read, by document id."""


@dataclass
class IndexReport:
    """The outcome of indexing a corpus: what changed, what failed and why, what is served."""

    stats: WriteStats
    failures: list[SourceError] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    decoding_notes: list[tuple[str, str]] = field(default_factory=list)
    """(path, what decoding did) for indexed files that were not clean UTF-8."""
    full_reason: str | None = None
    """Why the index was rebuilt from scratch; None for an incremental update."""
    dry_run: bool = False
    published: str | None = None
    """The version written (a generation, a collection), None when nothing changed, nothing
    was readable, or dry run."""
    manifest: Manifest | None = None
    """What the index holds afterwards (what it would hold, for a dry run)."""
    failed_ids: set[str] = field(default_factory=set)
    indexed_before: frozenset[str] = frozenset()

    @property
    def documents(self) -> int:
        """Return how many documents the index holds afterwards."""
        return len(self.manifest.files) if self.manifest else self.stats.documents

    @property
    def elements_by_kind(self) -> Counter[str]:
        """Return the elements of each kind the index holds afterwards."""
        return self.manifest.elements_by_kind() if self.manifest else self.stats.elements_by_kind

    def fail(self, doc_id: str, error: SourceError) -> None:
        """Record a file that cannot be indexed (any version indexed before leaves the index)."""
        if doc_id in self.indexed_before:
            error = SourceError(error.path, f"{error.reason}; its earlier version was removed")
        self.failures.append(error)
        self.failed_ids.add(doc_id)

    def settle(self) -> None:
        """Count each failed file once, as failed, not also as added, updated or removed."""
        for name in ("added", "updated", "removed"):
            ids = getattr(self.changes, name)
            setattr(self.changes, name, [d for d in ids if d not in self.failed_ids])


def index_corpus(
    root: Path,
    target: IndexStore | Path,
    gazetteer: Gazetteer | None = None,
    limits: IngestLimits = DEFAULT_INGEST_LIMITS,
    full: bool = False,
    dry_run: bool = False,
    procs: int | None = None,
    on_document: OnDocument | None = None,
    on_plan: Callable[[int], None] | None = None,
    skip: Path | None = None,
) -> IndexReport:
    """Bring the index of `target` (a store, or the folder of an embedded index) up to date
    with the files under `root`.

    `on_plan` learns how many files will be parsed, `on_document` sees each one parsed; a
    folder `skip` inside `root` is not part of the corpus (an embedded index kept there).
    Raises ReindexBusyError if another reindex holds the lock, IndexWriteError if the new
    version cannot be written (the served one is untouched either way).
    """
    if not root.is_dir():
        raise SourceError(display_path(root), "documents folder does not exist")
    store = open_store(BackendSettings(index=target)) if isinstance(target, Path) else target
    gazetteer = gazetteer or default_gazetteer()
    settings = index_settings(store, _gazetteer_digest(gazetteer))
    lock: AbstractContextManager[object] = nullcontext() if dry_run else store.lock()
    with lock:
        if not dry_run:
            store.remove_stale()
        incremental, previous, full_reason = _previous_index(store, settings, full)
        skip = target if isinstance(target, Path) else skip
        scan = scan_corpus(root, limits.max_file_bytes, skip=skip)
        report = _start_report(scan, previous, full_reason, dry_run)
        kept = set(report.changes.unchanged) if incremental and previous else set()
        to_parse = [f for f in scan.files if f.doc_id not in kept]
        if on_plan:
            on_plan(len(to_parse))
        entries = {doc_id: previous.files[doc_id] for doc_id in kept} if previous else {}
        report.manifest = Manifest(settings, entries)
        documents = _parse_files(to_parse, gazetteer, limits, report, entries)
        if dry_run:
            _consume(documents, report, on_document)
        else:
            procs = procs or _writer_processes(incremental, to_parse)
            report.published = _write(store, incremental, documents, report, procs, on_document)
        report.settle()
    return report


def index_settings(store: IndexStore, gazetteer_digest: str) -> dict[str, str]:
    """Return what records depend on besides the files: if any of it changes, rebuild all.

    The engine's schema, the analysis data (spelling variants and stop words, applied at
    index time) and the gazetteer that names organisations, regions and people.
    """
    variants = repr(sorted(load_variants().items()))
    return {
        "index_format": RECORD_FORMAT,
        "schema": store.schema_digest(),
        "spelling_variants": _digest(variants),
        "stop_words": _digest(repr(sorted(stop_words()))),
        "gazetteer": gazetteer_digest,
    }


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _start_report(
    scan: Scan, previous: Manifest | None, full_reason: str | None, dry_run: bool
) -> IndexReport:
    """Return the report of a run before anything is parsed: the changes, the failed reads."""
    report = IndexReport(WriteStats(), scan.failures, plan_changes(scan.files, previous))
    report.full_reason, report.dry_run = full_reason, dry_run
    report.indexed_before = frozenset(previous.files) if previous else frozenset()
    for doc_id, error in scan.failed.items():
        report.fail(doc_id, error)
    return report


def _writer_processes(incremental: bool, to_parse: list[CorpusFile]) -> int:
    """Return 2 for a full build of a big corpus (twice as fast on two cores), else 1."""
    big = sum(item.size for item in to_parse) >= PARALLEL_FROM_BYTES
    return 2 if not incremental and big else 1


def _write(
    store: IndexStore,
    incremental: bool,
    documents: Iterator[Document],
    report: IndexReport,
    procs: int,
    on_document: OnDocument | None,
) -> str | None:
    """Write the new version and publish it; None when there is nothing to write."""
    changes = report.changes
    stale = set(report.indexed_before) - set(changes.unchanged)
    if incremental and not stale and not changes.added and not changes.updated:
        return None  # up to date
    assert report.manifest is not None
    with store.writer(incremental, procs) as writer:
        if incremental:
            writer.delete_documents(sorted(stale | set(changes.added)))
        report.stats = writer.add_documents(documents, on_document)
        if not report.manifest.files:
            writer.discard()  # never replace an index by an empty one
            return None
        return writer.publish(report.manifest)


def _consume(
    documents: Iterator[Document], report: IndexReport, on_document: OnDocument | None
) -> None:
    for document in documents:
        report.stats.count(document)
        if on_document:
            on_document(document)


def scan_corpus(root: Path, max_bytes: int = DEFAULT_MAX_BYTES, skip: Path | None = None) -> Scan:
    """Return every readable file under `root` (but `skip`) with its content hash, and the
    unusable ones."""
    scan = Scan()
    sidecars = SidecarLookup()
    owners: dict[str, Path] = {}
    for item in iter_source_paths(root, skip):
        if isinstance(item, SourceError):
            scan.failures.append(item)
            continue
        doc_id = document_id(item, root)
        if doc_id in owners:
            other = display_path(owners[doc_id])
            scan.failures.append(SourceError(display_path(item), f"same document id as {other}"))
            continue
        owners[doc_id] = item
        try:
            data = read_bytes(item, max_bytes)
        except SourceError as error:
            scan.failed[doc_id] = error
            continue
        scan.files.append(CorpusFile(item, doc_id, content_hash(item, data, sidecars), len(data)))
    return scan


def content_hash(path: Path, data: bytes, sidecars: SidecarLookup | None = None) -> str:
    """Return the hash of what a document is made from: the file's bytes and its sidecar's."""
    digest = hashlib.sha256(data)
    sidecar = (sidecars or SidecarLookup()).find(path)
    if sidecar is not None:
        digest.update(b"\0sidecar\0" + sidecar.name.encode("utf-8", "surrogateescape"))
        with suppress(OSError):  # an unreadable sidecar fails the file when it is read
            digest.update(sidecar.read_bytes()[: MAX_SIDECAR_BYTES + 1])
    return digest.hexdigest()


def plan_changes(files: Iterable[CorpusFile], previous: Manifest | None) -> Changes:
    """Compare the scanned files with the manifest of the served generation."""
    changes = Changes()
    known = previous.files if previous else {}
    seen = set()
    for item in files:
        seen.add(item.doc_id)
        entry = known.get(item.doc_id)
        if entry is None:
            changes.added.append(item.doc_id)
        elif entry.sha256 != item.sha256:
            changes.updated.append(item.doc_id)
        else:
            changes.unchanged.append(item.doc_id)
    changes.removed = sorted(set(known) - seen)
    return changes


def load_document(
    item: CorpusFile, gazetteer: Gazetteer, limits: IngestLimits = DEFAULT_INGEST_LIMITS
) -> tuple[Document, FileEntry, str | None]:
    """Read, decode and parse one file within the limits; return its document, its manifest
    entry (hash of the bytes actually parsed) and what decoding did, if anything."""
    data = read_bytes(item.path, limits.max_file_bytes)
    shown = display_path(item.path)
    try:
        with time_limit(limits.max_parse_seconds):
            source, decoded = decode_source(data, item.path, item.doc_id)
            document = parse_source(source, gazetteer)
    except DeadlineExceeded:
        raise SourceError(
            shown, f"too complex (parsing took over {limits.max_parse_seconds:g} s)"
        ) from None
    except RecursionError:
        raise SourceError(shown, "too complex (nesting too deep to parse)") from None
    except MemoryError:
        raise SourceError(shown, "too complex (out of memory while parsing)") from None
    except SourceError:
        raise
    except Exception as exc:  # a parser bug on one odd file must not stop the others
        raise SourceError(shown, f"parser error ({type(exc).__name__}: {exc})") from exc
    if not document.elements:
        raise SourceError(shown, "no text the parser could use")
    kinds = Counter(element.kind.value for element in document.elements)
    entry = FileEntry(content_hash(item.path, data), len(data), dict(sorted(kinds.items())))
    return document, entry, "; ".join(decoded.notes()) or None


def load_documents(
    root: Path,
    gazetteer: Gazetteer | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    failures: list[SourceError] | None = None,
) -> Iterator[Document]:
    """Yield a Document for every readable file under `root`; append the others to `failures`."""
    limits = IngestLimits(max_file_bytes=max_bytes)
    scan = scan_corpus(root, max_bytes)
    report = IndexReport(WriteStats(), scan.failures)
    for doc_id, error in scan.failed.items():
        report.fail(doc_id, error)
    yield from _parse_files(scan.files, gazetteer or default_gazetteer(), limits, report, {})
    if failures is not None:
        failures.extend(report.failures)


def _parse_files(
    files: Iterable[CorpusFile],
    gazetteer: Gazetteer,
    limits: IngestLimits,
    report: IndexReport,
    entries: dict[str, FileEntry],
) -> Iterator[Document]:
    for item in files:
        try:
            document, entry, notes = load_document(item, gazetteer, limits)
        except SourceError as error:
            report.fail(item.doc_id, error)
            continue
        entries[item.doc_id] = entry
        if notes:
            report.decoding_notes.append((document.source_path, notes))
        yield document


def _previous_index(
    store: IndexStore, settings: dict[str, str], full: bool
) -> tuple[bool, Manifest | None, str | None]:
    """Return whether to update the served index (else build it whole), its manifest, why
    whole."""
    if not store.exists():
        return False, None, "first build"
    try:
        previous = store.served_manifest()
    except IndexUnavailableError as error:
        return False, None, f"the served index is unusable: {error.reason}"
    except ManifestError as error:
        return False, None, f"the served index has {error.reason}"
    if full:
        return False, previous, "requested with --full"
    changed = [name for name, value in settings.items() if previous.settings.get(name) != value]
    if changed:
        return False, previous, f"settings changed: {', '.join(changed)}"
    return True, previous, None


def _gazetteer_digest(gazetteer: Gazetteer) -> str:
    entities = sorted(
        (e.kind, e.name, sorted(e.aliases), e.case_sensitive, e.publisher)
        for e in gazetteer.entities
    )
    text = repr((entities, sorted(gazetteer.ignore)))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
