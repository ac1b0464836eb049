"""DSGVO Art. 17: after an erasure the person's name is nowhere a user or a backup can read.

The review found "Vergessmich → Amt für Schulen …" in an actor's history after a job link
was removed, and the person's former name after a rename. History now names people by id
and resolves names when read; the erasure redacts what older entries spelled out and sweeps
trash snapshots and export logs.
"""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date, timedelta

from netzwerk import graph
from netzwerk.graph import operations, surveys
from netzwerk.graph.admin import backup
from netzwerk.graph.operations.consent import record_consent
from netzwerk.graph.personal import contacts
from netzwerk.graph.personal.consent import Consent
from netzwerk.graph.records import history
from netzwerk.graph.surveys import respondent
from tests.conftest import csrf_token

NAMES = ("Vergessmich", "Vergiss", "Gerda", "Früher-Name", "gerda@vergessen.de")


def _all_text(app, client_of, store: graph.Store, ids: list[tuple[str, str]]) -> str:
    """Everything every role can read about the records in ``ids``: pages, API, history."""
    out = []
    for role in ("viewer", "editor", "admin"):
        client = client_of(role)
        for node_id, path in ids:
            out.append(client.get(f"/{path}/{node_id}").get_data(as_text=True))
        out.append(client.get("/api/v1/actors?q=Amt").get_data(as_text=True))
        out.append(client.get("/api/v1/persons?q=Verg").get_data(as_text=True))
    admin = client_of("admin")
    out.append(admin.get("/verwaltung/verlauf").get_data(as_text=True))
    out.append(admin.get("/verwaltung/papierkorb").get_data(as_text=True))
    out.append(admin.get("/kontakte/protokoll").get_data(as_text=True))
    buf = io.StringIO()
    backup.write(store, buf)
    out.append(buf.getvalue())
    return "\n".join(out)


def test_erasure_leaves_no_name_in_history_trash_exports_or_backups(
    app, make_client, store: graph.Store
) -> None:
    office = graph.create_record(
        store, graph.Actor(name="Amt für Schulen", kind="Verwaltung"), user="redaktion"
    )
    alliance = graph.create_record(store, graph.Alliance(name="Bündnis"), user="redaktion")
    person = graph.create_record(
        store,
        graph.Person(
            first_name="Gerda",
            last_name="Früher-Name",
            email="gerda@vergessen.de",
            legal_basis="öffentliche Aufgabe",
        ),
        user="redaktion",
    )
    person = graph.update_record(
        store, dataclasses.replace(person, last_name="Vergessmich"), user="redaktion"
    )
    job = graph.create_link(
        store,
        graph.Link(type="WORKS_AT", from_id=person.id, to_id=office.id, function="Leitung"),
        user="redaktion",
    )
    graph.create_link(
        store,
        graph.Link(type="CONTACT_FOR", from_id=person.id, to_id=alliance.id, role="Sprecherin"),
        user="redaktion",
    )
    graph.delete_link(store, "WORKS_AT", job.id, user="redaktion")  # trash + unlink entries
    graph.create_link(store, dataclasses.replace(job, id=""), user="redaktion")
    doomed = graph.create_record(store, graph.Actor(name="Alte Schule", kind="Schule"), user="r")
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id=person.id, to_id=doomed.id), user="r"
    )
    graph.delete_record(store, graph.Actor, doomed.id, user="r")  # snapshot holds the job
    operations.export_contacts(
        store, contacts.ContactFilter(), purpose="contact", fmt="csv", user="r"
    )
    # consent ledger and a survey answered through the person's own link
    record_consent(
        store,
        Consent(
            person_id=person.id,
            date=date(2024, 1, 1),
            source="Vergiss-mein-nicht-Formular",
            wording="Gerda willigt ein",
        ),
        user="r",
    )
    survey, _n = surveys.create_survey(
        store,
        surveys.Survey(
            title="Befragung",
            closes=date.today() + timedelta(days=5),
            scope=surveys.Scope("actors", actor_ids=(office.id,)),
            per="person",
        ),
        user="r",
    )
    (link,) = surveys.issue_links(store, survey.id)
    mention = {"person_id": person.id, "still_here": True, "function": "Vergessmich-Leitung"}
    access = surveys.check_link(store, link.token)
    respondent.save(
        store,
        access.invite,
        {"contacts": [mention]},
        submit=True,
        version=0,
        base=None,
        link_hash=access.link_hash,
    )
    pages = [(office.id, "akteure"), (alliance.id, "buendnisse"), (person.id, "personen")]
    before = _all_text(app, make_client, store, pages)
    assert "Vergessmich" in before and "Früher-Name" in before  # the check can fail

    client = make_client("admin")
    token = csrf_token(client, f"/datenschutz/person/{person.id}")
    resp = client.post(
        f"/datenschutz/person/{person.id}/loeschen", data={"csrf_token": token, "confirm": "1"}
    )
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/datenschutz")

    after = _all_text(app, make_client, store, pages)
    for name in NAMES:
        where = after.find(name)
        assert where < 0, (name, after[max(0, where - 300) : where + 100])
    office_history = history.for_record(store, office.id)
    assert {e.other_name for e in office_history if e.link} == {history.ERASED_PERSON}
    entry = next(e for e in history.for_record(store, person.id) if e.action == "erase")
    assert entry.changes["exports_swept"] == 1
    assert entry.changes["consents_removed"] == 1
    assert entry.changes["survey_data_removed"] == 2  # the invitation and its answer
    (log,) = contacts.export_log(store)[0]
    assert log.count == 1, "the log still says how many were exported"
    logs = [n for n in backup.dump(store)["nodes"] if n["labels"] == ["ExportLog"]]
    assert person.id not in json.dumps(logs)
    assert contacts.exports_of_person(store, person.id) == []
