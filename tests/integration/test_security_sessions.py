"""Sessions and passwords: cookie flags, a fresh session on login, logout that really ends
the session (also for a copied cookie), scrypt hashes, the password policy, and a login
that answers the same for unknown names and wrong passwords."""

from __future__ import annotations

import statistics
import time
from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.operations import accounts
from netzwerk.web import auth, create_app
from tests.conftest import PASSWORD, csrf_token, login, user_named

COOKIE = "netzwerk_session"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Any:
    auth.throttle.reset()
    yield
    auth.throttle.reset()


def _set_cookie_header(resp: Any) -> str:
    headers = [h for h in resp.headers.getlist("Set-Cookie") if h.startswith(COOKIE + "=")]
    assert headers, "login sets no session cookie"
    return headers[-1]


def _login_response(client: Any, name: str, password: str = PASSWORD) -> Any:
    token = csrf_token(client)
    return client.post(
        "/anmelden", data={"username": name, "password": password, "csrf_token": token}
    )


def test_cookie_flags(app: Any, store: graph.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    users.create_user(store, "keks", PASSWORD, role="viewer")
    header = _set_cookie_header(_login_response(app.test_client(), "keks"))
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert "Secure" not in header  # plain http://127.0.0.1 must keep working by default
    monkeypatch.setenv("NETZWERK_SECURE_COOKIES", "1")
    secure_app = create_app({"TESTING": True, "STORE": store, "SECRET_KEY": "test"})
    header = _set_cookie_header(_login_response(secure_app.test_client(), "keks"))
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header


def test_login_starts_a_fresh_session(app: Any, store: graph.Store) -> None:
    """Nothing an attacker planted in the session before login survives it (fixation)."""
    users.create_user(store, "frisch", PASSWORD, role="viewer")
    client = app.test_client()
    client.get("/anmelden")
    with client.session_transaction() as sess:
        sess["planted"] = "vom Angreifer"
        sess["_user_id"] = "user-fremd"
    before = client.get_cookie(COOKIE).value
    resp = _login_response(client, "frisch")
    assert resp.status_code == 302
    after = client.get_cookie(COOKIE).value
    assert after != before
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert sess["_user_id"] == user_named(store, "frisch").id
        assert sess.get(auth.SESSION_NONCE)


def _replay(app: Any, cookie: str) -> Any:
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief.get("/personen")


def test_logout_invalidates_copied_cookie(app: Any, make_client: Any) -> None:
    client = make_client("editor")
    stolen = client.get_cookie(COOKIE).value
    assert _replay(app, stolen).status_code == 200  # the copy works while logged in
    token = csrf_token(client)
    assert client.post("/abmelden", data={"csrf_token": token}).status_code == 302
    resp = _replay(app, stolen)
    assert resp.status_code == 302 and "/anmelden" in resp.headers["Location"]
    api = app.test_client()
    api.set_cookie(COOKIE, stolen)
    assert api.get("/api/v1/me").status_code == 401
    # logging in again works and yields a new, valid session
    again = make_client("editor")
    assert again.get("/personen").status_code == 200
    assert _replay(app, stolen).status_code == 302


def test_password_change_and_deactivation_end_sessions(
    app: Any, make_client: Any, store: graph.Store
) -> None:
    victim = make_client("viewer")
    cookie = victim.get_cookie(COOKIE).value
    account = user_named(store, "viewer")
    accounts.reset_password(store, account.id, "Neues-Passwort-42", user="admin")
    assert _replay(app, cookie).status_code == 302
    login(victim, "viewer", "Neues-Passwort-42")
    cookie = victim.get_cookie(COOKIE).value
    assert _replay(app, cookie).status_code == 200
    accounts.deactivate(store, account.id, user="admin")
    assert _replay(app, cookie).status_code == 302
    assert _login_response(app.test_client(), "viewer", "Neues-Passwort-42").status_code == 401


def test_other_sessions_survive_a_login_elsewhere(app: Any, make_client: Any) -> None:
    """A second login (another device) must not log out the first; only logout does."""
    first = make_client("editor")
    second = make_client("editor")
    assert first.get("/personen").status_code == 200
    assert second.get("/personen").status_code == 200


def test_passwords_are_scrypt_hashes(store: graph.Store, full_password_cost: None) -> None:
    user = users.create_user(store, "hash", PASSWORD, role="viewer")
    stored = user_named(store, "hash")
    assert stored is not None and stored.password_hash.startswith("scrypt:32768:8:1$")
    assert PASSWORD not in stored.password_hash
    assert "password_hash" not in repr(user)


@pytest.mark.parametrize(
    "weak", ["kurz-1", "nurbuchstabenlang", "12345678901234", " Leerzeichen-1 ", ""]
)
def test_password_policy(store: graph.Store, make_client: Any, weak: str) -> None:
    with pytest.raises(graph.ValidationError) as err:
        users.create_user(store, "schwach", weak, role="viewer")
    assert "password" in err.value.by_field()
    admin = make_client("admin")
    token = csrf_token(admin, "/verwaltung/benutzer")
    resp = admin.post(
        "/verwaltung/benutzer",
        data={"csrf_token": token, "username": "schwach", "password": weak, "role": "viewer"},
    )
    assert resp.status_code == 400
    assert users.find_user(store, "schwach") is None


def _attempt(app: Any, name: str, password: str) -> tuple[int, str, float]:
    client = app.test_client()
    token = csrf_token(client)
    start = time.perf_counter()
    resp = client.post(
        "/anmelden", data={"username": name, "password": password, "csrf_token": token}
    )
    took = time.perf_counter() - start
    auth.throttle.reset()
    body = resp.get_data(as_text=True).replace(token, "TOKEN").replace(name, "NAME")
    return resp.status_code, body, took


def test_no_user_enumeration(app: Any, store: graph.Store, full_password_cost: None) -> None:
    """Unknown name and wrong password: same status, same page, same cost (one scrypt)."""
    users.create_user(store, "bekannt", PASSWORD, role="viewer")
    known = [_attempt(app, "bekannt", "Falsches-Passwort-1") for _ in range(5)]
    unknown = [_attempt(app, "unbekannt", "Falsches-Passwort-1") for _ in range(5)]
    assert {k[0] for k in known} == {u[0] for u in unknown} == {401}
    assert known[0][1] == unknown[0][1]
    assert "Benutzername oder Passwort ist falsch." in known[0][1]
    # Timing: both paths hash once. Without the dummy hash the unknown name would answer
    # about 50 times faster; the bound is loose because the machine is shared.
    fast, slow = (statistics.median(t[2] for t in known), statistics.median(t[2] for t in unknown))
    assert 0.33 < fast / slow < 3.0, (fast, slow)
    # Lockout answers alike too: the throttle counts unknown names the same way.
    client = app.test_client()
    token = csrf_token(client)
    for name in ("bekannt", "unbekannt"):
        codes = [
            client.post(
                "/anmelden", data={"username": name, "password": "x-falsch-1", "csrf_token": token}
            ).status_code
            for _ in range(6)
        ]
        assert codes[-1] == 429, name
