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

import dataclasses
import http.client
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.records import history
from tests.conftest import PASSWORD, waitress_server


@pytest.fixture
def served(app) -> Iterator[int]:
    """Port of the app served by waitress (8 worker threads, as `netzwerk serve`)."""
    with waitress_server(app, threads=8) as port:
        yield port


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

    accepted: list[tuple[str, int | None]] = field(default_factory=list)
    rejected: int = 0
    unexpected: list[tuple[int, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def edit_worker(
    client: ApiClient, path: str, field_name: str, tag: str, rounds: int, log: EditLog
) -> Callable[[], None]:
    """Read the record at ``path``, set one field to a unique value, write it back with the
    version that was read; log what the server answered."""

    def work() -> None:
        for i in range(rounds):
            status, body = client.call("GET", path)
            if status != 200:
                with log.lock:
                    log.unexpected.append((status, str(body)[:300]))
                continue
            value = f"{tag}-{i}"
            status, body = client.call(
                "PATCH", path, {"version": body["version"], field_name: value}
            )
            with log.lock:
                if status == 200 and body[field_name] == value:
                    log.accepted.append((value, body["version"]))
                elif status == 409 and body["current"]["version"] > 0:
                    log.rejected += 1
                else:
                    log.unexpected.append((status, str(body)[:300]))

    return work


def assert_no_lost_update(
    *,
    final_value: str,
    final_version: int,
    entries: list[history.Change],
    field_name: str,
    initial: str,
    log: EditLog,
) -> None:
    """Every accepted write is in the version chain and in the history, in commit order.

    ``log.accepted`` holds (value, version) pairs; the version is ``None`` for form saves,
    which answer with a redirect instead of the record.
    """
    assert log.unexpected == [], log.unexpected[:5]
    n = len(log.accepted)
    assert n >= 1
    # Each acknowledged save produced exactly one new version.
    assert final_version == 1 + n
    versions = [v for _, v in log.accepted if v is not None]
    assert len(set(versions)) == len(versions)
    # One history entry per acknowledged save; its old value is the value before it. Two
    # entries with the same old value would be two saves based on the same state: a lost
    # update. Walking old -> new from the initial value must visit every accepted value.
    changes = [c.changes[field_name] for c in entries if field_name in c.changes]
    assert len(changes) == n
    new_of = {old: new for old, new in changes}
    assert len(new_of) == n, "two accepted saves started from the same state"
    chain, value = [], initial
    while value in new_of:
        value = new_of[value]
        chain.append(value)
        assert len(chain) <= n
    assert sorted(chain) == sorted(v for v, _ in log.accepted)
    assert final_value == chain[-1]
    position = {v: i for i, v in enumerate(chain)}
    for value, version in log.accepted:
        if version is not None:
            assert version == position[value] + 2, (value, version)


def cooperations_between(store: graph.Store, a: str, b: str) -> int:
    return sum(
        1
        for lk in graph.links_of(store, "Actor", a, ["COOPERATES_WITH"])
        if {lk.from_id, lk.to_id} == {a, b}
    )


def test_parallel_edits_of_one_record_lose_nothing(store: graph.Store, served: int) -> None:
    actor = graph.create_record(
        store, graph.Actor(name="VHS Trier", kind="Schule", notes="start"), user="test"
    )
    clients = api_clients(store, served, 4)
    log = EditLog()
    path = f"/actors/{actor.id}"
    run_parallel([edit_worker(c, path, "notes", f"c{k}", 8, log) for k, c in enumerate(clients)])
    final = graph.get(store, graph.Actor, actor.id)
    assert_no_lost_update(
        final_value=final.notes,
        final_version=final.version,
        entries=[c for c in history.for_record(store, actor.id, 1000) if c.action == "update"],
        field_name="notes",
        initial="start",
        log=log,
    )
    assert len(log.accepted) + log.rejected == 4 * 8
    assert log.rejected > 0  # the clients really collided


def test_same_cooperation_from_both_sides_is_stored_once(store: graph.Store, served: int) -> None:
    actors = [
        graph.create_record(store, graph.Actor(name=f"Schule {i}", kind="Schule"), user="test")
        for i in range(8)
    ]
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


def _while_deleted_concurrently(store: graph.Store, node_id: str, op: Callable[[], Any]) -> Any:
    """Run ``op`` while another transaction deletes ``node_id``: ``op`` matches the node,
    waits for its lock, and the delete commits meanwhile. Returns what ``op`` raised."""
    from netzwerk.graph.core import queries

    outcome: dict[str, Any] = {}

    def second() -> None:
        try:
            outcome["result"] = op()
        except Exception as exc:  # the outcome under test
            outcome["error"] = exc

    with store.driver.session(database=store.database) as session:
        tx = session.begin_transaction()
        tx.run(queries.render("nodes/delete", label="Actor"), id=node_id, version=None).consume()
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(timeout=0.7)  # op is now blocked on the node's lock
        assert thread.is_alive(), "the operation did not wait for the delete's lock"
        tx.commit()
    thread.join(timeout=30)
    return outcome.get("error", outcome.get("result"))


@pytest.mark.parametrize("operation", ["update", "delete", "link", "merge"])
def test_write_waiting_for_a_concurrent_delete_finds_the_record_gone(
    store: graph.Store, operation: str
) -> None:
    """Without the id check after the lock, a deleted node still matched but read as empty:
    the update answered 409 with an empty record, a second delete put an empty record in the
    trash, a merge crashed with a 500, a link creation failed with EntityNotFound."""
    from netzwerk.graph.operations import merge

    gone = graph.create_record(store, graph.Actor(name="Wird gelöscht", kind="Schule"), user="test")
    other = graph.create_record(store, graph.Actor(name="Bleibt", kind="Schule"), user="test")
    ops: dict[str, Callable[[], Any]] = {
        "update": lambda: graph.update_record(
            store, dataclasses.replace(gone, notes="spät"), user="test"
        ),
        "delete": lambda: graph.delete_record(store, graph.Actor, gone.id, user="test"),
        "link": lambda: graph.create_link(
            store,
            graph.Link(
                type="COOPERATES_WITH", from_id=gone.id, to_id=other.id, kind="Gremienarbeit"
            ),
            user="test",
        ),
        "merge": lambda: merge.merge_actors(store, other.id, gone.id, user="test"),
    }
    outcome = _while_deleted_concurrently(store, gone.id, ops[operation])
    assert isinstance(outcome, graph.NotFoundError), repr(outcome)
    assert graph.get(store, graph.Actor, other.id).version == 1
    assert graph.links_of(store, "Actor", other.id) == []
    assert graph.counts(store).nodes["Actor"] == 1


def test_network_graph_is_built_once_per_snapshot_and_filter(store: graph.Store) -> None:
    """Pages under load share one frozen graph per filter until the data changes."""
    import networkx as nx

    from netzwerk.graph.network import snapshot

    a = graph.create_record(store, graph.Actor(name="A", kind="Schule"), user="test")
    b = graph.create_record(store, graph.Actor(name="B", kind="Kita"), user="test")
    graph.create_link(
        store,
        graph.Link(type="COOPERATES_WITH", from_id=a.id, to_id=b.id, kind="Gremienarbeit"),
        user="test",
    )
    first = snapshot.cooperation_graph(store)
    assert snapshot.cooperation_graph(store) is first
    assert nx.is_frozen(first)
    with pytest.raises(nx.NetworkXError):
        first.add_edge(a.id, "x")
    schools = snapshot.cooperation_graph(store, Filter(actor_kinds=("Schule",)))
    assert list(schools.nodes) == [a.id] and first.number_of_nodes() == 2
    graph.create_record(store, graph.Actor(name="C", kind="Schule"), user="test")
    assert snapshot.cooperation_graph(store).number_of_nodes() == 3  # new data, new graph
