"""Editing records in the browser (Flask test client against the real database)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from markupsafe import escape

from netzwerk import graph
from netzwerk.graph.core.values import name_form
from netzwerk.graph.records import history
from tests.conftest import HOSTILE_STRINGS, csrf_token, found


def _actor(store: graph.Store, name: str = "Volkshochschule Trier", **kw) -> graph.Actor:
    return graph.create_record(
        store, graph.Actor(name=name, kind="VHS/Weiterbildung", **kw), user="test"
    )


def _fill(rule: str, values: dict[str, str]) -> str:
    def repl(m: re.Match[str]) -> str:
        conv, name = m.group(1) or "", m.group(2)
        if conv.startswith("any("):
            return conv[4:].split(",")[0].strip("'\" )")
        return values.get(name, "x")

    return re.sub(r"<(?:([^:>]+):)?([^>]+)>", repl, rule)


def test_viewer_cannot_post_anywhere(app, make_client, store: graph.Store) -> None:
    actor = _actor(store)
    other = _actor(store, "Stadtbibliothek Trier")
    link = graph.create_link(
        store,
        graph.Link(type="COOPERATES_WITH", from_id=actor.id, to_id=other.id, kind="Gremienarbeit"),
        user="test",
    )
    client = make_client("viewer")
    token = csrf_token(client, "/akteure")
    values = {
        "node_id": actor.id,
        "type_name": "COOPERATES_WITH",
        "link_id": link.id,
        "entry_id": "trash-unknown",
        "user_id": "user-unknown",
        "kind": "actors",
    }
    open_to_viewers = {
        "/anmelden",
        "/abmelden",
        "/konto",
        "/konto/tokens/<token_id>/widerrufen",
        "/api/v1/tokens/<token_id>",  # one's own token, as on the account page
    }
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in ("records", "admin", "api", "auth"):
            continue
        methods = (rule.methods or set()) & {"POST", "PUT", "PATCH", "DELETE"}
        if not methods or rule.rule in open_to_viewers:
            continue
        url = _fill(rule.rule, values)
        for method in methods:
            resp = client.open(
                url,
                method=method,
                data={"csrf_token": token, "name": "x"},
                headers={"X-CSRFToken": token},
            )
            assert resp.status_code == 403, (method, url, resp.status_code)
            checked += 1
    assert checked >= 20
    assert graph.get(store, graph.Actor, actor.id).version == 1


def test_post_without_csrf_token_is_rejected(make_client, store: graph.Store) -> None:
    client = make_client("editor")
    resp = client.post("/akteure/neu", data={"name": "Ohne Token", "kind": "Schule"})
    assert resp.status_code == 400
    assert "abgelaufen oder ungültig" in resp.get_data(as_text=True)
    resp = client.post("/api/v1/actors", json={"name": "Ohne Token", "kind": "Schule"})
    assert resp.status_code == 400 and "error" in resp.json
    assert graph.list_nodes(store, graph.Actor).total == 0


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_hostile_strings_round_trip_and_render_escaped(
    make_client, store: graph.Store, hostile: str
) -> None:
    client = make_client("editor")
    token = csrf_token(client, "/akteure/neu")
    resp = client.post(
        "/akteure/neu",
        data={
            "csrf_token": token,
            "name": hostile,
            "kind": "Verein/Initiative",
            "notes": hostile,
            "town": hostile,
            "confirm_duplicate": "1",
        },
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)[:800]
    actor_id = resp.headers["Location"].rsplit("/", 1)[1]
    stored = graph.get(store, graph.Actor, actor_id)
    # names lose invisible format characters (a pasted one made look-alikes), notes keep them
    assert stored.name == name_form(hostile) and stored.notes == hostile.strip()
    page = client.get(f"/akteure/{actor_id}").get_data(as_text=True)
    assert str(escape(name_form(hostile))) in page
    for raw in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"):
        assert raw not in page
    listing = client.get("/akteure?q=" + hostile[:50]).get_data(as_text=True)
    assert "<script>alert(1)" not in listing
    # edit form shows it escaped in the value attribute, and saving unchanged keeps it
    form = client.get(f"/akteure/{actor_id}/bearbeiten").get_data(as_text=True)
    assert "<script>alert(1)" not in form
    resp = client.post(
        f"/akteure/{actor_id}/bearbeiten",
        data={
            "csrf_token": token,
            "version": "1",
            "name": stored.name,
            "kind": stored.kind,
            "notes": stored.notes,
            "town": stored.town,
        },
    )
    assert resp.status_code == 302
    assert graph.get(store, graph.Actor, actor_id).name == stored.name


def test_create_validates_at_the_field(make_client, store: graph.Store) -> None:
    client = make_client("editor")
    token = csrf_token(client, "/akteure/neu")
    resp = client.post(
        "/akteure/neu",
        data={"csrf_token": token, "name": "", "kind": "Schule", "postcode": "123", "email": "x@"},
    )
    assert resp.status_code == 400
    page = resp.get_data(as_text=True)
    assert 'id="e-name"' in page and "ist ein Pflichtfeld" in page
    assert 'id="e-postcode"' in page and 'id="e-email"' in page
    assert 'value="123"' in page  # input kept


def test_duplicate_warning_then_confirm(make_client, store: graph.Store) -> None:
    _actor(store, "Volkshochschule Trier e. V.")
    client = make_client("editor")
    token = csrf_token(client, "/akteure/neu")
    data = {"csrf_token": token, "name": "VHS Trier", "kind": "VHS/Weiterbildung"}
    resp = client.post("/akteure/neu", data=data)
    assert resp.status_code == 409
    assert "Gibt es diesen Akteur schon?" in resp.get_data(as_text=True)
    assert graph.list_nodes(store, graph.Actor).total == 1
    resp = client.post("/akteure/neu", data={**data, "confirm_duplicate": "1"})
    assert resp.status_code == 302
    assert graph.list_nodes(store, graph.Actor).total == 2
    found = client.get("/akteure/dubletten?name=Volkshochschule%20Trier").json
    assert len(found) == 2 and found[0]["reasons"]


def test_stale_edit_shows_conflict_and_keeps_input(make_client, store: graph.Store) -> None:
    actor = _actor(store, town="Trier")
    graph.update_record(
        store, graph.Actor(**{**actor.__dict__, "town": "Konz"}), user="test"
    )  # colleague saves
    client = make_client("editor")
    token = csrf_token(client, f"/akteure/{actor.id}/bearbeiten")
    resp = client.post(
        f"/akteure/{actor.id}/bearbeiten",
        data={
            "csrf_token": token,
            "version": "1",
            "name": actor.name,
            "kind": actor.kind,
            "town": "Schweich",
        },
    )
    assert resp.status_code == 409
    page = resp.get_data(as_text=True)
    assert "Jemand anderes hat diesen Eintrag inzwischen gespeichert" in page
    assert "<td>Konz</td><td>Schweich</td>" in page.replace("\n", "")
    assert 'value="Schweich"' in page and 'name="version" type="hidden" value="2"' in page
    assert graph.get(store, graph.Actor, actor.id).town == "Konz"
    # saving again (with the version the conflict page carries) is a deliberate overwrite
    resp = client.post(
        f"/akteure/{actor.id}/bearbeiten",
        data={
            "csrf_token": token,
            "version": "2",
            "name": actor.name,
            "kind": actor.kind,
            "town": "Schweich",
        },
    )
    assert resp.status_code == 302
    assert graph.get(store, graph.Actor, actor.id).town == "Schweich"
    changes = history.for_record(store, actor.id)
    assert changes[0].action == "update" and changes[0].changes["town"] == ["Konz", "Schweich"]


def test_conflict_keeps_the_colleagues_change_to_fields_the_user_did_not_touch(
    make_client, store: graph.Store
) -> None:
    actor = _actor(store, town="Trier", email="alt@vhs.de")
    client = make_client("editor")
    token = csrf_token(client, f"/akteure/{actor.id}/bearbeiten")  # the user opens the form
    graph.update_record(
        store, dataclasses.replace(actor, email="neu@vhs.de"), user="kollegin"
    )  # the colleague saves another field
    form = {
        "csrf_token": token,
        "version": "1",
        "name": actor.name,
        "kind": actor.kind,
        "email": "alt@vhs.de",  # as the user's form still shows it
        "town": "Schweich",
    }
    resp = client.post(f"/akteure/{actor.id}/bearbeiten", data=form)
    assert resp.status_code == 409
    page = resp.get_data(as_text=True).replace("\n", "")
    assert "<td>Trier</td><td>Schweich</td>" in page, "the user's own change is listed"
    assert "beide geändert" not in page and "alt@vhs.de</td>" not in page
    assert "ins Formular übernommen" in page and 'value="neu@vhs.de"' in page
    resp = client.post(
        f"/akteure/{actor.id}/bearbeiten", data={**form, "version": "2", "email": "neu@vhs.de"}
    )
    assert resp.status_code == 302
    saved = graph.get(store, graph.Actor, actor.id)
    assert (saved.town, saved.email) == ("Schweich", "neu@vhs.de")


def test_contact_person_is_created_from_the_actor_page_in_one_step(
    make_client, store: graph.Store
) -> None:
    actor = _actor(store)
    client = make_client("editor")
    page = client.get(f"/akteure/{actor.id}").get_data(as_text=True)
    assert "Neue Person anlegen" in page
    token = csrf_token(client, f"/akteure/{actor.id}")
    resp = client.post(
        f"/akteure/{actor.id}/personen/neu",
        data={
            "csrf_token": token,
            "first_name": "Eva",
            "last_name": "Muster",
            "function": "Fachbereichsleitung",
            "email": "eva@vhs.example",
            "contact_for": "1",
        },
        follow_redirects=True,
    )
    assert "wurde angelegt und mit Volkshochschule Trier verknüpft" in resp.get_data(as_text=True)
    (job,) = graph.links_of(store, "Actor", actor.id, ["WORKS_AT"])
    (contact,) = graph.links_of(store, "Actor", actor.id, ["CONTACT_FOR"])
    assert job.function == "Fachbereichsleitung" and contact.from_id == job.from_id
    person = graph.get(store, graph.Person, job.from_id)
    assert (person.first_name, person.email) == ("Eva", "eva@vhs.example")
    actions = sorted(e.action for e in history.for_record(store, person.id))
    assert actions == ["create", "link", "link"]
    # invalid input: nothing is created, the page says why
    resp = client.post(
        f"/akteure/{actor.id}/personen/neu",
        data={"csrf_token": token, "last_name": "Fehler", "email": "kein-mail"},
        follow_redirects=True,
    )
    assert "Person nicht angelegt" in resp.get_data(as_text=True)
    assert graph.list_nodes(store, graph.Person, order_by="last_name").total == 1


def test_links_add_edit_remove_and_undo(make_client, store: graph.Store) -> None:
    actor = _actor(store)
    alliance = graph.create_record(store, graph.Alliance(name="MINT-Initiativkreis"), user="test")
    client = make_client("editor")
    token = csrf_token(client, f"/akteure/{actor.id}")
    resp = client.post(
        "/verknuepfen",
        data={
            "csrf_token": token,
            "type": "MEMBER_OF",
            "direction": "out",
            "label": "Actor",
            "node_id": actor.id,
            "other_id": alliance.id,
            "role": "Koordination",
        },
    )
    assert resp.status_code == 302
    (link,) = graph.links_of(store, "Actor", actor.id)
    assert link.role == "Koordination"
    page = client.get(f"/buendnisse/{alliance.id}").get_data(as_text=True)
    assert actor.name in page and "Koordination" in page
    resp = client.post(
        f"/verknuepfungen/MEMBER_OF/{link.id}",
        data={
            "csrf_token": token,
            "version": "1",
            "role": "Mitglied",
            "since": "2020-01-01",
            "until": "2019-01-01",
        },
    )
    assert resp.status_code == 400 and "liegt vor" in resp.get_data(as_text=True)
    resp = client.post(
        f"/verknuepfungen/MEMBER_OF/{link.id}",
        data={"csrf_token": token, "version": "1", "role": "Mitglied", "since": "2020-01-01"},
    )
    assert resp.status_code == 302
    assert graph.get_link(store, "MEMBER_OF", link.id).role == "Mitglied"
    resp = client.post(
        f"/verknuepfungen/MEMBER_OF/{link.id}/loeschen",
        data={"csrf_token": token, "next": f"/akteure/{actor.id}"},
    )
    assert resp.status_code == 302
    assert graph.links_of(store, "Actor", actor.id) == []
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    entry = found(r"/papierkorb/([^/]+)/wiederherstellen", page)
    client.post(f"/papierkorb/{entry}/wiederherstellen", data={"csrf_token": token})
    (back,) = graph.links_of(store, "Actor", actor.id)
    assert back.id == link.id and back.role == "Mitglied"
    actions = [c.action for c in history.for_record(store, actor.id)]
    assert actions.count("link") == 2 and "unlink" in actions and "update" in actions


def test_delete_names_links_and_can_be_undone(make_client, store: graph.Store) -> None:
    actor = _actor(store)
    person = graph.create_record(
        store, graph.Person(first_name="Anna", last_name="Becker"), user="test"
    )
    graph.create_link(
        store,
        graph.Link(type="WORKS_AT", from_id=person.id, to_id=actor.id, function="Leitung"),
        user="test",
    )
    client = make_client("editor")
    page = client.get(f"/akteure/{actor.id}/loeschen").get_data(as_text=True)
    assert "Anna Becker" in page and "Leitung" in page
    token = csrf_token(client, f"/akteure/{actor.id}/loeschen")
    resp = client.post(f"/akteure/{actor.id}/loeschen", data={"csrf_token": token, "version": "1"})
    assert resp.status_code == 302
    with pytest.raises(graph.NotFoundError):
        graph.get(store, graph.Actor, actor.id)
    listing = client.get("/akteure").get_data(as_text=True)
    assert "Rückgängig" in listing
    entry = found(r"/papierkorb/([^/]+)/wiederherstellen", listing)
    resp = client.post(f"/papierkorb/{entry}/wiederherstellen", data={"csrf_token": token})
    assert resp.status_code == 302 and resp.headers["Location"].endswith(actor.id)
    assert graph.get(store, graph.Actor, actor.id).name == actor.name
    (link,) = graph.links_of(store, "Actor", actor.id)
    assert link.function == "Leitung"
    assert [c.action for c in history.for_record(store, actor.id)][:2] == ["restore", "delete"]
    # the entry is used up: a second undo is a clear 404
    assert (
        client.post(f"/papierkorb/{entry}/wiederherstellen", data={"csrf_token": token}).status_code
        == 404
    )


def test_lists_search_filter_sort_and_page(make_client, store: graph.Store) -> None:
    mint = graph.create_record(store, graph.Topic(name="MINT"), user="test")
    a = graph.create_record(
        store, graph.Actor(name="Müller-Gymnasium", kind="Schule", town="Trier"), user="test"
    )
    graph.create_record(
        store, graph.Actor(name="Grundschule Ehrang", kind="Schule", town="Trier"), user="test"
    )
    graph.create_record(
        store, graph.Actor(name="Stadtbibliothek", kind="Bibliothek", town="Konz"), user="test"
    )
    graph.create_link(store, graph.Link(type="WORKS_ON", from_id=a.id, to_id=mint.id), user="test")
    client = make_client("viewer")
    page = client.get("/akteure?q=muller").get_data(as_text=True)
    assert "Müller-Gymnasium" in page and "Ehrang" not in page
    page = client.get("/akteure?kind=Schule&sort=name&richtung=ab").get_data(as_text=True)
    assert page.index("Müller-Gymnasium") < page.index("Grundschule Ehrang")
    assert "Stadtbibliothek" not in page
    page = client.get(f"/akteure?topic={mint.id}").get_data(as_text=True)
    assert "Müller-Gymnasium" in page and "Ehrang" not in page
    page = client.get("/akteure?n=1&seite=2&sort=name").get_data(as_text=True)
    assert "Seite 2 von 3" in page and "Müller-Gymnasium" in page
    assert client.get("/akteure?seite=x&n=abc&sort=evil").status_code == 200
    sug = client.get("/vorschlaege?q=gymn&labels=Actor").json
    assert [s["name"] for s in sug] == ["Müller-Gymnasium"]


def test_contacts_hidden_without_right(make_client, store: graph.Store) -> None:
    actor = _actor(store)
    p = graph.create_record(
        store,
        graph.Person(last_name="Becker", email="becker@example.org", phone="0651 1"),
        user="test",
    )
    graph.create_link(store, graph.Link(type="WORKS_AT", from_id=p.id, to_id=actor.id), user="test")
    for role, contacts, visible in (
        ("viewer", False, False),
        ("viewer", True, True),
        ("editor", False, True),
    ):
        client = make_client(role, contacts=contacts)
        for url in (f"/akteure/{actor.id}", f"/personen/{p.id}", "/personen"):
            assert ("becker@example.org" in client.get(url).get_data(as_text=True)) is visible, (
                role,
                url,
            )


def test_error_pages_are_german_and_db_outage_recovers(
    app, make_client, store: graph.Store
) -> None:
    from netzwerk import settings

    client = make_client("viewer")
    resp = client.get("/akteure/actor-gibtsnicht")
    assert resp.status_code == 404 and "wurde nicht gefunden" in resp.get_data(as_text=True)
    assert client.get("/api/v1/actors/actor-gibtsnicht").json["status"] == 404
    dead = graph.connect(
        settings.ConnectionSettings(
            uri="bolt://127.0.0.1:9", user="neo4j", password="x", database="neo4j", external=True
        )
    )
    app.extensions["netzwerk_store"] = dead
    resp = client.get("/akteure")
    assert resp.status_code == 503 and "Datenbank" in resp.get_data(as_text=True)
    app.extensions["netzwerk_store"] = store
    assert client.get("/akteure").status_code == 200
    dead.close()


def test_secure_cookie_flag_from_environment(monkeypatch, store: graph.Store) -> None:
    from netzwerk.web import create_app

    assert create_app({"STORE": store}).config["SESSION_COOKIE_SECURE"] is False
    monkeypatch.setenv("NETZWERK_SECURE_COOKIES", "1")
    assert create_app({"STORE": store}).config["SESSION_COOKIE_SECURE"] is True


def test_english_ui(make_client, store: graph.Store) -> None:
    client = make_client("editor")
    page = client.get("/akteure?lang=en").get_data(as_text=True)
    assert "Actors" in page and "Create new" in page and 'lang="en"' in page


def test_one_search_box_finds_every_kind_with_abbreviations_and_compounds(
    make_client, store: graph.Store
) -> None:
    kvhs = _actor(store, "Kreisvolkshochschule Trier-Saarburg")
    _actor(store, "Grundschule Ehrang")
    person = graph.create_record(
        store,
        graph.Person(last_name="Volkshochschulrat", email="geheim@kvhs.example"),
        user="t",
    )
    graph.create_record(store, graph.Alliance(name="VHS-Verbund Mosel"), user="t")
    viewer = make_client("viewer")
    page = viewer.get("/suche?q=VHS").get_data(as_text=True)
    assert "Kreisvolkshochschule Trier-Saarburg" in page, "abbreviation and compound"
    assert "VHS-Verbund Mosel" in page and "Grundschule Ehrang" not in page
    assert f"/akteure/{kvhs.id}" in page
    schule = viewer.get("/suche?q=schule").get_data(as_text=True)
    assert "Grundschule Ehrang" in schule, "a word inside a compound"
    # a viewer without the contacts grant cannot find a person by a word of the e-mail
    assert person.id not in viewer.get("/suche?q=geheim").get_data(as_text=True)
    assert person.id in make_client("editor").get("/suche?q=geheim").get_data(as_text=True)
    assert "Nichts gefunden" in viewer.get("/suche?q=xyzzy").get_data(as_text=True)
    assert viewer.get("/suche?q=" + "%2A" * 300).status_code == 200
