"""Where the index lives on disk: generation folders, the CURRENT pointer, and writing them.

An index location is a folder holding one Whoosh index per generation (`gen-…`) and a
`CURRENT` file naming the one being served. A full build writes a fresh generation and
switches `CURRENT` with an atomic rename, so readers see either the old or the new index,
never a half-built one.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from indexer.errors import IndexUnavailableError
from indexer.model import Document
from indexer.schema import build_schema, element_record

CURRENT_FILE = "CURRENT"
GENERATION_PREFIX = "gen-"
WRITER_LIMIT_MB = 256


@dataclass
class WriteStats:
    """What a build wrote: documents and elements by kind."""

    documents: int = 0
    elements_by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def elements(self) -> int:
        """Return the number of elements written."""
        return sum(self.elements_by_kind.values())


def current_generation(location: Path) -> Path:
    """Return the folder of the generation being served, raising if there is none."""
    pointer = location / CURRENT_FILE
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise IndexUnavailableError(str(location), "no index has been built here yet") from None
    except OSError as exc:
        raise IndexUnavailableError(str(location), f"cannot read {pointer}: {exc}") from None
    folder = location / name
    if not name.startswith(GENERATION_PREFIX) or not folder.is_dir():
        raise IndexUnavailableError(str(location), f"{CURRENT_FILE} names a missing index {name!r}")
    return folder


def open_current(location: Path) -> FileIndex:
    """Open the generation being served."""
    folder = current_generation(location)
    try:
        return whoosh_index.open_dir(str(folder))
    except Exception as exc:  # Whoosh raises many types for damaged files.
        raise IndexUnavailableError(str(location), f"cannot open {folder.name}: {exc}") from exc


def build_index(
    documents: Iterable[Document],
    location: Path,
    on_document: Callable[[Document], None] | None = None,
) -> WriteStats:
    """Write `documents` into a new generation and switch to it once it is complete."""
    location.mkdir(parents=True, exist_ok=True)
    folder = _new_generation_folder(location)
    stats = WriteStats()
    try:
        ix = whoosh_index.create_in(str(folder), build_schema())
        writer = ix.writer(limitmb=WRITER_LIMIT_MB)
        try:
            for document in documents:
                write_document(writer, document)
                stats.documents += 1
                stats.elements_by_kind.update(e.kind.value for e in document.elements)
                if on_document:
                    on_document(document)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        switch_to(location, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    remove_stale_generations(location)
    return stats


def write_document(writer: object, document: Document) -> None:
    """Add every element of `document` to an open Whoosh writer."""
    for element in document.elements:
        writer.add_document(**element_record(document, element))  # type: ignore[attr-defined]


def switch_to(location: Path, folder: Path) -> None:
    """Point `CURRENT` at `folder` with an atomic rename."""
    temporary = location / f"{CURRENT_FILE}.{os.getpid()}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(folder.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(location / CURRENT_FILE)


def remove_stale_generations(location: Path, keep_previous: int = 1) -> list[str]:
    """Delete generations other than the current one and the newest `keep_previous` others.

    The previous generation is kept because a server may still hold open searchers on it.
    """
    try:
        current = current_generation(location).name
    except IndexUnavailableError:
        return []
    others = sorted(
        (
            p
            for p in location.iterdir()
            if p.name.startswith(GENERATION_PREFIX) and p.name != current
        ),
        key=lambda p: p.name,
        reverse=True,
    )
    removed = []
    for folder in others[keep_previous:]:
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    return removed


def _new_generation_folder(location: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    folder = (
        location / f"{GENERATION_PREFIX}{stamp}-{time.monotonic_ns() % 10**9:09d}-{os.getpid()}"
    )
    folder.mkdir()
    return folder
