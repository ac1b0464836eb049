"""DSGVO Auskunft and Löschung against real Neo4j."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.personal import privacy
from netzwerk.graph.personal.contacts import ContactFilter
from netzwerk.graph.records import history


def _setup(store: graph.Store) -> graph.Person:
    graph.create_record(
        store, graph.Actor(id="a-vhs", name="VHS Trier", kind="VHS/Weiterbildung"), user="test"
    )
    graph.create_record(store, graph.Alliance(id="al-1", name="Bündnis Grundbildung"), user="test")
    eva = graph.create_record(
        store,
        graph.Person(
            id="p-eva",
            first_name="Eva",
            last_name="Geheim",
            email="eva.geheim@example.org",
            consent_contact=True,
            consent_contact_date=date(2024, 2, 1),
            consent_contact_source="Formular Netzwerktreffen",
            legal_basis="Einwilligung",
        ),
        user="test",
    )
    graph.create_record(
        store,
        graph.Person(id="p-other", last_name="Andere", legal_basis="Einwilligung"),
        user="test",
    )
    graph.create_link(
        store,
        graph.Link(type="WORKS_AT", from_id="p-eva", to_id="a-vhs", function="Kursleitung"),
        user="test",
    )
    graph.create_link(
        store,
        graph.Link(type="CONTACT_FOR", from_id="p-eva", to_id="al-1", role="Sprecherin"),
        user="test",
    )
    return eva


def test_auskunft_lists_properties_links_history_and_exports(store: graph.Store) -> None:
    _setup(store)
    _, sel, entry = operations.export_contacts(
        store, ContactFilter(), purpose="contact", fmt="csv", user="redaktion"
    )
    assert [r.person_id for r in sel.rows] == ["p-eva"]
    report = privacy.person_report(store, "p-eva")
    json.dumps(report)  # JSON-ready throughout
    assert report["person"]["email"] == "eva.geheim@example.org"
    assert report["person"]["consent_contact_date"] == "2024-02-01"
    assert report["fields"]["Quelle Einwilligung Kontakt"] == "Formular Netzwerktreffen"
    assert {(lk["type"], lk["other_name"]) for lk in report["links"]} == {
        ("WORKS_AT", "VHS Trier"),
        ("CONTACT_FOR", "Bündnis Grundbildung"),
    }
    assert sorted(h["action"] for h in report["history"]) == ["create", "link", "link"]
    assert [(e["purpose"], e["count"]) for e in report["exports"]] == [("contact", 1)]
    assert entry.count == 1


def test_auskunft_of_unknown_person_is_not_found(store: graph.Store) -> None:
    with pytest.raises(graph.NotFoundError):
        privacy.person_report(store, "p-nobody")
    with pytest.raises(graph.NotFoundError):
        privacy.person_report(store, "../../etc")


def test_loeschung_removes_data_and_links_but_keeps_redacted_history(store: graph.Store) -> None:
    _setup(store)
    # a deleted job link in the trash, an entry written the old way (name spelled out) and
    # an unrelated entry of the actor
    job = graph.links_of(store, "Person", "p-eva", ["WORKS_AT"])[0]
    graph.delete_link(store, "WORKS_AT", job.id, user="redaktion")
    graph.create_link(store, job, user="redaktion")
    operations.record_event(
        store,
        history.Entry(
            "link",
            "Actor",
            "a-vhs",
            "VHS Trier",
            {"link": ["arbeitet bei", "Eva Geheim → VHS Trier"]},
        ),
        user="redaktion",
    )
    operations.record_event(
        store,
        history.Entry("update", "Actor", "a-vhs", "VHS Trier", {"notes": ["", "Geheimrat-Ecke"]}),
        user="redaktion",
    )
    counts = operations.erase_person(store, "p-eva", user="admin")
    assert counts["links"] == 2 and counts["trash"] == 1
    actor_history = history.for_record(store, "a-vhs")
    legacy = [e for e in actor_history if isinstance(e.changes.get("link"), list)]
    assert legacy[0].changes == {"link": ["arbeitet bei", "[gelöscht] → VHS Trier"]}
    notes = [e for e in actor_history if e.action == "update"]
    assert notes[0].changes == {"notes": ["", "Geheimrat-Ecke"]}, "others untouched"
    linked = [e for e in actor_history if e.link]
    assert linked and {e.other_name for e in linked} == {history.ERASED_PERSON}
    with pytest.raises(graph.NotFoundError):
        graph.get(store, graph.Person, "p-eva")
    assert graph.counts(store).links["WORKS_AT"] == 0
    assert graph.counts(store).links["CONTACT_FOR"] == 0
    assert graph.get(store, graph.Actor, "a-vhs").name == "VHS Trier"
    assert graph.get(store, graph.Person, "p-other").last_name == "Andere"
    entries = history.for_record(store, "p-eva")
    assert "erase" in {e.action for e in entries}
    blob = json.dumps([e.__dict__ for e in entries], default=str)
    assert "Geheim" not in blob and "eva.geheim" not in blob
    assert all(e.record_name == history.ERASED for e in entries)
    with pytest.raises(graph.NotFoundError):
        operations.erase_person(store, "p-eva", user="admin")
