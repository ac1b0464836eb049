"""``netzwerk user …``: accounts from the command line, through the same write path as the
administration page (:mod:`netzwerk.graph.operations.accounts`), with the same history."""

from __future__ import annotations

import functools
import json
import os
import secrets
from collections.abc import Callable
from typing import TypeVar

import click

from netzwerk import settings
from netzwerk.cli._common import acting_user
from netzwerk.cli._common import store as _store
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.admin import users
from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.core.store import Store
from netzwerk.graph.operations import accounts

T = TypeVar("T")
_ACTOR = click.option("--user", "actor", default=None, help="Name im Änderungsverlauf.")


@click.group()
def user() -> None:
    """Benutzerkonten verwalten."""


def _account(store: Store, username: str) -> users.User:
    found = users.find_user(store, username)
    if found is None:
        raise NotFoundError(f"Benutzerkonto „{username[:64]}“ wurde nicht gefunden.")
    return found


def _apply(username: str, actor: str | None, use_case: Callable[..., T]) -> T:
    """Run one account use case on the account named ``username``, recorded as ``actor``."""
    with _store() as store:
        return use_case(store, _account(store, username).id, user=acting_user(actor))


@user.command("create")
@click.option("--username", prompt="Benutzername")
@click.option("--role", type=click.Choice(users.ROLES), default="viewer", show_default=True)
@click.option("--contacts", is_flag=True, help="Leserecht auch für Kontaktdaten.")
@click.option("--display-name", default="")
@click.option(
    "--org",
    default=DEFAULT_ORG,
    show_default=True,
    help="Organisation (Kürzel, z. B. stadt-trier), für die das Konto arbeitet.",
)
@click.password_option(
    "--password",
    envvar="NETZWERK_NEW_PASSWORD",
    help="Passwort (oder Umgebungsvariable NETZWERK_NEW_PASSWORD).",
)
@_ACTOR
def user_create(
    username: str,
    role: str,
    contacts: bool,
    display_name: str,
    org: str,
    password: str,
    actor: str | None,
) -> None:
    """Ein Benutzerkonto anlegen, z. B. `netzwerk user create --role admin`."""
    with _store() as store:
        created = accounts.create_account(
            store,
            username,
            password,
            user=acting_user(actor),
            role=role,
            contacts=contacts,
            display_name=display_name,
            org=org,
        )
    click.echo(f"Benutzerkonto „{created.username}“ ({created.role}) angelegt.")


@user.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(users.ROLES))
@_ACTOR
def user_role(username: str, role: str, actor: str | None) -> None:
    """Die Rolle eines Kontos ändern."""
    changed = _apply(username, actor, functools.partial(accounts.change_role, role=role))
    click.echo(f"„{changed.username}“ hat jetzt die Rolle {changed.role}.")


@user.command("deactivate")
@click.argument("username")
@_ACTOR
def user_deactivate(username: str, actor: str | None) -> None:
    """Ein Konto sperren (Sitzungen beendet, API-Tokens widerrufen)."""
    _apply(username, actor, accounts.deactivate)
    click.echo(f"„{username}“ ist gesperrt.")


@user.command("reactivate")
@click.argument("username")
@_ACTOR
def user_reactivate(username: str, actor: str | None) -> None:
    """Ein gesperrtes Konto wieder freigeben."""
    _apply(username, actor, accounts.reactivate)
    click.echo(f"„{username}“ ist wieder aktiv.")


@user.command("password")
@click.argument("username")
@click.password_option(
    "--password",
    envvar="NETZWERK_NEW_PASSWORD",
    help="Neues Passwort (oder Umgebungsvariable NETZWERK_NEW_PASSWORD).",
)
@_ACTOR
def user_password(username: str, password: str, actor: str | None) -> None:
    """Ein Passwort zurücksetzen (Sitzungen beendet, API-Tokens widerrufen)."""
    _apply(username, actor, functools.partial(accounts.reset_password, password=password))
    click.echo(f"Das Passwort von „{username}“ ist neu gesetzt.")


@user.command("reset-2fa")
@click.argument("username")
@_ACTOR
def user_reset_two_factor(username: str, actor: str | None) -> None:
    """Den zweiten Faktor eines Kontos zurücksetzen (z. B. Telefon verloren)."""
    _apply(username, actor, accounts.reset_two_factor)
    click.echo(f"Der zweite Faktor von „{username}“ ist zurückgesetzt.")


@user.command("revoke-tokens")
@click.argument("username")
@_ACTOR
def user_revoke_tokens(username: str, actor: str | None) -> None:
    """Alle API-Tokens eines Kontos widerrufen."""
    n = _apply(username, actor, accounts.revoke_all_tokens)
    click.echo(f"{n} Tokens von „{username}“ widerrufen.")


@user.command("demo")
def user_demo() -> None:
    """Demo-Konten anlegen, falls sie fehlen, und Zugang ausgeben: admin (gesamte Instanz),
    redaktion/lesen und redaktion-stadt (Stadt Trier), redaktion-kreis/lesen-kreis
    (Landkreis Trier-Saarburg).

    Die Passwörter werden einmal erzeugt und im Instanzordner gespeichert.
    """
    path = settings.instance_dir() / "demo-logins.json"
    logins: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    with _store() as store:
        for name, role, org, title in seed_mod.DEMO_LOGINS:
            if users.find_user(store, name) is None:
                logins[name] = logins.get(name) or f"{secrets.token_urlsafe(9)}-7"
                users.create_user(
                    store,
                    name,
                    logins[name],
                    role=role,
                    display_name=title,
                    org=org or DEFAULT_ORG,
                )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(logins, indent=1))
    os.chmod(path, 0o600)
    click.echo("Demo-Zugänge (Passwörter gespeichert in " + str(path) + "):")
    for name, password in logins.items():
        click.echo(f"  {name:<10} {password}")
