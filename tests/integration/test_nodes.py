"""Create, read, update, delete and list every node kind against the real Neo4j."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date
from typing import Any

import pytest

from netzwerk import graph
from tests.conftest import HOSTILE_STRINGS

SAMPLES: list[graph.Node] = [
    graph.Actor(
        name="Volkshochschule Trier",
        short_name="VHS",
        kind="VHS/Weiterbildung",
        sponsorship="öffentlich",
        street="Domfreihof 1b",
        postcode="54290",
        town="Trier",
        website="https://www.vhs-trier.example",
        email="info@vhs-trier.example",
        phone="0651 718-1430",
        notes="Zeile 1\nZeile 2",
    ),
    graph.Person(
        title="Dr.",
        first_name="Erika",
        last_name="Beispiel",
        function="Leitung",
        email="e.beispiel@example.org",
        consent_newsletter=True,
        consent_newsletter_date=date(2024, 3, 1),
        consent_newsletter_source="Anmeldeformular",
        legal_basis="Einwilligung",
    ),
    graph.Alliance(name="MINT-Initiativkreis Trier", short_name="MINT", founded=date(2012, 5, 1)),
    graph.Project(
        name="KiTec digital",
        start=date(2022, 1, 1),
        end=date(2024, 12, 31),
        funding_programme="Land RLP",
        status="abgeschlossen",
    ),
    graph.Topic(name="MINT", description="Mathematik, Informatik, Naturwissenschaft, Technik"),
    graph.Stage(name="Primarstufe", order=2),
    graph.TargetGroup(name="Eltern"),
    graph.Region(name="VG Konz", kind="Verbandsgemeinde"),
]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.LABEL)
def test_round_trip_and_update_every_kind(store: graph.Store, sample: graph.Node) -> None:
    created = graph.create_record(store, sample, user="test")
    assert created.id.startswith(sample.LABEL.lower() + "-")
    assert created.version == 1 and created.created is not None
    assert created.properties() == sample.properties()

    read = graph.get(store, type(sample), created.id)
    assert read == created

    changed_field = "name" if hasattr(sample, "name") else "last_name"
    change: dict[str, Any] = {changed_field: "Neu"}
    edited = dataclasses.replace(read, **change)
    saved = graph.update_record(store, edited, user="test")
    assert saved.version == 2 and getattr(saved, changed_field) == "Neu"
    assert saved.updated is not None and created.updated is not None
    assert saved.updated >= created.updated

    page = graph.list_nodes(store, type(sample), order_by=changed_field)
    assert page.total == 1 and page.items[0].id == created.id

    deleted = graph.delete_record(store, type(sample), created.id, user="test")
    assert deleted.deleted.node.id == created.id
    with pytest.raises(graph.NotFoundError):
        graph.get(store, type(sample), created.id)


def test_stale_update_raises_conflict_and_changes_nothing(store: graph.Store) -> None:
    actor = graph.create_record(
        store, graph.Actor(name="Stadtbibliothek", kind="Bibliothek"), user="test"
    )
    mine = dataclasses.replace(actor, name="Meine Fassung")
    theirs = graph.update_record(
        store, dataclasses.replace(actor, name="Fassung der Kollegin"), user="test"
    )
    with pytest.raises(graph.ConflictError) as exc:
        graph.update_record(store, mine, user="test")
    assert "inzwischen" in str(exc.value)
    assert exc.value.current == theirs
    assert graph.get(store, graph.Actor, actor.id).name == "Fassung der Kollegin"
    assert graph.get(store, graph.Actor, actor.id).version == 2


def test_update_of_deleted_record_is_not_found(store: graph.Store) -> None:
    actor = graph.create_record(store, graph.Actor(name="Weg", kind="Sonstige"), user="test")
    graph.delete_record(store, graph.Actor, actor.id, user="test")
    with pytest.raises(graph.NotFoundError):
        graph.update_record(store, actor, user="test")


def test_delete_with_stale_version_is_refused(store: graph.Store) -> None:
    actor = graph.create_record(store, graph.Actor(name="A", kind="Schule"), user="test")
    graph.update_record(store, dataclasses.replace(actor, name="B"), user="test")
    with pytest.raises(graph.ConflictError):
        graph.delete_record(store, graph.Actor, actor.id, version=actor.version, user="test")
    assert graph.get(store, graph.Actor, actor.id).name == "B"


def test_invalid_input_stores_nothing(store: graph.Store) -> None:
    with pytest.raises(graph.ValidationError) as exc:
        graph.create_record(store, graph.Actor(name="", kind="Schule", email="kaputt"), user="test")
    assert set(exc.value.by_field()) == {"name", "email"}
    assert graph.is_empty(store)


@pytest.mark.parametrize("text", HOSTILE_STRINGS, ids=lambda t: repr(t[:20]))
def test_hostile_strings_round_trip_unchanged(store: graph.Store, text: str) -> None:
    actor = graph.create_record(
        store, graph.Actor(name=text, kind="Verein/Initiative", notes=text), user="test"
    )
    read = graph.get(store, graph.Actor, actor.id)
    # a name is stored in its matching form (NFKC, no invisible format characters, so it
    # never makes a look-alike); free text keeps exactly what was typed
    assert read.notes == text
    assert (
        read.name
        == "".join(
            c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf"
        ).strip()
    )
    assert graph.counts(store).nodes["Actor"] == 1


def test_list_pagination_and_sorting(store: graph.Store) -> None:
    names = ["Ölmühle e.V.", "adler-Schule", "Zentrum", "Bücherei", "Campus"]
    graph.merge_nodes(store, [graph.Actor(name=n, kind="Sonstige") for n in names])
    first = graph.list_nodes(store, graph.Actor, limit=2)
    second = graph.list_nodes(store, graph.Actor, skip=2, limit=2)
    assert first.total == 5
    assert [a.name for a in first.items] == ["adler-Schule", "Bücherei"]
    assert [a.name for a in second.items] == ["Campus", "Zentrum"]
    desc = graph.list_nodes(store, graph.Actor, limit=1, descending=True)
    assert desc.items[0].name == "Ölmühle e.V."
    with pytest.raises(graph.ValidationError):
        graph.list_nodes(store, graph.Actor, order_by="name) DETACH DELETE (n")


def test_get_with_hostile_id_is_not_found(store: graph.Store) -> None:
    with pytest.raises(graph.NotFoundError):
        graph.get(store, graph.Actor, "x' OR 1=1 //")
