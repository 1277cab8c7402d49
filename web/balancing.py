"""Spread connections evenly over the worker processes that share one listening socket.

Left to the kernel, whichever worker wakes first accepts a new connection, and keep-alive
connections stay where they landed: measured with twenty clients on two workers, one worker
did twice the other's work while the other's core sat idle. So the workers keep their open
connection counts on a `ConnectionBoard`, memory shared from before the fork, and a worker
listens for new connections only while no other worker has fewer open (the least-connections
rule of load balancers). A worker whose count changes nudges the others through a pipe each,
so that one that had stopped listening looks at the board again at once, not at its event
loop's next timeout (a second): a worker with the fewest connections is always listening.
"""

from __future__ import annotations

import logging
import mmap
import os
import socket
from contextlib import suppress
from typing import Any

from waitress import wasyncore
from waitress.adjustments import Adjustments
from waitress.server import TcpWSGIServer

ABSENT = -1
"""A board slot with no worker in it (not yet started, or dead and not yet replaced)."""


class ConnectionBoard:
    """Open connections per worker slot, in an anonymous shared mapping made before forking.

    Each slot is written only by its own worker (and cleared by the supervisor when that
    worker dies); an aligned 8-byte store is atomic, and a reader may see a count a moment
    old, which costs at most one connection placed less evenly.
    """

    def __init__(self, slots: int) -> None:
        self._memory = mmap.mmap(-1, 8 * slots)
        self._counts = memoryview(self._memory).cast("q")
        for slot in range(slots):
            self._counts[slot] = ABSENT
        self._pipes = [os.pipe() for _ in range(slots)]
        """Per slot (read end, write end): a byte written wakes that slot's worker."""
        for _, write in self._pipes:
            os.set_blocking(write, False)

    def wake_fd(self, slot: int) -> int:
        """Return the file descriptor a worker in `slot` watches for nudges."""
        return self._pipes[slot][0]

    def nudge_others(self, slot: int) -> None:
        """Wake every worker but `slot`'s to look at the board again."""
        for other, (_, write) in enumerate(self._pipes):
            if other != slot:
                with suppress(BlockingIOError):  # a full pipe: a nudge is already waiting
                    os.write(write, b"!")

    def post(self, slot: int, connections: int) -> None:
        """Record that the worker in `slot` has `connections` open."""
        self._counts[slot] = connections

    def clear(self, slot: int) -> None:
        """Record that `slot` holds no worker."""
        self._counts[slot] = ABSENT

    def fewest(self, slot: int) -> bool:
        """Return whether no live worker has fewer open connections than `slot`'s."""
        mine = self._counts[slot]
        return all(count == ABSENT or mine <= count for count in self._counts)


class BalancedServer(TcpWSGIServer):
    """Waitress on a shared listening socket, accepting only while its worker has the fewest
    open connections on the board."""

    def __init__(
        self,
        application: Any,
        listener: socket.socket,
        board: ConnectionBoard,
        slot: int,
        **adjustments: Any,
    ) -> None:
        self.board, self.slot, self.posted = board, slot, 0
        board.post(slot, 0)
        board.nudge_others(slot)
        adj = Adjustments(sockets=[listener], **adjustments)
        sockinfo = (listener.family, listener.type, listener.proto, listener.getsockname())
        channels: dict[int, Any] = {}
        super().__init__(
            application, map=channels, _sock=listener, adj=adj, bind_socket=False, sockinfo=sockinfo
        )
        _Nudges(board.wake_fd(slot), channels)

    def readable(self) -> bool:
        """Listen when waitress would (its connection limit) and this worker has the fewest
        connections; asked before every wait of the event loop."""
        willing: bool = super().readable()
        open_now = len(self.active_channels)
        if open_now != self.posted:
            self.board.post(self.slot, open_now)
            self.board.nudge_others(self.slot)
            self.posted = open_now
        return willing and self.board.fewest(self.slot)


class _Nudges(wasyncore.file_dispatcher):
    """The read end of a worker's nudge pipe in its event loop: wakes the loop, and drains."""

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def handle_read(self) -> None:
        with suppress(BlockingIOError):
            while self.recv(4096):
                pass


def serve_balanced(
    application: Any, listener: socket.socket, board: ConnectionBoard, slot: int, **kw: Any
) -> None:
    """Serve `application` on the shared `listener` in this worker until it is stopped."""
    logging.basicConfig()  # waitress's warnings (a deep task queue) reach stderr
    BalancedServer(application, listener, board, slot, **kw).run()
