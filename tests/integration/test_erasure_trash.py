"""An erased person never comes back: not from the trash, not from an older backup.

The attack: create a person with e-mail and phone, delete him (trash), take a backup, undo
the delete, erase him, restore the backup with ``--replace``, then restore the trash entry
through the API as an editor. The person was back with e-mail and phone. And while a person
sat in the trash, Auskunft (Art. 15) and Löschung (Art. 17) answered 404.
"""

from __future__ import annotations

import io
import json

import pytest

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.admin import backup, users
from netzwerk.graph.personal import privacy

SECRETS = ("zurueck@example.org", "0651 987654", "Wiedergänger")


def _person_with_job(store: graph.Store) -> tuple[graph.Person, graph.Actor]:
    office = graph.create_record(
        store, graph.Actor(name="Amt für Jugend", kind="Verwaltung"), user="redaktion"
    )
    person = graph.create_record(
        store,
        graph.Person(
            first_name="Kurt",
            last_name="Wiedergänger",
            email="zurueck@example.org",
            phone="0651 987654",
            legal_basis="öffentliche Aufgabe",
        ),
        user="redaktion",
    )
    graph.create_link(
        store,
        graph.Link(type="WORKS_AT", from_id=person.id, to_id=office.id, function="Leitung"),
        user="redaktion",
    )
    return person, office


def _token(store: graph.Store, role: str) -> dict[str, str]:
    account = users.find_user(store, role) or users.create_user(
        store, role, "test-Passwort-123", role=role
    )
    secret, _ = users.create_token(store, account.id, "Test")
    return {"Authorization": f"Bearer {secret}"}


def _backup_text(store: graph.Store) -> str:
    buf = io.StringIO()
    backup.write(store, buf)
    return buf.getvalue()


def test_older_backup_and_trash_restore_do_not_bring_an_erased_person_back(
    app, store: graph.Store
) -> None:
    person, _ = _person_with_job(store)
    deleted = graph.delete_record(store, graph.Person, person.id, user="redaktion")
    old = json.loads(_backup_text(store))  # the person sits in the trash of this backup
    graph.undo(store, deleted.trash_id, user="redaktion", role="editor")
    operations.erase_person(store, person.id, user="admin")

    operations.restore_backup(store, old, replace=True)

    client = app.test_client()
    answer = client.post(
        f"/api/v1/trash/{deleted.trash_id}/restore", headers=_token(store, "editor")
    )
    assert answer.status_code in (404, 409)
    assert store.read("nodes/get", {"label": "Person"}, id=person.id, reader=None) == []
    found = client.get("/api/v1/persons?q=Wiederg", headers=_token(store, "admin"))
    assert found.status_code == 200
    assert "Wiedergänger" not in found.get_data(as_text=True)
    text = _backup_text(store)
    for secret in SECRETS:
        assert secret not in text


def test_trash_entry_of_an_erased_person_cannot_be_restored(store: graph.Store) -> None:
    """Even if a trash entry survived somehow, the erasure note refuses it."""
    person, office = _person_with_job(store)
    deleted = graph.delete_record(store, graph.Person, person.id, user="redaktion")
    store.write("privacy/log_erasure", person_id=person.id, user="admin", hashes=[])
    with pytest.raises(graph.GraphError, match="gelöscht"):
        graph.undo(store, deleted.trash_id, user="redaktion", role="editor")
    assert store.read("nodes/get", {"label": "Person"}, id=person.id, reader=None) == []
    # a deleted actor whose job link names the erased person comes back without that link
    other = graph.create_record(
        store, graph.Person(last_name="Bleibt", legal_basis="öffentliche Aufgabe"), user="r"
    )
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id=other.id, to_id=office.id), user="r"
    )
    gone = graph.delete_record(store, graph.Actor, office.id, user="redaktion")
    result = graph.undo(store, gone.trash_id, user="redaktion", role="editor")
    assert [lk.from_id for lk in result.restored] == [other.id]


def test_person_in_the_trash_gets_auskunft_and_erasure(store: graph.Store) -> None:
    person, office = _person_with_job(store)
    deleted = graph.delete_record(store, graph.Person, person.id, user="redaktion")

    report = privacy.person_report(store, person.id)
    assert report["person"]["email"] == "zurueck@example.org"
    assert report["in_trash"] is True
    assert [link["other_id"] for link in report["links"]] == [office.id]

    counts = operations.erase_person(store, person.id, user="admin")
    assert counts["trash"] >= 1
    with pytest.raises(graph.NotFoundError):
        graph.undo(store, deleted.trash_id, user="redaktion", role="editor")
    text = _backup_text(store)
    for secret in SECRETS:
        assert secret not in text
    with pytest.raises(graph.NotFoundError):
        privacy.person_report(store, person.id)


def test_restore_erases_a_person_who_is_only_in_the_trash_of_the_backup(
    store: graph.Store,
) -> None:
    person, _ = _person_with_job(store)
    graph.delete_record(store, graph.Person, person.id, user="redaktion")
    old = json.loads(_backup_text(store))
    # erase from the trash directly, then restore the older backup over it
    operations.erase_person(store, person.id, user="admin")
    operations.restore_backup(store, old, replace=True)
    text = _backup_text(store)
    for secret in SECRETS:
        assert secret not in text
    assert store.read("privacy/erasures")  # the suppression survived the restore


def test_web_auskunft_and_erasure_of_a_person_in_the_trash(make_client, store: graph.Store) -> None:
    from tests.conftest import csrf_token

    person, _ = _person_with_job(store)
    graph.delete_record(store, graph.Person, person.id, user="redaktion")
    admin = make_client("admin")
    found = admin.get("/datenschutz?q=wiederg").get_data(as_text=True)
    assert f"/datenschutz/person/{person.id}" in found and "im Papierkorb" in found
    page = admin.get(f"/datenschutz/person/{person.id}")
    assert page.status_code == 200, page.status_code
    assert "zurueck@example.org" in page.get_data(as_text=True)
    token = csrf_token(admin, f"/datenschutz/person/{person.id}")
    gone = admin.post(
        f"/datenschutz/person/{person.id}/loeschen",
        data={"csrf_token": token, "confirm": "1"},
    )
    assert gone.status_code in (200, 302)
    assert "zurueck@example.org" not in _backup_text(store)
