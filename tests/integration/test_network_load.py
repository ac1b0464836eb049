"""Loading the cooperation network from Neo4j, and its cache."""

from __future__ import annotations

import dataclasses

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter


def test_demo_region_loads_into_networkx(store: graph.Store) -> None:
    seed.load(store)
    g = snapshot.cooperation_graph(store)
    counts = graph.counts(store)
    assert g.number_of_nodes() == counts.nodes["Actor"]
    assert g.number_of_edges() == counts.links["COOPERATES_WITH"]
    areas = {d["area"] for _, d in g.nodes(data=True)}
    assert {"region-stadt-trier", "region-landkreis-trier-saarburg"} <= areas
    city = snapshot.cooperation_graph(store, Filter(region="region-stadt-trier"))
    assert 0 < city.number_of_nodes() < g.number_of_nodes()


def test_snapshot_is_cached_until_the_graph_changes(store: graph.Store) -> None:
    a = graph.create_record(store, graph.Actor(name="A", kind="Schule"), user="test")
    graph.create_record(store, graph.Actor(name="B", kind="Kita"), user="test")
    first = snapshot.current(store)
    assert snapshot.current(store) is first
    graph.update_record(store, dataclasses.replace(a, name="A neu"), user="test")
    second = snapshot.current(store)
    assert second is not first
    assert {x["name"] for x in second.actors} == {"A neu", "B"}
