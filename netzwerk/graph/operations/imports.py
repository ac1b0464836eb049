"""Commit a planned import: records, links and their history, all of it or nothing.

For each batch of ``UNWIND`` rows the commit reads the records as they are *now*, applies
only the fields the file sets (so an edit made after the dry run is not overwritten by a
stale copy), writes them and writes one history entry per created or updated record (and
per link end) with its old → new values. Every entry carries the import's ``batch`` id,
which is what :func:`netzwerk.graph.operations.undo_import` reverts as one step.

An import is one managed transaction up to :data:`SINGLE_TRANSACTION` records and links.
A larger one (a 5,000-row partner list writes some 40,000, with 70,000 history entries)
would exceed the memory Neo4j grants one transaction, so it is written in transactions of
:data:`PER_TRANSACTION` — each with the history of what it writes — and if any of them
fails, what the earlier ones wrote is rolled back (records removed or restored, their
history entries dropped) before the error is raised: all of it or nothing, as for a small
import. (Should the process itself die in between, the entries written so far carry the
batch id: running the same file again completes it, ``netzwerk import-undo`` removes it.)

Nothing is written while the dry run has errors, unless the caller explicitly asks for the
valid rows only (``only_valid``; the UI's "nur gültige Zeilen importieren"), nor while an
uncertain match is undecided.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core import bulk, codec
from netzwerk.graph.core.errors import GraphError
from netzwerk.graph.core.model import LABELS, LINK_TYPES, Link, Node, Person
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.imports.fields import KINDS
from netzwerk.graph.imports.plan import ImportPlan
from netzwerk.graph.operations.consent import sync_in as sync_consent
from netzwerk.graph.operations.import_undo import PER_TRANSACTION, rollback
from netzwerk.graph.records import history

Progress = Callable[[int, int], None]
SINGLE_TRANSACTION = 10_000
"""Records and links an import writes in one transaction at most (with their history about
180 MB of transaction state; Neo4j's default limit is 70 % of a 1 GB heap)."""


class ImportBlockedError(GraphError):
    """The dry run found errors (or open matches) and the caller may not commit it."""


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
    """The import's id: its history entries carry it, ``undo_import`` takes it."""
    transactions: int = 0


def _noop(done: int, total: int) -> None:
    return None


def _apply(current: Any, planned: Any, fields: tuple[str, ...] | None) -> Any:
    """The record to write: ``planned`` for a new one, else ``current`` with the file's fields."""
    if current is None or not fields:
        return planned if current is None else current
    return dataclasses.replace(current, **{f: getattr(planned, f) for f in fields})


def _write_nodes(
    tx: Tx,
    label: str,
    chunk: Sequence[Node],
    plan: ImportPlan,
    batch: str,
    out: CommitResult,
    user: str,
) -> list[history.Entry]:
    cls = LABELS[label]
    rows = tx.run("nodes/find_by_ids", {"label": label}, ids=[n.id for n in chunk])
    now = {r["node"]["id"]: codec.from_store(cls, r["node"]) for r in rows}
    writes: list[dict[str, Any]] = []
    entries: list[history.Entry] = []
    persons: list[tuple[Person | None, Person]] = []
    for planned in chunk:
        current = now.get(planned.id)
        target = _apply(current, planned, plan.fields.get(planned.id))
        changes = history.diff(current, target)
        if current is not None and not changes:
            continue
        writes.append({"id": target.id, "props": target.properties()})
        if isinstance(target, Person):
            assert current is None or isinstance(current, Person)  # the same label
            persons.append((current, target))
        action = "create" if current is None else "update"
        out.created += current is None
        out.updated += current is not None
        entries.append(
            history.Entry(
                action,
                label,
                target.id,
                target.display_name,
                changes,
                batch=batch,
                version=1 if current is None else current.version + 1,
            )
        )
    if writes:
        tx.run("bulk/merge_nodes", {"label": label}, rows=writes, update=True)
    source = f"Import: {plan.filename or 'Datei'}"[:200]
    for current, target in persons:  # consent changed by the file goes into the ledger too
        sync_consent(tx, current, target, user=user, source=source)
    return entries


def _write_links(
    tx: Tx,
    group: tuple[str, str, str],
    chunk: Sequence[Link],
    plan: ImportPlan,
    batch: str,
    out: CommitResult,
) -> list[history.Entry]:
    type_name, from_label, to_label = group
    rows = tx.run("imports/current_links", {"type": type_name}, ids=[lk.id for lk in chunk])
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
        return []
    idents = {"type": type_name, "from": from_label, "to": to_label}
    written = tx.run("imports/write_links", idents, rows=writes)
    entries: list[history.Entry] = []
    for row in written:
        current, target = targets[row["row_id"]]
        if row["is_new"]:
            version = 1
        elif current is not None:
            version = current.version + 1
        else:
            continue  # the pair was linked already under another id: left as it is
        target = dataclasses.replace(
            target,
            id=row["id"],
            from_name=row["from_name"] or "",
            to_name=row["to_name"] or "",
            version=version,
        )
        out.links_created += row["is_new"]
        out.links_updated += not row["is_new"]
        entries += history.link_entries(
            "link" if row["is_new"] else "update",
            target,
            (row["from_label"], row["to_label"]),
            history.diff(None if row["is_new"] else current, target),
            batch=batch,
        )
    answered = {row["row_id"] for row in written}
    out.missing_links += [w["id"] for w in writes if w["id"] not in answered]
    return entries


def _remove_links(
    tx: Tx, type_name: str, chunk: Sequence[Link], batch: str, out: CommitResult
) -> list[history.Entry]:
    rows = tx.run("imports/delete_links", {"type": type_name}, ids=[lk.id for lk in chunk])
    entries: list[history.Entry] = []
    for r in rows:
        gone = codec.link_from_row(r)
        labels = (r["from_label"], r["to_label"])
        entries += history.link_entries(
            "unlink", gone, labels, history.diff(gone, None), batch=batch
        )
    out.links_removed += len(rows)
    return entries


Step = Callable[[Tx, CommitResult], list[history.Entry]]


def _groups(items: Sequence[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out


def _steps(plan: ImportPlan, batch: str, size: int, user: str) -> Iterator[tuple[int, Step]]:
    """(records and links written, the work) per ``UNWIND`` batch: nodes, links, removals."""

    # Each step binds its own chunk (not the loop's last one).
    def node_step(label: str, chunk: list[Node]) -> Step:
        return lambda tx, out: _write_nodes(tx, label, chunk, plan, batch, out, user)

    def link_step(group: tuple[str, str, str], chunk: list[Link]) -> Step:
        return lambda tx, out: _write_links(tx, group, chunk, plan, batch, out)

    def unlink_step(type_name: str, chunk: list[Link]) -> Step:
        return lambda tx, out: _remove_links(tx, type_name, chunk, batch, out)

    for label, nodes in _groups(plan.nodes, lambda n: n.LABEL).items():
        for chunk in bulk.batches(nodes, size):
            yield len(chunk), node_step(label, chunk)

    def labels(lk: Link) -> tuple[str, str, str]:
        spec = LINK_TYPES[lk.type]
        ends = plan.link_labels.get(lk.id, (spec.source_expr, spec.target_expr))
        return (lk.type, *ends)

    for group, links in _groups(plan.links, labels).items():
        for chunk in bulk.batches(links, size):
            yield len(chunk), link_step(group, chunk)
    for type_name, links in _groups(plan.unlinks, lambda lk: lk.type).items():
        for chunk in bulk.batches(links, size):
            yield len(chunk), unlink_step(type_name, chunk)


def _summary(tx: Tx, plan: ImportPlan, user: str, batch: str, result: CommitResult) -> str:
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
    return summary.id


def _check(plan: ImportPlan, only_valid: bool) -> None:
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


def commit_import(
    store: Store,
    plan: ImportPlan,
    *,
    user: str,
    only_valid: bool = False,
    progress: Progress = _noop,
    batch_size: int = bulk.BATCH_SIZE,
    single_transaction: int = SINGLE_TRANSACTION,
) -> CommitResult:
    """Write the plan's records and links with their history (see module docstring)."""
    _check(plan, only_valid)
    batch = f"import-{uuid.uuid4().hex[:16]}"
    total = plan.writes
    per_transaction = (
        total
        if total <= single_transaction
        else max(1, min(PER_TRANSACTION, single_transaction // 2))
    )
    result = CommitResult(skipped_rows=len(plan.errors), batch=batch)
    done = 0
    pending: list[tuple[int, Step]] = []

    def run(steps: list[tuple[int, Step]], last: bool) -> None:
        nonlocal done
        start = done

        def work(tx: Tx) -> CommitResult:
            nonlocal done
            done = start  # a retried transaction counts again from here
            out = CommitResult()
            for n, step in steps:
                history.record_many_in(tx, step(tx, out), user=user)
                done += n
                progress(done, total)
            if last:
                out.change_id = _summary(tx, plan, user, batch, _merged(result, out))
            return out

        _add(result, store.transaction(work))
        result.transactions += 1

    try:
        for n, step in _steps(plan, batch, min(batch_size, per_transaction), user):
            if pending and sum(k for k, _ in pending) + n > per_transaction:
                run(pending, last=False)
                pending = []
            pending.append((n, step))
        run(pending, last=True)
    except BaseException:
        if result.transactions:
            rollback(store, batch)
        raise
    progress(total, total)
    return result


_COUNTS = ("created", "updated", "links_created", "links_updated", "links_removed")


def _merged(result: CommitResult, out: CommitResult) -> CommitResult:
    both = dataclasses.replace(result)
    _add(both, out)
    return both


def _add(result: CommitResult, out: CommitResult) -> None:
    for name in _COUNTS:
        setattr(result, name, getattr(result, name) + getattr(out, name))
    result.missing_links += out.missing_links
    if out.change_id:
        result.change_id = out.change_id
