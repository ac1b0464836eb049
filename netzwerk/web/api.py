"""JSON API under /api/v1: the same records, links, rules and history as the browser UI.

Authentication is the browser session (then CSRF applies to writes, as for forms: send the
token in the ``X-CSRFToken`` header) or a personal API token (``Authorization: Bearer …``,
created on /konto; CSRF does not apply because no cookie is involved). Errors are JSON:
``400 {"errors": {field: [messages]}}``, ``404``/``401``/``403`` ``{"error": …}``,
``409 {"error": …, "current": record}``. Documented in docs/API.md; the OpenAPI 3
description is served at /api/v1/openapi.json.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import Blueprint, Flask, Response, abort, g, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.core import codec
from netzwerk.graph.records import duplicates, history, search, visibility
from netzwerk.web import forms
from netzwerk.web.auth import WebUser, can_see_contacts, current_username, require_role
from netzwerk.web.extensions import csrf, get_store
from netzwerk.web.kinds import KINDS
from netzwerk.web.openapi import spec as openapi_spec
from netzwerk.web.said import said, said_by_field

bp = Blueprint("api", __name__)

API_KINDS: dict[str, type[graph.Node]] = {k.api_slug: k.cls for k in KINDS.values()}
VOCAB = {k.api_slug for k in KINDS.values() if k.vocabulary}
KIND_RULE = "/<any(" + ",".join(f"'{k}'" for k in API_KINDS) + "):kind>"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def init_app(app: Flask) -> None:
    """Exempt the API from the global CSRF check; :func:`_authenticate` re-applies it to
    session-authenticated writes, so only token requests go without a CSRF token."""
    csrf.exempt(bp)


@bp.before_request
def _authenticate() -> tuple[Response, int] | None:
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        user = users.authenticate_token(get_store(), header[7:].strip())
        if user is None:
            return _error(401, "Das API-Token ist ungültig oder widerrufen.")
        g._login_user = WebUser(user)  # Flask-Login's current_user for this request only
        g.token_auth = True
        return None
    if request.method not in SAFE_METHODS:
        csrf.protect()
    return None


def _error(status: int, message: str, **extra: Any) -> tuple[Response, int]:
    return jsonify(error=message, status=status, **extra), status


@bp.errorhandler(graph.ValidationError)
def _invalid(err: graph.ValidationError) -> ResponseReturnValue:
    return jsonify(errors=said_by_field(err), error=said(err)), 400


@bp.errorhandler(graph.ConflictError)
def _conflict(err: graph.ConflictError) -> ResponseReturnValue:
    current = err.current
    body: dict[str, Any] = {"error": said(err), "status": 409}
    if isinstance(current, graph.Node):
        body["current"] = node_json(current)
    elif isinstance(current, graph.Link):
        body["current"] = link_json(current)
    return jsonify(body), 409


# --- serialisation (the model's JSON form, netzwerk.graph.core.codec) ---------------------------
def node_json(node: graph.Node) -> dict[str, Any]:
    data = codec.to_json(node)
    if not can_see_contacts():
        data = visibility.redact(node.LABEL, data)
    data["label"] = node.LABEL
    return data


def link_json(link: graph.Link) -> dict[str, Any]:
    if not can_see_contacts():
        link = visibility.mask_link(link)
    encoded = codec.to_json(link)
    data: dict[str, Any] = {
        "id": link.id,
        "type": link.type,
        "from_id": link.from_id,
        "to_id": link.to_id,
    }
    data.update({k: encoded[k] for k in link.spec.fields})
    data.update(
        version=link.version,
        created=encoded["created"],
        updated=encoded["updated"],
        from_name=link.from_name,
        to_name=link.to_name,
    )
    return data


def change_json(c: history.Change) -> dict[str, Any]:
    changes = {k: v for k, v in c.changes.items() if k != "snapshot"}
    if c.link:
        changes["link"] = {**c.link, "other_name": c.other_name}
    return {
        "id": c.id,
        "at": c.at.isoformat(),
        "user": c.user,
        "action": c.action,
        "label": c.label,
        "record_id": c.record_id,
        "record_name": c.record_name,
        "changes": changes,
    }


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise graph.ValidationError(
            [graph.FieldError("body", "muss ein JSON-Objekt sein (Content-Type: application/json)")]
        )
    return data


def _writer(kind: str) -> None:
    role = "admin" if kind in VOCAB else "editor"
    if not current_user.has_role(role):
        abort(403)


def _specs(cls: type[graph.Node]) -> tuple[forms.FieldSpec, ...]:
    return forms.node_fields(cls.LABEL, contacts=True)


def _require_version(data: dict[str, Any]) -> int:
    version = data.get("version")
    if not forms.version_ok(version):
        raise graph.ValidationError(
            [graph.FieldError("version", "ist ein Pflichtfeld (die gelesene Version, ganze Zahl)")]
        )
    return version


def _int_arg(name: str, default: int, lo: int, hi: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise graph.ValidationError([graph.FieldError(name, "muss eine ganze Zahl sein")]) from None
    if not lo <= value <= hi:
        raise graph.ValidationError([graph.FieldError(name, f"muss zwischen {lo} und {hi} liegen")])
    return value


# --- records -------------------------------------------------------------------------------
@bp.get("/me")
@require_role("viewer")
def me() -> ResponseReturnValue:
    u = current_user.user
    return jsonify(
        username=u.username,
        display_name=u.display_name,
        role=u.role,
        contacts=u.can_see_contacts,
        token_auth=bool(g.get("token_auth")),
    )


@bp.get(KIND_RULE)
@require_role("viewer")
def list_records(kind: str) -> ResponseReturnValue:
    cls = API_KINDS[kind]
    args = request.args
    filters = search.Filters(q=(args.get("q") or "").strip()[:200] or None)
    for name in search.FILTERS:
        value = (args.get(name) or "").strip()[:128] or None
        setattr(filters, name, value)
    sort = args.get("sort") or None
    page = search.search(
        get_store(),
        cls,
        filters,
        order_by=sort,
        descending=args.get("order") == "desc",
        skip=_int_arg("skip", 0, 0, 10_000_000),
        limit=_int_arg("limit", 50, 1, 500),
        contacts=can_see_contacts(),
    )
    return jsonify(
        items=[node_json(h.node) for h in page.items],
        total=page.total,
        skip=page.skip,
        limit=page.limit,
    )


@bp.post(KIND_RULE)
@require_role("editor")
def create_record(kind: str) -> ResponseReturnValue:
    _writer(kind)
    cls = API_KINDS[kind]
    data = _body()
    obj = forms.apply_data(cls(), _specs(cls), data, partial=True, strict=True)
    created = graph.create_record(get_store(), obj, user=current_username())
    resp = jsonify(node_json(created))
    resp.status_code = 201
    resp.headers["Location"] = url_for("api.get_record", kind=kind, node_id=created.id)
    return resp


@bp.get(KIND_RULE + "/<node_id>")
@require_role("viewer")
def get_record(kind: str, node_id: str) -> ResponseReturnValue:
    store = get_store()
    node = graph.get(store, API_KINDS[kind], node_id)
    body = node_json(node)
    body["links"] = [link_json(lk) for lk in graph.links_of(store, node.LABEL, node_id)]
    return jsonify(body)


def _save(kind: str, node_id: str, *, partial: bool) -> Response:
    _writer(kind)
    cls = API_KINDS[kind]
    data = _body()
    version = _require_version(data)
    store = get_store()
    current = graph.get(store, cls, node_id)
    base = current if partial else dataclasses.replace(cls(), id=current.id)
    mine = forms.apply_data(base, _specs(cls), data, partial=True, strict=True)
    saved = graph.update_record(
        store, dataclasses.replace(mine, id=node_id, version=version), user=current_username()
    )
    return jsonify(node_json(saved))


@bp.patch(KIND_RULE + "/<node_id>")
@require_role("editor")
def patch_record(kind: str, node_id: str) -> ResponseReturnValue:
    return _save(kind, node_id, partial=True)


@bp.put(KIND_RULE + "/<node_id>")
@require_role("editor")
def put_record(kind: str, node_id: str) -> ResponseReturnValue:
    return _save(kind, node_id, partial=False)


@bp.delete(KIND_RULE + "/<node_id>")
@require_role("editor")
def delete_record(kind: str, node_id: str) -> ResponseReturnValue:
    _writer(kind)
    version = _int_arg("version", -1, -1, 2**31) if "version" in request.args else None
    result = graph.delete_record(
        get_store(), API_KINDS[kind], node_id, user=current_username(), version=version
    )
    return jsonify(
        deleted=result.deleted.node.id,
        links_removed=len(result.deleted.links),
        trash_id=result.trash_id,
    )


@bp.get(KIND_RULE + "/<node_id>/history")
@require_role("viewer")
def record_history(kind: str, node_id: str) -> ResponseReturnValue:
    store = get_store()
    graph.get(store, API_KINDS[kind], node_id)
    limit = _int_arg("limit", 100, 1, 500)
    changes = history.for_record(store, node_id, limit)
    if not can_see_contacts():
        changes = history.without_contacts(changes)
    return jsonify(items=[change_json(c) for c in changes])


# --- links ---------------------------------------------------------------------------------
def _link_type(type_name: str) -> str:
    if type_name not in graph.LINK_TYPES:
        raise graph.ValidationError(
            [
                graph.FieldError(
                    "type", f"muss einer dieser Werte sein: {', '.join(graph.LINK_TYPES)}"
                )
            ]
        )
    return type_name


@bp.post("/links")
@require_role("editor")
def create_link() -> ResponseReturnValue:
    data = _body()
    type_name = _link_type(str(data.get("type", "")))
    for end in ("from_id", "to_id"):
        if not isinstance(data.get(end), str) or not data.get(end):
            raise graph.ValidationError([graph.FieldError(end, "ist ein Pflichtfeld")])
    link = graph.Link(type=type_name, from_id=data["from_id"], to_id=data["to_id"])
    link = forms.apply_data(link, forms.link_fields(type_name), data, partial=True, strict=True)
    created = graph.create_link(get_store(), link, user=current_username())
    return jsonify(link_json(created)), 201


@bp.get("/links/<type_name>/<link_id>")
@require_role("viewer")
def get_link(type_name: str, link_id: str) -> ResponseReturnValue:
    return jsonify(link_json(graph.get_link(get_store(), _link_type(type_name), link_id)))


@bp.patch("/links/<type_name>/<link_id>")
@require_role("editor")
def patch_link(type_name: str, link_id: str) -> ResponseReturnValue:
    data = _body()
    version = _require_version(data)
    store = get_store()
    current = graph.get_link(store, _link_type(type_name), link_id)
    mine = forms.apply_data(current, forms.link_fields(type_name), data, partial=True, strict=True)
    saved = graph.update_link(
        store, dataclasses.replace(mine, version=version), user=current_username()
    )
    return jsonify(link_json(saved))


@bp.delete("/links/<type_name>/<link_id>")
@require_role("editor")
def delete_link(type_name: str, link_id: str) -> ResponseReturnValue:
    removed = graph.delete_link(
        get_store(), _link_type(type_name), link_id, user=current_username()
    )
    return jsonify(deleted=link_id, trash_id=removed.trash_id)


# --- merge, duplicates, suggestions, trash -------------------------------------------------
@bp.post("/actors/<node_id>/merge")
@require_role("editor")
def merge_actor(node_id: str) -> ResponseReturnValue:
    data = _body()
    dup = data.get("duplicate_id")
    if not isinstance(dup, str) or not dup:
        raise graph.ValidationError([graph.FieldError("duplicate_id", "ist ein Pflichtfeld")])
    versions = {}
    for key in ("version", "duplicate_version"):
        value = data.get(key)
        if value is not None and not forms.version_ok(value):
            raise graph.ValidationError([graph.FieldError(key, "muss eine ganze Zahl sein")])
        versions[key] = value
    result = graph.merge_actors(
        get_store(),
        node_id,
        dup,
        user=current_username(),
        survivor_version=versions["version"],
        duplicate_version=versions["duplicate_version"],
    )
    return jsonify(
        survivor=node_json(result.survivor),
        merged=dup,
        links_moved=result.moved,
        links_already_present=result.absorbed,
        links_dropped=result.dropped,
        fields_filled=result.filled,
        changeset=result.changeset,
    )


@bp.get("/actors/duplicates")
@require_role("viewer")
def actor_duplicates() -> ResponseReturnValue:
    name = (request.args.get("name") or "").strip()[:500]
    if not name:
        raise graph.ValidationError([graph.FieldError("name", "ist ein Pflichtfeld")])
    found = duplicates.find_similar(
        get_store(),
        name,
        email=(request.args.get("email") or "")[:254],
        website=(request.args.get("website") or "")[:500],
        exclude=request.args.get("exclude") or None,
    )
    return jsonify(
        items=[
            {"actor": node_json(c.actor), "score": round(c.score, 3), "reasons": c.reasons}
            for c in found
        ]
    )


@bp.get("/suggest")
@require_role("viewer")
def suggest() -> ResponseReturnValue:
    labels = [lb for lb in (request.args.get("labels") or "Actor").split(",") if lb in graph.LABELS]
    found = search.suggest(get_store(), request.args.get("q"), labels, contacts=can_see_contacts())
    return jsonify(items=[dataclasses.asdict(s) for s in found])


@bp.post("/trash/<entry_id>/restore")
@require_role("editor")
def restore(entry_id: str) -> ResponseReturnValue:
    result = graph.undo(get_store(), entry_id, user=current_username(), role=current_user.user.role)
    if result.node is None:
        return jsonify(
            restored=result.link.id if result.link else None,
            kind="link",
            links=len(result.restored),
            links_not_restored=[lk.id for lk in result.skipped],
        )
    return jsonify(
        restored=result.node.id,
        kind="node",
        links=len(result.restored),
        links_not_restored=[lk.id for lk in result.skipped],
    )


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_spec())
