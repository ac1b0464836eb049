"""User accounts and roles, stored in Neo4j beside the network.

Roles are ordered: ``viewer`` reads, ``editor`` also edits data, ``admin`` also manages
users and vocabularies. Personal contact data (e-mail, phone of persons) is visible to
editors and admins, and to viewers only with the ``contacts`` grant. Passwords are stored
as salted scrypt hashes (werkzeug.security); authentication does the same work for unknown
names as for known ones, so response times do not reveal which accounts exist.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict, Unpack

from werkzeug.security import check_password_hash, generate_password_hash

from netzwerk.graph.core.errors import ConflictError, FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.core.store import Store, Tx

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
ROLE_TITLES = {"viewer": "Lesen", "editor": "Bearbeiten", "admin": "Verwaltung"}
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._\-@]{1,63}$")
_DUMMY_HASH = generate_password_hash("netzwerk-dummy-password")


@dataclass(kw_only=True)
class User:
    id: str = ""
    username: str = ""
    display_name: str = ""
    role: str = "viewer"
    """Within the user's organisation; ``admin`` administers the whole instance."""
    org: str = DEFAULT_ORG
    """The organisation (slug) the user works for: it owns what the user creates."""
    contacts: bool = False
    active: bool = True
    source: str = "local"
    """Where the password is checked: ``local`` (here), ``ldap`` or ``oidc`` (the directory)."""
    password_hash: str = dataclasses.field(default="", repr=False)
    session_nonce: str = dataclasses.field(default="", repr=False)
    totp_secret: str = dataclasses.field(default="", repr=False)
    totp_last: int = dataclasses.field(default=0, repr=False)
    """The last time step a code was accepted for: a code is never accepted twice."""
    backup_codes: list[str] = dataclasses.field(default_factory=list, repr=False)
    created: datetime | None = None
    updated: datetime | None = None
    version: int = 0

    def has_role(self, role: str) -> bool:
        """Whether this user has ``role`` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def can_see_contacts(self) -> bool:
        return self.has_role("editor") or self.contacts

    @property
    def two_factor(self) -> bool:
        """Whether a second factor (TOTP) is set up for this account."""
        return bool(self.totp_secret)


def _from(props: dict[str, Any]) -> User:
    names = {f.name for f in dataclasses.fields(User)}
    return User(**{k: v for k, v in props.items() if k in names and v is not None})


def check_password_policy(password: str) -> list[FieldError]:
    errors = []
    if len(password) < MIN_PASSWORD:
        errors.append(
            FieldError.said(
                "password",
                N_("muss mindestens %(min_password)s Zeichen haben"),
                min_password=MIN_PASSWORD,
            )
        )
    if password.strip() != password or not password.strip():
        errors.append(FieldError("password", N_("darf nicht mit Leerzeichen beginnen oder enden")))
    if password.isdigit() or password.isalpha():
        errors.append(
            FieldError("password", N_("muss Buchstaben und Ziffern oder Zeichen mischen"))
        )
    return errors


SOURCES = ("local", "ldap", "oidc")


def check_new_account(username: str, password: str | None, role: str) -> str:
    """The normalised login name of a new account; ValidationError if anything is wrong.

    ``password`` is None for directory accounts (LDAP, OpenID Connect): their password is
    checked by the directory, never stored here.
    """
    username = username.strip().lower()
    errors: list[FieldError] = []
    if not _USERNAME.match(username):
        errors.append(FieldError("username", N_("2–64 Zeichen: Kleinbuchstaben, Ziffern, . _ - @")))
    errors += check_role(role)
    if password is not None:
        errors += check_password_policy(password)
    if errors:
        raise ValidationError(errors)
    return username


def check_role(role: str) -> list[FieldError]:
    if role in ROLES:
        return []
    return [
        FieldError.said(
            "role", N_("muss einer dieser Werte sein: %(values)s"), values=", ".join(ROLES)
        )
    ]


def create_in(
    tx: Tx,
    username: str,
    *,
    role: str,
    display_name: str = "",
    contacts: bool = False,
    password: str | None = None,
    source: str = "local",
    org: str = DEFAULT_ORG,
) -> User:
    """Create a checked account inside a running transaction (no history: the caller's)."""
    if tx.run("users/get_by_username", username=username):
        raise ValidationError([FieldError("username", N_("ist bereits vergeben"))])
    props = {
        "display_name": display_name.strip() or username,
        "role": role,
        "org": org,
        "contacts": contacts,
        "active": True,
        "source": source,
        "password_hash": generate_password_hash(password) if password is not None else "",
    }
    rows = tx.run(
        "users/create", id=f"user-{uuid.uuid4().hex[:16]}", username=username, props=props
    )
    return _from(rows[0]["user"])


class AccountOptions(TypedDict, total=False):
    """What a new local account may be given besides its name and password."""

    role: str
    display_name: str
    contacts: bool
    org: str


def new_account(
    username: str, password: str, **options: Unpack[AccountOptions]
) -> Callable[[Tx], User]:
    """A new local account checked against the policy before any transaction opens, as the
    write that creates it: the caller runs it, with or without a history entry."""
    role = options.get("role", "viewer")
    username = check_new_account(username, password, role)
    return lambda tx: create_in(tx, username, password=password, **(options | {"role": role}))


def create_user(
    store: Store, username: str, password: str, **options: Unpack[AccountOptions]
) -> User:
    """A local account without a history entry: demo accounts and test fixtures only.

    Every account made by a person goes through
    :func:`netzwerk.graph.operations.accounts.create_account`, which records who made it.
    """
    return store.transaction(new_account(username, password, **options))


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The user if name and password match and the account is active, else None.

    Directory accounts have no password here and never match (their directory checks it).
    """
    rows = store.read("users/get_by_username", username=(username or "").strip().lower())
    user = _from(rows[0]["user"]) if rows else None
    if user is None or not user.password_hash or user.source != "local":
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.active:
        return None
    return user


def get_user(store: Store, user_id: str) -> User:
    rows = store.read("users/get", id=user_id)
    if not rows:
        raise NotFoundError.said(
            N_("Benutzerkonto „%(user_id)s“ wurde nicht gefunden."), user_id=user_id
        )
    return _from(rows[0]["user"])


def get_in(tx: Tx, user_id: str) -> User:
    rows = tx.run("users/get", id=user_id)
    if not rows:
        raise NotFoundError.said(
            N_("Benutzerkonto „%(user_id)s“ wurde nicht gefunden."), user_id=user_id
        )
    return _from(rows[0]["user"])


def find_user(store: Store, username: str) -> User | None:
    rows = store.read("users/get_by_username", username=username.strip().lower())
    return _from(rows[0]["user"]) if rows else None


def list_users(store: Store) -> list[User]:
    return [_from(r["user"]) for r in store.read("users/list")]


def find_in(tx: Tx, username: str) -> User | None:
    rows = tx.run("users/get_by_username", username=username.strip().lower())
    return _from(rows[0]["user"]) if rows else None


@dataclass(kw_only=True)
class DirectoryClaim:
    """What a directory (LDAP) or login service (OpenID Connect) says about a person who
    just logged in there: the login name, the name to show, and the role and contacts grant
    its groups map to (:mod:`netzwerk.graph.admin.directory`)."""

    source: str
    username: str
    display_name: str = ""
    role: str = "viewer"
    contacts: bool = False


def update_in(
    tx: Tx,
    user: User,
    *,
    password: str | None = None,
    extra: dict[str, Any] | None = None,
    end_sessions: bool = False,
) -> tuple[User, User]:
    """Save role, grants, display name, active flag (and ``extra`` fields, a new password)
    inside a running transaction; returns the account before and after.

    A new password, a deactivation and a reactivation also revoke every API token of the
    account: whoever made a token before (perhaps the person the password was reset
    against) must not keep using the account through it. A new password or a deactivation
    ends every browser session of the account.
    """
    errors = check_role(user.role)
    if password is not None:
        errors += check_password_policy(password)
    if errors:
        raise ValidationError(errors)
    props: dict[str, Any] = {
        "display_name": user.display_name,
        "role": user.role,
        "org": user.org,
        "contacts": user.contacts,
        "active": user.active,
        **(extra or {}),
    }
    if password is not None:
        props["password_hash"] = generate_password_hash(password)
    if password is not None or not user.active or end_sessions:
        props["session_nonce"] = secrets.token_urlsafe(16)
    before = get_in(tx, user.id)
    rows = tx.run("users/update", id=user.id, version=user.version, props=props)
    current = _from(rows[0]["user"])
    if not rows[0]["applied"]:
        raise ConflictError.said(N_("Das Benutzerkonto wurde inzwischen geändert."), current)
    if password is not None or before.active != user.active:
        tx.run("users/token_revoke_all", user_id=user.id)
    return before, current


def use_code(store: Store, user_id: str, *, step: int = 0, used: str = "") -> bool:
    """Accept a second-factor code once: a TOTP code of time ``step`` (later than the last
    accepted one), or the backup code whose hash is ``used`` (struck off). False for a
    replayed code.

    Bookkeeping like the session nonce: not versioned, no history entry.
    """
    rows = store.write("users/totp_used", id=user_id, step=step, used=used)
    return bool(rows and rows[0]["applied"])


def session_nonce(store: Store, user_id: str, *, rotate: bool = False) -> str:
    """The nonce a browser session of ``user_id`` must carry; ``rotate`` replaces it.

    Signed cookie sessions cannot be revoked one by one, so the login stores this value in
    the session and every request compares it with the account's; rotating it on logout
    makes all earlier cookies of the account useless, even copied ones.
    """
    rows = store.write(
        "users/session_nonce", id=user_id, nonce=secrets.token_urlsafe(16), rotate=rotate
    )
    if not rows:
        raise NotFoundError.said(
            N_("Benutzerkonto „%(user_id)s“ wurde nicht gefunden."), user_id=user_id
        )
    return str(rows[0]["nonce"])


def delete_user(store: Store, user_id: str) -> None:
    if not store.write("users/delete", id=user_id)[0]["deleted"]:
        raise NotFoundError.said(
            N_("Benutzerkonto „%(user_id)s“ wurde nicht gefunden."), user_id=user_id
        )


# --- API tokens ------------------------------------------------------------------------------
TOKEN_PREFIX = "nzw_"


@dataclass(kw_only=True)
class ApiToken:
    """A personal API token; the secret itself is shown once and stored only as a hash."""

    id: str
    name: str
    prefix: str
    created: datetime | None = None
    last_used: datetime | None = None


def _token_hash(secret: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough (no dictionary to guess from).
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(store: Store, user_id: str, name: str) -> tuple[str, ApiToken]:
    """A new token for ``user_id``; returns the secret (show it once) and its record."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError(
            [FieldError("name", N_("ist ein Pflichtfeld (höchstens 100 Zeichen)"))]
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    rows = store.write(
        "users/token_create",
        user_id=user_id,
        id=f"token-{uuid.uuid4().hex[:16]}",
        name=name,
        hash=_token_hash(secret),
        prefix=secret[:10],
    )
    if not rows:
        raise NotFoundError.said(
            N_("Benutzerkonto „%(user_id)s“ wurde nicht gefunden."), user_id=user_id
        )
    return secret, ApiToken(**rows[0]["token"])


def authenticate_token(store: Store, secret: str) -> User | None:
    """The active account a token belongs to, or None."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    rows = store.write("users/token_user", hash=_token_hash(secret))
    if not rows:
        return None
    user = _from(rows[0]["user"])
    return user if user.active else None


def list_tokens(store: Store, user_id: str) -> list[ApiToken]:
    return [ApiToken(**r["token"]) for r in store.read("users/token_list", user_id=user_id)]


def list_tokens_in(tx: Tx, user_id: str) -> list[ApiToken]:
    return [ApiToken(**r["token"]) for r in tx.run("users/token_list", user_id=user_id)]


def revoke_token_in(tx: Tx, user_id: str, token_id: str) -> ApiToken:
    """Revoke one of ``user_id``'s tokens inside a running transaction; returns what it was."""
    rows = tx.run("users/token_delete", user_id=user_id, id=token_id)
    if not rows[0]["deleted"]:
        raise NotFoundError.said(N_("Dieses Token gibt es nicht (mehr)."))
    return ApiToken(id=token_id, name=rows[0]["name"] or "", prefix="")


@dataclass(kw_only=True)
class OwnedToken:
    """A token with its account, for the admin's overview of all tokens."""

    token: ApiToken
    user_id: str
    username: str


def all_tokens(store: Store, user_id: str | None = None) -> list[OwnedToken]:
    """Every account's tokens (or one account's), by login name, newest first."""
    return [
        OwnedToken(token=ApiToken(**r["token"]), user_id=r["user_id"], username=r["username"])
        for r in store.read("users/token_list_all", user_id=user_id)
    ]


def owner_of_token(tx: Tx, token_id: str) -> str:
    """The id of the account a token belongs to (NotFoundError if there is no such token)."""
    rows = tx.run("users/token_owner", id=token_id)
    if not rows:
        raise NotFoundError.said(N_("Dieses Token gibt es nicht (mehr)."))
    return str(rows[0]["user_id"])


def revoke_all_in(tx: Tx, user_id: str) -> int:
    """Revoke every token of one account inside a running transaction; how many there were."""
    return int(tx.run("users/token_revoke_all", user_id=user_id)[0]["revoked"])
