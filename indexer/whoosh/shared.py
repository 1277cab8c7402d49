"""Read-only data of one index reader that every thread's service shares: facet tables, value
codes, field lengths, decoded postings and the spelling words.

Whoosh searchers must not be shared between threads, but what is read through them once does
not change until the index does; when each server thread kept its own copy, a server with 4
threads at 100k elements held 1.3 GB. Kept for the two most recent readers of a location (the
one served and the one being switched from).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from whoosh.reading import IndexReader

T = TypeVar("T")
KEEP_READERS = 2


class ReaderData:
    """Values computed once per reader, whichever thread asks first; a bounded LRU beside."""

    def __init__(self, cache_bytes: int) -> None:
        self._values: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._cache: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cached_bytes = 0
        self._making: dict[Any, threading.Lock] = {}
        self.cache_bytes = cache_bytes

    def once(self, name: str, make: Callable[[], T]) -> T:
        """Return the value called `name`, made by `make` the first time it is asked for."""
        value = self._values.get(name)
        if value is None:
            with self._lock:
                value = self._values.get(name)
                if value is None:
                    value = make()
                    self._values[name] = value
        return value

    def cached(self, key: Any) -> Any | None:
        """Return the cache entry of `key` (marking it recently used), or None."""
        with self._cache_lock:
            entry = self._cache.get(key)
            if entry is None:
                return None
            self._cache.move_to_end(key)
            return entry[0]

    def cached_or_make(self, key: Any, make: Callable[[], tuple[T, int]]) -> T:
        """Return the cache entry of `key`, made by `make` (value, size in bytes) if missing.

        One thread makes it while the others asking for the same key wait for it: when a
        server opens a new index, its threads all ask for the same common words at once, and
        each decoding them itself multiplied the first pages' work by the number of threads.
        """
        value = self.cached(key)
        if value is not None:
            return value
        with self._cache_lock:
            making = self._making.setdefault(key, threading.Lock())
        try:
            with making:
                value = self.cached(key)
                if value is None:
                    value, size = make()
                    self.cache(key, value, size)
        finally:
            with self._cache_lock:
                if self._making.get(key) is making:
                    del self._making[key]
        return value

    def cache(self, key: Any, value: Any, size: int) -> None:
        """Keep `value` (of `size` bytes), dropping the least recently used beyond the budget."""
        with self._cache_lock:
            if key in self._cache:
                return
            self._cache[key] = (value, size)
            self._cached_bytes += size
            while self._cached_bytes > self.cache_bytes and self._cache:
                _, (_, dropped) = self._cache.popitem(last=False)
                self._cached_bytes -= dropped


_registry: OrderedDict[tuple[str, int | None, int], ReaderData] = OrderedDict()
_registry_lock = threading.Lock()


def reader_data(folder: Path, reader: IndexReader, cache_bytes: int) -> ReaderData:
    """Return the shared data of `reader` of the index in `folder`."""
    key = (str(folder), reader.generation(), reader.doc_count_all())
    with _registry_lock:
        data = _registry.get(key)
        if data is None:
            data = _registry[key] = ReaderData(cache_bytes)
            while len(_registry) > KEEP_READERS:
                _registry.popitem(last=False)
        _registry.move_to_end(key)
        return data
