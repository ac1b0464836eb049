"""Share-link passwords: the throttle counts atomically and per client.

The attack sent 20 wrong guesses in parallel: 11 were checked (the count was read, then
written, so parallel guesses overwrote each other), and anyone holding the link could lock
its real audience out for an hour. Now an attempt is claimed under the link's lock before
the password is checked, and a client that guesses wrong is locked without locking the
others (a much higher count locks the link for everyone, against guessing from many
addresses).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from netzwerk import graph
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import share_links


def _link(store: graph.Store, password: str = "richtig-geheim") -> share_links.ShareLink:
    view = sharing.save_view(
        store, name="Geteilt", picture="cooperation", flt=Filter(), owner="redaktion"
    )
    link, _ = sharing.create_share_link(store, view, user="redaktion", days=5, password=password)
    return link


def test_parallel_wrong_guesses_are_all_counted(store: graph.Store, monkeypatch) -> None:
    link = _link(store)
    checked = []
    real = share_links.check_password_hash

    def counting(stored: str, given: str) -> bool:
        checked.append(given)
        return real(stored, given)

    monkeypatch.setattr(share_links, "check_password_hash", counting)
    outcomes: list[str] = []
    start = threading.Barrier(20)

    def guess(n: int) -> None:
        start.wait()
        try:
            sharing.check_share_password(store, link, f"falsch-{n}", client="198.51.100.7")
            outcomes.append("wrong")
        except share_links.ThrottledError:
            outcomes.append("locked")

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(checked) == share_links.FREE_TRIES
    assert outcomes.count("locked") == 20 - share_links.FREE_TRIES
    with pytest.raises(share_links.ThrottledError):  # the right password waits as well
        sharing.check_share_password(store, link, "richtig-geheim", client="198.51.100.7")


def test_one_client_guessing_does_not_lock_out_the_audience(store: graph.Store) -> None:
    link = _link(store)
    for n in range(share_links.FREE_TRIES):
        assert not sharing.check_share_password(store, link, f"falsch-{n}", client="203.0.113.9")
    with pytest.raises(share_links.ThrottledError):
        sharing.check_share_password(store, link, "falsch", client="203.0.113.9")
    assert sharing.check_share_password(store, link, "richtig-geheim", client="192.0.2.44")


def test_guessing_from_many_addresses_locks_the_link(store: graph.Store) -> None:
    link = _link(store)
    for n in range(share_links.LINK_FREE_TRIES):
        client = f"10.0.{n // 4}.{n}"  # four tries per address: never locked alone
        assert not sharing.check_share_password(store, link, "falsch", client=client)
    with pytest.raises(share_links.ThrottledError):
        sharing.check_share_password(store, link, "richtig-geheim", client="192.0.2.1")


def test_a_right_password_resets_the_client_count(store: graph.Store) -> None:
    link = _link(store)
    for _ in range(share_links.FREE_TRIES - 1):
        sharing.check_share_password(store, link, "falsch", client="192.0.2.5")
    assert sharing.check_share_password(store, link, "richtig-geheim", client="192.0.2.5")
    for _ in range(share_links.FREE_TRIES - 1):
        assert not sharing.check_share_password(store, link, "falsch", client="192.0.2.5")
    rows = store.read("views/link_get", id=link.id)
    locked = rows[0]["link"].get("locked_until")
    assert locked is None or locked < datetime.now(UTC) + timedelta(seconds=1)
