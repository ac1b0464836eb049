"""Undo a whole import as one step — or roll back one that failed half-way.

The import's history entries (its ``batch`` id) say what it did: created records and links
are removed, removed links come back, updated fields get their old values — unless someone
changed that record since the import (or linked a record the import created), in which case
it is left alone and reported. Work is batched (a few queries per kind of record and link,
not one per entry) and, like the commit, split into transactions of at most
``PER_TRANSACTION`` entries, so the undo of a 5,000-row import fits the database's memory.

:func:`rollback` is the same without a trace: it also drops the batch's history entries,
for a large import whose later transaction failed (see :mod:`.imports`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core import bulk, codec
from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.model import LABELS, LINK_TYPES, Link, Person
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.operations.consent import sync_in as sync_consent
from netzwerk.graph.records import history

PER_TRANSACTION = 2_500
"""Records and links (or history entries to revert) per transaction of a large import or
its undo: on a 5,000-row partner list, transactions of 2,500 commit about 20 % faster than
of 10,000 (bench/partner_sheet), and each stays far below Neo4j's transaction memory."""
UNDONE = {"import_undone": [None, True]}
UNDO_SOURCE = "Import rückgängig gemacht"


@dataclass
class UndoImportResult:
    """What undoing an import did; ``kept`` names records changed since (left alone)."""

    removed: int = 0
    reverted: int = 0
    links_removed: int = 0
    links_reverted: int = 0
    links_restored: int = 0
    kept: list[str] = field(default_factory=list)

    def add(self, other: UndoImportResult) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def _old_values(cls: type, changes: dict[str, Any]) -> dict[str, Any]:
    return {k: codec.field_from_json(cls, k, pair[0]) for k, pair in changes.items()}


def _unchanged_since(obj: Any, entry: history.Change) -> bool:
    """Whether nobody saved the record since the import (its entry is written after the
    record, in the same transaction) and every field the import set still holds its value."""
    if obj.updated is not None and obj.updated > entry.at:
        return False
    cls = type(obj)
    return all(
        codec.field_json(cls, k, getattr(obj, k, None)) == pair[1]
        for k, pair in entry.fields.items()
    )


def _reverted(obj: Any, cls: type, entry: history.Change) -> tuple[dict[str, Any], Any]:
    """The revert row of a record or link (its old values back, if still at the version
    read) and the reverted record."""
    reverted = dataclasses.replace(obj, **_old_values(cls, entry.fields))
    return {"id": obj.id, "version": obj.version, "props": reverted.properties()}, reverted


def _link_name(link: Link) -> str:
    return f"{link.from_name or link.from_id} – {link.to_name or link.to_id}"


class _Undo:
    """One transaction's share of the undo; ``trace`` writes history for what it does."""

    def __init__(self, tx: Tx, created_links: set[str], trace: bool, user: str) -> None:
        self.tx, self.created_links, self.trace, self.user = tx, created_links, trace, user
        self.result = UndoImportResult()
        self.out: list[history.Entry] = []

    def note(self, entries: list[history.Entry]) -> None:
        if self.trace:
            self.out += entries

    def links(self, type_name: str, entries: list[history.Change]) -> None:
        gone = [e for e in entries if e.action == "unlink"]
        if gone:
            self._relink(type_name, gone)
        rest = {str((e.link or {})["id"]): e for e in entries if e.action != "unlink"}
        if not rest:
            return
        rows = self.tx.run("imports/current_links", {"type": type_name}, ids=list(rest))
        remove, revert = [], []
        for r in rows:
            current, entry = codec.link_from_row(r), rest[r["link"]["id"]]
            labels = (r["from_label"], r["to_label"])
            if not _unchanged_since(current, entry):
                self.result.kept.append(_link_name(current))
            elif entry.action == "link":
                remove.append(current.id)
                self.note(history.link_entries("unlink", current, labels, UNDONE))
            else:
                row, reverted = _reverted(current, Link, entry)
                revert.append(row)
                changes = {**history.diff(current, reverted), **UNDONE}
                after = dataclasses.replace(current, version=current.version + 1)
                self.note(history.link_entries("update", after, labels, changes))
        if remove:
            done = self.tx.run("imports/delete_links", {"type": type_name}, ids=remove)
            self.result.links_removed += len(done)
        if revert:
            done = self.tx.run("imports/revert_links", {"type": type_name}, rows=revert)
            self.result.links_reverted += len(done)

    def _relink(self, type_name: str, entries: list[history.Change]) -> None:
        """Put back links the import removed, with their ids and old values — unless the
        pair is linked again meanwhile or an end is gone (then they are reported as kept)."""
        spec = LINK_TYPES[type_name]
        rows, links = [], {}
        for e in entries:
            part = e.link or {}
            ends = (e.record_id, str(part["other"]))
            from_id, to_id = ends if part.get("direction") == "out" else ends[::-1]
            link = Link(type=type_name, from_id=from_id, to_id=to_id, id=str(part["id"]))
            link = dataclasses.replace(link, **_old_values(Link, e.fields))
            links[link.id] = link
            row = {"id": link.id, "from_id": from_id, "to_id": to_id}
            rows.append({**row, "props": link.properties(), "update": False})
        idents = {"type": type_name, "from": spec.source_expr, "to": spec.target_expr}
        written = {r["row_id"]: r for r in self.tx.run("imports/write_links", idents, rows=rows)}
        for link_id, link in links.items():
            r = written.get(link_id)
            if r is None or not r["is_new"]:
                self.result.kept.append(_link_name(link))
                continue
            self.result.links_restored += 1
            back = dataclasses.replace(
                link, from_name=r["from_name"], to_name=r["to_name"], version=1
            )
            labels = (r["from_label"], r["to_label"])
            self.note(history.link_entries("link", back, labels, UNDONE))

    def nodes(self, label: str, entries: list[history.Change]) -> None:
        cls = LABELS[label]
        by_id = {e.record_id: e for e in entries}
        rows = self.tx.run("nodes/find_by_ids", {"label": label}, ids=list(by_id))
        current = {r["node"]["id"]: codec.from_store(cls, r["node"]) for r in rows}
        fresh = [i for i, e in by_id.items() if e.action == "create" and i in current]
        linked = {
            r["id"]: r["links"]
            for r in self.tx.run("imports/node_links", {"label": label}, ids=fresh)
        }
        remove, revert, persons = [], [], []
        for node_id, node in current.items():
            entry = by_id[node_id]
            others = [x for x in linked.get(node_id, []) if x not in self.created_links]
            if not _unchanged_since(node, entry) or others:
                self.result.kept.append(node.display_name)  # changed or linked since
            elif entry.action == "create":
                remove.append({"id": node.id, "version": node.version})
                self.note([history.Entry("delete", label, node.id, node.display_name, UNDONE)])
            else:
                row, reverted = _reverted(node, cls, entry)
                revert.append(row)
                if isinstance(node, Person):
                    persons.append((node, reverted))
                changes = {**history.diff(node, reverted), **UNDONE}
                undone = history.Entry(
                    "update", label, node.id, node.display_name, changes, version=node.version + 1
                )
                self.note([undone])
        if remove:
            done = self.tx.run("imports/delete_nodes", {"label": label}, rows=remove)
            self.result.removed += len(done)
            if label == "Person":  # their consent ledger goes with them
                self.tx.run("imports/erase_consents", ids=[r["id"] for r in done])
        if revert:
            done = self.tx.run("imports/revert_nodes", {"label": label}, rows=revert)
            self.result.reverted += len(done)
        reverted_ids = {r["id"] for r in done} if revert else set()
        for before, after in persons:  # the ledger follows the reverted consent fields
            if before.id in reverted_ids:
                sync_consent(self.tx, before, after, user=self.user, source=UNDO_SOURCE)


Work = tuple[str, str, list[history.Change]]


def _work(entries: list[history.Change]) -> Iterator[Work]:
    """("links", type, entries) and ("nodes", label, entries) in batches: links first (the
    newest change of each), so that a created record is checked only for the links others
    made; one entry per link (each link has one on either end)."""
    links: dict[str, dict[str, history.Change]] = defaultdict(dict)
    nodes: dict[str, dict[str, history.Change]] = defaultdict(dict)
    for e in reversed(entries):
        part = e.link
        if part is not None:
            if part.get("type") in LINK_TYPES:
                links[str(part["type"])].setdefault(str(part["id"]), e)
        elif e.label in LABELS and e.action in ("create", "update"):
            nodes[e.label].setdefault(e.record_id, e)
    for type_name, todo in links.items():
        for chunk in bulk.batches(list(todo.values()), bulk.BATCH_SIZE):
            yield "links", type_name, chunk
    for label, todo in nodes.items():
        for chunk in bulk.batches(list(todo.values()), bulk.BATCH_SIZE):
            yield "nodes", label, chunk


def _run(store: Store, batch: str, *, user: str, trace: bool) -> UndoImportResult:
    entries = history.of_batch(store, batch)
    if not entries:
        raise NotFoundError("Zu diesem Import gibt es nichts rückgängig zu machen.")
    created_links = {str(e.link["id"]) for e in entries if e.link and e.action == "link"}
    result = UndoImportResult()
    groups: list[list[Work]] = [[]]
    size = 0
    for item in _work(entries):
        if size and size + len(item[2]) > PER_TRANSACTION:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += len(item[2])
    for i, group in enumerate(groups):

        def work(tx: Tx, group: list[Work] = group, last: bool = i == len(groups) - 1) -> Any:
            undo = _Undo(tx, created_links, trace, user or "netzwerk")
            for kind, name, chunk in group:
                (undo.links if kind == "links" else undo.nodes)(name, chunk)
            history.record_many_in(tx, undo.out, user=user)
            if last and trace:
                _summary(tx, batch, user, result, undo.result)
            return undo.result

        result.add(store.transaction(work))
    return result


def _summary(
    tx: Tx, batch: str, user: str, before: UndoImportResult, last: UndoImportResult
) -> None:
    total = dataclasses.replace(before, kept=list(before.kept))
    total.add(last)
    history.record_in(
        tx,
        user=user,
        action="update",
        label="Import",
        record_id=batch,
        record_name="Import rückgängig gemacht",
        changes={
            "removed": [total.removed, 0],
            "reverted": [0, total.reverted],
            "kept": [None, len(total.kept)],
        },
    )


def undo_import(store: Store, batch: str, *, user: str) -> UndoImportResult:
    """Revert every record and link one import wrote (see module docstring)."""
    return _run(store, batch, user=user, trace=True)


def rollback(store: Store, batch: str) -> None:
    """Revert what a failed import wrote and drop its history entries, leaving no trace."""
    try:
        _run(store, batch, user="", trace=False)
    except NotFoundError:
        return
    while store.write("imports/forget_batch", batch=batch, limit=10_000)[0]["deleted"]:
        pass
