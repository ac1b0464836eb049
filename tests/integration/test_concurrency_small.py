"""Concurrent writers through the real WSGI server: no lost update, no duplicate link.

The app is served by waitress (the production server) on loopback, and every client is a
thread with its own keep-alive connection and its own API token, so requests really overlap
in the server and in Neo4j. The invariants are the ones an office relies on when several
people edit the same partner at once: every save that was acknowledged (200) is in the
record's version chain and history, and every save that was not got a 409 (never a 500, never
silently dropped). The small variants here run in a few seconds in ``make test``; the heavy
ones (8 clients × 25 edits, merges and deletes racing link creation) are in
``tests/slow/test_concurrency.py`` and reuse these helpers.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from waitress.server import create_server

from netzwerk import graph
from netzwerk.graph import history, users
from tests.conftest import PASSWORD


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(app) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """Port of the app served by waitress (8 worker threads, as `netzwerk serve`)."""
    port = _free_port()
    server = create_server(app, host="127.0.0.1", port=port, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield port
    server.close()
    thread.join(timeout=5)


class ApiClient:
    """One API user: a keep-alive connection and a bearer token (no cookie, no CSRF)."""

    def __init__(self, port: int, token: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body) if body is not None else None
        self.conn.request(method, "/api/v1" + path, body=data, headers=self.headers)
        resp = self.conn.getresponse()
        raw = resp.read()
        try:
            return resp.status, json.loads(raw)
        except ValueError:
            return resp.status, raw.decode("utf-8", "replace")

    def close(self) -> None:
        self.conn.close()


def api_clients(store: graph.Store, port: int, n: int) -> list[ApiClient]:
    """``n`` clients, each with its own editor account and token."""
    out = []
    for i in range(n):
        account = users.create_user(store, f"schreiber{i}", PASSWORD, role="editor")
        secret, _ = users.create_token(store, account.id, "Nebenläufigkeit")
        out.append(ApiClient(port, secret))
    return out


def run_parallel(workers: list[Callable[[], None]]) -> None:
    """Start all workers at the same instant; re-raise the first exception of any."""
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def wrap(fn: Callable[[], None]) -> None:
        try:
            barrier.wait(timeout=30)
            fn()
        except BaseException as exc:  # re-raised in the test thread below
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(fn,)) for fn in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a client hung"
    if errors:
        raise errors[0]


@dataclass
class EditLog:
    """What the clients saw: accepted writes (value, version returned) and the rejections."""

    accepted: list[tuple[str, int]] = field(default_factory=list)
    rejected: int = 0
    unexpected: list[tuple[int, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def edit_worker(
    client: ApiClient, kind: str, node_id: str, tag: str, rounds: int, log: EditLog
) -> Callable[[], None]:
    """Read the record, set ``notes`` to a unique value, write it back with the read version."""

    def work() -> None:
        for i in range(rounds):
            status, body = client.call("GET", f"/{kind}/{node_id}")
            if status != 200:
                with log.lock:
                    log.unexpected.append((status, str(body)[:300]))
                continue
            value = f"{tag}-{i}"
            status, body = client.call(
                "PATCH", f"/{kind}/{node_id}", {"version": body["version"], "notes": value}
            )
            with log.lock:
                if status == 200:
                    log.accepted.append((value, body["version"]))
                elif status == 409 and body["current"]["version"] > 0:
                    log.rejected += 1
                else:
                    log.unexpected.append((status, str(body)[:300]))

    return work


def assert_no_lost_update(
    store: graph.Store, cls: type[graph.Node], node_id: str, initial: str, log: EditLog
) -> None:
    """Every accepted write is in the version chain and the history, in commit order."""
    assert log.unexpected == [], log.unexpected[:5]
    final = graph.get(store, cls, node_id)
    n = len(log.accepted)
    assert n >= 1
    # Each acknowledged save got its own version, and together they are the whole chain.
    assert final.version == 1 + n
    assert sorted(v for _, v in log.accepted) == list(range(2, n + 2))
    in_order = [value for value, _ in sorted(log.accepted, key=lambda a: a[1])]
    assert final.notes == in_order[-1]
    # The history holds one update per accepted save, and its old → new pairs link up in
    # version order: nothing was overwritten unseen between two acknowledged saves.
    entries = [c for c in history.for_record(store, node_id, 1000) if c.action == "update"]
    assert len(entries) == n
    old_of = {c.changes["notes"][1]: c.changes["notes"][0] for c in entries}
    assert sorted(old_of) == sorted(in_order)
    previous = initial
    for value in in_order:
        assert old_of[value] == previous, (value, old_of[value], previous)
        previous = value


def cooperations_between(store: graph.Store, a: str, b: str) -> int:
    return sum(
        1
        for lk in graph.links_of(store, "Actor", a, ["COOPERATES_WITH"])
        if {lk.from_id, lk.to_id} == {a, b}
    )


def test_parallel_edits_of_one_record_lose_nothing(store: graph.Store, served: int) -> None:
    actor = graph.create(store, graph.Actor(name="VHS Trier", kind="Schule", notes="start"))
    clients = api_clients(store, served, 4)
    log = EditLog()
    run_parallel(
        [edit_worker(c, "actors", actor.id, f"c{k}", 8, log) for k, c in enumerate(clients)]
    )
    assert_no_lost_update(store, graph.Actor, actor.id, "start", log)
    assert len(log.accepted) + log.rejected == 4 * 8
    assert log.rejected > 0  # the clients really collided


def test_same_cooperation_from_both_sides_is_stored_once(store: graph.Store, served: int) -> None:
    actors = [graph.create(store, graph.Actor(name=f"Schule {i}", kind="Schule")) for i in range(8)]
    pairs = [(actors[2 * i].id, actors[2 * i + 1].id) for i in range(4)]
    clients = api_clients(store, served, 4)
    statuses: list[int] = []

    def worker(client: ApiClient, flip: bool) -> Callable[[], None]:
        def work() -> None:
            for a, b in pairs:
                src, dst = (b, a) if flip else (a, b)
                status, _ = client.call(
                    "POST",
                    "/links",
                    {
                        "type": "COOPERATES_WITH",
                        "from_id": src,
                        "to_id": dst,
                        "kind": "Gremienarbeit",
                    },
                )
                statuses.append(status)

        return work

    run_parallel([worker(c, k % 2 == 1) for k, c in enumerate(clients)])
    assert statuses == [201] * 16
    for a, b in pairs:
        assert cooperations_between(store, a, b) == 1
    assert graph.counts(store).links["COOPERATES_WITH"] == 4
