"""The layout of an index location: numbered generation folders and the CURRENT pointer.

    location/
      CURRENT       names the generation being served; replaced by an atomic rename
      LOCK          held by the one reindex running (`locking`)
      gen-000007/   a complete Whoosh index and its manifest, never changed once published

A reindex writes a new generation beside the served one, makes it durable (fsync) and
publishes it by renaming CURRENT. The previous generation is kept for searchers still reading
it; anything else (older generations, folders of an interrupted run) is stale and removed by
the next run. No engine here: only folders and files.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from indexer.errors import IndexUnavailableError

CURRENT_FILE = "CURRENT"
GENERATION_PREFIX = "gen-"
_NUMBERED = re.compile(rf"^{GENERATION_PREFIX}(\d+)$")
_POINTER_TEMPORARY = re.compile(rf"^{CURRENT_FILE}\.\d+\.tmp$")


def current_generation(location: Path) -> Path:
    """Return the folder of the generation being served, raising if there is none."""
    pointer = location / CURRENT_FILE
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise IndexUnavailableError(str(location), "no index has been built here yet") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexUnavailableError(str(location), f"cannot read {pointer}: {exc}") from None
    folder = location / name
    if not name.startswith(GENERATION_PREFIX) or "/" in name or not folder.is_dir():
        raise IndexUnavailableError(str(location), f"{CURRENT_FILE} names a missing index {name!r}")
    return folder


def generation_number(folder: Path) -> int | None:
    """Return the number of a generation folder (`gen-000007` → 7), None for other names."""
    match = _NUMBERED.match(folder.name)
    return int(match[1]) if match else None


def generation_folders(location: Path) -> list[Path]:
    """Return every generation folder in `location`, oldest first."""
    if not location.is_dir():
        return []
    folders = [p for p in location.iterdir() if p.name.startswith(GENERATION_PREFIX) and p.is_dir()]
    return sorted(folders, key=lambda p: (generation_number(p) or 0, p.name))


def new_generation(location: Path) -> Path:
    """Create and return the folder of the next generation (call with the reindex lock held)."""
    numbers = [generation_number(p) or 0 for p in generation_folders(location)]
    folder = location / f"{GENERATION_PREFIX}{max(numbers, default=0) + 1:06d}"
    folder.mkdir()
    return folder


def publish(location: Path, folder: Path) -> None:
    """Make `folder` durable, then point CURRENT at it: readers switch on their next request."""
    sync_folder(folder)
    switch_to(location, folder)


def switch_to(location: Path, folder: Path) -> None:
    """Point CURRENT at `folder` with an atomic, durable rename."""
    temporary = location / f"{CURRENT_FILE}.{os.getpid()}.tmp"
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(folder.name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(location / CURRENT_FILE)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_directory(location)


def stale_entries(location: Path) -> list[Path]:
    """Return what the next run removes: all but the current and the previous generation,
    and pointer files left by an interrupted switch."""
    try:
        current: Path | None = current_generation(location)
    except IndexUnavailableError:
        current = None
    number = generation_number(current) if current else None
    older = [
        n
        for p in generation_folders(location)
        if (n := generation_number(p)) and number and n < number
    ]
    keep = {current, location / f"{GENERATION_PREFIX}{max(older):06d}"} if older else {current}
    stale = [p for p in generation_folders(location) if p not in keep]
    if location.is_dir():
        stale += [p for p in location.iterdir() if _POINTER_TEMPORARY.match(p.name)]
    return stale


def remove_stale(location: Path) -> list[str]:
    """Delete the stale entries of `location` (call with the reindex lock held); return names."""
    removed = []
    for path in stale_entries(location):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def discard(folder: Path) -> None:
    """Delete a generation that will not be published."""
    shutil.rmtree(folder, ignore_errors=True)


def sync_folder(folder: Path) -> None:
    """Flush every file of `folder`, and the folder itself, to stable storage."""
    for path in folder.iterdir():
        if path.is_file() and not path.is_symlink():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
    _sync_directory(folder)


def _sync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
