"""Backup → wipe → restore gives the identical graph; GraphML opens in networkx."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.admin import backup, users
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.records import history


def test_backup_wipe_restore_is_identical(store: graph.Store) -> None:
    seed_mod.load(store)
    users.create_user(store, "admin", "admin-Passwort-1", role="admin")
    operations.record_event(
        store,
        history.Entry("update", "Actor", "x", "X", {"name": ["a", "b"]}),
        user="admin",
    )
    before = graph.counts(store)
    digest = backup.checksum(store)

    buf = io.StringIO()
    counts = backup.write(store, buf)
    organisations = len(store.read("organisations/all"))
    assert organisations == 2, "the demo region's two offices"
    # + User + Change + the offices (bookkeeping, not records the counts list)
    assert counts["nodes"] == sum(before.nodes.values()) + 2 + organisations
    data = backup.read(io.StringIO(buf.getvalue()))
    sample = next(n for n in data["nodes"] if n["labels"] == ["Actor"])
    assert sample["properties"]["created"]["$type"] == "datetime"

    with pytest.raises(backup.BackupError, match="bereits Daten"):
        operations.restore_backup(store, data)
    graph.wipe(store)
    assert graph.is_empty(store)
    restored = operations.restore_backup(store, data)
    assert restored == {"nodes": counts["nodes"], "relationships": counts["relationships"]}
    assert graph.counts(store) == before
    assert backup.checksum(store) == digest
    # replace: a second restore over the data gives the same graph again
    operations.restore_backup(store, data, replace=True)
    assert backup.checksum(store) == digest


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "keine netzwerk-Sicherung"),
        # checked even when the checksum fits (a file edited and re-signed on purpose)
        (
            lambda d: (
                backup.sign(d)
                if d["nodes"][0].update(labels=["Evil`) DETACH DELETE n //"]) is None
                else None
            ),
            "Knotenart",
        ),
        (
            lambda d: backup.sign(d) if d["relationships"][0].update(type="OWNS") is None else None,
            "Beziehungsart",
        ),
        (lambda d: d["nodes"][0]["properties"].update(name="manipuliert"), "Prüfsumme"),
    ],
)
def test_restore_refuses_bad_files(store: graph.Store, mutate, message: str) -> None:
    graph.create_record(store, graph.Actor(id="a1", name="A", kind="Sonstige"), user="test")
    graph.create_record(store, graph.Actor(id="a2", name="B", kind="Sonstige"), user="test")
    graph.create_link(
        store,
        graph.Link(type="COOPERATES_WITH", from_id="a1", to_id="a2", kind="Gremienarbeit"),
        user="test",
    )
    data = json.loads(json.dumps(backup.dump(store)))
    graph.wipe(store)
    mutate(data)
    with pytest.raises(backup.BackupError, match=message):
        operations.restore_backup(store, data)
    assert graph.is_empty(store), "nothing written from a refused backup"


def test_non_json_backup_is_refused() -> None:
    with pytest.raises(backup.BackupError, match="JSON"):
        backup.read(io.BytesIO(b"\x00\x01 not json"))


def test_graphml_for_gephi(store: graph.Store) -> None:
    seed_mod.load(store)
    g = nx.read_graphml(io.BytesIO(backup.graphml(store)))
    c = graph.counts(store)
    assert g.number_of_nodes() == c.nodes["Actor"] + c.nodes["Alliance"] + c.nodes["Project"]
    types = {d["type"] for _, _, d in g.edges(data=True)}
    assert types == {"COOPERATES_WITH", "MEMBER_OF", "PARTICIPATES_IN"}
    assert not any(d.get("kind") == "Person" for _, d in g.nodes(data=True))
