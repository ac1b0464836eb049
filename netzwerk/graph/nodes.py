"""Create, read, update, delete and list the records of every node kind.

One generic implementation serves all kinds (actors, persons, alliances, projects and the
vocabularies) because their life cycle is identical; the dataclass passed in decides the
label, and the label only ever comes from :data:`netzwerk.graph.model.LABELS`.
Typed aliases such as :func:`create_actor` exist for readability at call sites.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from netzwerk.graph.errors import ConflictError, FieldError, NotFoundError, ValidationError
from netzwerk.graph.model import (
    LABELS,
    Actor,
    Alliance,
    Link,
    N,
    Node,
    Person,
    Project,
)
from netzwerk.graph.store import Store
from netzwerk.graph.validation import is_valid_id, validate_node

T = TypeVar("T")


def new_id(label: str) -> str:
    """A stable, unguessable id with a readable prefix (``actor-…``)."""
    return f"{label.lower()}-{uuid.uuid4().hex[:16]}"


def _label(cls: type[Node]) -> str:
    if LABELS.get(cls.LABEL) is not cls:
        raise TypeError(f"{cls!r} is not a node kind of the model")
    return cls.LABEL


def from_props(cls: type[N], props: dict[str, Any]) -> N:
    """Build a dataclass from stored properties, ignoring unknown or internal ones."""
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: v for k, v in props.items() if k in names and v is not None}
    return cls(**kwargs)


def _stored(obj: Node) -> dict[str, Any]:
    return obj.properties()


def create(store: Store, obj: N) -> N:
    """Validate and store a new record; an id is generated unless the caller supplied one."""
    label = _label(type(obj))
    obj = validate_node(obj)
    node_id = obj.id or new_id(label)
    rows = store.write("nodes/create", {"label": label}, id=node_id, props=_stored(obj))
    return from_props(type(obj), rows[0]["node"])


def get(store: Store, cls: type[N], node_id: str) -> N:
    """The record with ``node_id``; raises :class:`NotFoundError` if there is none."""
    label = _label(cls)
    if not is_valid_id(node_id):
        raise NotFoundError(f"{cls.TITLE} „{node_id}“ wurde nicht gefunden.")
    rows = store.read("nodes/get", {"label": label}, id=node_id)
    if not rows:
        raise NotFoundError(f"{cls.TITLE} „{node_id}“ wurde nicht gefunden.")
    return from_props(cls, rows[0]["node"])


def get_many(store: Store, cls: type[N], ids: list[str]) -> list[N]:
    rows = store.read("nodes/find_by_ids", {"label": _label(cls)}, ids=list(ids))
    return [from_props(cls, r["node"]) for r in rows]


def update(store: Store, obj: N) -> N:
    """Save changes made to a record read earlier.

    ``obj.version`` must be the version that was read; if someone saved the record since,
    :class:`ConflictError` is raised with the current record and nothing is changed.
    """
    cls = type(obj)
    label = _label(cls)
    obj = validate_node(obj)
    if not obj.id:
        raise ValidationError(
            [FieldError("id", "fehlt – nur gespeicherte Datensätze können geändert werden")]
        )
    rows = store.write(
        "nodes/update", {"label": label}, id=obj.id, version=obj.version, props=_stored(obj)
    )
    if not rows:
        raise NotFoundError(f"{cls.TITLE} „{obj.id}“ wurde nicht gefunden (inzwischen gelöscht?).")
    current = from_props(cls, rows[0]["node"])
    if not rows[0]["applied"]:
        raise ConflictError(
            f"{cls.TITLE} „{current.display_name}“ wurde inzwischen von jemand anderem "
            f"geändert (Version {current.version}, Ihre Version {obj.version}). "
            "Ihre Änderungen wurden nicht gespeichert.",
            current=current,
        )
    return current


@dataclass
class Deleted:
    """What a delete removed: enough to show it and to undo it with :func:`restore`."""

    node: Node
    links: list[Link] = field(default_factory=list)


def delete(store: Store, cls: type[N], node_id: str, *, version: int | None = None) -> Deleted:
    """Delete a record and its relationships; returns a snapshot for undo and history.

    With ``version`` given, the delete only happens if nobody changed the record since.
    """
    from netzwerk.graph.links import link_from_row

    label = _label(cls)
    rows = store.write("nodes/delete", {"label": label}, id=node_id, version=version)
    if not rows:
        raise NotFoundError(f"{cls.TITLE} „{node_id}“ wurde nicht gefunden.")
    node = from_props(cls, rows[0]["node"])
    if not rows[0]["applied"]:
        raise ConflictError(
            f"{cls.TITLE} „{node.display_name}“ wurde inzwischen geändert und daher nicht "
            "gelöscht. Bitte prüfen Sie die neue Fassung.",
            current=node,
        )
    links = [
        link_from_row(
            {
                "link": {
                    **lk["props"],
                    "type": lk["type"],
                    "from_id": lk["from_id"],
                    "to_id": lk["to_id"],
                }
            }
        )
        for lk in rows[0]["links"]
        if lk
    ]
    return Deleted(node=node, links=links)


def restore(store: Store, deleted: Deleted) -> Node:
    """Undo a delete: re-create the node and every relationship it had."""
    from netzwerk.graph import bulk

    node = deleted.node
    label = _label(type(node))
    snapshot = {
        **node.properties(),
        "id": node.id,
        "created": node.created,
        "version": node.version,
    }
    snapshot = {k: v for k, v in snapshot.items() if v is not None}
    rows = store.write("nodes/restore", {"label": label}, node=snapshot)
    bulk.merge_links(store, deleted.links, update=False)
    return from_props(type(node), rows[0]["node"])


@dataclass
class Page(Generic[T]):
    """One page of a list plus the total, so a UI can paginate."""

    items: list[T]
    total: int
    skip: int
    limit: int


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
    label = _label(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    if order_by not in fields:
        raise ValidationError([FieldError("order_by", f"unbekanntes Sortierfeld „{order_by}“")])
    skip = max(0, int(skip))
    limit = min(max(1, int(limit)), 1000)
    rows = store.read(
        "nodes/list",
        {"label": label, "order": order_by},
        skip=skip,
        limit=limit,
        descending=descending,
    )
    total = rows[0]["total"] if rows else _count(store, label)
    return Page(
        items=[from_props(cls, r["node"]) for r in rows], total=total, skip=skip, limit=limit
    )


def _count(store: Store, label: str) -> int:
    return int(store.read("stats/count_label", {"label": label})[0]["count"])


# Typed aliases: the generic functions above with the kind fixed, for readable call sites.
def create_actor(store: Store, actor: Actor) -> Actor:
    return create(store, actor)


def get_actor(store: Store, actor_id: str) -> Actor:
    return get(store, Actor, actor_id)


def create_person(store: Store, person: Person) -> Person:
    return create(store, person)


def get_person(store: Store, person_id: str) -> Person:
    return get(store, Person, person_id)


def create_alliance(store: Store, alliance: Alliance) -> Alliance:
    return create(store, alliance)


def get_alliance(store: Store, alliance_id: str) -> Alliance:
    return get(store, Alliance, alliance_id)


def create_project(store: Store, project: Project) -> Project:
    return create(store, project)


def get_project(store: Store, project_id: str) -> Project:
    return get(store, Project, project_id)
