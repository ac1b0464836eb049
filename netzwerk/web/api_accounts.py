"""Accounts in the JSON API (``/api/v1/accounts``, ``/api/v1/tokens``): for an IT
department's provisioning scripts. The same use cases as the administration page and the
CLI (:mod:`netzwerk.graph.operations.accounts`), so each leaves the same history."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.operations import accounts
from netzwerk.web.api import _body, bp
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.extensions import get_store

_TYPES: dict[str, type] = {
    "display_name": str,
    "role": str,
    "contacts": bool,
    "active": bool,
    "password": str,
}


def account_json(u: users.User) -> dict[str, Any]:
    """An account without its secrets (no hashes, no TOTP key)."""
    return {
        "id": u.id,
        "username": u.username,
        "display_name": u.display_name,
        "role": u.role,
        "contacts": u.contacts,
        "active": u.active,
        "source": u.source,
        "two_factor": u.two_factor,
        "version": u.version,
    }


def _fields(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    errors = [
        graph.FieldError(k, "ist unbekannt oder hat den falschen Typ")
        for k, v in data.items()
        if k not in allowed or not isinstance(v, _TYPES[k])
    ]
    if errors:
        raise graph.ValidationError(errors)
    return data


@bp.get("/accounts")
@require_role("admin")
def list_accounts() -> ResponseReturnValue:
    return jsonify(items=[account_json(u) for u in users.list_users(get_store())])


@bp.post("/accounts")
@require_role("admin")
def create_account() -> ResponseReturnValue:
    data = _body()
    username, password = data.pop("username", ""), data.pop("password", "")
    if not isinstance(username, str) or not isinstance(password, str):
        raise graph.ValidationError([graph.FieldError("username", "muss Text sein")])
    fields = _fields(data, ("display_name", "role", "contacts"))
    made = accounts.create_account(
        get_store(), username, password, user=current_username(), **fields
    )
    return jsonify(account_json(made)), 201


@bp.patch("/accounts/<user_id>")
@require_role("admin")
def patch_account(user_id: str) -> ResponseReturnValue:
    fields = _fields(_body(), ("display_name", "role", "contacts", "active", "password"))
    changed = accounts.change_account(get_store(), user_id, user=current_username(), **fields)
    return jsonify(account_json(changed))


@bp.post("/accounts/<user_id>/two-factor/reset")
@require_role("admin")
def reset_two_factor(user_id: str) -> ResponseReturnValue:
    return jsonify(
        account_json(accounts.reset_two_factor(get_store(), user_id, user=current_username()))
    )


@bp.delete("/accounts/<user_id>/tokens")
@require_role("admin")
def revoke_tokens(user_id: str) -> ResponseReturnValue:
    n = accounts.revoke_all_tokens(get_store(), user_id, user=current_username())
    return jsonify(revoked=n)


@bp.delete("/tokens/<token_id>")
@require_role("viewer")
def revoke_token(token_id: str) -> ResponseReturnValue:
    """Revoke a token: one's own, or (admins) anyone's."""
    owner = None if current_user.has_role("admin") else current_user.user.id
    gone = accounts.revoke_token(get_store(), token_id, user=current_username(), owner_id=owner)
    return jsonify(id=token_id, name=gone.token.name, user=gone.username)
