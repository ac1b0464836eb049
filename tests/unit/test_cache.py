"""The one cache of computed results: bounded, least recently used first, safe for threads."""

from __future__ import annotations

import operator
import threading
from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from netzwerk.graph.core.cache import Cache


def test_least_recently_used_goes_first() -> None:
    cache: Cache[str, int] = Cache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3


def test_get_or_compute_computes_once_and_recomputes_what_is_no_longer_valid() -> None:
    cache: Cache[str, list[int]] = Cache(4)
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    first = cache.get_or_compute("k", compute)
    assert cache.get_or_compute("k", compute) is first and len(calls) == 1
    again = cache.get_or_compute("k", compute, valid=lambda hit: hit != [1])
    assert again == [2] and cache.get("k") == [2]


@given(st.lists(st.tuples(st.integers(0, 20), st.integers()), max_size=200), st.integers(1, 8))
def test_never_holds_more_than_its_size_and_keeps_the_last_value(
    ops: list[tuple[int, int]], size: int
) -> None:
    cache: Cache[int, int] = Cache(size)
    for key, value in ops:
        cache.put(key, value)
        assert len(cache) <= size
        assert cache.get(key) == value


def test_threads_share_one_bounded_cache() -> None:
    cache: Cache[int, int] = Cache(16)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(2_000):
                key = (i * 7 + offset) % 64
                assert cache.get_or_compute(key, partial(operator.mul, key, 2)) == key * 2
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(cache) <= 16
