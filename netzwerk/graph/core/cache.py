"""The one in-memory cache of computed results: :class:`Cache`.

The web server answers requests on several threads, and the expensive things it shows
(a gap report, a layout, node sizes, the network snapshot and its filtered graphs) are
computed once per state of the graph and shared. ``cachetools.LRUCache`` keeps the bounded,
least-recently-used store; it is not thread-safe, so every access goes through one lock.
The value is computed *outside* the lock: two threads asking for the same missing key at
once may both compute it (the last one stored wins), but no thread waits for another's
computation of a different key.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Cache(Generic[K, V]):
    """At most ``size`` values by key, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self._lock = threading.Lock()
        self._data: LRUCache[K, V] = LRUCache(maxsize=size)

    def get(self, key: K) -> V | None:
        with self._lock:
            return self._data.get(key)

    def put(self, key: K, value: V) -> V:
        with self._lock:
            self._data[key] = value
        return value

    def get_or_compute(
        self, key: K, compute: Callable[[], V], valid: Callable[[V], bool] | None = None
    ) -> V:
        """The value under ``key``, else (or when ``valid`` rejects it) ``compute()``'s,
        stored under ``key``."""
        hit = self.get(key)
        if hit is not None and (valid is None or valid(hit)):
            return hit
        return self.put(key, compute())

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)
