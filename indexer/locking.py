"""One reindex at a time per index location: an advisory lock on `LOCK`, naming its owner.

The lock is `flock` on the file, which the kernel releases when the owning process ends,
however it ends: a lock left by a killed run is taken over by the next one without any
staleness guess. The owner's pid in the file only names it in the "already running" error.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from indexer.errors import IndexWriteError, ReindexBusyError

LOCK_FILE = "LOCK"
ATTEMPTS = 5
"""Tries 10 ms apart before giving up: `lock_holder` probes the lock for an instant."""


class ReindexLock:
    """Hold the reindex lock of an index location for the length of a `with` block."""

    def __init__(self, location: Path) -> None:
        self.path = location / LOCK_FILE
        self._descriptor: int | None = None

    def __enter__(self) -> ReindexLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock at once, or raise ReindexBusyError naming the process holding it.

        Raises IndexWriteError when the lock file cannot be made (a read-only location).
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            reason = f"cannot create {self.path}: {exc.strerror or exc}"
            raise IndexWriteError(str(self.path.parent), reason) from None
        if not _try_lock(descriptor, ATTEMPTS):
            pid = _owner(descriptor)
            os.close(descriptor)
            raise ReindexBusyError(pid)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        self._descriptor = descriptor

    def release(self) -> None:
        """Give the lock up (the file stays, empty, for the next run)."""
        if self._descriptor is None:
            return
        try:
            os.ftruncate(self._descriptor, 0)
        finally:
            fcntl.flock(self._descriptor, fcntl.LOCK_UN)
            os.close(self._descriptor)
            self._descriptor = None


def lock_holder(location: Path) -> int | None:
    """Return the pid of the reindex running on `location` (0 if unknown), or None if none."""
    path = location / LOCK_FILE
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:  # no lock file, or one we may not read: no reindex we can name
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _owner(descriptor) or 0
    else:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        return None
    finally:
        os.close(descriptor)


def _try_lock(descriptor: int, attempts: int) -> bool:
    for attempt in range(attempts):
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if attempt + 1 < attempts:
                time.sleep(0.01)
        else:
            return True
    return False


def _owner(descriptor: int) -> int | None:
    """Read the owner's pid; the owner writes it just after locking, so retry briefly."""
    for _ in range(20):
        text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return int(text)
        time.sleep(0.005)
    return None
