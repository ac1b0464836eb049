"""API tokens end with a password reset and a deactivation/reactivation, and admins see and
revoke every account's tokens."""

from __future__ import annotations

from typing import Any

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.records import history
from tests.conftest import PASSWORD, csrf_token


def _works(app: Any, secret: str) -> bool:
    resp = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    return resp.status_code == 200


def _edit(admin: Any, account: users.User, **changes: Any) -> Any:
    url = f"/verwaltung/benutzer/{account.id}"
    data = {
        "csrf_token": csrf_token(admin, url),
        "display_name": account.display_name,
        "role": account.role,
        "version": str(account.version),
        **({"active": "y"} if account.active else {}),
    }
    data.update(changes)
    if changes.get("active") is None:
        data.pop("active", None)
    return admin.post(url, data=data)


def test_password_reset_by_an_admin_revokes_the_tokens(
    app: Any, make_client: Any, store: graph.Store
) -> None:
    admin = make_client("admin")
    victim = users.create_user(store, "kollegin", PASSWORD, role="editor")
    secret, _t = users.create_token(store, victim.id, "Skript")
    assert _works(app, secret)
    resp = _edit(admin, victim, password="Neues-Passwort-77", active="y")
    assert resp.status_code == 302, resp.get_data(as_text=True)[:400]
    assert not _works(app, secret)
    assert users.list_tokens(store, victim.id) == []


def test_deactivate_and_reactivate_leaves_no_token_alive(
    app: Any, make_client: Any, store: graph.Store
) -> None:
    admin = make_client("admin")
    victim = users.create_user(store, "kollege", PASSWORD, role="viewer")
    secret, _t = users.create_token(store, victim.id, "Skript")
    assert _edit(admin, victim, active=None).status_code == 302  # unticked: deactivated
    victim = users.get_user(store, victim.id)
    assert not victim.active and not _works(app, secret)
    assert _edit(admin, victim, active="y").status_code == 302
    assert users.get_user(store, victim.id).active
    assert not _works(app, secret), "a token made before the deactivation works again"


def test_other_edits_keep_the_tokens(app: Any, make_client: Any, store: graph.Store) -> None:
    admin = make_client("admin")
    account = users.create_user(store, "bleibt", PASSWORD, role="viewer")
    secret, _t = users.create_token(store, account.id, "Skript")
    assert _edit(admin, account, display_name="Neuer Name", active="y").status_code == 302
    assert _works(app, secret)


def test_admin_lists_and_revokes_any_accounts_tokens(
    app: Any, make_client: Any, store: graph.Store
) -> None:
    admin = make_client("admin")
    a = users.create_user(store, "anna", PASSWORD, role="editor")
    b = users.create_user(store, "bernd", PASSWORD, role="viewer")
    secret_a, token_a = users.create_token(store, a.id, "Auswertung Anna")
    secret_b1, _ = users.create_token(store, b.id, "Bernd eins")
    secret_b2, _ = users.create_token(store, b.id, "Bernd zwei")
    page = admin.get("/verwaltung/tokens").get_data(as_text=True)
    for text in ("anna", "bernd", "Auswertung Anna", "Bernd zwei", token_a.prefix):
        assert text in page
    assert secret_a not in page
    only_b = admin.get(f"/verwaltung/tokens?benutzer={b.id}").get_data(as_text=True)
    assert "Bernd eins" in only_b and "Auswertung Anna" not in only_b
    token = csrf_token(admin, "/verwaltung/tokens")
    resp = admin.post(f"/verwaltung/tokens/{token_a.id}/widerrufen", data={"csrf_token": token})
    assert resp.status_code == 302 and not _works(app, secret_a)
    resp = admin.post(f"/verwaltung/benutzer/{b.id}/tokens/widerrufen", data={"csrf_token": token})
    assert resp.status_code == 302
    assert not _works(app, secret_b1) and not _works(app, secret_b2)
    logged = history.for_record(store, b.id)
    assert any("api_tokens" in c.changes for c in logged)
    again = admin.post(f"/verwaltung/tokens/{token_a.id}/widerrufen", data={"csrf_token": token})
    assert again.status_code == 404
    # Nobody but an admin gets there.
    editor = make_client("editor")
    assert editor.get("/verwaltung/tokens").status_code == 403
    etoken = csrf_token(editor)
    resp = editor.post(
        f"/verwaltung/benutzer/{a.id}/tokens/widerrufen", data={"csrf_token": etoken}
    )
    assert resp.status_code == 403
