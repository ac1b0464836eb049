"""The start page shows the server version and counts; login protects it."""

from __future__ import annotations

import time

from netzwerk import graph
from netzwerk.graph.admin import seed


def test_start_page_requires_login(make_client) -> None:
    resp = make_client(None).get("/")
    assert resp.status_code == 302 and "/anmelden" in resp.headers["Location"]


def test_start_page_shows_version_and_counts(store: graph.Store, make_client) -> None:
    seed.load(store)
    html = make_client("viewer").get("/").get_data(as_text=True)
    assert "5.26." in html
    assert f">{graph.counts(store).nodes['Actor']}<" in html


def test_wrong_password_is_401_without_saying_which_part(make_client, app) -> None:
    make_client("editor")  # creates the account
    from tests.conftest import csrf_token

    client = app.test_client()
    for name in ("editor", "niemand"):
        resp = client.post(
            "/anmelden",
            data={"username": name, "password": "falsch-123", "csrf_token": csrf_token(client)},
        )
        assert resp.status_code == 401
        assert "Benutzername oder Passwort ist falsch" in resp.get_data(as_text=True)


def test_login_without_csrf_token_fails(app) -> None:
    resp = app.test_client().post("/anmelden", data={"username": "x", "password": "y"})
    assert resp.status_code == 400


def test_healthz_and_security_headers(app) -> None:
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 200 and resp.json["neo4j"].startswith("5.26")
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_database_down_gives_503(app) -> None:
    from netzwerk import settings

    dead = graph.connect(
        settings.ConnectionSettings(
            uri="bolt://127.0.0.1:9", user="neo4j", password="x", database="neo4j", external=True
        )
    )
    app.config["STORE"] = dead
    app.extensions.pop("netzwerk_store", None)
    started = time.monotonic()
    resp = app.test_client().get("/healthz")
    waited = time.monotonic() - started
    assert resp.status_code == 503 and resp.json["status"] == "unavailable"
    # asked once: a retried read would keep trying for the driver's retry time (5 s), longer
    # than a monitoring probe waits
    assert waited < 5, waited
    dead.close()


def test_warm_up_compiles_every_template_and_reaches_the_database(app, store) -> None:
    from netzwerk.web import warm_up

    warm_up(app).join(60)
    names = app.jinja_env.list_templates(extensions=["html"])
    assert len(names) > 20
    assert len(app.jinja_env.cache) >= len(names), "every page template compiled once"
