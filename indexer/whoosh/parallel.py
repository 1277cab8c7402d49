"""Whoosh's multi-process writer, made safe to kill: a full build in worker processes.

`whoosh.multiproc.MpWriter` with `multisegment=True` builds about twice as fast on two cores
(each worker writes its own segment, no final merge). As shipped it has three hazards this
subclass removes: workers outlive a killed parent, blocked forever on the job queue (here
they get SIGKILL when the parent dies, on Linux); a worker that fails leaves the parent
blocked on a full queue (here the parent checks its workers and raises); and `cancel()`
never reaches the workers (here it terminates them).
"""

from __future__ import annotations

import ctypes
import os
import pickle
import queue
import signal
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

PR_SET_PDEATHSIG = 1
"""prctl option: the signal a process gets when its parent dies (Linux)."""
PUT_TIMEOUT_S = 0.5


class WorkerFailedError(OSError):
    """A writer process ended before its work was done (its own error went to stderr)."""


class ParallelWriter(MpWriter):
    """A multi-segment MpWriter whose workers die with it and whose failures are noticed."""

    def __init__(self, index: Any, procs: int, **kwargs: Any) -> None:
        super().__init__(index, procs=procs, multisegment=True, **kwargs)

    def _new_task(self) -> Any:
        task = _WorkerTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.daemon = True
        self.tasks.append(task)
        task.start()
        return task

    def _enqueue(self) -> None:
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as handle:
            for item in self.docbuffer:
                pickle.dump(item, handle, 2)
        if len(self.tasks) < self.procs:
            self._new_task()
        job = (filename, len(self.docbuffer))
        while True:
            self.check_workers()
            try:
                self.jobqueue.put(job, timeout=PUT_TIMEOUT_S)
                break
            except queue.Full:
                continue
        self.docbuffer = []

    def check_workers(self) -> None:
        """Raise WorkerFailedError if a worker process has ended before being told to."""
        for task in self.tasks:
            if not task.is_alive():
                raise WorkerFailedError(
                    f"an index writer process failed (exit code {task.exitcode})"
                )

    def commit(
        self, mergetype: Any = None, optimize: Any = None, merge: Any = None, **kwargs: Any
    ) -> None:
        """Finish the workers' segments and write the table of contents."""
        if self.docbuffer:
            self._enqueue()
        self.check_workers()
        super().commit(mergetype=mergetype, optimize=optimize, merge=merge)
        for task in self.tasks:
            if task.exitcode:
                raise WorkerFailedError(
                    f"an index writer process failed (exit code {task.exitcode})"
                )

    def cancel(self, **kwargs: Any) -> None:
        """Stop the workers and drop what they wrote."""
        for task in self.tasks:
            task.terminate()
        for task in self.tasks:
            task.join(timeout=5)
        SegmentWriter.cancel(self)


class _WorkerTask(SubWriterTask):
    """A Whoosh sub-writer that dies with its parent and fails with one line, not a traceback."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.parent_pid = os.getpid()

    def run(self) -> None:
        """Index the job files the parent sends until it says stop."""
        _die_with_parent(self.parent_pid)
        try:
            super().run()
        except Exception as exc:
            raise SystemExit(
                f"reportsearch: index writer process {os.getpid()} failed: {exc}"
            ) from exc


def _die_with_parent(parent_pid: int) -> None:
    """Ask the kernel for SIGKILL when the parent dies (Linux; elsewhere a no-op)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)
