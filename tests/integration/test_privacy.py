"""DSGVO Auskunft and Löschung against real Neo4j."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netzwerk import graph
from netzwerk.graph import contacts, history, privacy
from netzwerk.graph.contacts import ContactFilter


def _setup(store: graph.Store) -> graph.Person:
    graph.create(store, graph.Actor(id="a-vhs", name="VHS Trier", kind="VHS/Weiterbildung"))
    graph.create(store, graph.Alliance(id="al-1", name="Bündnis Grundbildung"))
    eva = graph.create(
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
    )
    graph.create(store, graph.Person(id="p-other", last_name="Andere", legal_basis="Einwilligung"))
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id="p-eva", to_id="a-vhs", function="Kursleitung")
    )
    graph.create_link(
        store, graph.Link(type="CONTACT_FOR", from_id="p-eva", to_id="al-1", role="Sprecherin")
    )
    history.record(
        store,
        user="redaktion",
        action="create",
        label="Person",
        record_id="p-eva",
        record_name="Eva Geheim",
        changes={"last_name": [None, "Geheim"]},
    )
    return eva


def test_auskunft_lists_properties_links_history_and_exports(store: graph.Store) -> None:
    _setup(store)
    _, sel, entry = contacts.export(
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
    assert [h["action"] for h in report["history"]] == ["create"]
    assert [(e["purpose"], e["count"]) for e in report["exports"]] == [("contact", 1)]
    assert entry.count == 1


def test_auskunft_of_unknown_person_is_not_found(store: graph.Store) -> None:
    with pytest.raises(graph.NotFoundError):
        privacy.person_report(store, "p-nobody")
    with pytest.raises(graph.NotFoundError):
        privacy.person_report(store, "../../etc")


def test_loeschung_removes_data_and_links_but_keeps_redacted_history(store: graph.Store) -> None:
    _setup(store)
    from netzwerk.graph import trash

    # a deleted job link in the trash and a "link" entry in the actor's history name Eva
    job = graph.links_of(store, "Person", "p-eva", ["WORKS_AT"])[0]
    trash.put(store, graph.delete_link(store, "WORKS_AT", job.id), user="redaktion")
    graph.create_link(store, job)
    history.record(
        store,
        user="redaktion",
        action="link",
        label="Actor",
        record_id="a-vhs",
        record_name="VHS Trier",
        changes={"link": ["arbeitet bei", "Eva Geheim → VHS Trier"]},
    )
    history.record(
        store,
        user="redaktion",
        action="update",
        label="Actor",
        record_id="a-vhs",
        record_name="VHS Trier",
        changes={"notes": ["", "Geheimrat-Ecke"]},
    )
    counts = privacy.erase_person(store, "p-eva", user="admin")
    assert counts == {"links": 2, "history": 2, "trash": 1}
    actor_history = {e.action: e.changes for e in history.for_record(store, "a-vhs")}
    assert actor_history["link"] == {"link": ["arbeitet bei", "[gelöscht] → VHS Trier"]}
    assert actor_history["update"] == {"notes": ["", "Geheimrat-Ecke"]}, "others untouched"
    with pytest.raises(graph.NotFoundError):
        graph.get_person(store, "p-eva")
    assert graph.counts(store).links["WORKS_AT"] == 0
    assert graph.counts(store).links["CONTACT_FOR"] == 0
    assert graph.get_actor(store, "a-vhs").name == "VHS Trier"
    assert graph.get_person(store, "p-other").last_name == "Andere"
    entries = history.for_record(store, "p-eva")
    assert sorted(e.action for e in entries) == ["create", "erase"]
    blob = json.dumps([e.__dict__ for e in entries], default=str)
    assert "Geheim" not in blob and "eva.geheim" not in blob
    assert all(e.record_name == history.ERASED for e in entries)
    with pytest.raises(graph.NotFoundError):
        privacy.erase_person(store, "p-eva", user="admin")
