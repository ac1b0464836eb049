"""The web side of operations: metrics, access log without personal data, the reverse proxy
(ProxyFix, base URL) and public caching that never carries a session."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from flask import request

from netzwerk import graph, settings
from netzwerk.graph.admin import backup
from netzwerk.graph.operations import sharing
from netzwerk.web import create_app, deployment
from tests.conftest import PASSWORD, csrf_token

NAME, EMAIL, PHONE = "Henriette Heimlich", "henriette.heimlich@example.org", "+49 651 99 88 77"


@pytest.fixture
def person(store: graph.Store) -> graph.Person:
    first, last = NAME.split()
    return graph.create_record(
        store, graph.Person(first_name=first, last_name=last, email=EMAIL, phone=PHONE), user="t"
    )


def _metrics(client) -> str:
    resp = client.get("/metrics")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return resp.get_data(as_text=True)


def _value(text: str, name: str, **labels: str) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = rf"^{name}{{{re.escape(want)}}} (\S+)$" if labels else rf"^{name} (\S+)$"
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"{name} {labels} missing"
    return float(match.group(1))


def _requests(text: str, endpoint: str, status: str) -> float:
    return _value(
        text, "netzwerk_http_requests_total", endpoint=endpoint, method="GET", status=status
    )


def test_metrics_count_requests_errors_and_latency_by_route_without_personal_data(
    make_client,
    store: graph.Store,
    person: graph.Person,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETZWERK_BACKUP_DIR", str(tmp_path))
    graph.apply_schema(store)  # the upgrade log is current (the test before wiped it)
    client = make_client("admin")
    assert client.get(f"/personen/{person.id}").status_code == 200
    assert client.get(f"/suche?q={NAME}").status_code == 200
    assert client.get("/personen/person-gibt-es-nicht").status_code == 404
    text = _metrics(make_client(None))
    assert _requests(text, "records.detail", "200") == 1
    assert _requests(text, "records.detail", "404") == 1
    assert _value(text, "netzwerk_http_request_duration_seconds_count", endpoint="records.detail")
    assert _value(text, "netzwerk_database_up") == 1
    assert _value(text, "netzwerk_schema_pending_steps") == 0
    assert _value(text, "netzwerk_backup_last_timestamp_seconds") == 0  # none yet
    for secret in (person.id, "Heimlich", "henriette", "99 88 77", "suche?q", "admin"):
        assert secret not in text

    backup.write_scheduled(store, tmp_path, settings.Retention(3, 30))
    text = _metrics(make_client(None))
    assert 0 <= _value(text, "netzwerk_backup_age_seconds") < 60


def test_metrics_count_server_errors_and_see_the_database_down() -> None:
    down = graph.connect(
        settings.ConnectionSettings(
            uri="bolt://127.0.0.1:1", user="neo4j", password="x", database="neo4j", external=True
        )
    )
    app = create_app({"TESTING": True, "STORE": down, "SECRET_KEY": "x" * 32})
    client = app.test_client()
    assert client.get("/healthz").status_code == 503
    text = _metrics(client)
    assert _value(text, "netzwerk_database_up") == 0
    assert _requests(text, "health.healthz", "503") == 1
    assert _value(text, "netzwerk_http_errors_total", endpoint="health.healthz") == 1
    down.close()


def test_metrics_ask_for_the_token_when_one_is_configured(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETZWERK_METRICS_TOKEN", "t0ken-fuer-monitoring")
    client = app.test_client()
    assert client.get("/metrics").status_code == 401
    bad = {"Authorization": "Bearer falsch"}
    assert client.get("/metrics", headers=bad).status_code == 401
    good = {"Authorization": "Bearer t0ken-fuer-monitoring"}
    assert client.get("/metrics", headers=good).status_code == 200


def test_the_log_holds_routes_and_statuses_never_personal_data(
    app,
    store: graph.Store,
    person: graph.Person,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netzwerk.graph.admin import users

    monkeypatch.setenv("NETZWERK_LOG_LEVEL", "DEBUG")
    deployment.configure_logging()
    users.create_user(store, "henriette.login", PASSWORD, role="admin", contacts=True)
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    token = csrf_token(client)
    wrong = {"username": "henriette.login", "password": "falsch-" + EMAIL, "csrf_token": token}
    assert client.post("/anmelden", data=wrong).status_code in (200, 400, 401)
    right = dict(wrong, password=PASSWORD)
    assert client.post("/anmelden", data=right).status_code == 302
    for path in (
        f"/personen/{person.id}",
        f"/suche?q={NAME}",
        f"/api/v1/persons/{person.id}",
        f"/suche?q={EMAIL}",
        "/personen/neu",
    ):
        client.get(path)
    token = csrf_token(client, "/personen/neu")
    client.post(  # a form that fails validation with personal data in it
        "/personen/neu",
        data={
            "first_name": NAME,
            "last_name": "",
            "email": "kaputt@" + EMAIL,
            "phone": PHONE,
            "csrf_token": token,
        },
    )
    access = [r for r in caplog.records if r.name == "netzwerk.access"]
    assert len(access) >= 8 and any("records.detail 200" in r.getMessage() for r in access)
    text = "\n".join(f"{r.name} {r.getMessage()} {r.args}" for r in caplog.records)
    for secret in ("Henriette", "Heimlich", "henriette", "99 88 77", PASSWORD, person.id):
        assert secret not in text, secret
    assert logging.getLogger("neo4j").getEffectiveLevel() >= logging.WARNING


def _probe(app):
    app.add_url_rule(
        "/_probe",
        "probe",
        lambda: f"{request.scheme} {request.remote_addr} {request.host} {deployment.public_url()}",
    )
    return app.test_client()


FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "netzwerk.example.de",
}


def test_behind_one_proxy_the_forwarded_scheme_client_and_host_are_believed(
    store: graph.Store,
) -> None:
    app = create_app({"TESTING": True, "STORE": store, "SECRET_KEY": "x" * 32, "PROXY_HOPS": 1})
    client = _probe(app)
    body = client.get("/_probe", headers=FORWARDED).get_data(as_text=True)
    assert body == "https 203.0.113.7 netzwerk.example.de https://netzwerk.example.de"
    # a client cannot smuggle an address past the proxy: only the last hop counts
    spoofed = dict(FORWARDED, **{"X-Forwarded-For": "10.6.6.6, 203.0.113.7"})
    body = client.get("/_probe", headers=spoofed).get_data(as_text=True)
    assert body.split()[1] == "203.0.113.7"


def test_without_a_proxy_no_forwarded_header_is_believed(
    store: graph.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETZWERK_PROXY_HOPS", raising=False)
    monkeypatch.delenv("NETZWERK_BASE_URL", raising=False)
    app = create_app({"TESTING": True, "STORE": store, "SECRET_KEY": "x" * 32})
    body = _probe(app).get("/_probe", headers=FORWARDED).get_data(as_text=True)
    assert body == "http 127.0.0.1 localhost http://localhost"
    # with a base URL, links that leave the page use it, whatever the request says
    monkeypatch.setenv("NETZWERK_BASE_URL", "https://netzwerk.trier.de/")
    app = create_app({"TESTING": True, "STORE": store, "SECRET_KEY": "x" * 32})
    body = _probe(app).get("/_probe", headers=FORWARDED).get_data(as_text=True)
    assert body.split()[1:] == ["127.0.0.1", "localhost", "https://netzwerk.trier.de"]
    assert app.config["PREFERRED_URL_SCHEME"] == "https"


def test_a_wrong_proxy_hop_count_stops_the_app_with_a_german_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETZWERK_PROXY_HOPS", "eins")
    with pytest.raises(settings.SettingsError, match="NETZWERK_PROXY_HOPS muss eine Zahl"):
        create_app({"TESTING": True, "SECRET_KEY": "x"})


def test_the_secret_key_comes_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = tmp_path / "key"
    key.write_text("aus-der-datei-" + "x" * 40 + "\n")
    monkeypatch.setenv("NETZWERK_SECRET_KEY_FILE", str(key))
    monkeypatch.setenv("NETZWERK_SECRET_KEY", "aus-der-umgebung")
    assert create_app({"TESTING": True}).config["SECRET_KEY"] == "aus-der-datei-" + "x" * 40
    monkeypatch.delenv("NETZWERK_SECRET_KEY_FILE")
    assert create_app({"TESTING": True}).config["SECRET_KEY"] == "aus-der-umgebung"


@pytest.fixture
def public(store: graph.Store) -> None:
    sharing.save_public_map(store, enabled=True, title="Bildungslandkarte", intro="", user="t")


@pytest.mark.parametrize("path", ["/bildungslandkarte", "/bildungslandkarte/einbetten"])
def test_public_pages_are_cached_only_without_a_session(
    make_client, public: None, path: str
) -> None:
    anonymous = make_client(None).get(path)
    assert anonymous.status_code == 200
    assert anonymous.headers["Cache-Control"] == "public, max-age=300"
    assert "Set-Cookie" not in anonymous.headers

    english = make_client(None).get(path + "?lang=en")
    assert "Set-Cookie" in english.headers  # the language choice is remembered …
    assert "public" not in english.headers["Cache-Control"]  # … so no shared cache keeps it
    assert "Cookie" in english.headers["Vary"]

    admin = make_client("admin").get(path)
    assert admin.status_code == 200
    assert "public" not in admin.headers["Cache-Control"]


def test_the_embed_snippet_uses_the_base_url_never_the_host_header(
    make_client, public: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    evil = {"Host": "boese.example"}
    monkeypatch.delenv("NETZWERK_BASE_URL", raising=False)
    html = make_client(None).get("/bildungslandkarte", headers=evil).get_data(as_text=True)
    assert "boese.example" not in html
    assert 'iframe src="/bildungslandkarte/einbetten"' in html
    monkeypatch.setenv("NETZWERK_BASE_URL", "https://netzwerk.trier.de/")
    html = make_client(None).get("/bildungslandkarte", headers=evil).get_data(as_text=True)
    assert "boese.example" not in html
    assert 'iframe src="https://netzwerk.trier.de/bildungslandkarte/einbetten"' in html
