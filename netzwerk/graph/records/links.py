"""Relationships of the domain model: reads on the store, writes inside a transaction.

A relationship has its own stable ``id`` and version, so a cooperation or membership can be
edited like any record. Cooperation is symmetric in meaning: it is stored once, in a
canonical direction (smaller id first), and looked up in both directions.

As in :mod:`netzwerk.graph.records.nodes`, the write functions take an open transaction and write
the relationship only; :mod:`netzwerk.graph.operations` adds history and trash in the same
transaction. Every write returns the labels of both ends, so the history can be recorded on
each end under its real label.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationError,
    overtaken,
)
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LABELS, LINK_TYPES, Link, LinkType
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import is_valid_id, validate_link
from netzwerk.graph.core.values import Page, canonical, new_link_id
from netzwerk.graph.records import visibility
from netzwerk.graph.records.trash import DeletedLink

Labels = tuple[str, str]


def spec_of(type_name: str) -> LinkType:
    spec = LINK_TYPES.get(type_name)
    if spec is None:
        raise ValidationError(
            [
                FieldError.said(
                    "type",
                    N_("„%(type_name)s“ ist keine bekannte Beziehungsart"),
                    type_name=type_name[:80],
                )
            ]
        )
    return spec


def _idents(spec: LinkType, labels: Labels | None = None) -> dict[str, str]:
    """Placeholders of a link query; known end labels narrow the match (faster, exact)."""
    from_expr, to_expr = spec.source_expr, spec.target_expr
    if labels and labels[0] in spec.sources and labels[1] in spec.targets:
        from_expr, to_expr = labels
    return {"type": spec.type, "from": from_expr, "to": to_expr}


def _labels(row: dict[str, Any]) -> Labels:
    return (str(row.get("from_label") or ""), str(row.get("to_label") or ""))


# --- reads ----------------------------------------------------------------------------------
def get_link(store: Store, type_name: str, link_id: str) -> Link:
    spec = spec_of(type_name)
    rows = (
        store.read("links/get", {"type": spec.type}, id=link_id, reader=visibility.reader())
        if is_valid_id(link_id)
        else []
    )
    if not rows:
        raise NotFoundError.said(
            N_("Beziehung „%(link_id)s“ wurde nicht gefunden."), link_id=link_id[:80]
        )
    return codec.link_from_row(rows[0])


def links_of(store: Store, label: str, node_id: str, types: list[str] | None = None) -> list[Link]:
    """Every relationship touching a record, in both directions, for detail pages."""
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    wanted = [t for t in (types or list(LINK_TYPES)) if t in LINK_TYPES]
    rows = store.read(
        "links/of_node", {"label": label}, id=node_id, types=wanted, reader=visibility.reader()
    )
    return [codec.link_from_row(r) for r in rows]


def list_links(store: Store, type_name: str, *, skip: int = 0, limit: int = 100) -> Page[Link]:
    spec = spec_of(type_name)
    skip, limit = max(0, int(skip)), min(max(1, int(limit)), 5000)
    reader = visibility.reader()
    rows = store.read("links/list", {"type": spec.type}, skip=skip, limit=limit, reader=reader)
    if not rows and skip:  # past the end: the total the reader may count
        first = store.read("links/list", {"type": spec.type}, skip=0, limit=1, reader=reader)
        total = int(first[0]["total"]) if first else 0
    else:
        total = int(rows[0]["total"]) if rows else 0
    return Page(items=[codec.link_from_row(r) for r in rows], total=total, skip=skip, limit=limit)


# --- writes inside a transaction ------------------------------------------------------------
def insert(tx: Tx, link: Link) -> tuple[Link, bool, Labels]:
    """Store a relationship between two existing records; returns (link, created, labels).

    If the pair is already linked by this type, the existing relationship is returned with
    ``created`` false (adding a member twice is not an error, and never a second edge).
    Raises :class:`NotFoundError` if an endpoint does not exist or has the wrong kind.
    """
    spec = spec_of(link.type)
    link = canonical(validate_link(link))
    rows = tx.run(
        "links/create",
        _idents(spec),
        id=link.id or new_link_id(spec.type),
        from_id=link.from_id,
        to_id=link.to_id,
        props=link.properties(),
        symmetric=spec.symmetric,
    )
    if not rows:
        raise NotFoundError.said(
            N_(
                "„%(kind)s“ braucht %(sources)s „%(from_id)s“ und %(targets)s "
                "„%(to_id)s“ – mindestens einer fehlt."
            ),
            kind=spec.title,
            sources=" oder ".join(spec.sources),
            from_id=link.from_id[:80],
            targets=" oder ".join(spec.targets),
            to_id=link.to_id[:80],
        )
    return codec.link_from_row(rows[0]), bool(rows[0]["created"]), _labels(rows[0])


def save(tx: Tx, link: Link) -> tuple[Link, Link, Labels]:
    """Save changed properties of a relationship read earlier (optimistic locking).

    Returns (before, after, labels). Endpoints cannot change: to move a link, delete it and
    create a new one.
    """
    spec = spec_of(link.type)
    link = validate_link(link)
    rows = tx.run(
        "links/update",
        {"type": spec.type},
        id=link.id,
        version=link.version,
        props=link.properties(),
    )
    if not rows:
        raise NotFoundError.said(
            N_("Beziehung „%(id)s“ wurde nicht gefunden (inzwischen gelöscht?)."), id=link.id[:80]
        )
    current = codec.link_from_row(rows[0])
    if not rows[0]["applied"]:
        raise overtaken(
            N_(
                "Die Beziehung „%(from_name)s – %(to_name)s“ wurde inzwischen "
                "geändert (Version %(version)s, Ihre Version %(own_version)s). Ihre "
                "Änderungen wurden nicht gespeichert."
            ),
            current,
            link.version,
            from_name=current.from_name,
            to_name=current.to_name,
        )
    before = codec.link_from_row({**rows[0], "link": rows[0]["before"]})
    return before, current, _labels(rows[0])


def remove(tx: Tx, type_name: str, link_id: str, *, version: int | None = None) -> DeletedLink:
    """Delete a relationship; returns it with its end labels, for the trash and history."""
    spec = spec_of(type_name)
    rows = (
        tx.run("links/delete", {"type": spec.type}, id=link_id, version=version)
        if is_valid_id(link_id)
        else []
    )
    if not rows:
        raise NotFoundError.said(
            N_("Beziehung „%(link_id)s“ wurde nicht gefunden."), link_id=link_id[:80]
        )
    link = codec.link_from_row(rows[0])
    if not rows[0]["applied"]:
        raise ConflictError.said(
            N_(
                "Die Beziehung „%(from_name)s – %(to_name)s“ wurde inzwischen "
                "geändert und daher nicht entfernt."
            ),
            link,
            from_name=link.from_name,
            to_name=link.to_name,
        )
    return DeletedLink(link=link, labels=_labels(rows[0]))


def reinsert_many(tx: Tx, links: list[Link], labels: dict[str, Labels]) -> list[Link]:
    """Put deleted relationships back as they were (id, fields, ``created``); version + 1.

    A link comes back only if both ends exist and the pair is not linked by this type again
    meanwhile; the links that did come back are returned (with end names), so callers report
    exactly what was restored.
    """
    groups: dict[tuple[str, Labels], list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        spec = LINK_TYPES.get(link.type)
        if spec is None:
            continue
        ends = labels.get(link.id) or ("", "")
        props = {
            **link.properties(),
            "id": link.id,
            "created": link.created,
            "version": link.version,
        }
        groups[(spec.type, ends)].append(
            {
                "from_id": link.from_id,
                "to_id": link.to_id,
                "props": {k: v for k, v in props.items() if v is not None},
            }
        )
    restored: list[Link] = []
    for (type_name, ends), rows in groups.items():
        spec = LINK_TYPES[type_name]
        out = tx.run("links/restore_many", _idents(spec, ends), rows=rows, symmetric=spec.symmetric)
        restored += [codec.link_from_row(r) for r in out]
    return restored
