"""Login against a real OpenLDAP (slapd on loopback): search-then-bind, groups to roles, the
account kept up to date through the write path, and what must never let anyone in."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from netzwerk import graph
from netzwerk.graph.admin import directory, login_settings, users
from netzwerk.graph.admin.login_settings import GroupRoles, LdapSettings, LoginSettings
from netzwerk.graph.operations import accounts
from netzwerk.graph.records import history
from netzwerk.web import auth
from tests.conftest import PASSWORD, csrf_token
from tests.login_helpers import app_with_login
from tests.slapd import BASE, PEOPLE, ROOT_DN, ROOT_PW, Slapd, group_dn, person_dn, slapd

__all__ = ["slapd"]  # the fixture, imported for pytest

ROLES = GroupRoles(
    admin=(group_dn("netzwerk-admins").lower(),),  # a full DN …
    editor=("netzwerk-redaktion",),  # … or the group's name
    viewer=("netzwerk-lesen",),
    contacts=("netzwerk-kontakte",),
)


def _settings(server: Slapd, **changes: Any) -> LdapSettings:
    base = LdapSettings(
        url=server.url,
        user_base=f"ou=people,{BASE}",
        bind_dn=ROOT_DN,
        bind_password=ROOT_PW,
        group_base=f"ou=groups,{BASE}",
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    auth.throttle.reset()


@pytest.fixture
def ldap_app(store: graph.Store, slapd: Slapd, tmp_path: Any) -> Any:
    return app_with_login(store, tmp_path, LoginSettings(ldap=_settings(slapd), roles=ROLES))


def _login(client: Any, name: str, password: str) -> Any:
    token = csrf_token(client)
    return client.post(
        "/anmelden", data={"username": name, "password": password, "csrf_token": token}
    )


def test_groups_map_to_roles(slapd: Slapd) -> None:
    settings = _settings(slapd)
    for uid, role, contacts in (
        ("anna", "admin", False),
        ("bernd", "editor", False),
        ("carla", "viewer", True),
    ):
        claim = directory.authenticate(settings, ROLES, uid, PEOPLE[uid][1])
        assert claim is not None, uid
        assert (claim.role, claim.contacts, claim.source) == (role, contacts, "ldap")
        assert claim.display_name == PEOPLE[uid][0]


@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("anna", "falsch"),
        ("anna", ""),  # an unauthenticated bind must never count as a login
        ("ANNA ", "Bernd-Passwort-2"),
        ("niemand", "Anna-Passwort-1"),
        ("*", "Anna-Passwort-1"),  # filter injection: would match everyone
        ("anna)(uid=*", "Anna-Passwort-1"),
        ("dora", "Dora-Passwort-4"),  # right password, but in no netzwerk group
        ("", "Anna-Passwort-1"),
    ],
)
def test_nobody_gets_in_without_their_password_and_a_group(
    slapd: Slapd, name: str, password: str
) -> None:
    assert directory.authenticate(_settings(slapd), ROLES, name, password) is None


def test_a_default_role_admits_people_in_no_group(slapd: Slapd) -> None:
    roles = dataclasses.replace(ROLES, default="viewer")
    claim = directory.authenticate(_settings(slapd), roles, "dora", PEOPLE["dora"][1])
    assert claim is not None and claim.role == "viewer" and not claim.contacts


def test_member_of_is_read_without_a_group_base(slapd: Slapd) -> None:
    """Active Directory names the groups in memberOf; here without it, no group: no login."""
    settings = _settings(slapd, group_base="")
    assert directory.authenticate(settings, ROLES, "anna", PEOPLE["anna"][1]) is None


def test_an_unreachable_directory_is_an_error_not_a_wrong_password(slapd: Slapd) -> None:
    settings = _settings(slapd, url="ldap://127.0.0.1:1", timeout=1)
    with pytest.raises(directory.DirectoryUnavailableError):
        directory.authenticate(settings, ROLES, "anna", PEOPLE["anna"][1])
    bad_service = _settings(slapd, bind_password="falsch")
    with pytest.raises(directory.DirectoryUnavailableError):
        directory.authenticate(bad_service, ROLES, "anna", PEOPLE["anna"][1])


def test_web_login_creates_the_account_and_follows_the_groups(
    ldap_app: Any, store: graph.Store, slapd: Slapd
) -> None:
    client = ldap_app.test_client()
    assert _login(client, "anna", PEOPLE["anna"][1]).status_code == 302
    assert client.get("/verwaltung").status_code == 200
    anna = users.find_user(store, "anna")
    assert anna is not None
    assert (anna.source, anna.role, anna.display_name, anna.password_hash) == (
        "ldap",
        "admin",
        "Anna Albers",
        "",
    )
    # The directory moves Anna from the admins to the editors: the next login follows.
    slapd.modify(
        f"dn: {group_dn('netzwerk-admins')}\nchangetype: modify\ndelete: member\n"
        f"member: {person_dn('anna')}\n-\nadd: member\nmember: {ROOT_DN}\n\n"
        f"dn: {group_dn('netzwerk-redaktion')}\nchangetype: modify\nadd: member\n"
        f"member: {person_dn('anna')}\n"
    )
    try:
        other = ldap_app.test_client()
        assert _login(other, "anna", PEOPLE["anna"][1]).status_code == 302
        assert other.get("/verwaltung").status_code == 403
    finally:
        slapd.modify(
            f"dn: {group_dn('netzwerk-admins')}\nchangetype: modify\nadd: member\n"
            f"member: {person_dn('anna')}\n\n"
            f"dn: {group_dn('netzwerk-redaktion')}\nchangetype: modify\ndelete: member\n"
            f"member: {person_dn('anna')}\n"
        )
    entries = [(c.user, c.action, c.changes) for c in reversed(history.for_record(store, anna.id))]
    actor = accounts.DIRECTORY_ACTORS["ldap"]
    assert entries == [
        (
            actor,
            "create",
            {"role": [None, "admin"], "contacts": [None, False], "source": [None, "ldap"]},
        ),
        (actor, "update", {"role": ["admin", "editor"]}),
    ]


def test_local_accounts_are_never_checked_against_or_taken_over_by_the_directory(
    ldap_app: Any, store: graph.Store
) -> None:
    users.create_user(store, "bernd", PASSWORD, role="viewer")
    client = ldap_app.test_client()
    assert _login(client, "bernd", PEOPLE["bernd"][1]).status_code == 401
    assert _login(client, "bernd", PASSWORD).status_code == 302
    bernd = users.find_user(store, "bernd")
    assert bernd is not None and bernd.source == "local" and bernd.role == "viewer"


def test_a_deactivated_directory_account_stays_locked(ldap_app: Any, store: graph.Store) -> None:
    client = ldap_app.test_client()
    assert _login(client, "carla", PEOPLE["carla"][1]).status_code == 302
    carla = users.find_user(store, "carla")
    assert carla is not None
    accounts.deactivate(store, carla.id, user="admin")
    resp = _login(ldap_app.test_client(), "carla", PEOPLE["carla"][1])
    assert resp.status_code == 403
    assert "deaktiviert" in resp.get_data(as_text=True)


def test_wrong_directory_passwords_are_throttled(ldap_app: Any) -> None:
    client = ldap_app.test_client()
    answers = [_login(client, "bernd", f"falsch-{i}").status_code for i in range(6)]
    assert answers == [401] * 5 + [429]
    assert _login(client, "bernd", PEOPLE["bernd"][1]).status_code == 429


def test_the_web_says_when_the_directory_is_down(
    store: graph.Store, slapd: Slapd, tmp_path: Any
) -> None:
    down = _settings(slapd, url="ldap://127.0.0.1:1", timeout=1)
    app = app_with_login(store, tmp_path, LoginSettings(ldap=down, roles=ROLES))
    resp = _login(app.test_client(), "anna", PEOPLE["anna"][1])
    assert resp.status_code == 503
    assert "Verzeichnis" in resp.get_data(as_text=True)


def test_settings_from_the_environment() -> None:
    env = {
        "NETZWERK_LDAP_URL": "ldaps://dc1.rathaus.example",
        "NETZWERK_LDAP_USER_BASE": "OU=Mitarbeitende,DC=rathaus,DC=example",
        "NETZWERK_LDAP_USER_FILTER": "(sAMAccountName={username})",
        "NETZWERK_GROUPS_ADMIN": "CN=GG-Netzwerk-Admins,OU=Gruppen,DC=rathaus,DC=example",
        "NETZWERK_GROUPS_EDITOR": "GG-Netzwerk-Redaktion; GG-Bildungsbuero",
        "NETZWERK_2FA": "verwaltung",
    }
    found = login_settings.from_env(env)
    assert found.ldap is not None and found.ldap.user_filter == "(sAMAccountName={username})"
    assert found.two_factor == "admins"
    assert found.oidc is None
    claim = found.roles.claim(
        "ldap", "Max", "", ["CN=GG-Bildungsbuero,OU=Gruppen,DC=rathaus,DC=example"]
    )
    assert claim is not None and claim.role == "editor" and claim.username == "max"
    with pytest.raises(ValueError, match="NETZWERK_2FA"):
        login_settings.from_env({"NETZWERK_2FA": "manchmal"})


def test_a_directory_account_gets_no_local_password(ldap_app: Any, store: graph.Store) -> None:
    client = ldap_app.test_client()
    assert _login(client, "bernd", PEOPLE["bernd"][1]).status_code == 302
    bernd = users.find_user(store, "bernd")
    assert bernd is not None
    with pytest.raises(graph.ValidationError):
        accounts.reset_password(store, bernd.id, "Lokales-Passwort-9", user="admin")
    assert users.authenticate(store, "bernd", "Lokales-Passwort-9") is None
