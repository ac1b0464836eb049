"""Login through OpenID Connect against a real provider on loopback (Authlib's server side):
code flow with PKCE, nonce and signed ID token; groups to roles; nothing forged gets in."""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.admin.login_settings import GroupRoles, LoginSettings, OidcSettings
from netzwerk.graph.operations import accounts
from netzwerk.graph.records import history
from tests.conftest import PASSWORD, csrf_token, login
from tests.login_helpers import app_with_login
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Person, Provider, oidc_provider

__all__ = ["oidc_provider"]  # the fixture, imported for pytest

CALLBACK = "http://localhost/anmelden/oidc/antwort"
LOGIN = "http://localhost/anmelden"
ROLES = GroupRoles(admin=("netzwerk-admins",), editor=("netzwerk-redaktion",), viewer=("alle",))
ANNA = Person(sub="a-1", username="Anna.Albers", name="Anna Albers", groups=["netzwerk-admins"])


def _app(
    store: graph.Store, provider: Provider, tmp_path: Any, policy: str = "none", **changes: Any
) -> Any:
    provider.client.redirect_uris = [CALLBACK]
    oidc = OidcSettings(issuer=provider.issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    settings = LoginSettings(
        two_factor=policy, oidc=dataclasses.replace(oidc, **changes), roles=ROLES
    )
    return app_with_login(store, tmp_path, settings)


@pytest.fixture
def provider(oidc_provider: Provider) -> Provider:
    oidc_provider.person, oidc_provider.groups_in_id_token = ANNA, True
    return oidc_provider


def _at_provider(location: str) -> str:
    """The browser at the login service: it logs the person in and sends them back."""
    resp = requests.get(location, allow_redirects=False, timeout=10)
    assert resp.status_code == 302, resp.text[:500]
    back = resp.headers["Location"]
    assert back.startswith(CALLBACK), back
    return back


def _back_home(client: Any, back: str) -> Any:
    parts = urlsplit(back)
    return client.get(f"{parts.path}?{parts.query}")


def _sign_in(client: Any, target: str = "/akteure") -> Any:
    start = client.get(f"/anmelden/oidc?next={target}")
    assert start.status_code == 302, start.get_data(as_text=True)[:500]
    return _back_home(client, _at_provider(start.headers["Location"]))


def test_the_login_page_offers_the_service(
    store: graph.Store, provider: Provider, tmp_path: Any
) -> None:
    page = _app(store, provider, tmp_path).test_client().get("/anmelden").get_data(as_text=True)
    assert "Mit dem Dienstkonto anmelden" in page and "/anmelden/oidc" in page


def test_code_flow_creates_the_account_with_its_role(
    store: graph.Store, provider: Provider, tmp_path: Any
) -> None:
    client = _app(store, provider, tmp_path).test_client()
    resp = _sign_in(client)
    assert resp.status_code == 302 and resp.headers["Location"] == "/akteure"
    assert client.get("/verwaltung").status_code == 200
    anna = users.find_user(store, "anna.albers")
    assert anna is not None
    assert (anna.source, anna.role, anna.display_name) == ("oidc", "admin", "Anna Albers")
    (entry,) = history.for_record(store, anna.id)
    assert (entry.user, entry.action) == (accounts.DIRECTORY_ACTORS["oidc"], "create")


def test_groups_from_userinfo_and_a_changed_group_at_the_next_login(
    store: graph.Store, provider: Provider, tmp_path: Any
) -> None:
    app = _app(store, provider, tmp_path)
    provider.groups_in_id_token = False
    provider.person = dataclasses.replace(ANNA, groups=["netzwerk-redaktion"])
    client = app.test_client()
    assert _sign_in(client).status_code == 302
    assert client.get("/verwaltung").status_code == 403
    provider.person = ANNA
    again = app.test_client()
    _sign_in(again)
    assert again.get("/verwaltung").status_code == 200
    anna = users.find_user(store, "anna.albers")
    assert anna is not None
    changes = [c.changes for c in history.for_record(store, anna.id)]
    assert changes[0] == {"role": ["editor", "admin"]}


def test_no_mapped_group_no_account(store: graph.Store, provider: Provider, tmp_path: Any) -> None:
    provider.person = dataclasses.replace(ANNA, groups=["kantine"])
    client = _app(store, provider, tmp_path).test_client()
    resp = _sign_in(client)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/anmelden")
    page = client.get("/anmelden").get_data(as_text=True)
    assert "keiner netzwerk-Gruppe zugeordnet" in page
    assert users.find_user(store, "anna.albers") is None


def test_a_local_account_of_the_same_name_is_not_taken_over(
    store: graph.Store, provider: Provider, tmp_path: Any
) -> None:
    users.create_user(store, "anna.albers", PASSWORD, role="viewer")
    client = _app(store, provider, tmp_path).test_client()
    _sign_in(client)
    assert client.get("/akteure").status_code == 302  # not logged in
    anna = users.find_user(store, "anna.albers")
    assert anna is not None and anna.source == "local" and anna.role == "viewer"


def test_forged_state_replayed_code_and_wrong_secret_get_nobody_in(
    store: graph.Store, provider: Provider, tmp_path: Any
) -> None:
    app = _app(store, provider, tmp_path)
    client = app.test_client()
    start = client.get("/anmelden/oidc")
    back = _at_provider(start.headers["Location"])
    forged = back.replace("state=", "state=x")
    assert _back_home(client, forged).headers["Location"].endswith("/anmelden")
    assert client.get("/akteure").status_code == 302
    # The code of someone else's browser (another session, no state of its own) is useless.
    thief = app.test_client()
    assert _back_home(thief, back).headers["Location"].endswith("/anmelden")
    assert thief.get("/akteure").status_code == 302
    # A client with a wrong secret cannot redeem a code.
    wrong = _app(store, provider, tmp_path, client_secret="falsch").test_client()
    _sign_in(wrong)
    assert wrong.get("/akteure").status_code == 302
    assert users.find_user(store, "anna.albers") is None


def test_the_service_brings_its_own_second_factor(
    store: graph.Store, provider: Provider, tmp_path: Any
) -> None:
    app = _app(store, provider, tmp_path, policy="everyone")
    client = app.test_client()
    assert _sign_in(client).headers["Location"] == "/akteure"
    assert client.get("/akteure").status_code == 200


def test_an_unreachable_service_is_said_in_german(store: graph.Store, tmp_path: Any) -> None:
    settings = LoginSettings(
        oidc=OidcSettings(issuer="http://127.0.0.1:1", client_id=CLIENT_ID), roles=ROLES
    )
    client = app_with_login(store, tmp_path, settings).test_client()
    resp = client.get("/anmelden/oidc")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/anmelden")
    assert "nicht erreichbar" in client.get("/anmelden").get_data(as_text=True)


def _log_out(client: Any) -> Any:
    return client.post("/abmelden", data={"csrf_token": csrf_token(client, "/konto")})


def test_logging_out_ends_the_session_at_the_service_too(
    store: graph.Store, provider: Provider, tmp_path: Any
) -> None:
    """RP-initiated logout: netzwerk's session ends, then the browser goes to the service's
    end_session_endpoint with the login's ID token and comes back to the login page."""
    app = _app(store, provider, tmp_path)
    provider.client.post_logout_redirect_uris = [LOGIN]
    client = app.test_client()
    _sign_in(client)
    ended_before = len(provider.ended)
    resp = _log_out(client)
    assert resp.status_code == 302
    location = urlsplit(resp.headers["Location"])
    assert f"{location.scheme}://{location.netloc}" == provider.issuer
    assert location.path == "/logout"
    params = parse_qs(location.query)
    assert params["ui"] == ["de"]  # the endpoint's own query is kept
    assert params["post_logout_redirect_uri"] == [LOGIN]
    assert params["client_id"] == [CLIENT_ID]
    # netzwerk's side is over before the browser even reaches the service
    assert client.get("/akteure").status_code == 302
    at_service = requests.get(resp.headers["Location"], allow_redirects=False, timeout=10)
    assert at_service.status_code == 302 and at_service.headers["Location"] == LOGIN
    (ended,) = provider.ended[ended_before:]
    assert (ended["sub"], ended["aud"]) == (ANNA.sub, [CLIENT_ID])
    assert "abgemeldet" in client.get("/anmelden").get_data(as_text=True)


def test_a_local_login_or_a_service_without_logout_logs_out_here_only(
    store: graph.Store, provider: Provider, tmp_path: Any
) -> None:
    app = _app(store, provider, tmp_path)
    users.create_user(store, "lokal", PASSWORD, role="viewer")
    local = app.test_client()
    login(local, "lokal", PASSWORD)
    resp = _log_out(local)
    assert resp.status_code == 302 and resp.headers["Location"] == "/anmelden"
    provider.logout = False
    try:
        quiet = _app(store, provider, tmp_path)  # a new app reads the discovery anew
        client = quiet.test_client()
        _sign_in(client)
        resp = _log_out(client)
        assert resp.status_code == 302 and resp.headers["Location"] == "/anmelden"
        assert client.get("/akteure").status_code == 302
    finally:
        provider.logout = True


def test_an_unreachable_service_at_logout_still_logs_out_here(
    store: graph.Store, provider: Provider, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _app(store, provider, tmp_path).test_client()
    _sign_in(client)

    def gone(*args: Any, **kwargs: Any) -> Any:
        raise requests.ConnectionError("weg")

    # the discovery document is fetched again at logout when it was not kept
    monkeypatch.setattr(
        "authlib.integrations.flask_client.apps.FlaskOAuth2App.load_server_metadata", gone
    )
    resp = _log_out(client)
    assert resp.status_code == 302 and resp.headers["Location"] == "/anmelden"
    assert client.get("/akteure").status_code == 302
