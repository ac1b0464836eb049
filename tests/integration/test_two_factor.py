"""Two-factor login in the browser flow: set up when the policy requires it, a code at every
login, each code once, backup codes once, guessing throttled, reset by an admin."""

from __future__ import annotations

import re
import time
from typing import Any

import pyotp
import pytest

from netzwerk import graph
from netzwerk.graph.admin import twofactor, users
from netzwerk.graph.admin.login_settings import LoginSettings
from netzwerk.graph.operations import accounts
from netzwerk.graph.records import history
from netzwerk.web import auth
from tests.conftest import PASSWORD, csrf_token
from tests.login_helpers import app_with_login


def _app(store: graph.Store, tmp_path: Any, policy: str) -> Any:
    return app_with_login(store, tmp_path, LoginSettings(two_factor=policy))


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    auth.throttle.reset()


def _password(client: Any, name: str, password: str = PASSWORD) -> Any:
    token = csrf_token(client)
    return client.post(
        "/anmelden", data={"username": name, "password": password, "csrf_token": token}
    )


def _code(client: Any, code: str, path: str = "/anmelden/code") -> Any:
    token = csrf_token(client, path)
    return client.post(path, data={"code": code, "csrf_token": token})


def _set_up(client: Any) -> tuple[str, list[str]]:
    """Read the key off the setup page, confirm it with a code; the secret and backup codes."""
    page = client.get("/anmelden/zweiter-faktor").get_data(as_text=True)
    key = re.search(r'id="totp-key">([A-Z2-7 ]+)<', page)
    assert key, page[:2000]
    assert 'src="data:image/svg+xml' in page  # the QR code, as an image (CSP: no inline SVG)
    secret = key.group(1).replace(" ", "")
    resp = _code(client, pyotp.TOTP(secret).now(), "/anmelden/zweiter-faktor")
    assert resp.status_code == 200, resp.get_data(as_text=True)[:2000]
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", resp.get_data(as_text=True))
    assert len(codes) == twofactor.BACKUP_CODES
    return secret, codes


def _next_code(secret: str) -> str:
    """A code of the next time step (accepted: clocks may drift one step), never used yet."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def test_policy_admins_makes_an_admin_set_up_then_asks_at_every_login(
    store: graph.Store, tmp_path: Any
) -> None:
    app = _app(store, tmp_path, "admins")
    admin = users.create_user(store, "chefin", PASSWORD, role="admin")
    client = app.test_client()
    resp = _password(client, "chefin")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/anmelden/zweiter-faktor")
    assert client.get("/verwaltung").status_code == 302  # not logged in before the factor
    secret, _codes = _set_up(client)
    assert client.get("/verwaltung").status_code == 200
    (entry,) = [c for c in history.for_record(store, admin.id) if "two_factor" in c.changes]
    assert (entry.user, entry.changes) == ("chefin", {"two_factor": [False, True]})

    other = app.test_client()
    resp = _password(other, "chefin")
    assert resp.headers["Location"].endswith("/anmelden/code")
    assert _code(other, "000000").status_code == 401
    code = _next_code(secret)
    assert _code(other, code).status_code == 302
    assert other.get("/verwaltung").status_code == 200
    third = app.test_client()
    _password(third, "chefin")
    assert _code(third, code).status_code == 401  # the same code never twice


def test_policy_admins_lets_editors_in_with_the_password_alone(
    store: graph.Store, tmp_path: Any
) -> None:
    users.create_user(store, "redaktion", PASSWORD, role="editor")
    client = _app(store, tmp_path, "admins").test_client()
    resp = _password(client, "redaktion")
    assert resp.status_code == 302 and "/anmelden" not in resp.headers["Location"]


def test_voluntary_setup_from_the_account_page_and_backup_codes_work_once(
    store: graph.Store, tmp_path: Any
) -> None:
    app = _app(store, tmp_path, "none")
    users.create_user(store, "lesen", PASSWORD, role="viewer")
    client = app.test_client()
    assert _password(client, "lesen").status_code == 302
    assert "Zweiten Faktor einrichten" in client.get("/konto").get_data(as_text=True)
    _secret, codes = _set_up(client)
    for attempt in (302, 401):
        c = app.test_client()
        assert _password(c, "lesen").headers["Location"].endswith("/anmelden/code")
        assert _code(c, codes[0].upper().replace("-", " ")).status_code == attempt
    c = app.test_client()
    _password(c, "lesen")
    assert _code(c, codes[1]).status_code == 302


def test_guessing_codes_is_throttled(store: graph.Store, tmp_path: Any) -> None:
    app = _app(store, tmp_path, "none")
    account = users.create_user(store, "raten", PASSWORD, role="viewer")
    secret = twofactor.new_secret()
    accounts.enable_two_factor(store, account.id, secret, pyotp.TOTP(secret).now(), user="raten")
    client = app.test_client()
    _password(client, "raten")
    answers = [_code(client, f"{i:06d}").status_code for i in range(6)]
    assert answers == [401] * 5 + [429]
    assert _code(client, _next_code(secret)).status_code == 429


def test_the_code_step_needs_a_password_first(store: graph.Store, tmp_path: Any) -> None:
    client = _app(store, tmp_path, "everyone").test_client()
    for path in ("/anmelden/code", "/anmelden/zweiter-faktor"):
        resp = client.get(path)
        assert resp.status_code == 302 and resp.headers["Location"].endswith("/anmelden")


def test_admin_reset_ends_sessions_and_the_next_login_sets_up_again(
    store: graph.Store, tmp_path: Any, make_client: Any
) -> None:
    app = _app(store, tmp_path, "everyone")
    account = users.create_user(store, "verloren", PASSWORD, role="viewer")
    phone = app.test_client()
    _password(phone, "verloren")
    _set_up(phone)
    assert phone.get("/konto").status_code == 200
    admin = make_client("admin")
    token = csrf_token(admin, f"/verwaltung/benutzer/{account.id}")
    resp = admin.post(
        f"/verwaltung/benutzer/{account.id}/zweiter-faktor/zuruecksetzen",
        data={"csrf_token": token},
    )
    assert resp.status_code == 302
    assert phone.get("/konto").status_code == 302  # the session with the lost phone is over
    again = app.test_client()
    assert _password(again, "verloren").headers["Location"].endswith("/anmelden/zweiter-faktor")
    changes = [c.changes for c in history.for_record(store, account.id)]
    assert {"two_factor": [True, False]} in changes


def test_a_wrong_setup_code_says_so_at_the_field(store: graph.Store, tmp_path: Any) -> None:
    client = _app(store, tmp_path, "everyone").test_client()
    users.create_user(store, "neu", PASSWORD, role="viewer")
    _password(client, "neu")
    client.get("/anmelden/zweiter-faktor")
    resp = _code(client, "123", "/anmelden/zweiter-faktor")
    assert resp.status_code == 400
    assert 'id="code-error"' in resp.get_data(as_text=True)
    account = users.find_user(store, "neu")
    assert account is not None and not account.two_factor
