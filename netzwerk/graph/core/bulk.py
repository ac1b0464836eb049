"""Batched loading: many nodes or relationships per round trip with ``UNWIND``.

Seeding, spreadsheet import and restore all write thousands of rows; one query per row
costs a network round trip and a transaction each (see ``bench/`` for the ratio). Here rows
are validated in Python first, then sent in batches of ``batch_size``, each batch its own
transaction, and every batch is idempotent (``MERGE`` by id), so an interrupted load can
simply be run again.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from netzwerk.graph.core.model import LABELS, LINK_TYPES, Link, Node
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import validate_link, validate_node
from netzwerk.graph.core.values import canonical, new_id, new_link_id

BATCH_SIZE = 5_000
Progress = Callable[[int, int], None]
T = TypeVar("T")


@dataclass
class LoadResult:
    """Counts of one bulk load; ``missing`` lists link ids whose endpoints were absent."""

    created: int = 0
    updated: int = 0
    missing: list[str] = field(default_factory=list)

    def __iadd__(self, other: LoadResult) -> LoadResult:
        self.created += other.created
        self.updated += other.updated
        self.missing += other.missing
        return self


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _noop(done: int, total: int) -> None:
    return None


def _row(n: Node, label: str, owners: Mapping[str, tuple[str, list[str]]]) -> dict[str, Any]:
    org, co_orgs = owners.get(n.id, (None, None))
    return {"id": n.id or new_id(label), "props": n.properties(), "org": org, "co_orgs": co_orgs}


def merge_nodes(
    store: Store,
    nodes: Sequence[Node],
    *,
    update: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress = _noop,
    validate: bool = True,
    owners: Mapping[str, tuple[str, list[str]]] | None = None,
) -> LoadResult:
    """Insert nodes (any mix of kinds) by id; with ``update``, changed ones are updated.

    ``owners`` (id → organisation and co-owners) says who owns a new node; without an
    entry it belongs to the default organisation.

    All rows are validated before the first write, so invalid input stores nothing.
    """
    cleaned = [validate_node(n) if validate else n for n in nodes]
    by_label: dict[str, list[Node]] = {}
    for n in cleaned:
        if LABELS.get(n.LABEL) is not type(n):
            raise TypeError(f"{type(n)!r} is not a node kind of the model")
        by_label.setdefault(n.LABEL, []).append(n)
    result, done, total = LoadResult(), 0, len(cleaned)
    for label, group in by_label.items():
        for chunk in batches(group, batch_size):
            rows = [_row(n, label, owners or {}) for n in chunk]
            out = store.write("bulk/merge_nodes", {"label": label}, rows=rows, update=update)
            result += LoadResult(created=out[0]["created"], updated=out[0]["updated"])
            done += len(chunk)
            progress(done, total)
    return result


def merge_links(
    store: Store,
    links: Sequence[Link],
    *,
    update: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress = _noop,
    validate: bool = True,
) -> LoadResult:
    """Insert relationships (any mix of types); one per ordered pair and type."""
    cleaned = [canonical(validate_link(lk) if validate else lk) for lk in links]
    by_type: dict[str, list[Link]] = {}
    for lk in cleaned:
        by_type.setdefault(lk.type, []).append(lk)
    result, done, total = LoadResult(), 0, len(cleaned)
    for type_name, group in by_type.items():
        spec = LINK_TYPES[type_name]
        idents = {"type": spec.type, "from": spec.source_expr, "to": spec.target_expr}
        for chunk in batches(group, batch_size):
            rows: list[dict[str, Any]] = [
                {
                    "id": lk.id or new_link_id(type_name),
                    "from_id": lk.from_id,
                    "to_id": lk.to_id,
                    "props": lk.properties(),
                }
                for lk in chunk
            ]
            out = store.write("bulk/merge_links", idents, rows=rows, update=update)
            done_ids = set(out[0]["done"]) if out else set()
            result += LoadResult(
                created=out[0]["created"] if out else 0,
                updated=out[0]["updated"] if out else 0,
                missing=[r["id"] for r in rows if r["id"] not in done_ids],
            )
            done += len(chunk)
            progress(done, total)
    return result


def save_organisations(store: Store, rows: Sequence[dict[str, Any]]) -> None:
    """Create the organisations of a dataset (``id``, ``slug``, ``name``, ``recipient``), or
    rename them: a bulk load's owners must exist before its records name them."""
    for row in rows:
        store.write(
            "organisations/save",
            id=row["id"],
            slug=row["slug"],
            name=row["name"],
            recipient=row.get("recipient", ""),
        )


def wipe(store: Store, batch: int = 10_000) -> int:
    """Delete everything in the database, in batches: the relationships first, then the
    nodes (a hub's links in one node batch would exceed the transaction memory). Returns the
    number of nodes deleted."""
    while int(store.write("bulk/wipe_links_batch", limit=batch)[0]["deleted"]):
        pass
    total = 0
    while True:
        deleted = int(store.write("bulk/wipe_batch", limit=batch)[0]["deleted"])
        total += deleted
        if deleted == 0:
            return total
