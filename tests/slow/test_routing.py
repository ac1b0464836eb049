"""The routing scheme: the app's store against a second local server through ``neo4j://``.

A cluster or Aura is reached with ``neo4j://`` (``neo4j+s://``): the driver asks the server
for its routing table and sends reads to readers, writes to the leader. A single server
answers the routing table with itself, so a second local instance (``faults``, on its own
port, see ``conftest.py``) is enough to prove that every kind of access the app makes —
named reads, writes, the write path's managed transactions, the web pages — works through
the routing driver. It shares that instance with the fault tests, hence slow.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from neo4j import RoutingControl

from netzwerk import graph, settings
from netzwerk.graph.core.model import Actor
from netzwerk.graph.records import history
from tests.slow.conftest import use_second_instance

pytestmark = pytest.mark.slow


@pytest.fixture
def routed(
    second_instance: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[settings.ConnectionSettings]:
    """The second instance, and settings that reach it by ``neo4j://`` as a deployment's
    environment would (``NEO4J_URI`` and friends)."""
    direct = use_second_instance(monkeypatch)
    host_port = direct.uri.split("://", 1)[1]
    monkeypatch.setenv("NEO4J_URI", f"neo4j://{host_port}")
    monkeypatch.setenv("NEO4J_USER", direct.user)
    monkeypatch.setenv("NEO4J_PASSWORD", direct.password)
    try:
        yield settings.resolve()
    finally:
        monkeypatch.delenv("NEO4J_URI")
        with graph.connect(direct) as store:
            graph.wipe(store)


def test_write_and_read_round_trip_through_the_routing_scheme(store, routed) -> None:
    assert routed.uri.startswith("neo4j://")
    # A second server: not the one the rest of the suite uses.
    assert store.conn is not None
    assert routed.uri.split("://")[1] != store.conn.uri.split("://")[1]

    with graph.connect(routed) as routed_store:
        # The driver really routes: it fetched a routing table naming a reader and a writer.
        table = routed_store.driver.execute_query(
            "CALL dbms.routing.getRoutingTable({}, $db)",
            db=routed_store.database,
            database_="system",
            routing_=RoutingControl.READ,
        ).records[0]
        roles = {server["role"] for server in table["servers"]}
        assert {"READ", "WRITE", "ROUTE"} <= roles

        graph.apply_schema(routed_store)
        bookmarks = routed_store.driver.execute_query_bookmark_manager
        seen = set(bookmarks.get_bookmarks())
        made = graph.create_record(
            routed_store, Actor(name="Routing-Schule Konz", town="Konz"), user="routing-test"
        )
        saved = graph.update_record(
            routed_store, dataclasses.replace(made, town="Saarburg"), user="routing-test"
        )
        assert saved.version == made.version + 1

        # The write path's transaction left its bookmark where the routed reads find it:
        # a read on a lagging secondary waits for the write (causal consistency).
        assert set(bookmarks.get_bookmarks()) - seen

        # Reads go to a reader (here the same server): the write is visible there.
        again = graph.get(routed_store, Actor, made.id)
        assert (again.name, again.town) == ("Routing-Schule Konz", "Saarburg")
        changes = history.for_record(routed_store, made.id)
        assert [c.action for c in changes][:2] == ["update", "create"]

        # The web app on the routed store answers its health check (a routed read).
        from netzwerk.web import create_app

        app = create_app({"TESTING": True, "STORE": routed_store, "SECRET_KEY": "test"})
        assert app.test_client().get("/healthz").status_code == 200

    # The suite's own server never saw the record.
    with pytest.raises(graph.NotFoundError):
        graph.get(store, Actor, made.id)
