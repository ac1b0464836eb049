"""The login throttle stays bounded without a flood unlocking anyone."""

from __future__ import annotations

from netzwerk.web.auth import LoginThrottle


def _lock(t: LoginThrottle, name: str, address: str, now: float) -> None:
    for i in range(t.max_failures):
        t.failed(name, address, now=now + i * 0.001)
    assert t.locked_for(name, address, now=now + 1) > 0


def test_100001_other_names_from_the_same_address_do_not_unlock() -> None:
    """The review's attack on the default throttle: the table used to be emptied."""
    t = LoginThrottle()
    _lock(t, "admin", "6.6.6.6", now=100.0)
    for i in range(100_001):
        t.failed(f"name{i}", "6.6.6.6", now=101.0 + i * 1e-6)
    assert t.locked_for("admin", "6.6.6.6", now=200.0) > 800
    assert len(t) <= t.max_entries


def test_spraying_names_locks_the_address() -> None:
    t = LoginThrottle(max_names_per_address=50)
    for i in range(50):
        t.failed(f"user{i}", "7.7.7.7", now=10.0 + i)
    assert t.locked_for("noch-ein-name", "7.7.7.7", now=61.0) > 800
    assert t.locked_for("noch-ein-name", "8.8.8.8", now=61.0) == 0


def test_a_full_table_evicts_unlocked_entries_but_never_a_lock() -> None:
    t = LoginThrottle(max_entries=100, max_names_per_address=10**9)
    _lock(t, "admin", "1.1.1.1", now=0.0)
    for i in range(5000):  # many addresses, one failure each: never locked
        t.failed("x", f"10.0.{i // 250}.{i % 250}", now=1.0 + i * 0.001)
    assert len(t) <= 100
    assert t.locked_for("admin", "1.1.1.1", now=10.0) > 800


def test_a_table_full_of_locks_fails_closed_for_the_next_address() -> None:
    t = LoginThrottle(max_entries=21, max_names_per_address=20)
    for i in range(20):  # 20 locked names and the (locked) address: 21 locked entries
        _lock(t, f"n{i}", "2.2.2.2", now=float(i))
    t.failed("fresh", "3.3.3.3", now=30.0)
    assert t.locked_for("fresh", "3.3.3.3", now=31.0) > 0  # could not count: address locked
    assert all(t.locked_for(f"n{i}", "2.2.2.2", now=31.0) > 0 for i in range(20))
    assert len(t) <= 21
    assert t.locked_for("other", "4.4.4.4", now=31.0) > 0  # nobody new until a lock ends
    assert t.locked_for("other", "4.4.4.4", now=31.0 + t.lock_s) == 0


def test_locks_end_after_their_time() -> None:
    t = LoginThrottle(max_entries=10)
    _lock(t, "anna", "4.4.4.4", now=0.0)
    assert t.locked_for("anna", "4.4.4.4", now=902.0) == 0
    for i in range(50):
        t.failed(f"z{i}", f"9.9.9.{i}", now=2000.0 + i)
    assert len(t) <= 10
