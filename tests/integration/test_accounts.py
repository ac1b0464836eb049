"""Account changes go through the one write path: the administration page, the CLI and the
JSON API leave the same history for the same sequence, each change with its entry, and a
refused change writes nothing."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph.admin import twofactor, users
from netzwerk.graph.operations import accounts
from netzwerk.graph.records import history
from tests.conftest import PASSWORD, csrf_token

NEW_PASSWORD = "Neues-Passwort-77"


def _entries(store: graph.Store, account_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(who, action, changes) oldest first; the account's own name reads as SELF."""
    account = users.get_user(store, account_id)
    out = []
    for c in reversed(history.for_record(store, account_id)):
        who = "SELF" if c.user == account.username else c.user
        out.append((who, c.action, c.changes))
    return out


def _own_two_factor(store: graph.Store, account_id: str) -> None:
    """The account holder sets up TOTP on their own page (the same in every channel)."""
    import pyotp

    secret = twofactor.new_secret()
    name = users.get_user(store, account_id).username
    accounts.enable_two_factor(store, account_id, secret, pyotp.TOTP(secret).now(), user=name)


class Ui:
    def __init__(self, client: Any, store: graph.Store):
        self.client, self.store = client, store

    def _post(self, url: str, **data: Any) -> Any:
        token = csrf_token(self.client, "/verwaltung/benutzer")
        resp = self.client.post(url, data={"csrf_token": token, **data})
        assert resp.status_code == 302, resp.get_data(as_text=True)[:800]
        return resp

    def create(self, name: str) -> str:
        self._post("/verwaltung/benutzer", username=name, password=PASSWORD, role="viewer")
        found = users.find_user(self.store, name)
        assert found is not None
        return found.id

    def _edit(self, account_id: str, **changes: Any) -> None:
        a = users.get_user(self.store, account_id)
        form = {
            "display_name": a.display_name,
            "role": a.role,
            "version": str(a.version),
            **({"contacts": "y"} if a.contacts else {}),
            **({"active": "y"} if a.active else {}),
        }
        form.update(changes)
        if changes.get("active") is False:
            form.pop("active")
        self._post(f"/verwaltung/benutzer/{account_id}", **form)

    def role(self, account_id: str, role: str) -> None:
        self._edit(account_id, role=role)

    def deactivate(self, account_id: str) -> None:
        self._edit(account_id, active=False)

    def reactivate(self, account_id: str) -> None:
        self._edit(account_id, active="y")

    def password(self, account_id: str) -> None:
        self._edit(account_id, password=NEW_PASSWORD)

    def revoke_tokens(self, account_id: str) -> None:
        self._post(f"/verwaltung/benutzer/{account_id}/tokens/widerrufen")

    def reset_two_factor(self, account_id: str) -> None:
        self._post(f"/verwaltung/benutzer/{account_id}/zweiter-faktor/zuruecksetzen")


class Cli:
    def __init__(self, store: graph.Store):
        self.store = store

    def _run(self, *args: str, env: dict[str, str] | None = None) -> None:
        result = CliRunner().invoke(main, ["user", *args, "--user", "admin"], env=env)
        assert result.exit_code == 0, result.output

    def _name(self, account_id: str) -> str:
        return users.get_user(self.store, account_id).username

    def create(self, name: str) -> str:
        self._run("create", "--username", name, "--role", "viewer", "--password", PASSWORD)
        found = users.find_user(self.store, name)
        assert found is not None
        return found.id

    def role(self, account_id: str, role: str) -> None:
        self._run("role", self._name(account_id), role)

    def deactivate(self, account_id: str) -> None:
        self._run("deactivate", self._name(account_id))

    def reactivate(self, account_id: str) -> None:
        self._run("reactivate", self._name(account_id))

    def password(self, account_id: str) -> None:
        self._run("password", self._name(account_id), env={"NETZWERK_NEW_PASSWORD": NEW_PASSWORD})

    def revoke_tokens(self, account_id: str) -> None:
        self._run("revoke-tokens", self._name(account_id))

    def reset_two_factor(self, account_id: str) -> None:
        self._run("reset-2fa", self._name(account_id))


class Api:
    def __init__(self, client: Any, store: graph.Store):
        admin = users.find_user(store, "admin")
        assert admin is not None
        secret, _t = users.create_token(store, admin.id, "Provisionierung")
        self.client, self.headers = client, {"Authorization": f"Bearer {secret}"}

    def _call(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
        resp = self.client.open(f"/api/v1{url}", method=method, json=body, headers=self.headers)
        assert resp.status_code in (200, 201), resp.get_data(as_text=True)[:800]
        return resp.json

    def create(self, name: str) -> str:
        made = self._call(
            "POST", "/accounts", {"username": name, "password": PASSWORD, "role": "viewer"}
        )
        return str(made["id"])

    def role(self, account_id: str, role: str) -> None:
        self._call("PATCH", f"/accounts/{account_id}", {"role": role})

    def deactivate(self, account_id: str) -> None:
        self._call("PATCH", f"/accounts/{account_id}", {"active": False})

    def reactivate(self, account_id: str) -> None:
        self._call("PATCH", f"/accounts/{account_id}", {"active": True})

    def password(self, account_id: str) -> None:
        self._call("PATCH", f"/accounts/{account_id}", {"password": NEW_PASSWORD})

    def revoke_tokens(self, account_id: str) -> None:
        self._call("DELETE", f"/accounts/{account_id}/tokens")

    def reset_two_factor(self, account_id: str) -> None:
        self._call("POST", f"/accounts/{account_id}/two-factor/reset")


def _sequence(channel: Any, store: graph.Store, name: str) -> str:
    account_id = channel.create(name)
    channel.role(account_id, "editor")
    users.create_token(store, account_id, "Skript")
    channel.deactivate(account_id)  # revokes the token: the entry says so
    channel.reactivate(account_id)
    users.create_token(store, account_id, "Skript 2")
    channel.password(account_id)
    users.create_token(store, account_id, "Skript 3")
    channel.revoke_tokens(account_id)
    _own_two_factor(store, account_id)
    channel.reset_two_factor(account_id)
    return account_id


def test_ui_cli_and_api_leave_the_same_history(store: graph.Store, make_client) -> None:
    client = make_client("admin")
    histories = {}
    for label, channel in (
        ("ui", Ui(client, store)),
        ("cli", Cli(store)),
        ("api", Api(store=store, client=client.application.test_client())),
    ):
        account_id = _sequence(channel, store, f"konto-{label}")
        histories[label] = _entries(store, account_id)
    assert histories["ui"] == histories["cli"] == histories["api"]
    expected = [
        (
            "admin",
            "create",
            {"role": [None, "viewer"], "contacts": [None, False], "org": [None, "default"]},
        ),
        ("admin", "update", {"role": ["viewer", "editor"]}),
        ("admin", "update", {"active": [True, False], "api_tokens": [1, 0]}),
        ("admin", "update", {"active": [False, True]}),
        ("admin", "update", {"password": [None, accounts.PASSWORD_SET], "api_tokens": [1, 0]}),
        ("admin", "update", {"api_tokens": [1, 0]}),
        ("SELF", "update", {"two_factor": [False, True]}),
        ("admin", "update", {"two_factor": [True, False]}),
    ]
    assert histories["ui"] == expected
    final = users.find_user(store, "konto-cli")
    assert final is not None and final.role == "editor" and final.active and not final.two_factor
    assert users.authenticate(store, "konto-api", NEW_PASSWORD) is not None


def test_cli_create_writes_history_with_the_os_user(store: graph.Store) -> None:
    result = CliRunner().invoke(
        main,
        ["user", "create", "--username", "Kommandozeile", "--role", "editor"],
        env={"NETZWERK_NEW_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 0, result.output
    made = users.find_user(store, "kommandozeile")
    assert made is not None
    (entry,) = history.for_record(store, made.id)
    assert entry.action == "create" and re.fullmatch(r"cli:.+", entry.user)


def test_a_refused_change_writes_nothing(store: graph.Store) -> None:
    admin = accounts.create_account(store, "chefin", PASSWORD, role="admin", user="test")
    before = _entries(store, admin.id)
    with pytest.raises(graph.ValidationError):
        accounts.change_role(store, admin.id, "viewer", user="chefin")  # not oneself
    with pytest.raises(graph.ValidationError):
        accounts.reset_password(store, admin.id, "kurz", user="test")
    with pytest.raises(graph.ValidationError):
        accounts.change_role(store, admin.id, "kaiser", user="test")
    assert _entries(store, admin.id) == before
    assert users.get_user(store, admin.id).role == "admin"
    assert users.authenticate(store, "chefin", PASSWORD) is not None


def test_api_refuses_bad_account_input_with_field_messages(make_client) -> None:
    client = make_client("admin")
    token = csrf_token(client)
    for body in (
        {"username": "x", "password": PASSWORD},
        {"username": "gut", "password": "kurz"},
        {"username": "gut2", "password": PASSWORD, "role": "kaiser"},
        {"username": "gut3", "password": PASSWORD, "admin": True},
        {"username": ["liste"], "password": PASSWORD},
    ):
        resp = client.post("/api/v1/accounts", json=body, headers={"X-CSRFToken": token})
        assert resp.status_code == 400, (body, resp.get_data(as_text=True))
        assert resp.json["errors"], body


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("role"), st.sampled_from(users.ROLES)),
        st.tuples(st.sampled_from(["deactivate", "reactivate", "password", "token", "revoke"])),
    ),
    max_size=8,
)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=OPS)
def test_any_sequence_of_account_changes_is_told_by_its_history(
    store: graph.Store, ops: list[tuple[str, ...]]
) -> None:
    """A model of the account predicts every history entry and the final state."""
    name = f"folge-{uuid.uuid4().hex[:8]}"
    account = accounts.create_account(store, name, PASSWORD, user="admin")
    role, active, tokens, password = "viewer", True, 0, PASSWORD
    expected: list[dict[str, Any]] = []

    def revoked(entry: dict[str, Any]) -> dict[str, Any]:
        return {**entry, "api_tokens": [tokens, 0]} if tokens else entry

    for op, *args in ops:
        if op == "role":
            accounts.change_role(store, account.id, args[0], user="admin")
            if args[0] != role:
                expected.append({"role": [role, args[0]]})
                role = args[0]
        elif op in ("deactivate", "reactivate"):
            wanted = op == "reactivate"
            (accounts.reactivate if wanted else accounts.deactivate)(
                store, account.id, user="admin"
            )
            if wanted != active:
                expected.append(revoked({"active": [active, wanted]}))
                active, tokens = wanted, 0
        elif op == "password":
            password = f"Passwort-{len(expected)}-neu"
            accounts.reset_password(store, account.id, password, user="admin")
            expected.append(revoked({"password": [None, accounts.PASSWORD_SET]}))
            tokens = 0
        elif op == "token":
            users.create_token(store, account.id, "Skript")
            tokens += 1
        else:
            accounts.revoke_all_tokens(store, account.id, user="admin")
            if tokens:
                expected.append({"api_tokens": [tokens, 0]})
                tokens = 0
    entries = [c.changes for c in reversed(history.for_record(store, account.id))]
    assert entries[1:] == expected
    final = users.get_user(store, account.id)
    assert (final.role, final.active, len(users.list_tokens(store, account.id))) == (
        role,
        active,
        tokens,
    )
    assert (users.authenticate(store, name, password) is not None) == active
