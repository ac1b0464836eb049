"""Login throttling and the admin pages for accounts, history and trash."""

from __future__ import annotations

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.web import auth
from tests.conftest import PASSWORD, csrf_token, login, user_named


def test_login_is_throttled_without_revealing_accounts(make_client, app) -> None:
    auth.throttle.reset()
    make_client("editor")
    client = app.test_client()
    token = csrf_token(client)
    for name in ("editor", "niemand"):
        statuses = [
            client.post(
                "/anmelden", data={"username": name, "password": "falsch-1234", "csrf_token": token}
            ).status_code
            for _ in range(6)
        ]
        assert statuses == [401] * 5 + [429], name
    resp = client.post(
        "/anmelden", data={"username": "editor", "password": PASSWORD, "csrf_token": token}
    )
    assert resp.status_code == 429  # even the right password waits
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in resp.get_data(as_text=True)
    auth.throttle.reset()
    login(client, "editor", PASSWORD)


def test_admin_manages_accounts(make_client, app, store: graph.Store) -> None:
    admin = make_client("admin")
    assert make_client("editor").get("/verwaltung/benutzer").status_code == 403
    token = csrf_token(admin, "/verwaltung/benutzer")
    bad = admin.post(
        "/verwaltung/benutzer",
        data={"csrf_token": token, "username": "Ö", "password": "kurz", "role": "viewer"},
    )
    assert bad.status_code == 400 and "mindestens 10 Zeichen" in bad.get_data(as_text=True)
    ok = admin.post(
        "/verwaltung/benutzer",
        data={"csrf_token": token, "username": "bea", "password": "anfang-1234", "role": "viewer"},
    )
    assert ok.status_code == 302
    bea = user_named(store, "bea")
    resp = admin.post(
        f"/verwaltung/benutzer/{bea.id}",
        data={
            "csrf_token": token,
            "display_name": "Bea",
            "role": "editor",
            "contacts": "y",
            "active": "y",
            "password": "neues-Passwort-9",
            "version": str(bea.version),
        },
    )
    assert resp.status_code == 302
    bea = user_named(store, "bea")
    assert (bea.role, bea.contacts, bea.display_name) == ("editor", True, "Bea")
    login(app.test_client(), "bea", "neues-Passwort-9")
    admin.post(
        f"/verwaltung/benutzer/{bea.id}",
        data={
            "csrf_token": token,
            "display_name": "Bea",
            "role": "editor",
            "version": str(bea.version),
        },
    )
    assert user_named(store, "bea").active is False
    assert users.authenticate(store, "bea", "neues-Passwort-9") is None
    page = admin.get("/verwaltung/verlauf").get_data(as_text=True)
    assert "bea" in page and "geändert" in page
    me = user_named(store, "admin")
    resp = admin.post(
        f"/verwaltung/benutzer/{me.id}",
        data={"csrf_token": token, "role": "viewer", "active": "y", "version": str(me.version)},
    )
    assert "nicht selbst" in resp.get_data(as_text=True)
    assert user_named(store, "admin").role == "admin"


def test_admin_edits_vocabularies_and_sees_trash(make_client, store: graph.Store) -> None:
    admin, editor = make_client("admin"), make_client("editor")
    assert editor.get("/verwaltung/themen/neu").status_code == 403
    token = csrf_token(admin, "/verwaltung/themen/neu")
    resp = admin.post("/verwaltung/themen/neu", data={"csrf_token": token, "name": "MINT"})
    assert resp.status_code == 302
    topic_id = resp.headers["Location"].rsplit("/", 1)[1]
    city = graph.create_record(store, graph.Region(name="Stadt Trier", kind="Stadt"), user="test")
    part = graph.create_record(store, graph.Region(name="Ehrang", kind="Stadtteil"), user="test")
    admin.post(
        "/verknuepfen",
        data={
            "csrf_token": token,
            "type": "PART_OF",
            "direction": "out",
            "label": "Region",
            "node_id": part.id,
            "other_id": city.id,
        },
    )
    page = admin.get(f"/verwaltung/regionen/{city.id}").get_data(as_text=True)
    assert "Ehrang" in page
    admin.post(f"/verwaltung/themen/{topic_id}/loeschen", data={"csrf_token": token})
    page = admin.get("/verwaltung/papierkorb").get_data(as_text=True)
    assert "MINT" in page and "Wiederherstellen" in page


def test_garbled_version_on_an_account_is_refused_not_a_500(make_client, store) -> None:
    """Found by the URL-map walk: a non-numeric version used to raise in int()."""
    admin = make_client("admin")
    account = users.create_user(store, "versioniert", PASSWORD, role="viewer")
    url = f"/verwaltung/benutzer/{account.id}"
    token = csrf_token(admin, url)
    for version in ("inf", "1e309", "NaN", "x" * 10_000, "9223372036854775808", "-1"):
        resp = admin.post(
            url,
            data={"csrf_token": token, "version": version, "role": "admin", "active": "y"},
        )
        assert resp.status_code in (302, 400), (version[:20], resp.status_code)
        assert users.get_user(store, account.id).role == "viewer"
