"""Relationships of the domain model: create, read, update, delete, undo."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from netzwerk import graph


@pytest.fixture
def region(store: graph.Store) -> dict[str, str]:
    """A small world with one record of each kind; ids by short name."""
    ids: dict[str, str] = {}
    for key, node in {
        "vhs": graph.Actor(name="VHS Trier", kind="VHS/Weiterbildung"),
        "gs": graph.Actor(name="Grundschule Euren", kind="Schule"),
        "kita": graph.Actor(name="Kita Sonnenschein", kind="Kita"),
        "person": graph.Person(first_name="Max", last_name="Muster"),
        "alliance": graph.Alliance(name="Trierer Bündnis für Alphabetisierung"),
        "project": graph.Project(name="Knotenpunkte für Grundbildung"),
        "topic": graph.Topic(name="Alphabetisierung & Grundbildung"),
        "stage": graph.Stage(name="Weiterbildung", order=7),
        "tg": graph.TargetGroup(name="Erwachsene mit Grundbildungsbedarf"),
        "city": graph.Region(name="Stadt Trier", kind="Stadt"),
        "euren": graph.Region(name="Euren", kind="Stadtteil"),
    }.items():
        ids[key] = graph.create_record(store, node, user="test").id
    return ids


LABEL_OF = {
    "vhs": "Actor",
    "gs": "Actor",
    "kita": "Actor",
    "person": "Person",
    "alliance": "Alliance",
    "project": "Project",
    "topic": "Topic",
    "stage": "Stage",
    "tg": "TargetGroup",
    "city": "Region",
    "euren": "Region",
}

LINKS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("WORKS_AT", "person", "vhs", {"function": "Fachbereichsleitung", "since": date(2019, 4, 1)}),
    ("MEMBER_OF", "vhs", "alliance", {"role": "Koordination", "since": date(2016, 1, 1)}),
    ("PARTICIPATES_IN", "vhs", "project", {"role": "Träger"}),
    (
        "COOPERATES_WITH",
        "vhs",
        "gs",
        {
            "kind": "Gemeinsames Angebot",
            "intensity": 3,
            "since": date(2021, 9, 1),
            "source": "Befragung 2024",
        },
    ),
    ("CONTACT_FOR", "person", "alliance", {"role": "Ansprechperson"}),
    ("CONTACT_FOR", "person", "project", {"role": "Koordination"}),
    ("PART_OF", "project", "alliance", {}),
    ("PART_OF", "euren", "city", {}),
    ("WORKS_ON", "vhs", "topic", {}),
    ("WORKS_ON", "alliance", "topic", {}),
    ("COVERS", "project", "stage", {}),
    ("SERVES", "vhs", "tg", {}),
    ("LOCATED_IN", "gs", "euren", {}),
    ("ACTIVE_IN", "project", "city", {}),
]


@pytest.mark.parametrize(
    ("type_name", "a", "b", "props"), LINKS, ids=[f"{t}-{a}-{b}" for t, a, b, _ in LINKS]
)
def test_every_relationship_type(
    store: graph.Store,
    region: dict[str, str],
    type_name: str,
    a: str,
    b: str,
    props: dict[str, Any],
) -> None:
    link = graph.create_link(
        store, graph.Link(type=type_name, from_id=region[a], to_id=region[b], **props), user="test"
    )
    assert link.version == 1 and link.id
    for key, value in props.items():
        assert getattr(link, key) == value
    assert graph.get_link(store, type_name, link.id) == link
    for end in (a, b):
        around = graph.links_of(store, LABEL_OF[end], region[end])
        assert link.id in {lk.id for lk in around}
    removed = graph.delete_link(store, type_name, link.id, user="test")
    assert removed.link.id == link.id
    with pytest.raises(graph.NotFoundError):
        graph.get_link(store, type_name, link.id)


def test_cooperation_is_stored_once_in_either_direction(
    store: graph.Store, region: dict[str, str]
) -> None:
    one = graph.create_link(
        store,
        graph.Link(
            type="COOPERATES_WITH",
            from_id=region["gs"],
            to_id=region["kita"],
            kind="Verweisberatung",
        ),
        user="test",
    )
    two = graph.create_link(
        store,
        graph.Link(
            type="COOPERATES_WITH",
            from_id=region["kita"],
            to_id=region["gs"],
            kind="Verweisberatung",
        ),
        user="test",
    )
    assert one.id == two.id
    assert graph.counts(store).links["COOPERATES_WITH"] == 1
    from_kita = graph.links_of(store, "Actor", region["kita"], ["COOPERATES_WITH"])
    from_gs = graph.links_of(store, "Actor", region["gs"], ["COOPERATES_WITH"])
    assert [lk.id for lk in from_kita] == [lk.id for lk in from_gs] == [one.id]


def test_wrong_endpoint_kind_is_not_found(store: graph.Store, region: dict[str, str]) -> None:
    with pytest.raises(graph.NotFoundError):
        graph.create_link(
            store,
            graph.Link(type="MEMBER_OF", from_id=region["vhs"], to_id=region["project"]),
            user="test",
        )
    assert graph.counts(store).links["MEMBER_OF"] == 0


def test_link_update_optimistic_locking(store: graph.Store, region: dict[str, str]) -> None:
    link = graph.create_link(
        store,
        graph.Link(
            type="MEMBER_OF", from_id=region["gs"], to_id=region["alliance"], role="Mitglied"
        ),
        user="test",
    )
    saved = graph.update_link(
        store, dataclasses.replace(link, role="Beirat", until=date(2025, 12, 31)), user="test"
    )
    assert saved.version == 2 and saved.role == "Beirat" and saved.until == date(2025, 12, 31)
    with pytest.raises(graph.ConflictError):
        graph.update_link(store, dataclasses.replace(link, role="Koordination"), user="test")
    assert graph.get_link(store, "MEMBER_OF", link.id).role == "Beirat"


def test_link_validation_stores_nothing(store: graph.Store, region: dict[str, str]) -> None:
    with pytest.raises(graph.ValidationError) as exc:
        graph.create_link(
            store,
            graph.Link(
                type="COOPERATES_WITH",
                from_id=region["gs"],
                to_id=region["kita"],
                kind="",
                since=date(2024, 1, 1),
                until=date(2020, 1, 1),
            ),
            user="test",
        )
    assert set(exc.value.by_field()) == {"kind", "until"}
    assert graph.counts(store).links["COOPERATES_WITH"] == 0


def test_delete_reports_links_and_restore_brings_them_back(
    store: graph.Store, region: dict[str, str]
) -> None:
    for type_name, a, b, props in LINKS:
        graph.create_link(
            store,
            graph.Link(type=type_name, from_id=region[a], to_id=region[b], **props),
            user="test",
        )
    before = graph.counts(store)
    result = graph.delete_record(store, graph.Actor, region["vhs"], user="test")
    deleted = result.deleted
    assert {lk.type for lk in deleted.links} == {
        "WORKS_AT",
        "MEMBER_OF",
        "PARTICIPATES_IN",
        "COOPERATES_WITH",
        "WORKS_ON",
        "SERVES",
    }
    assert graph.counts(store).nodes["Actor"] == before.nodes["Actor"] - 1
    undone = graph.undo(store, result.trash_id, user="test", role="editor")
    assert len(undone.restored) == len(deleted.links) and not undone.skipped
    assert graph.counts(store) == before
    assert graph.get(store, graph.Actor, region["vhs"]).name == "VHS Trier"
