"""The index on a Typesense cluster as the pipeline writes it: collections behind an alias.

Searches always go to the alias (`--collection`, default `reportsearch`). A full rebuild
writes a new collection `<alias>_v<N>` beside the served one, checks that it holds every
element, writes its metadata (`meta.py`) and only then points the alias at it: searches see
the old collection or the new one, never a half-built one. The collection it replaced is
kept (for a rollback by hand) and older ones are dropped. An incremental update changes the
served collection in place, document by document (delete, then upsert its elements), and
writes the manifest last: a run cut short leaves the old manifest, so the next run redoes
its changes. The reindex lock is a file in `--index`, as for the embedded engine: one
machine runs reindexes.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from types import TracebackType
from typing import Any

from typesense import exceptions as ts_errors

from indexer import locking
from indexer.backend import BackendSettings, StoreFacts, WriteStats
from indexer.errors import IndexUnavailableError, IndexWriteError
from indexer.fields import DOCUMENT_ID
from indexer.manifest import Manifest
from indexer.model import Document
from indexer.records import Record, element_record
from indexer.typesense import meta
from indexer.typesense.client import Cluster
from indexer.typesense.schema import (
    DOC_KEY,
    SCHEMA_VERSION,
    collection_fields,
    record_of,
    stored_document,
)
from indexer.typesense.tokens import token
from indexer.typesense.vocabulary import Vocabulary

BATCH = 500
"""Elements per import request."""
DELETE_BATCH = 100
"""Documents per delete-by-filter request."""
VERIFY_S = 10.0
"""How long a full build waits for the cluster to report every element it imported."""


class TypesenseStore:
    """The collections of one alias on one cluster."""

    def __init__(self, settings: BackendSettings) -> None:
        self.settings = settings
        self.alias = settings.collection
        self.cluster = Cluster(settings, writes=True)
        self.location = self.cluster.location

    # The lock lives on the machine that runs reindexes.

    def lock(self) -> AbstractContextManager[object]:
        """Return the reindex lock, a file in the --index folder."""
        folder = Path(self.settings.index)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexWriteError(str(folder), f"cannot make the lock folder: {error}") from None
        return locking.ReindexLock(folder)

    def lock_holder(self) -> int | None:
        """Return the pid of a reindex holding the lock, None when it is free."""
        return locking.lock_holder(Path(self.settings.index))

    def served(self) -> tuple[str, meta.State] | None:
        """Return the collection the alias serves and its state, None if nothing is published."""
        target = self.cluster.alias_target(self.alias)
        if target is None:
            return None
        try:
            state = meta.read_state(self.cluster, target)
        except ts_errors.ObjectNotFound:
            return None
        return (target, state) if state is not None and state.published else None

    def exists(self) -> bool:
        """Return whether the alias serves a published collection."""
        return self.served() is not None

    def served_manifest(self) -> Manifest:
        """Return the manifest of the served collection."""
        served = self.served()
        if served is None:
            raise IndexUnavailableError(self.location, f"no collection behind {self.alias!r}")
        return meta.read_manifest(self.cluster, *served)

    def writer(self, incremental: bool, procs: int = 1) -> TypesenseWriter:
        """Return a writer: in place on the served collection, or of a new one."""
        return TypesenseWriter(self, incremental)

    def collections(self) -> list[str]:
        """Return the names of this alias's element collections, oldest first."""
        pattern = re.compile(rf"{re.escape(self.alias)}_v(\d+)")
        found = self.cluster.call(
            "listing collections", lambda: self.cluster.client.collections.retrieve()
        )
        names = [c["name"] for c in found if pattern.fullmatch(c["name"])]
        return sorted(names, key=lambda name: int(name.rsplit("_v", 1)[1]))

    def stale(self) -> list[str]:
        """Return the collections neither served nor kept as the one served before."""
        served = self.served()
        keep = {served[0], served[1].previous} if served else set()
        return [name for name in self.collections() if name not in keep]

    def remove_stale(self) -> list[str]:
        """Drop what interrupted or superseded builds left; return the names."""
        removed = self.stale()
        for name in removed:
            self.drop(name)
        return removed

    def drop(self, name: str) -> None:
        """Delete an element collection and its metadata."""
        for victim in (name, meta.meta_name(name)):
            with suppress(ts_errors.ObjectNotFound):
                self.cluster.call(
                    "deleting a collection",
                    lambda victim=victim: self.cluster.client.collections[victim].delete(),  # type: ignore[misc]
                )

    def schema_digest(self) -> str:
        """Return a digest of the stored document shape: a change rebuilds everything."""
        shape = json.dumps([SCHEMA_VERSION, collection_fields()], sort_keys=True)
        return hashlib.sha256(shape.encode("utf-8")).hexdigest()[:16]

    def facts(self) -> StoreFacts:
        """Return what the served collection holds."""
        served = self.served()
        if served is None:
            raise IndexUnavailableError(self.location, f"no collection behind {self.alias!r}")
        name, state = served
        info = self.cluster.call(
            "reading the collection", lambda: self.cluster.client.collections[name].retrieve()
        )
        every = {"q": "*", "per_page": 0, "facet_by": DOCUMENT_ID, "max_facet_values": 1_000_000}
        counts = self.cluster.multi_search([{"collection": name, **every}])[0]
        per_document = {
            entry["value"]: int(entry["count"])
            for facet in counts.get("facet_counts", [])
            for entry in facet["counts"]
        }
        vocabulary = meta.read_vocabulary(self.cluster, name, state)
        sample = next((w for w in vocabulary.sorted_words() if w.isalpha()), None)
        notes = [(False, f"version {state.version}; kept for rollback: {state.previous or 'none'}")]
        leftovers = self.stale()
        if leftovers:
            notes.append((True, f"left by earlier builds: {', '.join(leftovers)}"))
        return StoreFacts(name, int(info["num_documents"]), per_document, sample, tuple(notes))

    def next_name(self) -> str:
        """Return the name of a new element collection."""
        numbers = [int(name.rsplit("_v", 1)[1]) for name in self.collections()]
        return f"{self.alias}_v{max(numbers, default=0) + 1}"


class TypesenseWriter:
    """One new version of the index on the cluster; published by pointing the alias."""

    def __init__(self, store: TypesenseStore, incremental: bool) -> None:
        self.store = store
        self.cluster = store.cluster
        self.stats = WriteStats()
        self.incremental = incremental
        self._pending: list[dict[str, Any]] = []
        self._imported = 0
        served = store.served()
        if incremental:
            if served is None:
                raise IndexUnavailableError(store.location, "no collection to update")
            self.name, state = served
            self.version = state.version + 1
            self.previous = state.previous
            self.vocabulary = meta.read_vocabulary(self.cluster, self.name, state)
        else:
            self.name = store.next_name()
            self.version = 1
            self.previous = served[0] if served else None
            self.vocabulary = Vocabulary()
            schema = {"name": self.name, "fields": collection_fields()}
            self.cluster.call(
                "creating a collection", lambda: self.cluster.client.collections.create(schema)
            )
            meta.create(self.cluster, self.name)

    def __enter__(self) -> TypesenseWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if exc is not None:
            self.discard()

    @property
    def _documents(self) -> Any:
        return self.cluster.client.collections[self.name].documents

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Delete every element of the documents `doc_ids`; return how many went."""
        ids = sorted(set(doc_ids))
        deleted = 0
        for first in range(0, len(ids), DELETE_BATCH):
            keys = ",".join(token(doc_id) for doc_id in ids[first : first + DELETE_BATCH])
            where = f"{DOC_KEY}:=[{keys}]"
            for record in self._export(where):
                self.vocabulary.count(record, sign=-1)
            response = self.cluster.call(
                "deleting documents",
                lambda where=where: self._documents.delete({"filter_by": where}),  # type: ignore[misc]
            )
            deleted += int(response.get("num_deleted", 0))
        return deleted

    def _export(self, where: str) -> list[Record]:
        text = self.cluster.call(
            "reading documents",
            lambda: self._documents.export({"filter_by": where, "exclude_fields": "t_any,q_any"}),
        )
        return [record_of(json.loads(line)) for line in str(text).splitlines() if line.strip()]

    def add_documents(
        self, documents: Iterable[Document], on_document: Callable[[Document], None] | None = None
    ) -> WriteStats:
        """Add every element of `documents`, in batches."""
        for document in documents:
            for element in document.elements:
                record = element_record(document, element)
                self.vocabulary.count(record)
                self._pending.append(stored_document(record))
            self.stats.count(document)
            if on_document is not None:
                on_document(document)
            if len(self._pending) >= BATCH:
                self._flush()
        return self.stats

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        results = self.cluster.call(
            "importing documents", lambda: self._documents.import_(batch, {"action": "upsert"})
        )
        failed = [r for r in results if not r.get("success")]
        if failed:
            raise IndexWriteError(
                self.store.location,
                f"{len(failed)} of {len(batch)} elements refused: {failed[0].get('error')}",
            )
        self._imported += len(batch)

    def publish(self, manifest: Manifest) -> str:
        """Write the metadata, then (for a new collection) point the alias at it."""
        self._flush()
        if not self.incremental:
            self._verify()
        values = {
            meta.MANIFEST: manifest.dumps(),
            meta.VOCABULARY: json.dumps(self.vocabulary.to_json(), separators=(",", ":")),
        }
        meta.write(self.cluster, self.name, values, self.version, self.previous)
        if not self.incremental:
            mapping = {"collection_name": self.name}
            self.cluster.call(
                "switching the alias",
                lambda: self.cluster.client.aliases.upsert(self.store.alias, mapping),
            )
            for name in self.store.collections():
                if name not in (self.name, self.previous):
                    self.store.drop(name)
        state = f"collections/{meta.meta_name(self.name)}/documents/{meta.STATE}"
        self.cluster.await_replicas(self.store.alias, self.name, state, self.version)
        return self.name

    def _verify(self) -> None:
        """Wait until the new collection reports every imported element, or fail."""
        deadline = time.monotonic() + VERIFY_S
        count = -1
        while time.monotonic() < deadline:
            info = self.cluster.call(
                "reading the collection",
                lambda: self.cluster.client.collections[self.name].retrieve(),
            )
            count = int(info["num_documents"])
            if count == self._imported:
                return
            time.sleep(0.2)
        raise IndexWriteError(
            self.store.location, f"{self.name} holds {count} of {self._imported} elements"
        )

    def discard(self) -> None:
        """Drop a new collection; an in-place update keeps what it wrote (see the module)."""
        if not self.incremental:
            with suppress(Exception):  # the cluster may be what failed
                self.store.drop(self.name)
