"""The JSON API: token and session auth, CSRF only for sessions, JSON errors, same rules."""

from __future__ import annotations

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.records import history
from tests.conftest import csrf_token, found, user_named


def _token(store: graph.Store, role: str) -> str:
    account = users.find_user(store, role) or users.create_user(
        store, role, "test-Passwort-123", role=role
    )
    secret, _ = users.create_token(store, account.id, "Test")
    return secret


def _auth(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_token_created_on_account_page_works_without_csrf(make_client, app, store) -> None:
    client = make_client("editor")
    token = csrf_token(client, "/konto")
    page = client.post("/konto", data={"csrf_token": token, "name": "Skript"}).get_data(
        as_text=True
    )
    secret = found(r'id="token-secret">([^<]+)<', page)
    assert secret.startswith("nzw_")
    (stored,) = users.list_tokens(store, user_named(store, "editor").id)
    assert stored.prefix == secret[:10] and "hash" not in stored.__dict__
    anon = app.test_client()
    resp = anon.post(
        "/api/v1/actors",
        json={"name": "VHS Konz", "kind": "VHS/Weiterbildung"},
        headers=_auth(secret),
    )
    assert resp.status_code == 201, resp.json
    assert resp.headers["Location"].endswith(resp.json["id"])
    assert "Set-Cookie" not in resp.headers
    assert history.for_record(store, resp.json["id"])[0].user == "editor"
    assert anon.get("/api/v1/me", headers=_auth(secret)).json["token_auth"] is True
    assert anon.get("/api/v1/me", headers=_auth("nzw_falsch")).status_code == 401
    assert anon.get("/api/v1/me").status_code == 401
    client.post(f"/konto/tokens/{stored.id}/widerrufen", data={"csrf_token": token})
    assert anon.get("/api/v1/me", headers=_auth(secret)).status_code == 401


def test_session_writes_need_csrf_header(make_client, store: graph.Store) -> None:
    client = make_client("editor")
    body = {"name": "Stadtbibliothek", "kind": "Bibliothek"}
    assert client.post("/api/v1/actors", json=body).status_code == 400
    token = csrf_token(client, "/akteure")
    resp = client.post("/api/v1/actors", json=body, headers={"X-CSRFToken": token})
    assert resp.status_code == 201


def test_validation_errors_by_field_and_unknown_fields(app, store: graph.Store) -> None:
    c, h = app.test_client(), _auth(_token(store, "editor"))
    resp = c.post("/api/v1/actors", json={"name": "", "kind": "Raumschiff", "x": 1}, headers=h)
    assert resp.status_code == 400
    assert set(resp.json["errors"]) == {"name", "kind", "x"}
    assert "Pflichtfeld" in resp.json["errors"]["name"][0]
    assert c.post("/api/v1/actors", data="kein json", headers=h).status_code == 400
    resp = c.post("/api/v1/projects", json={"name": "P", "start": "2024-13-01"}, headers=h)
    assert resp.status_code == 400 and "start" in resp.json["errors"]
    assert c.get("/api/v1/actors?limit=abc", headers=h).status_code == 400


def test_update_conflict_404_and_delete_restore(app, store: graph.Store) -> None:
    c, h = app.test_client(), _auth(_token(store, "editor"))
    created = c.post("/api/v1/actors", json={"name": "A", "kind": "Schule"}, headers=h).json
    url = f"/api/v1/actors/{created['id']}"
    assert c.patch(url, json={"town": "Trier"}, headers=h).status_code == 400  # no version
    ok = c.patch(url, json={"town": "Trier", "version": 1}, headers=h)
    assert ok.status_code == 200 and ok.json["version"] == 2 and ok.json["name"] == "A"
    stale = c.patch(url, json={"town": "Konz", "version": 1}, headers=h)
    assert stale.status_code == 409 and stale.json["current"]["town"] == "Trier"
    assert c.get("/api/v1/actors/actor-nope", headers=h).status_code == 404
    other = c.post("/api/v1/actors", json={"name": "B", "kind": "Kita"}, headers=h).json
    link = c.post(
        "/api/v1/links",
        json={
            "type": "COOPERATES_WITH",
            "from_id": created["id"],
            "to_id": other["id"],
            "kind": "Verweisberatung",
            "intensity": 2,
            "since": "2023-01-01",
        },
        headers=h,
    )
    assert link.status_code == 201 and link.json["intensity"] == 2
    got = c.get(url, headers=h).json
    assert [lk["type"] for lk in got["links"]] == ["COOPERATES_WITH"]
    gone = c.delete(url + "?version=2", headers=h)
    assert gone.status_code == 200 and gone.json["links_removed"] == 1
    assert c.get(url, headers=h).status_code == 404
    back = c.post(f"/api/v1/trash/{gone.json['trash_id']}/restore", headers=h)
    assert back.status_code == 200 and back.json["links"] == 1
    assert len(c.get(url, headers=h).json["links"]) == 1
    hist = c.get(url + "/history", headers=h).json["items"]
    assert [e["action"] for e in hist][:2] == ["restore", "delete"]


def test_roles_and_contact_data(app, store: graph.Store) -> None:
    c = app.test_client()
    viewer, editor = _auth(_token(store, "viewer")), _auth(_token(store, "editor"))
    assert (
        c.post("/api/v1/actors", json={"name": "X", "kind": "Schule"}, headers=viewer).status_code
        == 403
    )
    assert c.post("/api/v1/topics", json={"name": "MINT"}, headers=editor).status_code == 403
    p = graph.create_record(
        store, graph.Person(last_name="Becker", email="b@example.org"), user="test"
    )
    assert "email" not in c.get(f"/api/v1/persons/{p.id}", headers=viewer).json
    assert c.get(f"/api/v1/persons/{p.id}", headers=editor).json["email"] == "b@example.org"


def test_merge_duplicates_and_suggest(app, store: graph.Store) -> None:
    c, h = app.test_client(), _auth(_token(store, "editor"))
    a = graph.create_record(
        store, graph.Actor(name="Volkshochschule Trier", kind="VHS/Weiterbildung"), user="test"
    )
    b = graph.create_record(
        store, graph.Actor(name="VHS Trier", kind="VHS/Weiterbildung", town="Trier"), user="test"
    )
    found = c.get("/api/v1/actors/duplicates?name=VHS%20Trier&exclude=" + b.id, headers=h).json
    assert [i["actor"]["id"] for i in found["items"]] == [a.id]
    assert c.get("/api/v1/suggest?q=volks&labels=Actor", headers=h).json["items"][0]["id"] == a.id
    resp = c.post(f"/api/v1/actors/{a.id}/merge", json={"duplicate_id": b.id}, headers=h)
    assert resp.status_code == 200 and resp.json["survivor"]["town"] == "Trier"
    assert c.get(f"/api/v1/actors/{b.id}", headers=h).status_code == 404


def test_openapi_lists_every_record_kind(app) -> None:
    doc = app.test_client().get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    for kind in ("actors", "persons", "alliances", "projects", "topics", "regions"):
        assert f"/{kind}" in doc["paths"] and f"/{kind}/{{id}}" in doc["paths"]
    assert "ActorCreate" in doc["components"]["schemas"]
