"""The trash: deleted records (or links) kept as snapshots so a delete can be undone.

A delete (:func:`netzwerk.graph.operations.delete_record`, ``delete_link``) puts its snapshot
here in the same transaction, so an "Rückgängig" button still works after the redirect and
an admin can restore days later. Snapshots are JSON in the model's typed form
(:mod:`netzwerk.graph.core.codec`): dates come back as dates, ``created`` and ``version`` as they
were. Entries expire after :data:`KEEP_DAYS`
(:func:`netzwerk.graph.operations.retention.purge_trash`), because deleted personal data
must not live forever.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LABELS, Link, Node
from netzwerk.graph.core.store import Store, Tx

KEEP_DAYS = 30
FORMAT = 2
"""Snapshot format; 1 was written before the codec (dates as untyped ISO text)."""


@dataclass
class TrashEntry:
    id: str
    at: datetime
    user: str
    label: str
    record_id: str
    record_name: str
    snapshot: dict[str, Any] | None = None


@dataclass
class Deleted:
    """What a delete removed: the record and its links (each with both ends' labels)."""

    node: Node
    links: list[Link] = field(default_factory=list)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Link id → (from label, to label), so a restore knows where each link went."""
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    """An actor's partner-suggestion pipeline records, JSON-ready (see
    :func:`suggestions_of`): not domain links, but an editor's work that undo brings back."""
    owners: dict[str, Any] = field(default_factory=dict)
    """The record's owning organisation and co-owners (``org``, ``co_orgs``): a restored
    record belongs to whom it belonged."""


_SUGGESTION_TIMES = ("at", "created_at")


def suggestions_of(tx: Tx, actor_id: str) -> list[dict[str, Any]]:
    """The pipeline records touching an actor, read before it is deleted, JSON-ready."""
    out = []
    for row in tx.run("trash/suggestions_of", id=actor_id):
        props = dict(row["props"])
        times = {k: props.pop(k, None) for k in _SUGGESTION_TIMES}
        out.append(
            {
                "a": row["a"],
                "b": row["b"],
                "props": props,
                **{k: v.isoformat() if v is not None else None for k, v in times.items()},
            }
        )
    return out


def restore_suggestions_in(tx: Tx, rows: list[dict[str, Any]]) -> int:
    """Put an undone actor's pipeline records back where both actors exist."""
    if not rows:
        return 0
    return int(tx.run("trash/restore_suggestions", rows=rows)[0]["restored"])


@dataclass
class DeletedLink:
    """One deleted relationship and the labels of its ends."""

    link: Link
    labels: tuple[str, str]


def snapshot_of(deleted: Deleted | DeletedLink) -> dict[str, Any]:
    """JSON-ready form of a deleted record (with its links) or of one deleted link."""
    if isinstance(deleted, DeletedLink):
        return {
            "format": FORMAT,
            "kind": "link",
            "link": codec.to_json(deleted.link),
            "labels": list(deleted.labels),
        }
    return {
        "format": FORMAT,
        "kind": "node",
        "label": deleted.node.LABEL,
        "node": codec.to_json(deleted.node),
        "links": [
            {**codec.to_json(lk), "labels": list(deleted.labels.get(lk.id, ("", "")))}
            for lk in deleted.links
        ],
        **({"suggestions": deleted.suggestions} if deleted.suggestions else {}),
        **({"owners": deleted.owners} if deleted.owners else {}),
    }


def label_of(deleted: Deleted | DeletedLink) -> str:
    """The entry's label: the record's, or ``link:<TYPE>`` for a link."""
    if isinstance(deleted, DeletedLink):
        return f"link:{deleted.link.type}"
    return deleted.node.LABEL


def put_in(tx: Tx, deleted: Deleted | DeletedLink, *, user: str) -> TrashEntry:
    """Keep a snapshot inside the delete's transaction; returns the entry (for "Rückgängig")."""
    if isinstance(deleted, DeletedLink):
        lk = deleted.link
        record_id = lk.id
        # A person is never named in the trash list (only the organisation side).
        ends = [
            (name or oid) if label != "Person" else "Person"
            for name, oid, label in (
                (lk.from_name, lk.from_id, deleted.labels[0]),
                (lk.to_name, lk.to_id, deleted.labels[1]),
            )
        ]
        name = " – ".join(ends)
    else:
        record_id, name = deleted.node.id, deleted.node.display_name
    rows = tx.run(
        "trash/put",
        id=f"trash-{uuid.uuid4().hex}",
        user=user,
        label=label_of(deleted),
        record_id=record_id,
        record_name=name[:500],
        snapshot=json.dumps(snapshot_of(deleted), ensure_ascii=False),
        refs=refs_of(deleted),
    )
    return _entry(rows[0]["entry"])


def refs_of(deleted: Deleted | DeletedLink) -> list[str]:
    """Every record id a snapshot mentions (so an erasure finds the entry)."""
    if isinstance(deleted, DeletedLink):
        return [deleted.link.from_id, deleted.link.to_id]
    ids = [deleted.node.id]
    for lk in deleted.links:
        ids += [lk.from_id, lk.to_id]
    return list(dict.fromkeys(ids))


def _entry(props: dict[str, Any]) -> TrashEntry:
    snap = props.get("snapshot")
    return TrashEntry(
        id=props["id"],
        at=props["at"],
        user=props["user"],
        label=props["label"],
        record_id=props["record_id"],
        record_name=props.get("record_name", ""),
        snapshot=json.loads(snap) if snap else None,
    )


def _found(rows: list[dict[str, Any]]) -> TrashEntry:
    """The one entry a read found, or the German "not in the trash" (restored meanwhile)."""
    if not rows:
        raise NotFoundError.said(
            N_(
                "Dieser Eintrag ist nicht (mehr) im Papierkorb – vielleicht wurde er "
                "schon wiederhergestellt."
            )
        )
    return _entry(rows[0]["entry"])


def get(store: Store, entry_id: str) -> TrashEntry:
    return _found(store.read("trash/get", id=entry_id))


def take_in(tx: Tx, entry_id: str) -> TrashEntry:
    """Remove an entry inside the undo's transaction and return it (locked: taken once)."""
    return _found(tx.run("trash/take", id=entry_id))


def of_record_in(tx: Tx, record_id: str, label: str) -> Deleted | None:
    """The newest trash snapshot of a deleted record (``None`` if it is not in the trash)."""
    rows = tx.run("trash/of_record", id=record_id, label=label)
    if not rows:
        return None
    what = deleted_from(_entry(rows[0]["entry"]))
    return what if isinstance(what, Deleted) else None


def of_record(store: Store, record_id: str, label: str) -> Deleted | None:
    """:func:`of_record_in` outside a transaction."""
    return store.transaction(lambda tx: of_record_in(tx, record_id, label), write=False)


def entries(store: Store, *, skip: int = 0, limit: int = 100) -> list[TrashEntry]:
    return [_entry(r["entry"]) for r in store.read("trash/list", skip=skip, limit=limit)]


def _link_of(data: dict[str, Any]) -> tuple[Link, tuple[str, str]]:
    labels = tuple(data.get("labels") or ("", ""))
    fields = {k: v for k, v in data.items() if k != "labels"}
    return codec.from_json(Link, fields), (str(labels[0]), str(labels[1]))


def deleted_from(entry: TrashEntry) -> Deleted | DeletedLink:
    """Turn a stored snapshot back into what was deleted, with the model's types.

    Snapshots of format 1 (before the codec) are read the same way: the model, not the
    text, decides whether ``since`` is a date.
    """
    snap = entry.snapshot or {}
    if snap.get("kind") == "link":
        link, labels = _link_of(snap["link"])
        if "labels" in snap:
            labels = (str(snap["labels"][0]), str(snap["labels"][1]))
        return DeletedLink(link=link, labels=labels)
    cls = LABELS[snap["label"]]
    node: Node = codec.from_json(cls, snap["node"])
    links: list[Link] = []
    ends_of: dict[str, tuple[str, str]] = {}
    for data in snap.get("links", []):
        link, ends = _link_of(data)
        links.append(link)
        ends_of[link.id] = ends
    return Deleted(
        node=node,
        links=links,
        labels=ends_of,
        suggestions=list(snap.get("suggestions", [])),
        owners=dict(snap.get("owners", {})),
    )
