"""What a Typesense element collection is served with, kept in a companion collection.

`<collection>_meta` holds the manifest (the content hash of every indexed file), the
vocabulary (`vocabulary.py`) and a `state` document: its version (bumped at every publish,
so searchers know to reload) and whether the collection was ever published. Large values
are split into parts of at most PART_CHARS characters, written before the state that
names how many parts there are, so a reader never assembles a half-written value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from typesense import exceptions as ts_errors

from indexer.errors import ManifestError
from indexer.manifest import Manifest
from indexer.typesense.client import Cluster
from indexer.typesense.vocabulary import Vocabulary

PART_CHARS = 1_000_000
STATE = "state"
MANIFEST = "manifest"
VOCABULARY = "vocabulary"


def meta_name(collection: str) -> str:
    """Return the companion collection of an element collection."""
    return f"{collection}_meta"


@dataclass(frozen=True)
class State:
    """The state document of a collection."""

    version: int = 0
    published: bool = False
    parts: dict[str, int] | None = None
    previous: str | None = None
    """The collection served before this one (kept by a full rebuild, for rollback)."""


def create(cluster: Cluster, collection: str) -> None:
    """Create the companion collection of `collection`."""
    schema = {"name": meta_name(collection), "fields": [{"name": "kind", "type": "string"}]}
    cluster.call("creating a collection", lambda: cluster.client.collections.create(schema))


def read_state(cluster: Cluster, collection: str) -> State | None:
    """Return the state of `collection`, or None if it has none (never published)."""
    documents = cluster.client.collections[meta_name(collection)].documents
    try:
        found = cluster.call("reading the index state", lambda: documents[STATE].retrieve())
    except ts_errors.ObjectNotFound:
        return None
    return State(
        int(found.get("version", 0)),
        bool(found.get("published", False)),
        {str(k): int(v) for k, v in found.get("parts", {}).items()},
        found.get("previous"),
    )


def read_value(cluster: Cluster, collection: str, kind: str, state: State) -> str | None:
    """Return the text of one value (MANIFEST, VOCABULARY) as the state names it."""
    count = (state.parts or {}).get(kind)
    if not count:
        return None
    documents = cluster.client.collections[meta_name(collection)].documents
    parts = []
    for number in range(count):
        try:
            part = cluster.call(
                "reading the index metadata",
                lambda number=number: documents[f"{kind}-{number}"].retrieve(),  # type: ignore[misc]
            )
        except ts_errors.ObjectNotFound:
            return None
        parts.append(str(part.get("data", "")))
    return "".join(parts)


def write(
    cluster: Cluster,
    collection: str,
    values: dict[str, str],
    version: int,
    previous: str | None,
) -> None:
    """Write values (kind → text), then the state that makes them current."""
    documents = cluster.client.collections[meta_name(collection)].documents
    parts: dict[str, int] = {}
    batch: list[dict[str, Any]] = []
    for kind, text in values.items():
        chunks = [text[i : i + PART_CHARS] for i in range(0, len(text), PART_CHARS)] or [""]
        parts[kind] = len(chunks)
        batch += [
            {"id": f"{kind}-{n}", "kind": kind, "data": chunk} for n, chunk in enumerate(chunks)
        ]
    _import(cluster, documents, batch)
    state = {"id": STATE, "kind": STATE, "version": version, "published": True,
             "parts": parts, "previous": previous}  # fmt: skip
    _import(cluster, documents, [state])


def _import(cluster: Cluster, documents: Any, batch: list[dict[str, Any]]) -> None:
    results = cluster.call(
        "writing the index metadata",
        lambda: documents.import_(batch, {"action": "upsert"}),
    )
    failed = [r for r in results if not r.get("success")]
    if failed:
        raise ManifestError(cluster.location, f"metadata not written: {failed[0].get('error')}")


def read_manifest(cluster: Cluster, collection: str, state: State) -> Manifest:
    """Return the manifest of a published collection (ManifestError if it has none)."""
    text = read_value(cluster, collection, MANIFEST, state)
    where = f"{cluster.location}: {meta_name(collection)}"
    if text is None:
        raise ManifestError(where, "no manifest (built without one)")
    return Manifest.loads(text, where)


def read_vocabulary(cluster: Cluster, collection: str, state: State) -> Vocabulary:
    """Return the vocabulary of a published collection (empty if it has none)."""
    text = read_value(cluster, collection, VOCABULARY, state)
    return Vocabulary.from_json(json.loads(text)) if text else Vocabulary()
