"""Commit a planned import, and undo a whole import as one step.

The commit is one managed transaction: for each batch of ``UNWIND`` rows it reads the
records as they are *now*, applies only the fields the file sets (so an edit made after
the dry run is not overwritten by a stale copy), writes them and writes one history entry
per created or updated record with its old → new values. Every entry carries the import's
``batch`` id, which is what :func:`undo_import` reverts: created records and links are
removed, updated fields get their old values back — unless someone changed that record
since the import, in which case it is left alone and reported.

Nothing is written while the dry run has errors, unless the caller explicitly asks for the
valid rows only (``only_valid``; the UI's "nur gültige Zeilen importieren").
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph import bulk, codec, history
from netzwerk.graph.errors import GraphError, NotFoundError
from netzwerk.graph.imports.fields import KINDS
from netzwerk.graph.imports.plan import ImportPlan
from netzwerk.graph.model import LABELS, LINK_TYPES, Link, Node
from netzwerk.graph.store import Store, Tx

Progress = Callable[[int, int], None]


class ImportBlockedError(GraphError):
    """The dry run found errors and the caller did not choose "nur gültige Zeilen"."""


@dataclass
class CommitResult:
    created: int = 0
    updated: int = 0
    links_created: int = 0
    links_updated: int = 0
    links_removed: int = 0
    skipped_rows: int = 0
    missing_links: list[str] = field(default_factory=list)
    change_id: str = ""
    batch: str = ""
    """The import's id: its history entries carry it, :func:`undo_import` takes it."""


def _noop(done: int, total: int) -> None:
    return None


def _name(obj: Node | Link) -> str:
    if isinstance(obj, Link):
        return f"{obj.from_name or obj.from_id} – {obj.to_name or obj.to_id}"
    return obj.display_name


def _apply(current: Any, planned: Any, fields: tuple[str, ...] | None) -> Any:
    """The record to write: ``planned`` for a new one, else ``current`` with the file's fields."""
    if current is None or not fields:
        return planned if current is None else current
    return dataclasses.replace(current, **{f: getattr(planned, f) for f in fields})


def _write_nodes(
    tx: Tx, label: str, chunk: Sequence[Node], plan: ImportPlan, batch: str
) -> tuple[int, int, list[history.Entry]]:
    cls = LABELS[label]
    rows = tx.run("nodes/find_by_ids", {"label": label}, ids=[n.id for n in chunk])
    now = {r["node"]["id"]: codec.from_store(cls, r["node"]) for r in rows}
    writes, entries, created, updated = [], [], 0, 0
    for planned in chunk:
        current = now.get(planned.id)
        target = _apply(current, planned, plan.fields.get(planned.id))
        changes = history.diff(current, target)
        if current is not None and not changes:
            continue
        writes.append({"id": target.id, "props": target.properties()})
        action = "create" if current is None else "update"
        created, updated = created + (current is None), updated + (current is not None)
        entries.append(
            history.Entry(action, label, target.id, target.display_name, changes, batch=batch)
        )
    if writes:
        tx.run("bulk/merge_nodes", {"label": label}, rows=writes, update=True)
    return created, updated, entries


def _write_links(
    tx: Tx, type_name: str, chunk: Sequence[Link], plan: ImportPlan, batch: str
) -> tuple[int, int, list[str], list[history.Entry]]:
    spec = LINK_TYPES[type_name]
    rows = tx.run("imports/current_links", {"type": spec.type}, ids=[lk.id for lk in chunk])
    now = {r["link"]["id"]: codec.link_from_row(r) for r in rows}
    writes, targets = [], {}
    for planned in chunk:
        current = now.get(planned.id)
        fields = plan.fields.get(planned.id)
        target = _apply(current, planned, fields)
        update = plan.link_update or bool(fields)
        if current is not None and (not update or not history.diff(current, target)):
            continue
        targets[target.id] = (current, target)
        writes.append(
            {
                "id": target.id,
                "from_id": target.from_id,
                "to_id": target.to_id,
                "props": target.properties(),
                "update": update,
            }
        )
    if not writes:
        return 0, 0, [], []
    idents = {"type": spec.type, "from": spec.source_expr, "to": spec.target_expr}
    out = tx.run("imports/write_links", idents, rows=writes)
    entries: list[history.Entry] = []
    created = updated = 0
    for row in out:
        current, target = targets[row["row_id"]]
        if not row["is_new"] and current is None:
            continue  # the pair was linked already under another id: left as it is
        written = codec.link_from_row(row)
        labels = (row["from_label"], row["to_label"])
        created, updated = created + row["is_new"], updated + (not row["is_new"])
        entries += history.link_entries(
            "link" if row["is_new"] else "update",
            written,
            labels,
            history.diff(None if row["is_new"] else current, target),
            batch=batch,
        )
    answered = {row["row_id"] for row in out}
    missing = [w["id"] for w in writes if w["id"] not in answered]
    return created, updated, missing, entries


def _remove_links(
    tx: Tx, type_name: str, chunk: Sequence[Link], batch: str
) -> tuple[int, list[history.Entry]]:
    rows = tx.run("imports/delete_links", {"type": type_name}, ids=[lk.id for lk in chunk])
    entries: list[history.Entry] = []
    for r in rows:
        gone = codec.link_from_row(r)
        labels = (r["from_label"], r["to_label"])
        entries += history.link_entries(
            "unlink", gone, labels, history.diff(gone, None), batch=batch
        )
    return len(rows), entries


def commit_import(
    store: Store,
    plan: ImportPlan,
    *,
    user: str,
    only_valid: bool = False,
    progress: Progress = _noop,
    batch_size: int = bulk.BATCH_SIZE,
) -> CommitResult:
    """Write the plan's records and links with their history, in one transaction."""
    if plan.blocking and not only_valid:
        raise ImportBlockedError(
            f"Der Import wurde nicht ausgeführt: {len(plan.errors)} Zeilen sind fehlerhaft. "
            "Bitte die Datei korrigieren oder ausdrücklich „nur gültige Zeilen importieren“ "
            "wählen."
        )
    if plan.undecided:
        raise ImportBlockedError(
            f"Der Import wurde nicht ausgeführt: {len(plan.open_reviews)} unsichere "
            "Zuordnungen sind noch offen. Bitte jeweils entscheiden: derselbe Eintrag, neu "
            "anlegen oder überspringen."
        )
    batch = f"import-{uuid.uuid4().hex[:16]}"
    total = plan.writes

    def work(tx: Tx) -> CommitResult:
        result = CommitResult(skipped_rows=len(plan.errors), batch=batch)
        done = 0
        by_label: dict[str, list[Node]] = defaultdict(list)
        for node in plan.nodes:
            by_label[node.LABEL].append(node)
        for label, group in by_label.items():
            for chunk in bulk.batches(group, batch_size):
                created, updated, entries = _write_nodes(tx, label, chunk, plan, batch)
                history.record_many_in(tx, entries, user=user)
                result.created += created
                result.updated += updated
                done += len(chunk)
                progress(done, total)
        by_type: dict[str, list[Link]] = defaultdict(list)
        for link in plan.links:
            by_type[link.type].append(link)
        for type_name, group in by_type.items():
            for chunk in bulk.batches(group, batch_size):
                created, updated, missing, entries = _write_links(tx, type_name, chunk, plan, batch)
                history.record_many_in(tx, entries, user=user)
                result.links_created += created
                result.links_updated += updated
                result.missing_links += missing
                done += len(chunk)
                progress(done, total)
        by_type = defaultdict(list)
        for link in plan.unlinks:
            by_type[link.type].append(link)
        for type_name, group in by_type.items():
            for chunk in bulk.batches(group, batch_size):
                removed, entries = _remove_links(tx, type_name, chunk, batch)
                history.record_many_in(tx, entries, user=user)
                result.links_removed += removed
                done += len(chunk)
                progress(done, total)
        summary = history.record_in(
            tx,
            user=user,
            action="import",
            label="Import",
            record_id=batch,
            record_name=f"{KINDS.get(plan.kind, plan.kind)}: {plan.filename or 'Datei'}"[:200],
            changes={
                "rows": len(plan.results),
                "created": result.created,
                "updated": result.updated,
                "links_created": result.links_created,
                "links_updated": result.links_updated,
                "links_removed": result.links_removed,
                "skipped_rows": result.skipped_rows,
            },
        )
        result.change_id = summary.id
        return result

    result = store.transaction(work)
    progress(total, total)
    return result


@dataclass
class UndoImportResult:
    """What undoing an import did; ``kept`` names records changed since (left alone)."""

    removed: int = 0
    reverted: int = 0
    links_removed: int = 0
    links_reverted: int = 0
    links_restored: int = 0
    kept: list[str] = field(default_factory=list)


def _old_values(cls: type, changes: dict[str, Any]) -> dict[str, Any]:
    return {k: codec.field_from_json(cls, k, pair[0]) for k, pair in changes.items()}


def _unchanged_since(obj: Any, entry: history.Change) -> bool:
    """Whether nobody saved the record since the import (its entry is written after the
    record, in the same transaction) and every field the import set still holds its value."""
    if obj.updated is not None and obj.updated > entry.at:
        return False
    now = codec.to_json(obj)
    return all(now.get(k) == pair[1] for k, pair in entry.fields.items())


def undo_import(store: Store, batch: str, *, user: str) -> UndoImportResult:
    """Revert every record and link one import wrote, in one transaction."""
    entries = history.of_batch(store, batch)
    if not entries:
        raise NotFoundError("Zu diesem Import gibt es nichts rückgängig zu machen.")

    created_links = {
        str((e.link or {}).get("id")) for e in entries if e.link and e.action == "link"
    }

    def work(tx: Tx) -> UndoImportResult:
        result = UndoImportResult()
        out: list[history.Entry] = []
        seen_links: set[str] = set()
        for entry in reversed(entries):
            link = entry.link
            if link is not None:
                if link["id"] in seen_links:
                    continue
                seen_links.add(link["id"])
                _undo_link(tx, entry, result, out)
            elif entry.label in LABELS:
                _undo_node(tx, entry, result, out, created_links)
        history.record_many_in(tx, out, user=user)
        history.record_in(
            tx,
            user=user,
            action="update",
            label="Import",
            record_id=batch,
            record_name="Import rückgängig gemacht",
            changes={
                "removed": [result.removed, 0],
                "reverted": [0, result.reverted],
                "kept": [None, len(result.kept)],
            },
        )
        return result

    return store.transaction(work)


def _undo_node(
    tx: Tx,
    entry: history.Change,
    result: UndoImportResult,
    out: list[history.Entry],
    created_links: set[str],
) -> None:
    cls = LABELS[entry.label]
    rows = tx.run("nodes/find_by_ids", {"label": entry.label}, ids=[entry.record_id])
    if not rows:
        return
    current = codec.from_store(cls, rows[0]["node"])
    if not _unchanged_since(current, entry):
        result.kept.append(current.display_name)
        return
    if entry.action == "create":
        links = tx.run(
            "links/of_node", {"label": entry.label}, id=current.id, types=list(LINK_TYPES)
        )
        if any(r["link"]["id"] not in created_links for r in links):
            result.kept.append(current.display_name)  # linked since: keep it
            return
        tx.run("nodes/delete", {"label": entry.label}, id=current.id, version=current.version)
        result.removed += 1
        out.append(
            history.Entry(
                "delete",
                entry.label,
                current.id,
                current.display_name,
                {"import_undone": [None, True]},
            )
        )
        return
    reverted = dataclasses.replace(current, **_old_values(cls, entry.fields))
    tx.run(
        "nodes/update",
        {"label": entry.label},
        id=current.id,
        version=current.version,
        props=reverted.properties(),
    )
    result.reverted += 1
    out.append(
        history.Entry(
            "update",
            entry.label,
            current.id,
            current.display_name,
            {**history.diff(current, reverted), "import_undone": [None, True]},
        )
    )


def _undo_link(
    tx: Tx, entry: history.Change, result: UndoImportResult, out: list[history.Entry]
) -> None:
    part = entry.link or {}
    spec = LINK_TYPES.get(str(part.get("type")))
    if spec is None:
        return
    if entry.action == "unlink":
        _relink(tx, entry, part, result, out)
        return
    rows = tx.run("imports/current_links", {"type": spec.type}, ids=[part["id"]])
    if not rows:
        return
    current = codec.link_from_row(rows[0])
    labels = (rows[0]["from_label"], rows[0]["to_label"])
    if not _unchanged_since(current, entry):
        result.kept.append(_name(current))
        return
    if entry.action == "link":
        tx.run("links/delete", {"type": spec.type}, id=current.id, version=current.version)
        result.links_removed += 1
        out += history.link_entries("unlink", current, labels, {"import_undone": [None, True]})
        return
    reverted = dataclasses.replace(current, **_old_values(Link, entry.fields))
    tx.run(
        "links/update",
        {"type": spec.type},
        id=current.id,
        version=current.version,
        props=reverted.properties(),
    )
    result.links_reverted += 1
    out += history.link_entries(
        "update",
        current,
        labels,
        {**history.diff(current, reverted), "import_undone": [None, True]},
    )


def _relink(
    tx: Tx,
    entry: history.Change,
    part: dict[str, Any],
    result: UndoImportResult,
    out: list[history.Entry],
) -> None:
    """Put back a link the import removed, with its id and old values — unless its pair is
    linked again meanwhile or an end is gone (then it is reported as kept)."""
    spec = LINK_TYPES[str(part["type"])]
    ends = (entry.record_id, part["other"])
    from_id, to_id = ends if part.get("direction") == "out" else ends[::-1]
    old = _old_values(Link, entry.fields)
    link = Link(type=spec.type, from_id=from_id, to_id=to_id, id=part["id"], **old)
    idents = {"type": spec.type, "from": spec.source_expr, "to": spec.target_expr}
    row = {"id": link.id, "from_id": from_id, "to_id": to_id, "props": link.properties()}
    written = tx.run("imports/write_links", idents, rows=[{**row, "update": False}])
    if not written or not written[0]["is_new"]:
        result.kept.append(_name(link))
        return
    result.links_restored += 1
    labels = (written[0]["from_label"], written[0]["to_label"])
    restored = codec.link_from_row(written[0])
    out += history.link_entries("link", restored, labels, {"import_undone": [None, True]})
