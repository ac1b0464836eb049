"""The demo region loads completely, and loading it twice changes nothing."""

from __future__ import annotations

from netzwerk import graph
from netzwerk.graph.admin import seed


def test_seed_is_complete_and_idempotent(store: graph.Store) -> None:
    first = seed.load(store)
    counts = graph.counts(store)
    assert counts.nodes["Actor"] >= 150
    assert counts.nodes["Person"] >= 250
    assert counts.links["COOPERATES_WITH"] >= 400
    assert first.created == sum(counts.nodes.values()) + sum(counts.links.values())

    again = seed.load(store)
    assert again.created == 0 and again.updated == 0
    assert graph.counts(store) == counts


def test_seed_contains_the_named_alliances_and_projects(store: graph.Store) -> None:
    seed.load(store)
    alliances = {a.name for a in graph.list_nodes(store, graph.Alliance, limit=100).items}
    projects = {p.name for p in graph.list_nodes(store, graph.Project, limit=100).items}
    assert "Trierer Bündnis für Alphabetisierung und Grundbildung" in alliances
    assert any(name.startswith("MINT-Initiativkreis") for name in alliances)
    assert any(name.startswith("MINT-Regionalpate") for name in alliances)
    for name in (
        "KiTec digital",
        "IT2school – Künstliche Intelligenz",
        "Calliope mini",
        "Knotenpunkte für Grundbildung",
        "DigitalPakt Schule",
        "Bildungskoordination für Neuzugewanderte",
    ):
        assert name in projects, name
    offices = [
        a
        for a in graph.list_nodes(store, graph.Actor, limit=1000).items
        if a.name.startswith("Kommunales Bild")
    ]
    assert len(offices) == 2


def test_seed_does_not_overwrite_user_edits(store: graph.Store) -> None:
    seed.load(store)
    office = next(
        a
        for a in graph.list_nodes(store, graph.Actor, limit=1000).items
        if a.name.startswith("Kommunales Bildungsmanagement")
    )
    import dataclasses

    graph.update_record(store, dataclasses.replace(office, notes="von Hand ergänzt"), user="test")
    seed.load(store)
    assert graph.get(store, graph.Actor, office.id).notes == "von Hand ergänzt"


def test_seed_persons_are_marked_fictional() -> None:
    data = seed.read_dataset()
    assert "Fiktive" in data["meta"]["_note"]
    domains = {p["email"].rsplit(".", 1)[-1] for p in data["persons"] if p["email"]}
    assert domains <= {"example", "org"}, domains


def test_build_is_pure_and_links_resolve() -> None:
    nodes, links = seed.build(seed.read_dataset())
    ids = {n.id for n in nodes}
    assert len(ids) == len(nodes)
    assert all(lk.from_id in ids and lk.to_id in ids for lk in links)
