"""Batched loading: counts, idempotence, updates and rows whose endpoints are missing."""

from __future__ import annotations

import dataclasses

import pytest

from netzwerk import graph
from netzwerk.graph.core import bulk


def test_merge_nodes_counts_creates_and_updates(store: graph.Store) -> None:
    actors = [graph.Actor(id=f"actor-b{i}", name=f"Schule {i}", kind="Schule") for i in range(7)]
    first = bulk.merge_nodes(store, actors, batch_size=3)
    assert (first.created, first.updated) == (7, 0)
    same = bulk.merge_nodes(store, actors, update=True, batch_size=3)
    assert (same.created, same.updated) == (0, 0)
    changed = [dataclasses.replace(actors[0], town="Konz"), *actors[1:]]
    result = bulk.merge_nodes(store, changed, update=True)
    assert (result.created, result.updated) == (0, 1)
    stored = graph.get(store, graph.Actor, "actor-b0")
    assert stored.town == "Konz" and stored.version == 2
    assert graph.get(store, graph.Actor, "actor-b1").version == 1


def test_merge_links_reports_missing_endpoints(store: graph.Store) -> None:
    bulk.merge_nodes(
        store,
        [
            graph.Actor(id="actor-x", name="X", kind="Kita"),
            graph.Actor(id="actor-y", name="Y", kind="Schule"),
        ],
    )
    links = [
        graph.Link(
            type="COOPERATES_WITH",
            id="c-ok",
            from_id="actor-y",
            to_id="actor-x",
            kind="Verweisberatung",
        ),
        graph.Link(
            type="COOPERATES_WITH",
            id="c-missing",
            from_id="actor-x",
            to_id="actor-nope",
            kind="Verweisberatung",
        ),
    ]
    result = bulk.merge_links(store, links)
    assert result.created == 1 and result.missing == ["c-missing"]
    again = bulk.merge_links(store, links)
    assert again.created == 0 and again.missing == ["c-missing"]
    assert graph.counts(store).links["COOPERATES_WITH"] == 1
    stored = graph.get_link(store, "COOPERATES_WITH", "c-ok")
    assert (stored.from_id, stored.to_id) == ("actor-x", "actor-y")  # canonical direction


def test_invalid_row_stores_nothing(store: graph.Store) -> None:
    rows = [graph.Actor(name="gut", kind="Schule"), graph.Actor(name="", kind="Schule")]
    with pytest.raises(graph.ValidationError):
        bulk.merge_nodes(store, rows)
    assert graph.is_empty(store)


def test_progress_is_reported_per_batch(store: graph.Store) -> None:
    seen: list[tuple[int, int]] = []
    actors = [graph.Actor(name=f"A{i}", kind="Sonstige") for i in range(5)]
    bulk.merge_nodes(store, actors, batch_size=2, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(2, 5), (4, 5), (5, 5)]
