"""Per-reader data shared by a server's threads: each value is made once, whoever asks."""

from __future__ import annotations

import threading
import time

import pytest

from indexer.whoosh.shared import ReaderData


def test_threads_asking_for_the_same_entry_wait_for_one_maker() -> None:
    shared = ReaderData(cache_bytes=1 << 20)
    calls: list[int] = []
    start = threading.Barrier(8)
    got: list[object] = []

    def make() -> tuple[list[int], int]:
        calls.append(1)
        time.sleep(0.05)  # long enough for every other thread to arrive while it is made
        return [1, 2, 3], 24

    def ask() -> None:
        start.wait()
        got.append(shared.cached_or_make("postings of probation", make))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(got) == 8 and all(value is got[0] for value in got)
    assert shared.cached("postings of probation") == [1, 2, 3]


def test_an_entry_over_the_budget_is_made_but_not_kept() -> None:
    shared = ReaderData(cache_bytes=10)
    assert shared.cached_or_make("big", lambda: ("value", 100)) == "value"
    assert shared.cached("big") is None

    # A failed make leaves nothing behind: the next caller tries again.
    def fail() -> tuple[str, int]:
        raise OSError("damaged postings")

    with pytest.raises(OSError, match="damaged"):
        shared.cached_or_make("bad", fail)
    assert shared.cached_or_make("bad", lambda: ("fine", 1)) == "fine"
