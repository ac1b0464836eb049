"""Two offices in one instance: no direct change across the border, no persons across it.

The city (``stadt``) owns a small graph (the access matrix's, written by its editor); the
district (``kreis``) owns one actor and one person of its own. Every write a district user
can send to the city's records — form and API, record and link, merge, hostile ids — must
leave the city's records as they were (a change to a record becomes a proposal the city
decides); every page, list, download and JSON a district user can read must not show the
city's person. The city's own users keep doing everything, so nothing here passes by
refusing everyone.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.admin import seed, users
from netzwerk.graph.core import bulk
from netzwerk.graph.records import changesets, history, organisations
from tests.conftest import PASSWORD, SEED_EMAIL, csrf_token, login, seed_small_graph
from tests.integration.test_access_matrix import CONTACTS, EDITOR, LEVEL, targets

ORGS = [
    {
        "id": "organisation-stadt",
        "slug": "stadt",
        "name": "Stadt Trier",
        "recipient": "der Stadt Trier",
    },
    {
        "id": "organisation-kreis",
        "slug": "kreis",
        "name": "Landkreis",
        "recipient": "dem Landkreis",
    },
]
CITY_PERSON = "Gerda"
"""The city's person's first name (the searches below look for her last name, which a
search page repeats in its box)."""
DISTRICT_EMAIL = "kreis.kontakt@beispiel-kreis.de"


@pytest.fixture
def offices(store: graph.Store) -> dict[str, str]:
    """The city's graph, the district's actor and person, and an editor of each office."""
    bulk.save_organisations(store, ORGS)
    for name, role, org, contacts in (
        ("red-stadt", "editor", "stadt", False),
        ("red-kreis", "editor", "kreis", False),
        ("lesen-kreis", "viewer", "kreis", True),
    ):
        users.create_user(store, name, PASSWORD, role=role, org=org, contacts=contacts)
    ids = seed_small_graph(store, user="red-stadt")
    own = graph.create_record(
        store, graph.Actor(name="Realschule Kreis", kind="Schule"), user="red-kreis"
    )
    mine = graph.create_record(
        store,
        graph.Person(
            first_name="Karl",
            last_name="Kreisler",
            email=DISTRICT_EMAIL,
            consent_contact=True,
            consent_contact_date=datetime.date(2024, 3, 1),
            consent_contact_source="Formular",
        ),
        user="red-kreis",
    )
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id=mine.id, to_id=own.id), user="red-kreis"
    )
    return {**ids, "own_actor": own.id, "own_person": mine.id}


def _client(app: Any, name: str) -> Any:
    client = app.test_client()
    login(client, name, PASSWORD)
    return client


def _city_state(store: graph.Store, ids: dict[str, str]) -> dict[str, Any]:
    """Everything of the city's records a change would touch: fields and versions."""
    out: dict[str, Any] = {}
    for key, cls in (
        ("actor", graph.Actor),
        ("other_actor", graph.Actor),
        ("person", graph.Person),
        ("alliance", graph.Alliance),
        ("project", graph.Project),
    ):
        out[key] = graph.get(store, cls, ids[key])
    out["links"] = sorted(
        (lk.type, lk.from_id, lk.to_id, lk.version)
        for lk in graph.links_of(store, "Actor", ids["actor"])
    )
    return out


# One hostile write per row: (name, method, url, body) with {placeholders} from the ids.
WRITES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("form edit", "POST", "/akteure/{actor}/bearbeiten", {"name": "Übernommen", "kind": "Schule"}),
    ("form delete", "POST", "/akteure/{actor}/loeschen", {}),
    ("api patch", "PATCH", "/api/v1/actors/{actor}", {"name": "Übernommen"}),
    ("api put", "PUT", "/api/v1/actors/{actor}", {"name": "Übernommen", "kind": "Schule"}),
    ("api delete", "DELETE", "/api/v1/actors/{actor}", {}),
    ("api delete alliance", "DELETE", "/api/v1/alliances/{alliance}", {}),
    ("api patch project", "PATCH", "/api/v1/projects/{project}", {"name": "Weg"}),
    ("api person", "PATCH", "/api/v1/persons/{person}", {"last_name": "Weg"}),
    ("form person", "POST", "/personen/{person}/bearbeiten", {"last_name": "Weg"}),
    (
        "api link between two city actors",
        "POST",
        "/api/v1/links",
        {"type": "COOPERATES_WITH", "from_id": "{actor}", "to_id": "{alliance}"},
    ),
    ("api patch link", "PATCH", "/api/v1/links/{link_type}/{link}", {"note": "weg"}),
    ("api delete link", "DELETE", "/api/v1/links/{link_type}/{link}", {}),
    ("form delete link", "POST", "/verknuepfungen/{link_type}/{link}/loeschen", {}),
    ("api merge", "POST", "/api/v1/actors/{actor}/merge", {"duplicate_id": "{other_actor}"}),
    ("hostile id", "PATCH", "/api/v1/actors/{actor}' OR 1=1 --", {"name": "x"}),
]


def _send(client: Any, method: str, url: str, body: dict[str, Any], version: int) -> Any:
    token = csrf_token(client)
    if url.startswith("/api/"):
        return client.open(
            url, method=method, json={**body, "version": version}, headers={"X-CSRFToken": token}
        )
    return client.open(
        url, method=method, data={**body, "version": str(version), "csrf_token": token}
    )


@pytest.mark.parametrize("name,method,url,body", WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("office", ["red-kreis", "lesen-kreis"])
def test_no_direct_change_to_another_organisations_record(
    name, method, url, body, office, app, store, offices
) -> None:
    before = _city_state(store, offices)
    filled = {k: (v.format(**offices) if isinstance(v, str) else v) for k, v in body.items()}
    version = before["actor"].version
    resp = _send(_client(app, office), method, url.format(**offices), filled, version)
    assert resp.status_code < 500, resp.get_data(as_text=True)[:300]
    assert resp.status_code not in (200, 201, 204), f"{name}: {resp.status_code}"
    assert _city_state(store, offices) == before, name


def test_the_owner_writes_directly_and_a_neighbour_proposes(app, store, offices) -> None:
    """The same edit: written for the city's editor, a proposal for the district's."""
    actor = graph.get(store, graph.Actor, offices["actor"])
    kreis = _client(app, "red-kreis")
    resp = _send(kreis, "PATCH", f"/api/v1/actors/{actor.id}", {"town": "Konz"}, actor.version)
    assert resp.status_code == 202
    sent = resp.get_json()
    assert sent["message"] == "Ihre Änderung wurde der Stadt Trier als Vorschlag geschickt."
    assert graph.get(store, graph.Actor, actor.id).town == actor.town
    proposal = changesets.get(store, sent["proposal"])
    assert proposal is not None and proposal.open_proposal
    assert (proposal.from_org, proposal.to_org) == ("kreis", "stadt")
    with pytest.raises(graph.ForbiddenError):  # only the owner decides
        operations.accept_proposal(store, proposal.id, user="red-kreis")
    done = operations.accept_proposal(store, proposal.id, user="red-stadt")
    assert done.state == "applied"
    assert graph.get(store, graph.Actor, actor.id).town == "Konz"
    entries = history.for_record(store, actor.id)
    update = next(e for e in entries if e.action == "update")
    assert update.user == "red-stadt"
    assert update.changes["proposed_by"] == [None, "red-kreis"]
    assert any(e.action == "propose" and e.user == "red-kreis" for e in entries)
    city = _client(app, "red-stadt")
    resp = _send(
        city,
        "PATCH",
        f"/api/v1/actors/{actor.id}",
        {"town": "Trier"},
        done_version(store, actor.id),
    )
    assert resp.status_code == 200
    assert graph.get(store, graph.Actor, actor.id).town == "Trier"


def done_version(store: graph.Store, actor_id: str) -> int:
    return graph.get(store, graph.Actor, actor_id).version


def test_a_proposal_does_not_overwrite_what_the_owner_changed_since(store, offices) -> None:
    actor = graph.get(store, graph.Actor, offices["actor"])
    with pytest.raises(graph.ProposalSent) as sent:
        graph.update_record(store, _replace(actor, town="Konz"), user="red-kreis")
    graph.update_record(store, _replace(actor, town="Schweich"), user="red-stadt")
    done = operations.accept_proposal(store, sent.value.changeset, user="red-stadt")
    assert graph.get(store, graph.Actor, actor.id).town == "Schweich"
    assert [c["field"] for c in done.conflicts] == ["town"]
    with pytest.raises(graph.ConflictError):
        operations.reject_proposal(store, sent.value.changeset, user="red-stadt")


def _replace(actor: graph.Actor, **changes: Any) -> graph.Actor:
    import dataclasses

    return dataclasses.replace(actor, **changes)


def test_proposals_are_listed_for_the_two_offices_only(app, store, offices) -> None:
    actor = graph.get(store, graph.Actor, offices["actor"])
    with pytest.raises(graph.ProposalSent) as sent:
        graph.update_record(store, _replace(actor, town="Konz"), user="red-kreis")
    cs_id = sent.value.changeset
    users.create_user(store, "red-dritte", PASSWORD, role="editor", org="dritte")
    third = _client(app, "red-dritte")
    assert cs_id not in third.get("/aenderungen").get_data(as_text=True)
    assert third.get(f"/aenderungen/{cs_id}").status_code == 404
    city = _client(app, "red-stadt")
    page = city.get(f"/aenderungen/{cs_id}").get_data(as_text=True)
    assert "Vorschlag annehmen" in page and "Konz" in page
    assert "Vorschlag annehmen" not in _client(app, "red-kreis").get(
        f"/aenderungen/{cs_id}"
    ).get_data(as_text=True)
    resp = city.post(f"/aenderungen/{cs_id}/ablehnen", data={"csrf_token": csrf_token(city)})
    assert resp.status_code == 302
    assert changesets.get(store, cs_id).state == "rejected"  # type: ignore[union-attr]
    assert graph.get(store, graph.Actor, actor.id).town == actor.town


def _text(resp: Any) -> str:
    """A response as text; a zipped download (XLSX, ODS) as the text of its parts."""
    body = resp.get_data()
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return str(body.decode("utf-8", "replace"))


def _readable(app: Any, ids: dict[str, str], level: int) -> list[str]:
    return [
        t.url
        for t in targets(app, ids)
        if (need := t.need("GET")) is not None
        and LEVEL[need] <= level
        and t.endpoint("GET") != "static"
    ]


@pytest.mark.parametrize(
    "office,level", [("lesen-kreis", LEVEL[CONTACTS]), ("red-kreis", LEVEL[EDITOR])]
)
def test_no_person_data_of_another_organisation(app, store, offices, office, level) -> None:
    client = _client(app, office)
    urls = [
        *_readable(app, offices, level),
        "/api/v1/persons",
        "/api/v1/persons?q=Geheim",
        f"/api/v1/persons/{offices['person']}",
        "/suche?q=Geheim",
        "/personen?q=Geheim",
        "/vorschlaege?q=Geheim&labels=Person",
        "/api/v1/suggest?q=Geheim&labels=Person",
        "/api/v1/suggest?q=Gerda&labels=Person,Actor",
        f"/akteure/{offices['actor']}",
    ]
    leaks = []
    for url in urls:
        resp = client.get(url)
        assert resp.status_code < 500, (url, resp.status_code)
        text = _text(resp)
        if CITY_PERSON in text or SEED_EMAIL in text:
            leaks.append(url)
    assert not leaks, f"the city's person shown to {office}: {leaks}"
    assert client.get(f"/personen/{offices['person']}").status_code == 404
    assert client.get(f"/api/v1/persons/{offices['person']}").status_code == 404
    # the district's own person is there: the filter hides the neighbour, not everyone
    assert "Kreisler" in client.get("/personen").get_data(as_text=True)
    assert "Kreisler" in _text(client.get("/api/v1/suggest?q=Kreisler&labels=Person"))
    token = csrf_token(client)
    downloads: list[tuple[str, dict[str, str]]] = [
        ("/kontakte/export", {"purpose": "contact", "format": "csv"}),
        ("/kontakte/export", {"purpose": "contact", "format": "xlsx"}),
    ]
    if level >= LEVEL[EDITOR]:  # the workbook is the editors'
        downloads += [("/import/arbeitsmappe.xlsx", {}), ("/import/arbeitsmappe.csv", {})]
    for url, data in downloads:
        resp = client.post(url, data={"csrf_token": token, **data})
        assert resp.status_code < 500, url
        body = _text(resp)
        assert resp.status_code == 200, url
        assert "Kreisler" in body, url  # the download holds persons: the district's own
        assert CITY_PERSON not in body and SEED_EMAIL not in body, url
    export = client.post(
        "/kontakte/export", data={"csrf_token": token, "purpose": "contact", "format": "csv"}
    )
    assert DISTRICT_EMAIL in export.get_data(as_text=True)


def test_the_city_still_sees_its_person(app, offices) -> None:
    client = _client(app, "red-stadt")
    assert CITY_PERSON in client.get(f"/personen/{offices['person']}").get_data(as_text=True)
    assert "Kreisler" not in client.get("/personen").get_data(as_text=True)


def test_a_single_office_notices_nothing(store, make_client: Callable[..., Any]) -> None:
    """Users and records naming no organisation are all in the default one."""
    ids = seed_small_graph(store, user="test")
    editor = make_client("editor")
    actor = graph.get(store, graph.Actor, ids["actor"])
    resp = _send(editor, "PATCH", f"/api/v1/actors/{actor.id}", {"town": "Konz"}, actor.version)
    assert resp.status_code == 200
    assert "Geheim" in make_client("viewer").get("/personen").get_data(as_text=True)


def test_a_restored_record_keeps_its_organisation(store, offices) -> None:
    doomed = offices["other_actor"]
    result = graph.delete_record(store, graph.Actor, doomed, user="red-stadt")
    graph.undo(store, result.trash_id, user="red-stadt", role="editor")
    assert organisations.owners_of(store, "Actor", [doomed])[doomed].owner == "stadt"
    with pytest.raises(graph.ForbiddenError):  # and the district still cannot delete it
        graph.delete_record(store, graph.Actor, doomed, user="red-kreis")


def test_records_belong_to_their_creators_organisation(store, offices) -> None:
    owners = organisations.owners_of(store, "Actor", [offices["actor"], offices["own_actor"]])
    assert owners[offices["actor"]].owner == "stadt"
    assert owners[offices["own_actor"]].owner == "kreis"


def test_the_demo_region_belongs_to_its_two_offices(store) -> None:
    seed.load(store)
    slugs = {o.slug for o in organisations.all_organisations(store)}
    assert slugs == {"stadt-trier", "kreis-trier-saarburg"}
    offices = ["actor-kbm-trier", "actor-bildungsbuero-trier-saarburg"]
    owners = organisations.owners_of(store, "Actor", offices)
    assert [owners[i].owner for i in offices] == ["stadt-trier", "kreis-trier-saarburg"]
    first_page = graph.list_nodes(store, graph.Person, limit=1000, order_by="last_name").items
    by_office = organisations.owners_of(store, "Person", [p.id for p in first_page])
    assert {o.owner for o in by_office.values()} == set(slugs)
