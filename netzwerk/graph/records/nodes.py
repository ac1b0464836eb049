"""Records of every node kind: reads on the store, writes inside a transaction.

One generic implementation serves all kinds (actors, persons, alliances, projects and the
vocabularies) because their life cycle is identical; the dataclass passed in decides the
label, and the label only ever comes from :data:`netzwerk.graph.core.model.LABELS`.

The write functions here (:func:`insert`, :func:`save`, :func:`remove`, :func:`reinsert`)
take an open transaction and write the record only. History and trash are written by the
use cases in :mod:`netzwerk.graph.operations`, which call these inside one transaction;
nothing else in the application writes records.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationError,
    not_found,
    overtaken,
)
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import DEFAULT_ORG, LABELS, N, Node
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import is_valid_id, validate_node
from netzwerk.graph.core.values import Page, new_id, window
from netzwerk.graph.records import visibility
from netzwerk.graph.records.trash import Deleted


def label_of(cls: type[Node]) -> str:
    """The label of a node class, refusing anything that is not a kind of the model."""
    if LABELS.get(cls.LABEL) is not cls:
        raise TypeError(f"{cls!r} is not a node kind of the model")
    return cls.LABEL


def _not_found(cls: type[Node], node_id: str) -> NotFoundError:
    return not_found(cls.TITLE, node_id)


# --- reads ----------------------------------------------------------------------------------
def get(store: Store, cls: type[N], node_id: str) -> N:
    """The record with ``node_id``; raises :class:`NotFoundError` if there is none."""
    label = label_of(cls)
    if not is_valid_id(node_id):
        raise _not_found(cls, node_id)
    rows = store.read("nodes/get", {"label": label}, id=node_id, reader=visibility.reader())
    if not rows:
        raise _not_found(cls, node_id)
    return codec.from_store(cls, rows[0]["node"])


def get_many(store: Store, cls: type[N], ids: list[str]) -> list[N]:
    rows = store.read(
        "nodes/find_by_ids", {"label": label_of(cls)}, ids=list(ids), reader=visibility.reader()
    )
    return [codec.from_store(cls, r["node"]) for r in rows]


def list_nodes(
    store: Store,
    cls: type[N],
    *,
    skip: int = 0,
    limit: int = 50,
    order_by: str = "name",
    descending: bool = False,
) -> Page[N]:
    """A page of records sorted by a field of the kind (case-insensitive)."""
    label = label_of(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    if order_by not in fields:
        raise ValidationError(
            [
                FieldError.said(
                    "order_by", N_("unbekanntes Sortierfeld „%(order_by)s“"), order_by=order_by
                )
            ]
        )
    skip, limit = window(skip, limit, 1000)
    idents, reader = {"label": label, "order": order_by}, visibility.reader()
    rows = store.read(
        "nodes/list", idents, skip=skip, limit=limit, descending=descending, reader=reader
    )
    if not rows and skip:  # past the end: the total the reader may count
        first = store.read("nodes/list", idents, skip=0, limit=1, descending=False, reader=reader)
        total = int(first[0]["total"]) if first else 0
    else:
        total = int(rows[0]["total"]) if rows else 0
    return Page(
        items=[codec.from_store(cls, r["node"]) for r in rows], total=total, skip=skip, limit=limit
    )


# --- writes inside a transaction ------------------------------------------------------------
def insert(tx: Tx, obj: N, *, org: str = DEFAULT_ORG) -> N:
    """Validate and store a new record owned by ``org``; an id is generated unless the
    caller supplied one."""
    label = label_of(type(obj))
    obj = validate_node(obj)
    rows = tx.run(
        "nodes/create",
        {"label": label},
        id=obj.id or new_id(label),
        props=obj.properties(),
        org=org,
    )
    return codec.from_store(type(obj), rows[0]["node"])


def save(tx: Tx, obj: N) -> tuple[N, N]:
    """Save changes to a record read earlier; returns (before, after).

    ``obj.version`` must be the version that was read; if someone saved the record since,
    :class:`ConflictError` is raised with the current record and nothing is changed.
    """
    cls = type(obj)
    label = label_of(cls)
    obj = validate_node(obj)
    if not obj.id:
        raise ValidationError(
            [FieldError("id", N_("fehlt – nur gespeicherte Datensätze können geändert werden"))]
        )
    rows = tx.run(
        "nodes/update", {"label": label}, id=obj.id, version=obj.version, props=obj.properties()
    )
    if not rows:
        raise NotFoundError.said(
            N_("%(kind)s „%(id)s“ wurde nicht gefunden (inzwischen gelöscht?)."),
            kind=cls.TITLE,
            id=obj.id[:80],
        )
    current = codec.from_store(cls, rows[0]["node"])
    if not rows[0]["applied"]:
        raise overtaken(
            N_(
                "%(kind)s „%(display_name)s“ wurde inzwischen von jemand anderem "
                "geändert (Version %(version)s, Ihre Version %(own_version)s). Ihre "
                "Änderungen wurden nicht gespeichert."
            ),
            current,
            obj.version,
            kind=cls.TITLE,
            display_name=current.display_name,
        )
    return codec.from_store(cls, rows[0]["before"]), current


def remove(tx: Tx, cls: type[N], node_id: str, *, version: int | None = None) -> Deleted:
    """Delete a record and its relationships; returns what was removed, for the trash.

    With ``version`` given, the delete only happens if nobody changed the record since.
    """
    label = label_of(cls)
    rows = (
        tx.run("nodes/delete", {"label": label}, id=node_id, version=version)
        if is_valid_id(node_id)
        else []
    )
    if not rows:
        raise _not_found(cls, node_id)
    node = codec.from_store(cls, rows[0]["node"])
    if not rows[0]["applied"]:
        raise ConflictError.said(
            N_(
                "%(kind)s „%(display_name)s“ wurde inzwischen geändert und daher "
                "nicht gelöscht. Bitte prüfen Sie die neue Fassung."
            ),
            node,
            kind=cls.TITLE,
            display_name=node.display_name,
        )
    stored = rows[0]["node"]
    owners = {k: stored[k] for k in ("org", "co_orgs") if stored.get(k) is not None}
    deleted = Deleted(node=node, owners=owners)
    for lk in rows[0]["links"]:
        if not lk:
            continue
        link = codec.link_from_row(lk)
        deleted.links.append(link)
        deleted.labels[link.id] = (lk["from_label"], lk["to_label"])
    return deleted


def reinsert(tx: Tx, node: N, *, owners: dict[str, Any] | None = None) -> N:
    """Put a deleted record back as it was: same id, fields and ``created``.

    The version goes up by one (a restore is a change: a form opened before the delete
    must not overwrite the restored record unnoticed) and ``updated`` is now. A record with
    the same id that exists again (restored twice, or re-created by an import) is a
    :class:`ConflictError`. ``owners`` (``org``, ``co_orgs``) give it back to its
    organisation.
    """
    label = label_of(type(node))
    snapshot: dict[str, Any] = {
        **node.properties(),
        "id": node.id,
        "created": node.created,
        "version": node.version,
        **(owners or {}),
    }
    snapshot = {k: v for k, v in snapshot.items() if v is not None}
    rows = tx.run("nodes/restore", {"label": label}, node=snapshot)
    if not rows:
        raise ConflictError.said(
            N_(
                "%(kind)s „%(display_name)s“ existiert bereits wieder; es wurde "
                "nichts wiederhergestellt."
            ),
            kind=type(node).TITLE,
            display_name=node.display_name,
        )
    return codec.from_store(type(node), rows[0]["node"])
