"""The parse deadline: it interrupts Python loops and regular expressions, is not swallowed,
survives a garbage collection at the wrong moment, and stays out of other threads."""

from __future__ import annotations

import gc
import re
import threading
import time
from contextlib import suppress
from typing import Any

import pytest

from indexer.deadline import DeadlineExceeded, can_limit, time_limit


def spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_python_loop_is_interrupted_on_time() -> None:
    started = time.perf_counter()
    with pytest.raises(DeadlineExceeded), time_limit(0.1):
        spin(5)
    assert time.perf_counter() - started < 1


def test_a_catastrophic_regular_expression_is_interrupted() -> None:
    with pytest.raises(DeadlineExceeded), time_limit(0.1):
        re.match(r"(a+)+$", "a" * 40 + "b")


def test_a_parser_catching_every_exception_cannot_swallow_it() -> None:
    def careless() -> None:
        with suppress(Exception):  # what a sloppy parser might do
            spin(5)

    with pytest.raises(DeadlineExceeded), time_limit(0.1):
        careless()


def test_a_deadline_falling_in_a_collection_still_lands() -> None:
    def slow_callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            spin(0.2)  # the alarm rings in here, where an exception would be swallowed

    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(DeadlineExceeded), time_limit(0.05):
            gc.collect()
            spin(5)
    finally:
        gc.callbacks.remove(slow_callback)


def test_work_that_finishes_in_time_is_left_alone() -> None:
    with time_limit(5):
        spin(0.01)
    spin(0.2)  # no late alarm


def test_other_threads_run_unbounded_and_limits_do_not_nest() -> None:
    seen: list[bool] = []
    worker = threading.Thread(target=lambda: seen.append(can_limit()))
    worker.start()
    worker.join()
    assert seen == [False]
    with time_limit(5):
        assert not can_limit()
    assert can_limit()


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_deadline_swallowed_by_the_work_is_raised_on_the_way_out() -> None:
    """A finaliser or a callback that swallows the exception cannot hide the overrun."""
    with pytest.raises(DeadlineExceeded), time_limit(0.01):
        for _ in range(20):
            with suppress(DeadlineExceeded):  # as a finaliser's swallowing does
                _busy(0.01)


def test_a_deadline_that_arrives_wrapped_is_unwrapped() -> None:
    """ctypes turns an exception raised in a callback's argument into ArgumentError."""
    with pytest.raises(DeadlineExceeded), time_limit(0.01):
        try:
            _busy(1.0)
        except DeadlineExceeded as error:
            raise ValueError("argument 1: DeadlineExceeded") from error
