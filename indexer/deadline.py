"""A wall-clock limit on one step of in-process work (parsing one file), without a thread.

The limit is a one-shot `SIGALRM` timer: when it fires, the handler raises `DeadlineExceeded`
at the next bytecode boundary of whatever Python code is running, including inside `re`
matching, which checks for signals. One `setitimer` call per file costs microseconds; a
watchdog thread per file, or a worker process, would cost far more. Limits of the choice:
signals reach only the main thread, so elsewhere (or when the process already has an
interval timer of its own) the work runs unbounded; a C extension that never returns to the
interpreter cannot be interrupted.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class DeadlineExceeded(BaseException):
    """Raised into the running code when its time is up.

    A BaseException, so that a parser's `except Exception` cannot swallow it.
    """


def can_limit() -> bool:
    """Return whether `time_limit` can interrupt work in the calling thread."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run the body, raising DeadlineExceeded inside it once `seconds` have passed."""
    if not can_limit():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise DeadlineExceeded
