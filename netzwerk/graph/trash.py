"""The trash: deleted records (or links) kept as snapshots so a delete can be undone.

:func:`netzwerk.graph.delete` returns a :class:`~netzwerk.graph.nodes.Deleted` snapshot; the
web layer keeps it here (a ``Trash`` node holding JSON), so an "Rückgängig" button still
works after the redirect, and an admin can restore days later. Entries expire after
:data:`KEEP_DAYS` (:func:`purge`), because deleted personal data must not live forever.
"""

from __future__ import annotations

import dataclasses
import json
import typing
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from netzwerk.graph.errors import NotFoundError
from netzwerk.graph.links import create_link
from netzwerk.graph.model import LABELS, Link, Node
from netzwerk.graph.nodes import Deleted, restore
from netzwerk.graph.store import Store

KEEP_DAYS = 30


@dataclass
class TrashEntry:
    id: str
    at: datetime
    user: str
    label: str
    record_id: str
    record_name: str
    snapshot: dict[str, Any] | None = None


def _encode(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value)!r} in the trash")


def _decode(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a dataclass from JSON, turning ISO strings back into dates by field type."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names or value is None:
            continue
        hint = str(hints.get(key))
        if isinstance(value, str) and "datetime" in hint:
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and "date" in hint:
            value = date.fromisoformat(value)
        kwargs[key] = value
    return cls(**kwargs)


def snapshot_of(deleted: Deleted | Link) -> dict[str, Any]:
    """JSON-ready form of a deleted record (with its links) or of one deleted link."""
    if isinstance(deleted, Link):
        return {"kind": "link", "link": dataclasses.asdict(deleted)}
    return {
        "kind": "node",
        "label": deleted.node.LABEL,
        "node": dataclasses.asdict(deleted.node),
        "links": [dataclasses.asdict(lk) for lk in deleted.links],
    }


def put(store: Store, deleted: Deleted | Link, *, user: str) -> TrashEntry:
    """Keep a snapshot; returns the entry whose id an undo button posts back."""
    snap = snapshot_of(deleted)
    if isinstance(deleted, Link):
        label = f"link:{deleted.type}"
        record_id = deleted.id
        name = f"{deleted.from_name or deleted.from_id} – {deleted.to_name or deleted.to_id}"
    else:
        label, record_id, name = deleted.node.LABEL, deleted.node.id, deleted.node.display_name
    rows = store.write(
        "trash/put",
        id=f"trash-{uuid.uuid4().hex}",
        user=user,
        label=label,
        record_id=record_id,
        record_name=name[:500],
        snapshot=json.dumps(snap, ensure_ascii=False, default=_encode),
    )
    return _entry(rows[0]["entry"])


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


def get(store: Store, entry_id: str) -> TrashEntry:
    rows = store.read("trash/get", id=entry_id)
    if not rows:
        raise NotFoundError(
            "Dieser Eintrag ist nicht (mehr) im Papierkorb – vielleicht wurde er schon "
            "wiederhergestellt."
        )
    return _entry(rows[0]["entry"])


def entries(store: Store, *, skip: int = 0, limit: int = 100) -> list[TrashEntry]:
    return [_entry(r["entry"]) for r in store.read("trash/list", skip=skip, limit=limit)]


def deleted_from(entry: TrashEntry) -> Deleted | Link:
    """Turn a stored snapshot back into what :func:`put` was given."""
    snap = entry.snapshot or {}
    if snap.get("kind") == "link":
        return _decode(Link, snap["link"])
    cls = LABELS[snap["label"]]
    node: Node = _decode(cls, snap["node"])
    links = [_decode(Link, lk) for lk in snap.get("links", [])]
    return Deleted(node=node, links=links)


def undo(store: Store, entry_id: str) -> TrashEntry:
    """Restore what the entry holds and remove the entry; returns the entry restored.

    A link whose other end was deleted meanwhile cannot come back; everything else does.
    """
    entry = get(store, entry_id)
    what = deleted_from(entry)
    if isinstance(what, Link):
        create_link(store, dataclasses.replace(what, version=0))
    else:
        restore(store, what)
    store.write("trash/remove", id=entry_id)
    return entry


def purge(store: Store, days: int = KEEP_DAYS) -> int:
    """Forget entries older than ``days``; returns how many were removed."""
    return int(store.write("trash/purge", days=int(days))[0]["purged"])
