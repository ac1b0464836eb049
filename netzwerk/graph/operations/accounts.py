"""Account use cases: one managed transaction each, with the account's history entry.

Creating an account, changing its role or grants, deactivating and reactivating it,
resetting its password, revoking API tokens, enabling and resetting the second factor, and
taking over an account from the directory (LDAP, OpenID Connect) at login: the account's
write and its ``Change`` entry (label ``User``) are committed together or not at all, so the
administration page, the CLI and the JSON API leave the same history for the same change.
``user`` is who acts: the admin, the account itself (its own tokens, its own second
factor), or the directory that vouched for a login (:data:`DIRECTORY_ACTORS`).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Unpack

from netzwerk.graph.admin import twofactor, users
from netzwerk.graph.admin.users import User
from netzwerk.graph.core.errors import FieldError, ForbiddenError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.records import history
from netzwerk.graph.records.organisations import known_slugs

PASSWORD_SET = "neu gesetzt"
"""The history shows that a password changed, never a hash of it."""
DIRECTORY_ACTORS = {"ldap": "Verzeichnis (LDAP)", "oidc": "Anmeldedienst (OpenID Connect)"}
_FIELDS = ("display_name", "role", "org", "contacts", "active")


def _entry(
    tx: Tx, account: User, changes: dict[str, list[Any]], *, user: str, action: str = "update"
) -> None:
    history.record_in(
        tx,
        user=user,
        action=action,
        label="User",
        record_id=account.id,
        record_name=account.username,
        changes=changes,
        version=account.version,
    )


def create_account(
    store: Store,
    username: str,
    password: str,
    *,
    user: str,
    **options: Unpack[users.AccountOptions],
) -> User:
    """A new local account with a password (checked against the policy), working for the
    organisation ``org``."""
    write = users.new_account(username, password, **options)

    def work(tx: Tx) -> User:
        made = write(tx)
        _entry(
            tx,
            made,
            {"role": [None, made.role], "contacts": [None, made.contacts], "org": [None, made.org]},
            user=user,
            action="create",
        )
        return made

    return store.transaction(work)


def _save_in(tx: Tx, changed: User, *, user: str, password: str | None = None) -> User:
    """Save the fields of the account form; the entry names what changed, tokens revoked."""
    if changed.username == user and (changed.role != "admin" or not changed.active):
        current = users.get_in(tx, changed.id)
        if current.role == "admin":
            raise ValidationError(
                [
                    FieldError(
                        "role", N_("Sie können sich nicht selbst die Verwaltungsrechte entziehen.")
                    )
                ]
            )
    if password is not None and changed.source != "local":
        raise ValidationError(
            [FieldError("password", N_("wird im Verzeichnis bzw. beim Anmeldedienst geändert"))]
        )
    tokens = len(users.list_tokens_in(tx, changed.id))
    before, after = users.update_in(tx, changed, password=password)
    if before.org != after.org and after.org not in known_slugs(tx):
        # Rolled back with the transaction: an account never lands in no office.
        raise ValidationError(
            [FieldError("org", N_("Bitte wählen Sie eine bestehende Organisation."))]
        )
    diff: dict[str, list[Any]] = {
        k: [getattr(before, k), getattr(after, k)]
        for k in _FIELDS
        if getattr(before, k) != getattr(after, k)
    }
    if password is not None:
        diff["password"] = [None, PASSWORD_SET]
    if tokens and (password is not None or before.active != after.active):
        diff["api_tokens"] = [tokens, 0]
    if diff:
        _entry(tx, after, diff, user=user)
    return after


def update_account(store: Store, changed: User, *, user: str, password: str | None = None) -> User:
    """Save display name, role, organisation, contacts grant and active flag (optimistic locking by
    ``changed.version``), optionally with a new password. ConflictError if someone saved the
    account meanwhile; an admin cannot take their own admin role or deactivate themselves.
    """
    return store.transaction(lambda tx: _save_in(tx, changed, user=user, password=password))


def change_account(store: Store, account_id: str, *, user: str, **fields: Any) -> User:
    """Change some fields of the account as it is now (CLI and API, which hold no form
    version to lock on): ``display_name``, ``role``, ``org``, ``contacts``, ``active``,
    ``password``."""
    unknown = set(fields) - {*_FIELDS, "password"}
    if unknown:
        raise ValidationError(
            [FieldError(k, N_("kann hier nicht geändert werden")) for k in unknown]
        )

    def work(tx: Tx) -> User:
        current = users.get_in(tx, account_id)
        password = fields.pop("password", None)
        return _save_in(tx, dataclasses.replace(current, **fields), user=user, password=password)

    return store.transaction(work)


def change_role(store: Store, account_id: str, role: str, *, user: str) -> User:
    return change_account(store, account_id, user=user, role=role)


def deactivate(store: Store, account_id: str, *, user: str) -> User:
    """No more logins, sessions ended, API tokens revoked; the history keeps the name."""
    return change_account(store, account_id, user=user, active=False)


def reactivate(store: Store, account_id: str, *, user: str) -> User:
    return change_account(store, account_id, user=user, active=True)


def reset_password(store: Store, account_id: str, password: str, *, user: str) -> User:
    """A new password: ends the account's sessions and revokes its API tokens."""
    return change_account(store, account_id, user=user, password=password)


def revoke_token(
    store: Store, token_id: str, *, user: str, owner_id: str | None = None
) -> users.OwnedToken:
    """Revoke one API token; ``owner_id`` limits it to that account's tokens (a user's own
    page), None lets an admin revoke any. Returns what it was."""

    def work(tx: Tx) -> users.OwnedToken:
        owner = users.get_in(tx, owner_id or users.owner_of_token(tx, token_id))
        gone = users.revoke_token_in(tx, owner.id, token_id)
        _entry(tx, owner, {"api_token": [gone.name, None]}, user=user)
        return users.OwnedToken(token=gone, user_id=owner.id, username=owner.username)

    return store.transaction(work)


def revoke_all_tokens(store: Store, account_id: str, *, user: str) -> int:
    """Revoke every API token of one account; returns how many there were."""

    def work(tx: Tx) -> int:
        account = users.get_in(tx, account_id)
        n = users.revoke_all_in(tx, account.id)
        if n:
            _entry(tx, account, {"api_tokens": [n, 0]}, user=user)
        return n

    return store.transaction(work)


def enable_two_factor(
    store: Store, account_id: str, secret: str, code: str, *, user: str
) -> list[str]:
    """Turn on TOTP with ``secret`` once ``code`` shows the authenticator app has it.

    Returns the new backup codes (shown once; only their hashes are stored).
    """
    step = twofactor.step_of(secret, code)
    if not step:
        raise ValidationError(
            [
                FieldError(
                    "code", N_("Der Code passt nicht. Bitte geben Sie den aktuellen Code ein.")
                )
            ]
        )
    codes = twofactor.new_backup_codes()

    def work(tx: Tx) -> list[str]:
        account = users.get_in(tx, account_id)
        extra = {
            "totp_secret": secret,
            "totp_last": step,
            "backup_codes": [twofactor.code_hash(c) for c in codes],
        }
        _before, after = users.update_in(tx, account, extra=extra)
        _entry(tx, after, {"two_factor": [account.two_factor, True]}, user=user)
        return codes

    return store.transaction(work)


def reset_two_factor(store: Store, account_id: str, *, user: str) -> User:
    """Remove the second factor (a lost phone): the next login sets it up again where the
    policy requires it. Ends the account's sessions."""

    def work(tx: Tx) -> User:
        account = users.get_in(tx, account_id)
        extra: dict[str, Any] = {"totp_secret": "", "totp_last": 0, "backup_codes": []}
        _before, after = users.update_in(tx, account, extra=extra, end_sessions=True)
        if account.two_factor:
            _entry(tx, after, {"two_factor": [True, False]}, user=user)
        return after

    return store.transaction(work)


def sign_in_from_directory(store: Store, claim: users.DirectoryClaim) -> User:
    """The account of a login the directory vouched for, created or brought up to date.

    Role, contacts grant and display name follow the directory's groups and name at every
    login (a change there shows here at the next login, with its history entry). A local
    account of the same name is never taken over, and a deactivated account stays locked:
    ForbiddenError with a German message.
    """
    actor = DIRECTORY_ACTORS[claim.source]
    username = users.check_new_account(claim.username, None, claim.role)

    def work(tx: Tx) -> User:
        found = users.find_in(tx, username)
        if found is None:
            made = users.create_in(
                tx,
                username,
                role=claim.role,
                display_name=claim.display_name,
                contacts=claim.contacts,
                source=claim.source,
            )
            changes: dict[str, list[Any]] = {
                "role": [None, made.role],
                "contacts": [None, made.contacts],
                "source": [None, made.source],
            }
            _entry(tx, made, changes, user=actor, action="create")
            return made
        if found.source != claim.source:
            raise ForbiddenError.said(
                N_(
                    "Für „%(username)s“ gibt es ein Konto, das nicht über diesen Dienst "
                    "angemeldet wird. Bitte wenden Sie sich an die Verwaltung."
                ),
                username=claim.username,
            )
        if not found.active:
            raise ForbiddenError.said(N_("Dieses Konto ist deaktiviert."))
        wanted = dataclasses.replace(
            found,
            role=claim.role,
            contacts=claim.contacts,
            display_name=claim.display_name.strip() or found.username,
        )
        return found if wanted == found else _save_in(tx, wanted, user=actor)

    return store.transaction(work)
