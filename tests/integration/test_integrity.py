"""The round trips the outside review broke, each reproduced: undo through the browser and
the API, history written the same way by every path, imports recorded per record and
undone as one step, old damaged data repaired by ``netzwerk init``."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

import pytest

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.admin import backup, users
from netzwerk.graph.core import bulk
from netzwerk.graph.records import history, trash
from tests.conftest import csrf_token

DAY = date(2019, 10, 30)


@pytest.fixture
def world(store: graph.Store) -> dict[str, str]:
    """A small network with one link of every type (dated where the type has dates)."""
    make = {
        "school": graph.Actor(name="Grundschule Ehrang", kind="Schule"),
        "vhs": graph.Actor(name="VHS Trier", kind="VHS/Weiterbildung"),
        "eva": graph.Person(
            first_name="Eva",
            last_name="Muster",
            consent_contact=True,
            consent_contact_date=DAY,
            email="eva.muster@example.org",
        ),
        "alliance": graph.Alliance(name="MINT-Initiativkreis", founded=DAY),
        "project": graph.Project(name="KiTec digital", start=DAY),
        "topic": graph.Topic(name="MINT"),
        "stage": graph.Stage(name="Primarstufe", order=2),
        "group": graph.TargetGroup(name="Kinder"),
        "city": graph.Region(name="Stadt Trier", kind="Stadt"),
        "quarter": graph.Region(name="Ehrang", kind="Stadtteil"),
    }
    ids = {k: graph.create_record(store, v, user="setup").id for k, v in make.items()}
    L = graph.Link
    for link in (
        L(
            type="COOPERATES_WITH",
            from_id=ids["school"],
            to_id=ids["vhs"],
            kind="Gremienarbeit",
            since=DAY,
            intensity=2,
        ),
        L(type="WORKS_AT", from_id=ids["eva"], to_id=ids["vhs"], function="Leitung", since=DAY),
        L(type="MEMBER_OF", from_id=ids["vhs"], to_id=ids["alliance"], role="Mitglied", since=DAY),
        L(type="PARTICIPATES_IN", from_id=ids["school"], to_id=ids["project"], role="Partner"),
        L(type="CONTACT_FOR", from_id=ids["eva"], to_id=ids["alliance"], role="Sprecherin"),
        L(type="PART_OF", from_id=ids["project"], to_id=ids["alliance"]),
        L(type="WORKS_ON", from_id=ids["vhs"], to_id=ids["topic"]),
        L(type="COVERS", from_id=ids["school"], to_id=ids["stage"]),
        L(type="SERVES", from_id=ids["school"], to_id=ids["group"]),
        L(type="LOCATED_IN", from_id=ids["school"], to_id=ids["quarter"]),
        L(type="ACTIVE_IN", from_id=ids["vhs"], to_id=ids["city"]),
        L(type="PART_OF", from_id=ids["quarter"], to_id=ids["city"]),
    ):
        created = graph.create_link(store, link, user="setup")
        ids[f"link:{link.type}:{link.from_id}"] = created.id
    return ids


def _pages(ids: dict[str, str]) -> list[str]:
    return [
        "/",
        "/akteure",
        f"/akteure/{ids['school']}",
        f"/akteure/{ids['vhs']}",
        f"/personen/{ids['eva']}",
        f"/buendnisse/{ids['alliance']}",
        f"/projekte/{ids['project']}",
        "/netzwerk",
        "/netzwerk/daten.json",
        "/netzwerk/daten.json?stichtag=2020-01-01",
        f"/netzwerk/ego/{ids['vhs']}",
        f"/netzwerk/ego/{ids['vhs']}/daten.json?tiefe=2",
        "/netzwerk/buendnisse",
        "/netzwerk/buendnisse/daten.json",
        "/luecken",
        "/luecken/abdeckung",
        "/luecken/uebergaenge",
        "/luecken/vorschlaege",
        "/luecken/vorschlaege.json",
        "/bericht",
    ]


ADMIN_PAGES = ["/verwaltung/verlauf", "/verwaltung/papierkorb"]


def _walk(client, ids: dict[str, str], *, admin: bool = False) -> None:
    for url in _pages(ids) + (ADMIN_PAGES if admin else []):
        resp = client.get(url)
        assert resp.status_code == 200, (url, resp.status_code)


def _trash_id(resp) -> str:
    match = re.search(
        r"/papierkorb/(trash-[0-9a-f]+)/wiederherstellen", resp.get_data(as_text=True)
    )
    assert match, "the page offers Rückgängig"
    return match.group(1)


def _undo_in_browser(client, entry_id: str):
    token = csrf_token(client, "/akteure")
    return client.post(
        f"/papierkorb/{entry_id}/wiederherstellen",
        data={"csrf_token": token, "next": "/akteure"},
        follow_redirects=True,
    )


def test_undo_of_a_cooperation_in_the_browser_keeps_dates_and_every_page_works(
    make_client, store: graph.Store, world: dict[str, str]
) -> None:
    client = make_client("editor")
    link_id = world[f"link:COOPERATES_WITH:{world['school']}"]
    before = graph.get_link(store, "COOPERATES_WITH", link_id)
    token = csrf_token(client, f"/akteure/{world['school']}")
    resp = client.post(
        f"/verknuepfungen/COOPERATES_WITH/{link_id}/loeschen",
        data={"csrf_token": token, "next": f"/akteure/{world['school']}"},
        follow_redirects=True,
    )
    assert resp.status_code == 200
    resp = _undo_in_browser(client, _trash_id(resp))
    assert "wiederhergestellt" in resp.get_data(as_text=True)
    after = graph.get_link(store, "COOPERATES_WITH", link_id)
    assert type(after.since) is date and after.since == DAY
    assert after.created == before.created and after.version == before.version + 1
    _walk(client, world)


def test_undo_of_a_cooperation_through_the_api(
    app, store: graph.Store, world: dict[str, str]
) -> None:
    account = users.create_user(store, "api-redaktion", "test-Passwort-123", role="editor")
    secret, _ = users.create_token(store, account.id, "Test")
    auth = {"Authorization": f"Bearer {secret}"}
    client = app.test_client()
    link_id = world[f"link:COOPERATES_WITH:{world['school']}"]
    deleted = client.delete(f"/api/v1/links/COOPERATES_WITH/{link_id}", headers=auth).get_json()
    restored = client.post(f"/api/v1/trash/{deleted['trash_id']}/restore", headers=auth)
    assert restored.status_code == 200 and restored.get_json()["restored"] == link_id
    body = client.get(f"/api/v1/links/COOPERATES_WITH/{link_id}", headers=auth).get_json()
    assert body["since"] == "2019-10-30"


def test_undo_of_a_person_keeps_consent_dates_and_the_form_saves(
    make_client, store: graph.Store, world: dict[str, str]
) -> None:
    client = make_client("editor")
    token = csrf_token(client, f"/personen/{world['eva']}/loeschen")
    person = graph.get(store, graph.Person, world["eva"])
    resp = client.post(
        f"/personen/{world['eva']}/loeschen",
        data={"csrf_token": token, "version": str(person.version)},
        follow_redirects=True,
    )
    _undo_in_browser(client, _trash_id(resp))
    back = graph.get(store, graph.Person, world["eva"])
    assert type(back.consent_contact_date) is date and back.consent_contact_date == DAY
    assert back.created == person.created
    form = client.get(f"/personen/{world['eva']}/bearbeiten").get_data(as_text=True)
    fields = {
        name: value
        for tag, name, value in re.findall(
            r'(<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)")', form
        )
        if 'type="checkbox"' not in tag or "checked" in tag
    }
    fields.update(csrf_token=csrf_token(client, f"/personen/{world['eva']}/bearbeiten"))
    assert fields["consent_contact"] == "y" and "consent_newsletter" not in fields
    fields.update(function="Geschäftsführung")
    saved = client.post(f"/personen/{world['eva']}/bearbeiten", data=fields)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:800]
    assert graph.get(store, graph.Person, world["eva"]).function == "Geschäftsführung"
    _walk(client, world)


LABEL_PATHS = {
    "Actor": "akteure",
    "Person": "personen",
    "Alliance": "buendnisse",
    "Project": "projekte",
    "Topic": "verwaltung/themen",
    "Stage": "verwaltung/bildungsstufen",
    "TargetGroup": "verwaltung/zielgruppen",
    "Region": "verwaltung/regionen",
}
RECORD_OF_LABEL = {
    "Actor": "vhs",
    "Person": "eva",
    "Alliance": "alliance",
    "Project": "project",
    "Topic": "topic",
    "Stage": "stage",
    "TargetGroup": "group",
    "Region": "quarter",
}


@pytest.mark.parametrize("label", list(LABEL_PATHS))
def test_every_page_answers_after_undoing_a_record_of_each_kind(
    make_client, store: graph.Store, world: dict[str, str], label: str
) -> None:
    client = make_client("admin")
    node_id = world[RECORD_OF_LABEL[label]]
    links_before = {lk.id for lk in graph.links_of(store, label, node_id)}
    path = f"/{LABEL_PATHS[label]}/{node_id}/loeschen"
    token = csrf_token(client, path)
    resp = client.post(path, data={"csrf_token": token}, follow_redirects=True)
    assert resp.status_code == 200
    _undo_in_browser(client, _trash_id(resp))
    assert {lk.id for lk in graph.links_of(store, label, node_id)} == links_before
    _walk(client, world, admin=True)


@pytest.mark.parametrize("type_name", list(graph.LINK_TYPES))
def test_every_page_answers_after_undoing_a_link_of_each_type(
    make_client, store: graph.Store, world: dict[str, str], type_name: str
) -> None:
    client = make_client("admin")
    link = graph.list_links(store, type_name).items[0]
    token = csrf_token(client, "/akteure")
    resp = client.post(
        f"/verknuepfungen/{type_name}/{link.id}/loeschen",
        data={"csrf_token": token, "next": "/akteure"},
        follow_redirects=True,
    )
    _undo_in_browser(client, _trash_id(resp))
    back = graph.get_link(store, type_name, link.id)
    assert (back.since, back.until, back.created) == (link.since, link.until, link.created)
    _walk(client, world, admin=True)


def test_undo_says_which_links_could_not_come_back(
    make_client, store: graph.Store, world: dict[str, str]
) -> None:
    first = graph.delete_record(store, graph.Actor, world["school"], user="test")
    graph.delete_record(store, graph.Actor, world["vhs"], user="test")  # the partner goes too
    client = make_client("editor")
    page = _undo_in_browser(client, first.trash_id).get_data(as_text=True)
    assert "1 Verknüpfung nicht" in page
    result_links = {lk.type for lk in graph.links_of(store, "Actor", world["school"])}
    assert "COOPERATES_WITH" not in result_links and "COVERS" in result_links
    entry = next(e for e in history.for_record(store, world["school"]) if e.action == "restore")
    assert entry.changes["links_not_restored"] == [1, 0]


def _normalised(store: graph.Store, record_id: str) -> list[tuple[object, ...]]:
    out = []
    for e in history.for_record(store, record_id):
        link = e.link or {}
        out.append(
            (
                e.action,
                e.label,
                tuple(sorted(k for k in e.changes if k not in ("trash",))),
                link.get("type"),
                link.get("other_label"),
                link.get("direction"),
            )
        )
    return sorted(out, key=repr)


def test_browser_and_api_write_the_same_history(app, make_client, store: graph.Store) -> None:
    alliance = graph.create_record(store, graph.Alliance(name="Bündnis"), user="setup")
    browser = make_client("editor")
    account = users.find_user(store, "editor")
    assert account is not None
    secret, _ = users.create_token(store, account.id, "Test")
    api, auth = app.test_client(), {"Authorization": f"Bearer {secret}"}

    def by_browser() -> str:
        token = csrf_token(browser, "/akteure/neu")
        resp = browser.post(
            "/akteure/neu",
            data={"csrf_token": token, "name": "Über Browser", "kind": "Schule"},
        )
        actor_id = resp.headers["Location"].rsplit("/", 1)[-1]
        token = csrf_token(browser, f"/akteure/{actor_id}")
        browser.post(
            "/verknuepfen",
            data={
                "csrf_token": token,
                "type": "MEMBER_OF",
                "label": "Actor",
                "node_id": actor_id,
                "other_id": alliance.id,
                "direction": "out",
                "role": "Mitglied",
            },
        )
        link = graph.links_of(store, "Actor", actor_id, ["MEMBER_OF"])[0]
        browser.post(
            f"/verknuepfungen/MEMBER_OF/{link.id}/loeschen",
            data={"csrf_token": token, "next": "/akteure"},
        )
        return actor_id

    def by_api() -> str:
        made = api.post(
            "/api/v1/actors", json={"name": "Über API", "kind": "Schule"}, headers=auth
        ).get_json()
        link = api.post(
            "/api/v1/links",
            json={
                "type": "MEMBER_OF",
                "from_id": made["id"],
                "to_id": alliance.id,
                "role": "Mitglied",
            },
            headers=auth,
        ).get_json()
        api.delete(f"/api/v1/links/MEMBER_OF/{link['id']}", headers=auth)
        return str(made["id"])

    a, b = by_browser(), by_api()
    assert _normalised(store, a) == _normalised(store, b)
    assert len(_normalised(store, a)) == 3  # angelegt, verknüpft, Verknüpfung entfernt
    on_alliance = [e for e in history.for_record(store, alliance.id) if e.link]
    assert {e.label for e in on_alliance} == {"Alliance"} and len(on_alliance) == 4
    assert {e.other_name for e in on_alliance} == {"Über Browser", "Über API"}
    page = browser.get(f"/buendnisse/{alliance.id}").get_data(as_text=True)
    assert "Über Browser" in page and "Über API" in page


def _actors_csv(rows: list[tuple[str, str]]) -> bytes:
    lines = ["Name;Art;E-Mail"] + [f"{name};Schule;{mail}" for name, mail in rows]
    return "\n".join(lines).encode("utf-8")


def _plan(store: graph.Store, data: bytes, take: set[str] | None = None) -> imports.ImportPlan:
    table = imports.read_table(data, "akteure.csv")
    mapping = imports.guess(table.headers, "actors")
    return imports.dry_run(
        store, table, "actors", mapping, choices=imports.Choices(take=take or set())
    )


def test_import_records_history_per_record_and_undoes_as_one_step(store: graph.Store) -> None:
    first = operations.commit_import(
        store,
        _plan(store, _actors_csv([("Schule Nord", "nord@schule.de"), ("Schule Süd", "")])),
        user="anna",
    )
    nord = next(a for a in graph.list_nodes(store, graph.Actor).items if a.name == "Schule Nord")
    (created,) = history.for_record(store, nord.id)
    assert created.action == "create" and created.batch == first.batch
    assert created.changes["email"] == [None, "nord@schule.de"]

    plan = _plan(store, _actors_csv([("Schule Nord", "sekretariat@schule.de")]))
    (diff,) = plan.differences  # a stored e-mail differs: changed only when ticked
    plan = _plan(store, _actors_csv([("Schule Nord", "sekretariat@schule.de")]), {diff.key})
    (row,) = [r for r in plan.results if r.action == "update"]
    assert row.changes == {"email": ["nord@schule.de", "sekretariat@schule.de"]}, "old → new"
    second = operations.commit_import(store, plan, user="ben")
    entries = history.for_record(store, nord.id)
    assert entries[0].action == "update" and entries[0].user == "ben"
    assert entries[0].changes == {"email": ["nord@schule.de", "sekretariat@schule.de"]}

    undone = operations.undo_import(store, second.batch, user="anna")
    assert (undone.reverted, undone.removed, undone.kept) == (1, 0, [])
    assert graph.get(store, graph.Actor, nord.id).email == "nord@schule.de", "recovered"

    # records saved by someone after an import are left alone by its undo
    third = operations.commit_import(
        store, _plan(store, _actors_csv([("Schule West", ""), ("Schule Ost", "")])), user="a"
    )
    ost = next(a for a in graph.list_nodes(store, graph.Actor).items if a.name == "Schule Ost")
    graph.update_record(store, dataclasses.replace(ost, town="Trier"), user="c")
    undone = operations.undo_import(store, third.batch, user="anna")
    assert undone.removed == 1 and undone.kept == ["Schule Ost"]
    names = {a.name for a in graph.list_nodes(store, graph.Actor).items}
    assert names == {"Schule Nord", "Schule Süd", "Schule Ost"}


def test_import_commit_applies_only_the_files_fields_to_the_record_as_it_is_now(
    store: graph.Store,
) -> None:
    operations.commit_import(
        store, _plan(store, _actors_csv([("Kita Sonne", "a@kita.de")])), user="a"
    )
    (diff,) = _plan(store, _actors_csv([("Kita Sonne", "b@kita.de")])).differences
    plan = _plan(store, _actors_csv([("Kita Sonne", "b@kita.de")]), {diff.key})
    actor = graph.list_nodes(store, graph.Actor).items[0]
    graph.update_record(store, dataclasses.replace(actor, town="Konz"), user="b")
    operations.commit_import(store, plan, user="c")
    now = graph.get(store, graph.Actor, actor.id)
    assert (now.email, now.town) == ("b@kita.de", "Konz"), "an edit after the dry run stays"


def test_old_datetimes_in_date_fields_are_repaired_by_init(
    make_client, store: graph.Store, world: dict[str, str]
) -> None:
    link = graph.get_link(
        store, "COOPERATES_WITH", world[f"link:COOPERATES_WITH:{world['school']}"]
    )
    damaged = dataclasses.replace(link, since=datetime(2019, 10, 30, 0, 0))
    bulk.merge_links(store, [damaged], update=True, validate=False)

    def stored_type() -> str:
        rels = backup.dump(store)["relationships"]
        (rel,) = [r for r in rels if r["properties"].get("id") == link.id]
        return str(rel["properties"]["since"]["$type"])

    assert stored_type() == "datetime", "the damage an old undo left"
    assert type(graph.get_link(store, "COOPERATES_WITH", link.id).since) is date, "read safely"
    graph.apply_schema(store)  # what `netzwerk init` runs
    assert stored_type() == "date"
    client = make_client("viewer")
    _walk(client, world)


def test_trash_of_vocabulary_is_admin_only(
    make_client, store: graph.Store, world: dict[str, str]
) -> None:
    result = graph.delete_record(store, graph.Topic, world["topic"], user="admin")
    editor = make_client("editor")
    resp = _undo_in_browser(editor, result.trash_id)
    assert resp.status_code == 403
    assert trash.get(store, result.trash_id).record_id == world["topic"], "still in the trash"
    with pytest.raises(graph.ForbiddenError):
        graph.undo(store, result.trash_id, user="redaktion", role="editor")
    graph.undo(store, result.trash_id, user="admin", role="admin")
    assert graph.get(store, graph.Topic, world["topic"]).name == "MINT"
