"""A wall-clock limit on one step of in-process work (parsing one file), without a thread.

The limit is a `SIGALRM` timer: when it fires, the handler raises `DeadlineExceeded` at the
next bytecode boundary of whatever Python code is running, including inside `re` matching,
which checks for signals. One `setitimer` call per file costs microseconds; a watchdog thread
per file, or a worker process, would cost far more.

Python swallows an exception raised inside a garbage-collector callback or a finaliser, so
the handler holds its fire while the collector runs, and the timer repeats every
`RETRY_SECONDS` until the exception has landed. Limits of the choice: signals reach only the
main thread, so elsewhere (or when the process already has a timer of its own) the work runs
unbounded; a C extension that never returns to the interpreter cannot be interrupted.
"""

from __future__ import annotations

import gc
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

RETRY_SECONDS = 0.05


class DeadlineExceeded(BaseException):
    """Raised into the running code when its time is up.

    A BaseException, so that a parser's `except Exception` cannot swallow it.
    """


class _Alarm:
    """The state of the one deadline that may be armed in this process."""

    armed = False
    collecting = False
    fired = False
    """The time ran out; if the body still returns, its exception was swallowed (raised inside
    a finaliser, say) and is raised again on the way out."""


def can_limit() -> bool:
    """Return whether `time_limit` can interrupt work in the calling thread."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
        and not _Alarm.armed
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run the body, raising DeadlineExceeded inside it once `seconds` have passed."""
    if not can_limit():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    # First and last in the list: the flag covers every other callback of a collection.
    gc.callbacks.insert(0, _collection_starts)
    gc.callbacks.append(_collection_stops)
    _Alarm.armed = True
    _Alarm.fired = False
    signal.setitimer(signal.ITIMER_REAL, seconds, RETRY_SECONDS)
    try:
        yield
        if _Alarm.fired:  # the work overran, and the exception raised into it was swallowed
            raise DeadlineExceeded
    except DeadlineExceeded:
        raise
    except Exception as error:
        if _Alarm.fired:  # raised inside a C callback, it arrives wrapped (ctypes.ArgumentError)
            raise DeadlineExceeded from error
        raise
    finally:
        _Alarm.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        gc.callbacks.remove(_collection_starts)
        gc.callbacks.remove(_collection_stops)
        _Alarm.collecting = False


def _interrupt(signum: int, frame: FrameType | None) -> None:
    if _Alarm.armed:
        _Alarm.fired = True
        if not _Alarm.collecting:
            raise DeadlineExceeded


def _collection_starts(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _Alarm.collecting = True


def _collection_stops(phase: str, info: dict[str, Any]) -> None:
    if phase == "stop":
        _Alarm.collecting = False
