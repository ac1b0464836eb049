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
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from werkzeug.security import check_password_hash, generate_password_hash

from netzwerk.graph.core.errors import ConflictError, FieldError, NotFoundError, ValidationError
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
    contacts: bool = False
    active: bool = True
    password_hash: str = dataclasses.field(default="", repr=False)
    session_nonce: str = dataclasses.field(default="", repr=False)
    created: datetime | None = None
    updated: datetime | None = None
    version: int = 0

    def has_role(self, role: str) -> bool:
        """Whether this user has ``role`` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def can_see_contacts(self) -> bool:
        return self.has_role("editor") or self.contacts


def _from(props: dict[str, Any]) -> User:
    names = {f.name for f in dataclasses.fields(User)}
    return User(**{k: v for k, v in props.items() if k in names and v is not None})


def check_password_policy(password: str) -> list[FieldError]:
    errors = []
    if len(password) < MIN_PASSWORD:
        errors.append(FieldError("password", f"muss mindestens {MIN_PASSWORD} Zeichen haben"))
    if password.strip() != password or not password.strip():
        errors.append(FieldError("password", "darf nicht mit Leerzeichen beginnen oder enden"))
    if password.isdigit() or password.isalpha():
        errors.append(FieldError("password", "muss Buchstaben und Ziffern oder Zeichen mischen"))
    return errors


def create_user(
    store: Store,
    username: str,
    password: str,
    *,
    role: str = "viewer",
    display_name: str = "",
    contacts: bool = False,
) -> User:
    username = username.strip().lower()
    errors: list[FieldError] = []
    if not _USERNAME.match(username):
        errors.append(FieldError("username", "2–64 Zeichen: Kleinbuchstaben, Ziffern, . _ - @"))
    if role not in ROLES:
        errors.append(FieldError("role", f"muss einer dieser Werte sein: {', '.join(ROLES)}"))
    errors += check_password_policy(password)
    if errors:
        raise ValidationError(errors)
    if store.read("users/get_by_username", username=username):
        raise ValidationError([FieldError("username", "ist bereits vergeben")])
    props = {
        "display_name": display_name.strip() or username,
        "role": role,
        "contacts": contacts,
        "active": True,
        "password_hash": generate_password_hash(password),
    }
    rows = store.write(
        "users/create", id=f"user-{uuid.uuid4().hex[:16]}", username=username, props=props
    )
    return _from(rows[0]["user"])


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The user if name and password match and the account is active, else None."""
    rows = store.read("users/get_by_username", username=(username or "").strip().lower())
    if not rows:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    user = _from(rows[0]["user"])
    if not check_password_hash(user.password_hash, password or "") or not user.active:
        return None
    return user


def get_user(store: Store, user_id: str) -> User:
    rows = store.read("users/get", id=user_id)
    if not rows:
        raise NotFoundError(f"Benutzerkonto „{user_id}“ wurde nicht gefunden.")
    return _from(rows[0]["user"])


def find_user(store: Store, username: str) -> User | None:
    rows = store.read("users/get_by_username", username=username.strip().lower())
    return _from(rows[0]["user"]) if rows else None


def list_users(store: Store) -> list[User]:
    return [_from(r["user"]) for r in store.read("users/list")]


def update_user(store: Store, user: User, *, password: str | None = None) -> User:
    """Save role, grants, display name, active flag and optionally a new password.

    A new password, a deactivation and a reactivation also revoke every API token of the
    account, in the same transaction: whoever made a token before (perhaps the person the
    password was reset against) must not keep using the account through it.
    """
    errors: list[FieldError] = []
    if user.role not in ROLES:
        errors.append(FieldError("role", f"muss einer dieser Werte sein: {', '.join(ROLES)}"))
    if password is not None:
        errors += check_password_policy(password)
    if errors:
        raise ValidationError(errors)
    props: dict[str, Any] = {
        "display_name": user.display_name,
        "role": user.role,
        "contacts": user.contacts,
        "active": user.active,
    }
    if password is not None:
        props["password_hash"] = generate_password_hash(password)
    if password is not None or not user.active:
        # A new password or a deactivation ends every browser session of the account.
        props["session_nonce"] = secrets.token_urlsafe(16)

    def work(tx: Tx) -> list[dict[str, Any]]:
        before = tx.run("users/get", id=user.id)
        rows = tx.run("users/update", id=user.id, version=user.version, props=props)
        was_active = bool(before and before[0]["user"].get("active"))
        if rows and rows[0]["applied"] and (password is not None or was_active != user.active):
            tx.run("users/token_revoke_all", user_id=user.id)
        return rows

    rows = store.transaction(work)
    if not rows:
        raise NotFoundError(f"Benutzerkonto „{user.id}“ wurde nicht gefunden.")
    current = _from(rows[0]["user"])
    if not rows[0]["applied"]:
        raise ConflictError("Das Benutzerkonto wurde inzwischen geändert.", current=current)
    return current


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
        raise NotFoundError(f"Benutzerkonto „{user_id}“ wurde nicht gefunden.")
    return str(rows[0]["nonce"])


def delete_user(store: Store, user_id: str) -> None:
    if not store.write("users/delete", id=user_id)[0]["deleted"]:
        raise NotFoundError(f"Benutzerkonto „{user_id}“ wurde nicht gefunden.")


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
        raise ValidationError([FieldError("name", "ist ein Pflichtfeld (höchstens 100 Zeichen)")])
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
        raise NotFoundError(f"Benutzerkonto „{user_id}“ wurde nicht gefunden.")
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


def revoke_token(store: Store, user_id: str, token_id: str) -> None:
    if not store.write("users/token_delete", user_id=user_id, id=token_id)[0]["deleted"]:
        raise NotFoundError("Dieses Token gibt es nicht (mehr).")


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


def revoke_any_token(store: Store, token_id: str) -> OwnedToken:
    """Revoke a token of any account (admins); returns what it was, for the history."""
    row = store.write("users/token_delete_any", id=token_id)[0]
    if not row["deleted"]:
        raise NotFoundError("Dieses Token gibt es nicht (mehr).")
    return OwnedToken(
        token=ApiToken(id=token_id, name=row["name"] or "", prefix=""),
        user_id=row["user_id"],
        username=row["username"],
    )


def revoke_all_tokens(store: Store, user_id: str) -> int:
    """Revoke every token of one account; returns how many there were."""
    return int(store.write("users/token_revoke_all", user_id=user_id)[0]["revoked"])
