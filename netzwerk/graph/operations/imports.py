"""Commit a planned import as a changeset: stored first, applied resumably, merged by field.

An import is an *Änderungspaket* (:mod:`netzwerk.graph.records.changesets`).
:func:`propose_import` stores it with its whole journal before anything is applied: per
``UNWIND`` batch the records and links to write, the fields the file sets on each, and the
**base** value of every such field (what the dry run read). :func:`apply_changeset` then
applies the parts in order. Each transaction applies a few parts, marks them applied and
moves the progress on, together with the records, links and their history: one entry per
record the transaction touched, listing its field and link changes (folded, see
:mod:`netzwerk.graph.records.history`), carrying the changeset's id as ``batch`` — so a
changeset cut off by an outage or a killed process is finished from where it stopped by
:mod:`.changeset_watch`, and no part is ever applied twice.

Applying merges three ways, field by field: where the stored value still equals the base,
the file's value is written; where it already equals the file's value, nothing is written;
where someone changed it since the dry run, it is a **conflict**: not written, listed on the
changeset with base, stored and proposed value. A small import is one transaction (all of it
or nothing); a large one (a 5,000-row partner list writes some 40,000 records and links)
is split into transactions of :data:`PER_TRANSACTION` units, and if a part fails for good, what
the earlier ones wrote is rolled back by value before the changeset is marked failed.

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

from netzwerk.graph.core import bulk, codec, collector
from netzwerk.graph.core.errors import (
    DatabaseUnavailableError,
    GraphError,
    NotFoundError,
    ProposalSent,
)
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LABELS, LINK_TYPES, Link, Node, Person
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.imports.fields import KINDS
from netzwerk.graph.imports.plan import ImportPlan
from netzwerk.graph.operations import ownership
from netzwerk.graph.operations.consent import sync_in as sync_consent
from netzwerk.graph.operations.import_undo import PER_TRANSACTION, name_of, rollback
from netzwerk.graph.operations.proposing import propose_update_in
from netzwerk.graph.records import changesets, history

Progress = Callable[[int, int], None]
_TITLES = {**KINDS, "indicators": "Indikatoren"}
"""The changeset's title by import kind (indicator tables are imported on their own page)."""
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
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    """Fields not written because someone changed them since the dry run (see
    :func:`merge_fields`)."""
    batch: str = ""
    """The changeset's id: its history entries carry it, ``undo_import`` takes it."""
    state: str = ""
    transactions: int = 0


def _noop(done: int, total: int) -> None:
    return None


def merge_fields(
    current: Any, planned: Any, fields: tuple[str, ...] | None, base: dict[str, Any] | None
) -> tuple[Any, list[dict[str, Any]]]:
    """The record to write and the conflicts: a three-way merge of the stored record
    (``current``), the file's (``planned``, setting ``fields``) and the ``base`` the file was
    planned from (field → JSON value; None: nothing recorded, the file's value counts)."""
    if current is None:
        return planned, []
    if not fields:
        return current, []
    cls = type(current)
    take: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []
    for f in fields:
        stored = codec.field_json(cls, f, getattr(current, f, None))
        proposed = codec.field_json(cls, f, getattr(planned, f, None))
        if codec.same_json(stored, proposed):
            continue
        # no base recorded (an older journal, a record new at the dry run): the file counts
        was = base.get(f, stored) if base is not None else stored
        if codec.same_json(stored, was):
            take[f] = getattr(planned, f)
            continue
        conflicts.append(
            {
                "record_id": current.id,
                "label": getattr(current, "LABEL", "") or getattr(current, "type", ""),
                "name": name_of(current),
                "field": f,
                "base": was,
                "stored": stored,
                "proposed": proposed,
            }
        )
    return (dataclasses.replace(current, **take) if take else current), conflicts


def _write_nodes(
    tx: Tx,
    label: str,
    chunk: Sequence[Node],
    plan: ImportPlan,
    batch: str,
    out: CommitResult,
    user: str,
    jsons: dict[str, dict[str, Any]] | None = None,
) -> list[history.Entry]:
    cls = LABELS[label]
    ids = [n.id for n in chunk]
    rows = tx.run("imports/current_nodes", {"label": label}, ids=ids)
    now = {r["node"]["id"]: codec.from_store(cls, r["node"]) for r in rows}
    verdict = ownership.check_in(tx, user, label, ids)
    writes: list[dict[str, Any]] = []
    entries: list[history.Entry] = []
    persons: list[tuple[Person | None, Person]] = []
    for planned in chunk:
        current = now.get(planned.id)
        base = plan.base.get(planned.id)
        if current is None and base is not None:  # deleted since the dry run: not revived
            out.conflicts.append(_gone(planned))
            continue
        if current is not None and not verdict.may_write(current.id):
            wanted, _ = merge_fields(current, planned, plan.fields.get(planned.id), base)
            sent = propose_update_in(tx, wanted, user=user, verdict=verdict)
            out.conflicts.append(_foreign(current, verdict.owner_of(current.id), sent))
            continue
        target, conflicts = merge_fields(current, planned, plan.fields.get(planned.id), base)
        out.conflicts += conflicts
        planned_json = (jsons or {}).get(target.id) if current is None else None
        changes = history.diff(current, target, after_json=planned_json)
        if current is not None and not changes:
            continue
        writes.append({"id": target.id, "props": target.properties(), "org": verdict.user_org})
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
        sync_consent(tx, current, target, user=user, source=source, changeset=batch)
    return entries


def _foreign(current: Any, owner: str, sent: ProposalSent | None) -> dict[str, Any]:
    """Another organisation's record: an import never changes it; what the file would
    change is sent to the owner as a proposal (``proposed``: its changeset id, if any)."""
    return {
        "record_id": current.id,
        "label": getattr(current, "LABEL", ""),
        "name": name_of(current),
        "field": "org",
        "base": None,
        "stored": owner,
        "proposed": sent.changeset if sent is not None else None,
    }


def _gone(planned: Any) -> dict[str, Any]:
    return {
        "record_id": planned.id,
        "label": getattr(planned, "LABEL", ""),
        "name": name_of(planned),
        "field": "",
        "base": None,
        "stored": None,
        "proposed": None,
    }


def _write_links(
    tx: Tx,
    group: tuple[str, str, str],
    chunk: Sequence[Link],
    plan: ImportPlan,
    batch: str,
    out: CommitResult,
    jsons: dict[str, dict[str, Any]] | None = None,
) -> list[history.Entry]:
    type_name, from_label, to_label = group
    rows = tx.run("imports/current_links", {"type": type_name}, ids=[lk.id for lk in chunk])
    now = {r["link"]["id"]: codec.link_from_row(r) for r in rows}
    writes, targets = [], {}
    for planned in chunk:
        current = now.get(planned.id)
        fields = plan.fields.get(planned.id)
        target, conflicts = merge_fields(current, planned, fields, plan.base.get(planned.id))
        out.conflicts += conflicts
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
    written = tx.run("imports/write_links", idents, rows=writes)[0]["written"]
    entries: list[history.Entry] = []
    for row in written:
        current, target = targets[row["row_id"]]
        if row["is_new"]:
            version = 1
        elif current is not None:
            version = current.version + 1
        else:
            continue  # the pair was linked already under another id: left as it is
        # row["id"] is target.id here (a new pair takes the row's id; an update is by id)
        out.links_created += row["is_new"]
        out.links_updated += not row["is_new"]
        entries += history.link_entries(
            "link" if row["is_new"] else "update",
            target,
            (row["from_label"], row["to_label"]),
            history.diff(
                None if row["is_new"] else current,
                target,
                after_json=(jsons or {}).get(target.id) if current is None else None,
            ),
            batch=batch,
            names=(row["from_name"] or "", row["to_name"] or ""),
            version=version,
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
Unit = tuple[int, Step, dict[str, Any]]
"""One journal part: units it writes, the work, and its payload (what is stored)."""


def _groups(items: Sequence[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out


Payload = dict[str, Any]


def _journaled(payload: Payload) -> dict[str, dict[str, Any]]:
    """Record or link id → its JSON as the journal part holds it (what the history of a
    created one lists, without encoding it a second time)."""
    return {item["r"]["id"]: item["r"] for item in payload["items"]}


def _item(plan: ImportPlan, obj: Any) -> dict[str, Any]:
    fields = plan.fields.get(obj.id)
    return {
        "r": codec.to_json(obj),
        "f": list(fields) if fields is not None else None,
        "b": plan.base.get(obj.id),
    }


def _units(plan: ImportPlan, batch: str, size: int, user: str) -> Iterator[Unit]:
    """The journal parts of a plan in applying order: records, links, removals.

    The links of a large import are applied a block of rows at a time (all types of the
    block's rows in one part, so one transaction): a record's folded history entry is then
    extended once by its links instead of once per link type (a 5,000-row list used to
    rewrite each actor's entry five times). Records all come first: reading them back
    inside the transaction that created them costs more than it saves.
    """
    yield from _typed_units(plan, batch, size, user, plan.nodes, [], [])
    for links in _link_blocks(plan, size):
        units = list(_typed_units(plan, batch, size, user, [], links, []))
        yield units[0] if len(units) == 1 else _block(units)
    yield from _typed_units(plan, batch, size, user, [], [], plan.unlinks)


def _link_blocks(plan: ImportPlan, size: int) -> Iterator[list[Link]]:
    """The plan's links in blocks of about ``size``, in the order of their rows (all of
    them in one block where the plan does not say which row asked for a link)."""
    if len(plan.link_rows) != len(plan.links):
        if plan.links:
            yield plan.links
        return
    ordered = sorted(zip(plan.link_rows, range(len(plan.links)), plan.links, strict=True))
    links: list[Link] = []
    last = None
    for row, _, link in ordered:
        if len(links) >= size and row != last:
            yield links
            links = []
        links.append(link)
        last = row
    if links:
        yield links


def _block(units: list[Unit]) -> Unit:
    """Several parts applied as one (one block of rows: its records, then its links)."""

    def step(tx: Tx, out: CommitResult) -> list[history.Entry]:
        return [e for _, work, _ in units for e in work(tx, out)]

    payload = {"op": "block", "parts": [payload for _, _, payload in units]}
    return sum(n for n, _, _ in units), step, payload


def _typed_units(
    plan: ImportPlan,
    batch: str,
    size: int,
    user: str,
    nodes: Sequence[Node],
    links: Sequence[Link],
    unlinks: Sequence[Link],
) -> Iterator[Unit]:
    """Parts of one label or link type each, in applying order: records, links, removals."""

    # Each step binds its own chunk (not the loop's last one).
    def node_step(label: str, chunk: list[Node], part: ImportPlan, payload: Payload) -> Step:
        return lambda tx, out: _write_nodes(
            tx, label, chunk, part, batch, out, user, _journaled(payload)
        )

    def link_step(
        group: tuple[str, str, str], chunk: list[Link], part: ImportPlan, payload: Payload
    ) -> Step:
        return lambda tx, out: _write_links(tx, group, chunk, part, batch, out, _journaled(payload))

    def unlink_step(type_name: str, chunk: list[Link]) -> Step:
        return lambda tx, out: _remove_links(tx, type_name, chunk, batch, out)

    for label, of_label in _groups(nodes, lambda n: n.LABEL).items():
        for chunk in bulk.batches(of_label, size):
            payload = {"op": "nodes", "label": label, "items": [_item(plan, n) for n in chunk]}
            yield len(chunk), node_step(label, chunk, plan, payload), payload

    def labels(lk: Link) -> tuple[str, str, str]:
        spec = LINK_TYPES[lk.type]
        ends = plan.link_labels.get(lk.id, (spec.source_expr, spec.target_expr))
        return (lk.type, *ends)

    for group, of_group in _groups(links, labels).items():
        for chunk in bulk.batches(of_group, size):
            payload = {
                "op": "links",
                "group": list(group),
                "update": plan.link_update,
                "items": [_item(plan, lk) for lk in chunk],
            }
            yield len(chunk), link_step(group, chunk, plan, payload), payload
    for type_name, of_type in _groups(unlinks, lambda lk: lk.type).items():
        for chunk in bulk.batches(of_type, size):
            payload = {
                "op": "unlinks",
                "type": type_name,
                "items": [_item(plan, lk) for lk in chunk],
            }
            yield len(chunk), unlink_step(type_name, chunk), payload


Decoder = Callable[[dict[str, Any], str, str], Unit]
DECODERS: dict[str, Decoder] = {}
"""Journal parts of other use cases (``op`` → payload, changeset id, user → work): a merge
registers its own, so the runner and the watcher resume it like an import's parts."""


def _decode(payload: dict[str, Any], filename: str, batch: str, user: str) -> Unit:
    """A stored journal part back as work (after a restart: the plan is gone from memory)."""
    if payload["op"] in DECODERS:
        return DECODERS[payload["op"]](payload, batch, user)
    if payload["op"] == "block":
        return _block([_decode(p, filename, batch, user) for p in payload["parts"]])
    part = ImportPlan(kind="", filename=filename, headers=[], mapping=[])
    part.link_update = bool(payload.get("update"))
    items = payload["items"]
    op = payload["op"]
    cls: type = LABELS[payload["label"]] if op == "nodes" else Link
    objs: list[Any] = [codec.from_json(cls, it["r"]) for it in items]
    for obj, it in zip(objs, items, strict=True):
        if it.get("f") is not None:
            part.fields[obj.id] = tuple(it["f"])
        if it.get("b") is not None:
            part.base[obj.id] = it["b"]
    if op == "nodes":
        label = payload["label"]
        return (
            len(objs),
            lambda tx, out: _write_nodes(
                tx, label, objs, part, batch, out, user, _journaled(payload)
            ),
            payload,
        )
    if op == "links":
        group = tuple(payload["group"])
        assert len(group) == 3
        return (
            len(objs),
            lambda tx, out: _write_links(tx, group, objs, part, batch, out, _journaled(payload)),
            payload,
        )
    type_name = payload["type"]
    return len(objs), lambda tx, out: _remove_links(tx, type_name, objs, batch, out), payload


def _summary(tx: Tx, cs: changesets.Changeset, user: str, counts: dict[str, int]) -> str:
    summary = history.record_in(
        tx,
        user=user,
        action="import",
        label="Import",
        record_id=cs.id,
        record_name=cs.title[:200],
        changes={k: counts.get(k, 0) for k in ("rows", *_COUNTS, "conflicts", "skipped_rows")},
    )
    return summary.id


def _check(plan: ImportPlan, only_valid: bool) -> None:
    if plan.blocking and not only_valid:
        raise ImportBlockedError.said(
            N_(
                "Der Import wurde nicht ausgeführt: %(n)s Zeilen sind fehlerhaft. "
                "Bitte die Datei korrigieren oder ausdrücklich „nur gültige Zeilen "
                "importieren“ wählen."
            ),
            n=len(plan.errors),
        )
    if plan.undecided:
        raise ImportBlockedError.said(
            N_(
                "Der Import wurde nicht ausgeführt: %(n)s unsichere Zuordnungen sind "
                "noch offen. Bitte jeweils entscheiden: derselbe Eintrag, neu anlegen "
                "oder überspringen."
            ),
            n=len(plan.open_reviews),
        )


def propose_import(
    store: Store,
    plan: ImportPlan,
    *,
    user: str,
    only_valid: bool = False,
    batch_size: int = bulk.BATCH_SIZE,
) -> tuple[str, list[Unit]]:
    """Store the plan as a changeset with its journal, nothing applied yet; its id and the
    work in memory (so the caller applies without reading the journal back)."""
    _check(plan, only_valid)
    cs_id = f"import-{uuid.uuid4().hex[:16]}"
    with collector.paused():
        units = list(_units(plan, cs_id, min(batch_size, PER_TRANSACTION), user))
    title = f"{_TITLES.get(plan.kind, plan.kind)}: {plan.filename or 'Datei'}"
    counts = {"rows": len(plan.results), "skipped_rows": len(plan.errors)}
    kind = "workbook" if plan.kind == "workbook" else "import"
    store.transaction(
        lambda tx: changesets.create_in(
            tx,
            cs_id,
            kind=kind,
            title=title,
            source=plan.filename or "Datei",
            author=user,
            parts=[(n, payload) for n, _, payload in units],
            counts=counts,
        )
    )
    return cs_id, units


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
    """Store the plan as a changeset and apply it (see module docstring)."""
    cs_id, units = propose_import(
        store, plan, user=user, only_valid=only_valid, batch_size=batch_size
    )
    return apply_changeset(
        store,
        cs_id,
        user=user,
        progress=progress,
        units=units,
        single_transaction=single_transaction,
    )


def _pending(store: Store, cs: changesets.Changeset, user: str) -> list[tuple[int, Unit]]:
    parts = changesets.parts(store, cs.id, states=("pending",), payload=True)
    return [(p["seq"], _decode(p["payload"], cs.source, cs.id, user)) for p in parts]


def apply_changeset(
    store: Store,
    cs_id: str,
    *,
    user: str,
    progress: Progress = _noop,
    units: list[Unit] | None = None,
    single_transaction: int = SINGLE_TRANSACTION,
) -> CommitResult:
    """Apply a stored changeset's pending parts, resumably (see module docstring).

    ``units`` is the journal in memory right after :func:`propose_import`; without it (a
    changeset resumed after a restart) the pending parts are read back from the store.
    A part someone else applied meanwhile is skipped. If the database goes away, the
    changeset stays "wird angewendet" and the watcher finishes it once it answers; if a part
    fails for good, everything applied is rolled back and the changeset is "fehlgeschlagen".
    """
    cs = changesets.get(store, cs_id)
    if cs is None:
        raise NotFoundError.said(N_("Dieses Änderungspaket gibt es nicht."))
    if cs.state not in ("proposed", "applying"):
        return _result(cs)
    store.transaction(
        lambda tx: changesets.set_state_in(tx, cs_id, "applying", expect=("proposed", "applying"))
    )
    todo = list(enumerate(units)) if units is not None else _pending(store, cs, user)
    total = cs.total
    per_transaction = (
        total
        if total <= single_transaction
        else max(1, min(PER_TRANSACTION, single_transaction // 2))
    )
    runner = _Runner(store, cs, user, progress)
    try:
        for group, last in _transactions(todo, per_transaction):
            runner.run(group, last)
    except DatabaseUnavailableError:
        raise  # stays "applying": the watcher resumes it once the database answers
    except Exception as exc:
        _fail(store, cs_id, exc)
        raise
    progress(total, total)
    done = changesets.get(store, cs_id)
    assert done is not None
    result = _result(done)
    result.transactions = runner.transactions
    return result


def _transactions(
    todo: list[tuple[int, Unit]], per_transaction: int
) -> Iterator[tuple[list[tuple[int, Unit]], bool]]:
    """The parts grouped into transactions of at most ``per_transaction`` units."""
    pending: list[tuple[int, Unit]] = []
    for seq, unit in todo:
        if pending and sum(u[0] for _, u in pending) + unit[0] > per_transaction:
            yield pending, False
            pending = []
        pending.append((seq, unit))
    yield pending, True


class _Runner:
    """Applies groups of journal parts, one transaction each, keeping the running counts."""

    def __init__(
        self, store: Store, cs: changesets.Changeset, user: str, progress: Progress
    ) -> None:
        self.store, self.cs, self.user, self.progress = store, cs, user, progress
        self.counts = dict(cs.counts)
        self.done = cs.done
        self.transactions = 0

    def _part(
        self, tx: Tx, seq: int, unit: Unit, local: dict[str, int], entries: list[history.Entry]
    ) -> int:
        n, step, _ = unit
        if not changesets.claim_part_in(tx, self.cs.id, seq, {}):
            return 0  # applied by someone else already
        out = CommitResult()
        entries += step(tx, out)
        for name in _COUNTS:
            local[name] = local.get(name, 0) + getattr(out, name)
        local["conflicts"] = local.get("conflicts", 0) + len(out.conflicts)
        result = {"conflicts": out.conflicts, "missing": out.missing_links}
        changesets.part_result_in(tx, self.cs.id, seq, result)
        changesets.progress_in(tx, self.cs.id, n, local)
        return n

    def run(self, group: list[tuple[int, Unit]], last: bool) -> None:
        def work(tx: Tx) -> tuple[dict[str, int], int]:
            local, done = dict(self.counts), self.done  # a retried transaction starts over
            entries: list[history.Entry] = []
            for seq, unit in group:
                done += self._part(tx, seq, unit, local, entries)
                self.progress(done, self.cs.total)
            # one entry per record the transaction touched, listing its changes
            history.record_many_in(tx, entries, user=self.user, folded=True)
            if last:
                _finish_in(tx, self.cs, self.user, local)
            return local, done

        with collector.paused():
            self.counts, self.done = self.store.transaction(work)
        self.transactions += 1


def _finish_in(tx: Tx, cs: changesets.Changeset, user: str, counts: dict[str, int]) -> None:
    conflicts: list[dict[str, Any]] = []
    for p in changesets.parts(tx, cs.id, states=("applied",), payload=False):
        conflicts += p["result"].get("conflicts", [])
    if cs.kind in ("import", "workbook"):  # the import's own line in the history
        _summary(tx, cs, user, counts)
    tx.run("changesets/drop_payloads", id=cs.id)
    changesets.set_state_in(
        tx, cs.id, "applied", expect=("applying",), counts=counts, conflicts=conflicts
    )


def _fail(store: Store, cs_id: str, exc: Exception) -> None:
    """Roll back what a changeset applied after a part failed for good, then mark it failed."""
    message = str(exc) if isinstance(exc, GraphError) else "Interner Fehler beim Anwenden."
    store.transaction(
        lambda tx: changesets.set_state_in(tx, cs_id, "rolling_back", expect=("applying",))
    )
    finish_rollback(store, cs_id, message)


def finish_rollback(store: Store, cs_id: str, message: str) -> None:
    """Revert what a changeset applied (by value, leaving no trace) and mark it failed."""
    rollback(store, cs_id)

    def close(tx: Tx) -> None:
        tx.run("changesets/drop_payloads", id=cs_id)
        changesets.set_state_in(tx, cs_id, "failed", expect=("rolling_back",), error=message[:500])

    store.transaction(close)


def _result(cs: changesets.Changeset) -> CommitResult:
    c = cs.counts
    return CommitResult(
        created=c.get("created", 0),
        updated=c.get("updated", 0),
        links_created=c.get("links_created", 0),
        links_updated=c.get("links_updated", 0),
        links_removed=c.get("links_removed", 0),
        skipped_rows=c.get("skipped_rows", 0),
        conflicts=list(cs.conflicts),
        batch=cs.id,
        state=cs.state,
    )


_COUNTS = ("created", "updated", "links_created", "links_updated", "links_removed")
