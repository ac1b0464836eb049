"""Create, read, update and delete the relationships of the domain model.

A relationship has its own stable ``id`` and version, so a cooperation or membership can be
edited like any record. Cooperation is symmetric in meaning: it is stored once, in a
canonical direction (smaller id first), and looked up in both directions.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from netzwerk.graph.errors import ConflictError, FieldError, NotFoundError, ValidationError
from netzwerk.graph.model import LINK_TYPES, Link, LinkType
from netzwerk.graph.nodes import Page
from netzwerk.graph.store import Store
from netzwerk.graph.validation import is_valid_id, validate_link


def _spec(type_name: str) -> LinkType:
    spec = LINK_TYPES.get(type_name)
    if spec is None:
        raise ValidationError(
            [FieldError("type", f"„{type_name}“ ist keine bekannte Beziehungsart")]
        )
    return spec


def _idents(spec: LinkType) -> dict[str, str]:
    return {"type": spec.type, "from": spec.source_expr, "to": spec.target_expr}


def link_from_row(row: dict[str, Any]) -> Link:
    """Turn a query row (``link`` map plus optional names) into a :class:`Link`."""
    data = dict(row["link"])
    names = {f.name for f in dataclasses.fields(Link)}
    kwargs = {k: v for k, v in data.items() if k in names and v is not None}
    kwargs["from_name"] = row.get("from_name") or ""
    kwargs["to_name"] = row.get("to_name") or ""
    return Link(**kwargs)


def canonical(link: Link) -> Link:
    """Symmetric links are stored with the smaller id first, so each pair exists once."""
    if link.spec.symmetric and link.to_id < link.from_id:
        return dataclasses.replace(
            link,
            from_id=link.to_id,
            to_id=link.from_id,
            from_name=link.to_name,
            to_name=link.from_name,
        )
    return link


def create_link(store: Store, link: Link) -> Link:
    """Store a relationship between two existing records.

    If the pair is already linked by this type, the existing relationship is returned
    unchanged (adding a member twice is not an error, and never a second edge).
    Raises :class:`NotFoundError` if an endpoint does not exist or has the wrong kind.
    """
    spec = _spec(link.type)
    link = canonical(validate_link(link))
    rows = store.write(
        "links/create",
        _idents(spec),
        id=link.id or f"{spec.type.lower()}-{uuid.uuid4().hex[:16]}",
        from_id=link.from_id,
        to_id=link.to_id,
        props=link.properties(),
        symmetric=spec.symmetric,
    )
    if not rows:
        raise NotFoundError(
            f"„{spec.title}“ braucht {' oder '.join(spec.sources)} „{link.from_id}“ und "
            f"{' oder '.join(spec.targets)} „{link.to_id}“ – mindestens einer fehlt."
        )
    return link_from_row(rows[0])


def get_link(store: Store, type_name: str, link_id: str) -> Link:
    spec = _spec(type_name)
    rows = store.read("links/get", {"type": spec.type}, id=link_id) if is_valid_id(link_id) else []
    if not rows:
        raise NotFoundError(f"Beziehung „{link_id}“ wurde nicht gefunden.")
    return link_from_row(rows[0])


def update_link(store: Store, link: Link) -> Link:
    """Save changed properties of a relationship read earlier (optimistic locking).

    Endpoints cannot change: to move a link, delete it and create a new one.
    """
    spec = _spec(link.type)
    link = validate_link(link)
    rows = store.write(
        "links/update",
        {"type": spec.type},
        id=link.id,
        version=link.version,
        props=link.properties(),
    )
    if not rows:
        raise NotFoundError(f"Beziehung „{link.id}“ wurde nicht gefunden (inzwischen gelöscht?).")
    current = link_from_row(rows[0])
    if not rows[0]["applied"]:
        raise ConflictError(
            f"Die Beziehung „{current.from_name} – {current.to_name}“ wurde inzwischen "
            f"geändert (Version {current.version}, Ihre Version {link.version}). "
            "Ihre Änderungen wurden nicht gespeichert.",
            current=current,
        )
    return current


def delete_link(store: Store, type_name: str, link_id: str) -> Link:
    """Delete a relationship; returns it so the caller can record or undo the deletion."""
    spec = _spec(type_name)
    rows = store.write("links/delete", {"type": spec.type}, id=link_id)
    if not rows:
        raise NotFoundError(f"Beziehung „{link_id}“ wurde nicht gefunden.")
    return link_from_row(rows[0])


def links_of(store: Store, label: str, node_id: str, types: list[str] | None = None) -> list[Link]:
    """Every relationship touching a record, in both directions, for detail pages."""
    from netzwerk.graph.model import LABELS

    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    wanted = [t for t in (types or list(LINK_TYPES)) if t in LINK_TYPES]
    rows = store.read("links/of_node", {"label": label}, id=node_id, types=wanted)
    return [link_from_row(r) for r in rows]


def list_links(store: Store, type_name: str, *, skip: int = 0, limit: int = 100) -> Page[Link]:
    spec = _spec(type_name)
    skip, limit = max(0, int(skip)), min(max(1, int(limit)), 5000)
    rows = store.read("links/list", {"type": spec.type}, skip=skip, limit=limit)
    total = (
        rows[0]["total"]
        if rows
        else int(store.read("stats/count_type", {"type": spec.type})[0]["count"])
    )
    return Page(items=[link_from_row(r) for r in rows], total=total, skip=skip, limit=limit)
