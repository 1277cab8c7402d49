"""Run the web app under waitress: in this process, or in several worker processes.

One waitress process serves requests on one core at a time (Python's interpreter lock), so
on a machine with more cores `serve(processes=N)` binds the listening socket once, forks N
workers that each build their own app and accept on that socket, and restarts a worker that
dies. Each worker opens the index itself, after the fork: no searcher or connection is shared.
The workers take new connections in turn by how many each has open (`web.balancing`), so
keep-alive clients spread evenly over the cores.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from typing import Any

import waitress

from web.app import create_app
from web.balancing import ConnectionBoard, serve_balanced

IDENT = "reportsearch"
RESTART_PAUSE_S = 1.0
"""A worker that dies within this long of starting is restarted only after this pause."""
STOP_GRACE_S = 10.0


class ServeError(RuntimeError):
    """The server cannot start as asked."""


def serve(
    config: Mapping[str, Any],
    host: str,
    port: int,
    threads: int,
    processes: int = 1,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the app made from `config` on host:port until interrupted."""
    if processes == 1:
        waitress.serve(create_app(config), host=host, port=port, threads=threads, ident=IDENT)
        return
    if not hasattr(os, "fork"):
        raise ServeError("--processes above 1 needs a system with fork(); use 1")
    try:
        listener = socket.create_server((host, port), backlog=1024)
    except OSError as error:
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    _Supervisor(listener, config, threads, processes, announce).run()


class _Supervisor:
    """Keep `processes` workers serving on one listening socket; stop them all on a signal."""

    def __init__(
        self,
        listener: socket.socket,
        config: Mapping[str, Any],
        threads: int,
        processes: int,
        announce: Callable[[str], None],
    ) -> None:
        self.listener, self.config, self.threads = listener, config, threads
        self.processes, self.announce = processes, announce
        self.board = ConnectionBoard(processes)
        self.workers: dict[int, tuple[int, float]] = {}
        """Worker pid → its slot on the board and when it started (monotonic seconds)."""
        self.stopping = False

    def run(self) -> None:
        """Start the workers and wait on them until SIGINT or SIGTERM."""
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            for slot in range(self.processes):
                self._start(slot)
            while self.workers:
                try:
                    pid, status = os.wait()
                except ChildProcessError:
                    break
                except InterruptedError:
                    continue
                worker = self.workers.pop(pid, None)
                if worker is not None:
                    self.board.clear(worker[0])
                    if not self.stopping:
                        self._replace(pid, status, *worker)
        finally:
            self._terminate_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.listener.close()

    def _start(self, slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker: serve, and never return into the supervisor's code
            code = 1
            try:
                for sig in (signal.SIGINT, signal.SIGTERM):
                    signal.signal(sig, signal.SIG_DFL)
                app = create_app(self.config)
                serve_balanced(
                    app, self.listener, self.board, slot, threads=self.threads, ident=IDENT
                )
                code = 0
            finally:
                sys.stdout.flush()
                os._exit(code)
        self.workers[pid] = (slot, time.monotonic())
        self.announce(f"Worker {pid} started.")

    def _replace(self, pid: int, status: int, slot: int, started: float) -> None:
        self.announce(f"Worker {pid} stopped ({_describe(status)}); starting another.")
        if time.monotonic() - started < RESTART_PAUSE_S:
            time.sleep(RESTART_PAUSE_S)  # a worker that cannot start must not fork in a loop
        if not self.stopping:
            self._start(slot)

    def _stop(self, signum: int, _frame: object) -> None:
        self.stopping = True
        for pid in list(self.workers):
            _signal(pid, signal.SIGTERM)

    def _terminate_all(self) -> None:
        self.stopping = True
        deadline = time.monotonic() + STOP_GRACE_S
        for pid in list(self.workers):
            _signal(pid, signal.SIGTERM)
        while self.workers and time.monotonic() < deadline:
            for pid in list(self.workers):
                done, _status = os.waitpid(pid, os.WNOHANG)
                if done:
                    self.workers.pop(pid)
            time.sleep(0.05)
        for pid in self.workers:
            _signal(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        self.workers.clear()


def _signal(pid: int, sig: int) -> None:
    with suppress(ProcessLookupError):  # it has already gone
        os.kill(pid, sig)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
