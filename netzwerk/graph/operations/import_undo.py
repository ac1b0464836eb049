"""Undo a changeset by value — or roll back one that failed half-way.

The changeset's history entries (its ``batch`` id) say what it wrote. Undoing compares
**values**, not versions or times: a field is reverted when its stored value is still the
one the changeset wrote; a created record or link is removed when every field it was
created with is still as written; a removed link comes back unless the pair is linked again.

A field whose value differs is either

* explained by **later changesets** still applied (a later import changed the same field
  from exactly this value on): the later value stays, and the later changeset is told to
  restore this changeset's old value when it is undone itself (its ``rebase``). So undoing
  several changesets in any order ends where it started when nobody else changed anything;
* or changed by someone else: a **conflict**, left as it is and listed with the value the
  changeset wrote and the value stored now.

Undo is idempotent (a field already back at its old value is done), so an undo cut off by an
outage is finished by running it again (the watcher does). The consent ledger goes back with
the fields: every ledger entry the changeset wrote is removed (a removed person's ledger goes
with the person), except for persons whose consent fields someone changed since (a conflict:
ledger and fields stay together). A record the changeset deleted (a merge's duplicate) comes
back first, with its id, so that its relationships can move back to it. Work is batched and
split into transactions of at most :data:`PER_TRANSACTION` entries, so the undo of a
5,000-row import fits the database's memory. What the changeset created and nobody changed
since (still at the version it left, a record with no relationship left) is removed in one
statement per batch without being read first; only the rest is compared by value.

:func:`rollback` is the same without a trace: it also drops the batch's history entries,
for a changeset whose later part failed for good (see :mod:`.imports`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core import bulk, codec, collector
from netzwerk.graph.core.errors import ConflictError, NotFoundError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LABELS, LINK_TYPES, Link
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.operations.ownership import require_changeset_in
from netzwerk.graph.records import changesets, history, trash
from netzwerk.graph.records.nodes import reinsert

PER_TRANSACTION = 2_500
"""Records and links (or history entries to revert) per transaction of a large import or
its undo: on a 5,000-row partner list, transactions of 2,500 commit about 20 % faster than
of 10,000 (bench/partner_sheet), and each stays far below Neo4j's transaction memory."""
UNDONE = {"import_undone": [None, True]}
_ENDS = ("id", "type", "from_id", "to_id", "from_name", "to_name")
AFTER_UNDO: dict[str, Callable[[Tx, changesets.Changeset], None]] = {}
"""What a kind of changeset does besides reverting its records when it is undone, in the
undo's last transaction (a survey review opens its proposals again)."""


@dataclass
class UndoImportResult:
    """What undoing did; ``conflicts`` are the fields (or records) left as they are because
    someone changed them since, ``kept`` their records' names."""

    removed: int = 0
    reverted: int = 0
    links_removed: int = 0
    links_reverted: int = 0
    links_restored: int = 0
    restored: int = 0
    """Records the changeset deleted (a merge's duplicate) put back with their ids."""
    rebased: int = 0
    """Fields left at a later changeset's value (that changeset now restores the old one)."""
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def kept(self) -> list[str]:
        return list(dict.fromkeys(c["name"] for c in self.conflicts))

    def add(self, other: UndoImportResult) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def name_of(obj: Any) -> str:
    """A record's name, or a link's "from – to", for conflict lists."""
    if isinstance(obj, Link):
        return f"{obj.from_name or obj.from_id} – {obj.to_name or obj.to_id}"
    return str(getattr(obj, "display_name", "") or obj.id)


def _whole(record_id: str, label: str, name: str) -> dict[str, Any]:
    """A conflict about a whole record or link (linked since, deleted, or back already)."""
    return {
        "record_id": record_id,
        "label": label,
        "name": name,
        "field": "",
        "written": None,
        "stored": None,
    }


@dataclass
class _Field:
    """One field to undo: the value written, the one to restore, the one stored now."""

    record_id: str
    name: str
    written: Any
    old: Any
    stored: Any


class _Later:
    """History written on some records after the changeset: which of it were changesets
    still applied, so a differing value can be told apart from someone else's edit."""

    def __init__(self, tx: Tx, batch: str, ids: list[str], after: int) -> None:
        self._query = (tx, batch, ids, after)
        self._loaded = False
        self.by_record: dict[str, list[history.Change]] = defaultdict(list)
        self.applied: set[str] = set()

    def _load(self) -> None:
        """Read the later history only when a value differs (an undo where nobody changed
        anything since, the common case, never asks)."""
        if self._loaded:
            return
        self._loaded = True
        tx, batch, ids, after = self._query
        rows = tx.run("changesets/later_changes", ids=ids, after=after, batch=batch) if ids else []
        seen: set[tuple[str, str, str]] = set()
        for change in history.from_micros_rows([r["change"] for r in rows]):
            link = change.link
            key = (change.batch, str(link["id"]) if link else change.record_id, str(change.at))
            if link is not None:
                if key in seen:
                    continue  # the entry on the link's other end
                seen.add(key)
                self.by_record[str(link["id"])].append(change)
            else:
                self.by_record[change.record_id].append(change)
        batches = sorted({c.batch for cs in self.by_record.values() for c in cs if c.batch})
        self.applied = {
            cs_id
            for cs_id, (state, _) in changesets.states_of(tx, batches).items()
            if state == "applied"
        }

    def explained(self, f: _Field) -> str | None:
        """The first later changeset of the chain that leads from the value written to the
        value stored, if every step of it is a changeset still applied; else None."""
        self._load()
        value, first = f.written, None
        for change in self.by_record.get(f.record_id, []):
            pair = change.fields.get(f.name)
            if pair is None:
                continue
            if change.batch not in self.applied or not codec.same_json(pair[0], value):
                return None
            first = first or change.batch
            value = pair[1]
        return first if first is not None and codec.same_json(value, f.stored) else None

    def links_by_applied(self, record_id: str) -> set[str]:
        """Ids of links later changesets still applied created on ``record_id``."""
        self._load()
        return {
            str((c.link or {}).get("id"))
            for changes in self.by_record.values()
            for c in changes
            if c.action == "link" and c.batch in self.applied and c.record_id == record_id
        }


def _created(entries: dict[str, history.Change], action: str) -> list[dict[str, Any]]:
    """Id and version left of what the changeset created (``action``), for the statement
    that removes it unless someone changed it since."""
    return [
        {"id": key, "version": e.version}
        for key, e in entries.items()
        if e.action == action and e.version is not None
    ]


class _Undo:
    """One transaction's share of the undo; ``trace`` writes history for what it does."""

    def __init__(
        self,
        tx: Tx,
        batch: str,
        created_links: set[str],
        rebase: dict[str, dict[str, Any]],
        trace: bool,
        user: str,
    ) -> None:
        self.tx, self.batch, self.created_links = tx, batch, created_links
        self.rebase, self.trace, self.user = rebase, trace, user
        self.result = UndoImportResult()
        self.out: list[history.Entry] = []
        self.rebased: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        """later changeset id → record id → field → old value (to merge into its rebase)."""

    def note(self, entries: list[history.Entry]) -> None:
        if self.trace:
            self.out += entries

    def _old(self, record_id: str, name: str, pair: list[Any]) -> Any:
        return self.rebase.get(record_id, {}).get(name, pair[0])

    def _fields(self, obj: Any, entry: history.Change) -> list[_Field]:
        """The fields the entry wrote; for a created record every other field too (written
        empty), so that a value someone added since keeps the record."""
        cls = type(obj)
        kinds = codec.field_kinds(cls)
        written = dict(entry.fields)
        if entry.action in ("create", "link"):
            for name in kinds:
                if name not in written and name not in history.SKIP_FIELDS and name not in _ENDS:
                    written[name] = [None, None]
        return [
            _Field(
                obj.id,
                name,
                pair[1],
                self._old(obj.id, name, pair),
                codec.field_json(cls, name, getattr(obj, name, None)),
            )
            for name, pair in written.items()
            if name in kinds
        ]

    def _sort(
        self, obj: Any, entry: history.Change, later: _Later, label: str
    ) -> tuple[dict[str, Any], bool]:
        """Fields to restore (name → old JSON value); whether all of them are accounted for
        (reverted, already back, or explained by a later changeset)."""
        restore: dict[str, Any] = {}
        clean = True
        # Untouched since (its version is the one this changeset left): no later history to
        # read, the common undo. Otherwise a later changeset still applied that wrote the
        # field takes this one's old value over (its rebase), whatever is stored now: in a
        # chain Trier → Konz → Trier → Konz the stored value equals this one's and must
        # still not be reset under the later changesets.
        untouched = entry.version is not None and getattr(obj, "version", None) == entry.version
        for f in self._fields(obj, entry):
            first = None if untouched else later.explained(f)
            if first is not None:
                self.rebased[first].setdefault(f.record_id, {})[f.name] = f.old
                self.result.rebased += 1
            elif codec.same_json(f.stored, f.written):
                restore[f.name] = f.old
            elif codec.same_json(f.stored, f.old):
                continue  # already back (an undo run a second time)
            else:
                clean = False
                self.result.conflicts.append(
                    {
                        "record_id": obj.id,
                        "label": label,
                        "name": name_of(obj),
                        "field": f.name,
                        "written": f.written,
                        "stored": f.stored,
                        "old": f.old,
                    }
                )
        return restore, clean

    def links(self, type_name: str, entries: list[history.Change], later: _Later) -> None:
        gone = [e for e in entries if e.action == "unlink"]
        if gone:
            self._relink(type_name, gone)
        rest = {str((e.link or {})["id"]): e for e in entries if e.action != "unlink"}
        self._remove_untouched_links(type_name, rest)
        if not rest:
            return
        rows = self.tx.run("imports/current_links", {"type": type_name}, ids=list(rest))
        remove, revert = [], []
        for r in rows:
            current, entry = codec.link_from_row(r), rest[r["link"]["id"]]
            labels = (r["from_label"], r["to_label"])
            restore, clean = self._sort(current, entry, later, type_name)
            if entry.action == "link":
                if clean:
                    remove.append(current.id)
                    self.note(history.link_entries("unlink", current, labels, UNDONE))
                continue
            if not restore:
                continue
            reverted = dataclasses.replace(
                current, **{k: codec.field_from_json(Link, k, v) for k, v in restore.items()}
            )
            revert.append(
                {"id": current.id, "version": current.version, "props": reverted.properties()}
            )
            changes = {**history.diff(current, reverted), **UNDONE}
            after = dataclasses.replace(current, version=current.version + 1)
            self.note(history.link_entries("update", after, labels, changes))
        if remove:
            done = self.tx.run("imports/delete_links", {"type": type_name}, ids=remove)
            self.result.links_removed += len(done)
        if revert:
            done = self.tx.run("imports/revert_links", {"type": type_name}, rows=revert)
            self.result.links_reverted += len(done)

    def _remove_untouched_links(self, type_name: str, rest: dict[str, history.Change]) -> None:
        """Remove the links the changeset created that are still at the version it left
        (nobody changed them since: every field is as written) in one statement, without
        reading them first; they leave ``rest``, the rest is compared field by field."""
        rows = _created(rest, "link")
        if not rows:
            return
        removed = self.tx.run("imports/delete_untouched_links", {"type": type_name}, rows=rows)
        for r in removed[0]["removed"]:
            gone = Link(
                type=type_name,
                from_id=r["from_id"],
                to_id=r["to_id"],
                id=r["id"],
                version=r["version"],
                from_name=r["from_name"] or "",
                to_name=r["to_name"] or "",
            )
            rest.pop(gone.id, None)
            self.result.links_removed += 1
            labels = (r["from_label"], r["to_label"])
            self.note(history.link_entries("unlink", gone, labels, UNDONE))

    def _relink(self, type_name: str, entries: list[history.Change]) -> None:
        """Put back links the changeset removed, with their ids and old values — unless the
        pair is linked again meanwhile or an end is gone (then they are conflicts)."""
        spec = LINK_TYPES[type_name]
        rows, links, binned = [], {}, {}
        for e in entries:
            part = e.link or {}
            ends = (e.record_id, str(part["other"]))
            from_id, to_id = ends if part.get("direction") == "out" else ends[::-1]
            link = Link(type=type_name, from_id=from_id, to_id=to_id, id=str(part["id"]))
            kinds = codec.field_kinds(Link)
            old = {
                k: codec.field_from_json(Link, k, p[0])
                for k, p in e.fields.items()
                if k in kinds and k not in _ENDS
            }
            link = dataclasses.replace(link, **old)
            links[link.id] = link
            binned[link.id] = (e.changes.get("trash") or [None])[0]
            row = {"id": link.id, "from_id": from_id, "to_id": to_id}
            rows.append({**row, "props": link.properties(), "update": False})
        idents = {"type": type_name, "from": spec.source_expr, "to": spec.target_expr}
        answer = self.tx.run("imports/write_links", idents, rows=rows)[0]["written"]
        written = {r["row_id"]: r for r in answer}
        for link_id, link in links.items():
            r = written.get(link_id)
            if r is None or not r["is_new"]:
                if r is None:  # an end is gone
                    self.result.conflicts.append(_whole(link_id, type_name, name_of(link)))
                continue
            self.result.links_restored += 1
            if binned.get(link_id):  # removed through the write path: out of the trash again
                self.tx.run("trash/take", id=binned[link_id])
            labels = (r["from_label"], r["to_label"])
            names = (r["from_name"] or "", r["to_name"] or "")
            self.note(history.link_entries("link", link, labels, UNDONE, names=names, version=1))

    def revive(self, label: str, entries: list[history.Change], later: _Later) -> None:
        """Put back records the changeset deleted (a merge's duplicate) with their ids,
        before their relationships move back; and the pipeline records the merge carried
        over go back to them. One whose id exists again is a conflict."""
        cls = LABELS[label]
        for e in entries:
            snap = (e.changes.get("snapshot") or [None])[0] or {}
            node = codec.from_json(cls, snap["node"])
            try:
                back = reinsert(self.tx, node, owners=snap.get("owners"))
            except ConflictError:
                self.result.conflicts.append(_whole(node.id, label, name_of(node)))
                continue
            self.result.restored += 1
            into = (e.changes.get("merged_into") or [""])[0]
            if into and snap.get("suggestions_moved"):
                self.tx.run(
                    "merge/unmove_suggestions", survivor=into, others=snap["suggestions_moved"]
                )
            trash.restore_suggestions_in(self.tx, snap.get("suggestions") or [])
            self.note(
                [
                    history.Entry(
                        "restore", label, back.id, name_of(back), UNDONE, version=back.version
                    )
                ]
            )

    def _remove_untouched_nodes(self, label: str, by_id: dict[str, history.Change]) -> None:
        """Delete the records the changeset created that nobody changed or linked since in
        one statement, without reading them first (see :meth:`_remove_untouched_links`)."""
        cls = LABELS[label]
        rows = _created(by_id, "create")
        if not rows:
            return
        done = self.tx.run("imports/delete_untouched_nodes", {"label": label}, rows=rows)
        done = done[0]["removed"]
        for props in done:
            node = codec.from_store(cls, props)
            by_id.pop(node.id, None)
            self.note([history.Entry("delete", label, node.id, node.display_name, UNDONE)])
        self.result.removed += len(done)
        if label == "Person" and done:  # their consent ledger goes with them
            self.tx.run("imports/erase_consents", ids=[p["id"] for p in done])

    def nodes(self, label: str, entries: list[history.Change], later: _Later) -> None:
        cls = LABELS[label]
        by_id = {e.record_id: e for e in entries}
        self._remove_untouched_nodes(label, by_id)
        if not by_id:
            return
        rows = self.tx.run("imports/current_nodes", {"label": label}, ids=list(by_id))
        current = {r["node"]["id"]: codec.from_store(cls, r["node"]) for r in rows}
        fresh = [i for i, e in by_id.items() if e.action == "create" and i in current]
        linked = {
            r["id"]: r["links"]
            for r in self.tx.run("imports/node_links", {"label": label}, ids=fresh)
        }
        remove, revert = [], []
        for node_id, node in current.items():
            entry = by_id[node_id]
            restore, clean = self._sort(node, entry, later, label)
            if entry.action == "create":
                others = [x for x in linked.get(node_id, []) if x not in self.created_links]
                if others:  # links made since: by a later changeset still applied, or not
                    by_later = later.links_by_applied(node_id)
                    others = [x for x in others if x not in by_later]
                if clean and not others:
                    remove.append({"id": node.id, "version": node.version})
                    self.note([history.Entry("delete", label, node.id, node.display_name, UNDONE)])
                elif others:
                    self.result.conflicts.append(_whole(node.id, label, node.display_name))
                continue
            if not restore:
                continue
            reverted = dataclasses.replace(
                node, **{k: codec.field_from_json(cls, k, v) for k, v in restore.items()}
            )
            revert.append({"id": node.id, "version": node.version, "props": reverted.properties()})
            changes = {**history.diff(node, reverted), **UNDONE}
            self.note(
                [
                    history.Entry(
                        "update",
                        label,
                        node.id,
                        node.display_name,
                        changes,
                        version=node.version + 1,
                    )
                ]
            )
        if remove:
            done = self.tx.run("imports/delete_nodes", {"label": label}, rows=remove)
            self.result.removed += len(done)
            if label == "Person":  # their consent ledger goes with them
                self.tx.run("imports/erase_consents", ids=[r["id"] for r in done])
        if revert:
            done = self.tx.run("imports/revert_nodes", {"label": label}, rows=revert)
            self.result.reverted += len(done)

    def finish(self) -> None:
        """Later changesets learn the base of fields they changed after this one."""
        if not self.rebased:
            return
        states = changesets.states_of(self.tx, list(self.rebased))
        for cs_id, records in self.rebased.items():
            merged = dict(states.get(cs_id, ("", {}))[1])
            for record_id, fields in records.items():
                merged[record_id] = {**merged.get(record_id, {}), **fields}
            changesets.set_rebase_in(self.tx, cs_id, merged)


Work = tuple[str, str, list[history.Change]]
HUB = 64
"""A record with more links in one changeset than this (a topic, an alliance, a place) is
a hub: its links are undone a block at a time with the records at their other ends."""


def _work(entries: list[history.Change]) -> Iterator[list[Work]]:
    """The undo's work in blocks, each list of ("revive" | "links" | "nodes", label or type,
    entries) applied in one transaction where it fits.

    Merged-away records come back first (their relationships move back to them). Then the
    links (the newest change of each, one entry per link) a block of connected records at a
    time, each block followed by the records whose last link it held: a record's history
    entry of the undo is then written once, with all its changes, and a created record is
    checked only after its own links are gone, for the links others made. The rest (records
    without links in the changeset, hubs) comes last.
    """
    links, nodes, gone = _newest(entries)
    for label, todo in gone.items():
        yield [("revive", label, list(todo.values()))]
    placed: dict[str, int] = {}
    blocks = _link_blocks(list(links.values()))
    for number, block in enumerate(blocks):
        for e in block:
            placed[e.record_id] = placed[str((e.link or {})["other"])] = number
    records: list[list[tuple[str, history.Change]]] = [[] for _ in blocks]
    rest: dict[str, list[history.Change]] = defaultdict(list)
    for label, todo in nodes.items():
        for record_id, e in todo.items():
            if record_id in placed:
                records[placed[record_id]].append((label, e))
            else:
                rest[label].append(e)
    for block, its_records in zip(blocks, records, strict=True):
        work: list[Work] = [
            ("links", type_name, of_type)
            for type_name, of_type in _by_key(block, lambda e: str((e.link or {})["type"]))
        ]
        work += [
            ("nodes", label, [e for _, e in of_label])
            for label, of_label in _by_key(its_records, lambda item: item[0])
        ]
        yield work
    for label, waiting in rest.items():
        for batch in bulk.batches(waiting, bulk.BATCH_SIZE):
            yield [("nodes", label, batch)]


Newest = dict[str, dict[str, history.Change]]


def _newest(entries: list[history.Change]) -> tuple[dict[str, history.Change], Newest, Newest]:
    """The newest entry of each link (by link id), of each record the changeset wrote and
    of each record it merged away (by label, then record id)."""
    links: dict[str, history.Change] = {}
    nodes: Newest = defaultdict(dict)
    gone: Newest = defaultdict(dict)
    for e in reversed(entries):
        part = e.link
        if part is not None:
            if part.get("type") in LINK_TYPES:
                links.setdefault(str(part["id"]), e)
        elif e.label in LABELS and "merged_into" in e.changes:  # a merge's duplicate
            gone[e.label].setdefault(e.record_id, e)
        elif e.label in LABELS and e.action in ("create", "update", "merge"):
            nodes[e.label].setdefault(e.record_id, e)
    return links, nodes, gone


def _by_key(items: list[Any], key: Callable[[Any], str]) -> list[tuple[str, list[Any]]]:
    out: dict[str, list[Any]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return list(out.items())


def _link_blocks(entries: list[history.Change]) -> list[list[history.Change]]:
    """Link entries in blocks of about :data:`PER_TRANSACTION`, records linked to each
    other (but not through a hub) in the same block."""
    degree: dict[str, int] = defaultdict(int)
    for e in entries:
        degree[e.record_id] += 1
        degree[str((e.link or {})["other"])] += 1
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    ends = []
    for e in entries:
        pair = [r for r in (e.record_id, str((e.link or {})["other"])) if degree[r] <= HUB]
        if len(pair) == 2:
            parent[root(pair[0])] = root(pair[1])
        ends.append(pair[0] if pair else e.record_id)
    components: dict[str, list[history.Change]] = {}
    for e, end in zip(entries, ends, strict=True):
        components.setdefault(root(end), []).append(e)
    blocks: list[list[history.Change]] = [[]]
    for component in components.values():
        if blocks[-1] and len(blocks[-1]) + len(component) > PER_TRANSACTION:
            blocks.append([])
        blocks[-1] += component
    return blocks if blocks[-1] else []


def _later_ids(kind: str, chunk: list[history.Change]) -> list[str]:
    if kind == "links":
        return list({e.record_id for e in chunk})
    return [e.record_id for e in chunk]


def _first_at(entries: list[history.Change]) -> int:
    first = min(e.at for e in entries)
    return int((first - codec.EPOCH).total_seconds() * 1_000_000) - 1


def _groups(entries: list[history.Change]) -> list[list[Work]]:
    """The blocks of :func:`_work` packed into transactions of at most
    :data:`PER_TRANSACTION` entries (a larger block is one transaction of its own)."""
    groups: list[list[Work]] = [[]]
    size = 0
    for block in _work(entries):
        n = sum(len(chunk) for _, _, chunk in block)
        if size and size + n > PER_TRANSACTION:
            groups.append([])
            size = 0
        groups[-1] += block
        size += n
    return groups


def _run(
    store: Store, batch: str, *, user: str, trace: bool, empty: bool = False
) -> UndoImportResult:
    """The undo's work; ``empty``: a changeset that wrote only ledger entries (a consent
    given for someone else) has no history to revert, which is no error."""
    with collector.paused():
        entries = [e for e in history.of_batch(store, batch, one_end=True) if e.action != "import"]
        groups = _groups(entries) if entries else []
    if not entries and not empty:
        raise NotFoundError.said(N_("Zu diesem Import gibt es nichts rückgängig zu machen."))
    created_links = {str(e.link["id"]) for e in entries if e.link and e.action == "link"}
    after = _first_at(entries) if entries else 0
    states = changesets.states_of(store, [batch])
    rebase = states.get(batch, ("", {}))[1]
    result = UndoImportResult()
    for group in groups:

        def work(tx: Tx, group: list[Work] = group) -> UndoImportResult:
            undo = _Undo(tx, batch, created_links, rebase, trace, user or "netzwerk")
            for kind, name, chunk in group:
                later = _Later(tx, batch, _later_ids(kind, chunk), after)
                step = {"revive": undo.revive, "links": undo.links, "nodes": undo.nodes}[kind]
                step(name, chunk, later)
            undo.finish()
            history.record_many_in(tx, undo.out, user=user, folded=True)
            return undo.result

        with collector.paused():
            result.add(store.transaction(work))
    keep = sorted(
        {c["record_id"] for c in result.conflicts if str(c.get("field")).startswith("consent_")}
    )
    store.transaction(lambda tx: tx.run("changesets/drop_consents", changeset=batch, keep=keep))
    return result


def _depending(store: Store, batch: str) -> list[str]:
    """Later changesets still applied that deleted a record this one wrote on (merged it
    away) or removed a relationship it wrote: undone first, they give back what this undo
    needs; undone after, they would bring back what this undo reverted."""
    later = [r["id"] for r in store.read("changesets/later_applied", id=batch)]
    if not later:
        return []
    entries = history.of_batch(store, batch)
    links = {str(e.link["id"]) for e in entries if e.link}
    ids = sorted({e.record_id for e in entries})
    found = set()
    rows = store.read("changesets/later_removals", ids=ids, batches=later)
    for change in history.from_micros_rows([r["change"] for r in rows]):
        if change.action not in ("merge", "unlink"):
            continue  # another entry of a folded one
        if "merged_into" in change.changes or (
            change.link is not None and str(change.link["id"]) in links
        ):
            found.add(change.batch)
    return sorted(found)


def undo_import(store: Store, batch: str, *, user: str) -> UndoImportResult:
    """Revert every record and link one changeset wrote, by value (see module docstring).

    Refused (:class:`ForbiddenError`) for a changeset of another organisation, and
    (:class:`ConflictError`) while a later changeset still applied builds on it by
    deleting a record or removing a relationship it wrote (a later merge of an actor it
    created or changed): that one is to be undone first.
    """
    cs = changesets.get(store, batch)
    if cs is not None:
        if cs.state == "undone":
            raise NotFoundError.said(N_("Dieses Änderungspaket wurde bereits rückgängig gemacht."))
        if cs.state == "applied" and (depending := _depending(store, batch)):
            titles = [c.title for c in (changesets.get(store, i) for i in depending) if c]
            raise ConflictError.said(
                N_(
                    "Dieses Änderungspaket kann erst rückgängig gemacht werden, wenn diese "
                    "späteren Pakete rückgängig gemacht sind, die darauf aufbauen: %(titles)s"
                ),
                titles="; ".join(titles)[:500],
            )

        def start(tx: Tx) -> bool:
            require_changeset_in(tx, user, batch)
            return changesets.set_state_in(tx, batch, "undoing", expect=("applied", "undoing"))

        if not store.transaction(start):
            raise NotFoundError.said(
                N_(
                    "Dieses Änderungspaket ist „%(state_title)s“ und kann nicht "
                    "rückgängig gemacht werden."
                ),
                state_title=cs.state_title,
            )
    result = _run(store, batch, user=user, trace=True, empty=cs is not None)

    def close(tx: Tx) -> None:
        _summary(tx, batch, user, result)
        if cs is not None and cs.kind in AFTER_UNDO:
            AFTER_UNDO[cs.kind](tx, cs)
        if cs is not None:
            changesets.set_state_in(tx, batch, "undone", expect=("undoing",), undo=result.as_dict())

    store.transaction(close)
    return result


def _summary(tx: Tx, batch: str, user: str, total: UndoImportResult) -> None:
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
            "kept": [None, len(total.conflicts)],
        },
    )


def rollback(store: Store, batch: str) -> None:
    """Revert what a failed changeset wrote and drop its history entries, leaving no trace."""
    try:
        _run(store, batch, user="", trace=False)
    except NotFoundError:
        return
    while store.write("imports/forget_batch", batch=batch, limit=10_000)[0]["deleted"]:
        pass
