"""The change history: every write by a person is recorded as a ``Change`` node.

Entries are separate nodes, not properties of the record, so they survive the record's
deletion (and a merge) and can be listed across the whole graph. ``changes`` holds a JSON
object ``{field: [old, new]}`` with values in the model's JSON form
(:mod:`netzwerk.graph.core.codec`), so an import or a restore can be undone from it.

A change of a relationship is recorded on *each* end, with that end's real label, and
names the other end only by id (``{"link": {"type", "other", "other_label", …}}``): names
are looked up when the history is read (:func:`resolve`). An erased person therefore
renders as "gelöschte Person" everywhere at once, and a renamed record shows its current
name, without rewriting old entries. ``refs`` lists every id an entry mentions, so an
erasure finds them; ``batch`` groups the entries of one import so it can be undone as one
step.

Bulk writes (a changeset's transactions, the undo of one) **fold** what they write on one
record into one stored entry (action ``changes``, :data:`FOLDED`): its ``changes`` hold
``{"entries": [{action, changes, version}, …]}``, the entries it stands for. A 5,000-row
partner list touches some 10,000 records with 70,000 field and link-end changes; one node
per record instead of per change is what makes its history cheap to write, read and undo.
Every reader unfolds it (:func:`unfold`), so a record's history, the undo by value and the
changeset page see the same entries as before, and entries written unfolded still read as
they were.

Entries are written inside the transaction of the use case that made the change
(:func:`record_in`, :func:`record_many_in`), never after it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import uuid
from dataclasses import KW_ONLY, dataclass, field
from datetime import datetime
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import DEFAULT_ORG, LABELS, LINK_TYPES, Link, N, Node
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.records import visibility

ACTIONS = (
    "create",
    "update",
    "delete",
    "restore",
    "merge",
    "link",
    "unlink",
    "import",
    "export",
    "erase",
    "propose",
    "reject",
)
ACTION_TITLES = {
    "create": N_("angelegt"),
    "update": N_("geändert"),
    "delete": N_("gelöscht"),
    "restore": N_("wiederhergestellt"),
    "merge": N_("zusammengeführt"),
    "link": N_("verknüpft"),
    "unlink": N_("Verknüpfung entfernt"),
    "import": N_("importiert"),
    "export": N_("exportiert"),
    "erase": N_("personenbezogene Daten gelöscht"),
    "propose": N_("Änderung vorgeschlagen"),
    "reject": N_("Vorschlag abgelehnt"),
}
ERASED = "[gelöscht]"
ERASED_PERSON = N_("gelöschte Person")
OTHER_PERSON = N_("Person einer anderen Organisation")
"""How a history names a person the reader's organisation may not see."""
SKIP_FIELDS = frozenset({"created", "updated", "version", "from_name", "to_name"})
FOLDED = "changes"
"""The action of a stored entry that holds several entries on one record (see the module
docstring); never an action of an entry as read."""
FOLDED_MAX = 65_536
"""Characters a folded entry grows to at most by later transactions of its changeset: a hub
(a topic thousands of imported actors link to) gets further entries instead of one whose
every extension rewrites all of it."""


@dataclass
class Entry:
    """One history entry to write (see :func:`record_in`)."""

    action: str
    label: str
    record_id: str
    record_name: str
    changes: dict[str, Any] = field(default_factory=dict)
    refs: list[str] = field(default_factory=list)
    batch: str = ""
    version: int | None = None
    """The record's version after this change (entries written before it was kept: None)."""


@dataclass
class Change(Entry):
    """An entry as read back: what was written, and who wrote it when."""

    _: KW_ONLY
    id: str
    at: datetime
    user: str
    other_name: str = ""
    """The current name of the other end of a link entry, filled by :func:`resolve`."""

    @property
    def action_title(self) -> str:
        return ACTION_TITLES.get(self.action, self.action)

    @property
    def link(self) -> dict[str, Any] | None:
        """The link part of a link entry (type, other, other_label, direction), if any."""
        value = self.changes.get("link")
        return value if isinstance(value, dict) else None

    @property
    def fields(self) -> dict[str, Any]:
        """The changed fields only (without the link part and internal keys)."""
        return {
            k: v
            for k, v in self.changes.items()
            if k != "snapshot" and not (k == "link" and isinstance(v, dict))
        }


def diff(
    before: Any | None, after: Any | None, *, after_json: dict[str, Any] | None = None
) -> dict[str, list[Any]]:
    """Field-by-field differences of two records (dataclasses), as ``{field: [old, new]}``.

    Bookkeeping fields (version, timestamps) are left out: they change on every save.
    Values are in the model's JSON form, so :func:`codec.field_from_json` reads them back;
    ``after_json`` is ``after`` in that form where the caller has it already (an import
    journals every record's JSON before applying it).
    """
    cls: type = type(after if after is not None else before)  # Hashable for the cache
    keys = _compared(cls)
    if after_json is not None:
        new = after_json
    else:
        new = codec.to_json(after) if after is not None else {}
    if before is None:  # a creation: every field that has a value (most of a bulk write)
        return {k: [None, b] for k in keys if (b := new.get(k)) is not None and b != ""}
    old = codec.to_json(before)
    out: dict[str, list[Any]] = {}
    for key in keys:
        a, b = old.get(key), new.get(key)
        if a != b and not (a in ("", None) and b in ("", None)):
            out[key] = [a, b]
    return out


@functools.cache
def _compared(cls: type) -> tuple[str, ...]:
    """The fields :func:`diff` compares for a class: all but bookkeeping and a link's ends
    (asked 80,000 times by one import, so answered once per class)."""
    skip = SKIP_FIELDS | {"id", "type", "from_id", "to_id"}
    return tuple(k for k in codec.field_kinds(cls) if k not in skip)


def link_part(link: Link, end: str, other_label: str, other_name: str) -> dict[str, Any]:
    """The ``link`` value of an entry on one end (``end`` is ``from`` or ``to``).

    A person at the other end is named by id only; other records keep their name as a
    fallback for when they are deleted later.
    """
    other = link.to_id if end == "from" else link.from_id
    part: dict[str, Any] = {
        "type": link.type,
        "id": link.id,
        "other": other,
        "other_label": other_label,
        "direction": "out" if end == "from" else "in",
    }
    if other_label != "Person" and other_name:
        part["other_name"] = other_name[:500]
    return part


def link_entries(
    action: str,
    link: Link,
    labels: tuple[str, str],
    changes: dict[str, Any] | None = None,
    *,
    batch: str = "",
    names: tuple[str, str] | None = None,
    version: int | None = None,
) -> list[Entry]:
    """The two entries of a link change: one on each end, with that end's real label.

    ``names`` and ``version``: the ends' names and the link's version where the caller has
    them from the store and not on ``link`` (a bulk write, saving a copy per link)."""
    from_label, to_label = labels
    from_name, to_name = names if names is not None else (link.from_name, link.to_name)
    version = version if version is not None else link.version
    out = []
    for end, label, record_id, name, other_label, other_name in (
        ("from", from_label, link.from_id, from_name, to_label, to_name),
        ("to", to_label, link.to_id, to_name, from_label, from_name),
    ):
        part = link_part(link, end, other_label, other_name)
        out.append(
            Entry(
                action=action,
                label=label,
                record_id=record_id,
                record_name=name or record_id,
                changes={"link": part, **(changes or {})},
                refs=[part["other"]],
                batch=batch,
                version=version or None,
            )
        )
    return out


_encode = json.JSONEncoder(ensure_ascii=False, default=codec.jsonable).encode
"""One encoder for every entry (``json.dumps`` with options builds one per call)."""


def _row(entry: Entry) -> dict[str, Any]:
    if entry.action not in ACTIONS and entry.action != FOLDED:
        raise ValueError(f"unknown action {entry.action!r}")
    return {
        "id": f"change-{uuid.uuid4().hex}",
        "action": entry.action,
        "label": entry.label,
        "record_id": entry.record_id,
        "record_name": (entry.record_name or "")[:500],
        "changes": _encode(entry.changes or {}),
        "refs": list(dict.fromkeys(entry.refs)),
        "batch": entry.batch,
        "version": entry.version,
    }


def fold(entries: list[Entry]) -> list[Entry]:
    """The entries of one write, one per record and changeset: the entries on the same
    record become one :data:`FOLDED` entry listing them in order (see :func:`unfold`)."""
    groups: dict[tuple[str, str, str], list[Entry]] = {}
    for e in entries:
        key = (e.label, e.record_id, e.batch)
        group = groups.get(key)
        if group is None:
            groups[key] = [e]
        else:
            group.append(e)
    out = []
    for (label, record_id, batch), group in groups.items():
        listed = [{"action": e.action, "changes": e.changes, "version": e.version} for e in group]
        name = next((e.record_name for e in reversed(group) if e.record_name), record_id)
        refs = [r for e in group for r in e.refs]
        out.append(Entry(FOLDED, label, record_id, name, {"entries": listed}, refs, batch))
    return out


def record_many_in(tx: Tx, entries: list[Entry], *, user: str, folded: bool = False) -> int:
    """Write several entries in the running transaction (one round trip); ``folded``: one
    stored entry per record and changeset (a bulk write, see :func:`fold`; an earlier
    transaction's entry of the same changeset is extended). Returns the rows written."""
    if not entries:
        return 0
    batch = tx.batch
    if batch:
        entries = [e if e.batch else dataclasses.replace(e, batch=batch) for e in entries]
    if not folded:
        rows = [_row(e) for e in entries]
        return int(tx.run("history/record_many", user=user, rows=rows)[0]["written"])
    rows = [_row(e) for e in fold(entries)]
    written = tx.run("history/record_folded", user=user, rows=rows, max_size=FOLDED_MAX)
    return int(written[0]["written"])


def record_in(
    tx: Tx,
    *,
    user: str,
    action: str,
    label: str,
    record_id: str,
    record_name: str,
    changes: dict[str, Any] | None = None,
    refs: list[str] | None = None,
    version: int | None = None,
) -> Change:
    """Append one entry inside a running transaction (``version``: the record's, after)."""
    entry = Entry(action, label, record_id, record_name, changes or {}, refs or [], version=version)
    return record_entry_in(tx, entry, user=user)


def node_entry(
    action: str, node: Node, changes: dict[str, Any] | None = None, *, version: int | None = None
) -> Entry:
    """The entry of one action on a record, named by the record as it reads now."""
    return Entry(action, node.LABEL, node.id, node.display_name, changes or {}, version=version)


def record_entry_in(tx: Tx, entry: Entry, *, user: str) -> Change:
    """Append one entry inside a running transaction and return it as stored (carrying the
    id of the changeset the transaction applies, if any: see ``Tx.batch``)."""
    if tx.batch and not entry.batch:
        entry = dataclasses.replace(entry, batch=tx.batch)
    return _from(tx.run("history/record", user=user, **_row(entry))[0]["change"])


def _from(props: dict[str, Any]) -> Change:
    return Change(
        id=props["id"],
        at=props["at"],
        user=props["user"],
        action=props["action"],
        label=props["label"],
        record_id=props["record_id"],
        record_name=props.get("record_name", ""),
        changes=json.loads(props.get("changes") or "{}"),
        refs=list(props.get("refs") or []),
        batch=props.get("batch") or "",
        version=props.get("version"),
    )


def unfold(change: Change, *, newest_first: bool = False) -> list[Change]:
    """The entries a stored entry stands for: itself, or those a :data:`FOLDED` one lists
    (in the order written, or reversed for a list newest first). A folded entry whose values
    were erased (Löschung) reads as one change without values."""
    if change.action != FOLDED:
        return [change]
    listed = change.changes.get("entries") or [{"action": "update", "changes": {}}]
    out = [
        dataclasses.replace(
            change,
            id=f"{change.id}.{i}",
            action=str(item.get("action") or "update"),
            changes=dict(item.get("changes") or {}),
            version=item.get("version"),
        )
        for i, item in enumerate(listed)
    ]
    return out[::-1] if newest_first else out


def _all(rows: list[dict[str, Any]], *, newest_first: bool = False) -> list[Change]:
    return [c for r in rows for c in unfold(_from(r["change"]), newest_first=newest_first)]


PERSON_KEYS = ("respondent",)
"""Keys of an entry whose new value names a person by id (``{"person": id}``), such as the
respondent of a survey answer: rendered with the person's current name when read."""


def _person_ref(c: Change, key: str) -> str:
    pair = c.changes.get(key)
    ref = pair[1] if isinstance(pair, list) and len(pair) == 2 else None
    return str(ref.get("person") or "") if isinstance(ref, dict) else ""


def _named_persons(changes: list[Change], names: dict[str, str]) -> list[Change]:
    out = []
    for c in changes:
        refs = {k: _person_ref(c, k) for k in PERSON_KEYS if _person_ref(c, k)}
        if refs:
            named = {k: [None, names.get(pid, ERASED_PERSON)] for k, pid in refs.items()}
            c = dataclasses.replace(c, changes={**c.changes, **named})
        out.append(c)
    return out


def resolve(store: Store, changes: list[Change]) -> list[Change]:
    """Fill ``other_name`` of link entries with the other end's current name, the persons
    named by id (:data:`PERSON_KEYS`) with theirs, and each entry's ``record_name`` with its
    record's current name.

    The record's name too: a link entry on a person was written with the name the link
    carried (the last name), the entry on the other end names the person as the history
    does ("Gerda Geheim"), and one relationship has to read the same on both pages; a
    renamed record reads as it is called now. A person who no longer exists (erased or
    deleted) is "gelöschte Person" as the other end and keeps the redacted name as the
    record; one of another organisation than the reader's is "Person einer anderen
    Organisation" either way; another record that was deleted keeps the name it had when
    the entry was written.
    """
    wanted: dict[str, set[str]] = {}
    for c in changes:
        if c.label in LABELS:
            wanted.setdefault(c.label, set()).add(c.record_id)
        link = c.link
        if link and link.get("other_label") in LABELS:
            wanted.setdefault(link["other_label"], set()).add(str(link.get("other")))
        for key in PERSON_KEYS:
            if _person_ref(c, key):
                wanted.setdefault("Person", set()).add(_person_ref(c, key))
    names: dict[str, str] = {}
    for label, ids in wanted.items():
        rows = store.read(
            "history/names", {"label": label}, ids=sorted(ids), reader=visibility.reader()
        )
        for row in rows:
            names[row["id"]] = OTHER_PERSON if row["hidden"] else row["name"] or row["id"]
    out = []
    for c in _named_persons(changes, names):
        if c.label in LABELS and c.record_id in names:
            c = dataclasses.replace(c, record_name=names[c.record_id])
        link = c.link
        if link:
            other = str(link.get("other"))
            fallback = (
                ERASED_PERSON
                if link.get("other_label") == "Person"
                else link.get("other_name") or other
            )
            c = dataclasses.replace(c, other_name=names.get(other, fallback))
        out.append(c)
    return out


def once(changes: list[Change]) -> list[Change]:
    """Each link change once in a list across records: a link change is recorded on both
    ends, and the entry on the link's target end is left out when its source end's entry
    (same link, action and moment) is in the list too.
    """
    starts = {
        (str(link.get("id")), c.action, c.at)
        for c in changes
        if (link := c.link) and link.get("direction") == "out"
    }
    return [
        c
        for c in changes
        if not (
            (link := c.link)
            and link.get("direction") == "in"
            and (str(link.get("id")), c.action, c.at) in starts
        )
    ]


def link_title(c: Change) -> str:
    """The German title of a link entry's relationship type ("kooperiert mit")."""
    link = c.link or {}
    spec = LINK_TYPES.get(str(link.get("type")))
    return spec.title if spec else str(link.get("type", ""))


def as_of_version(store: Store, current: N, version: int) -> N | None:
    """The record as it was at ``version``: ``current`` with every later change undone.

    Used to tell, after a conflict, which fields the user changed and which a colleague
    did. ``None`` if the history cannot say (a change without a version number in between).
    """
    if current.version == version:
        return current
    values = codec.to_json(current)
    rows = store.read("history/for_record", record_id=current.id, limit=10_000)
    for change in _all(rows, newest_first=True):
        if change.link is not None or change.action not in ("update", "create", "restore"):
            continue
        if change.version is None:
            return None
        if change.version <= version:
            return codec.from_json(type(current), {**values, "version": version})
        for name, pair in change.fields.items():
            if isinstance(pair, list) and len(pair) == 2:
                values[name] = pair[0]
    return None


def for_record(store: Store, record_id: str, limit: int = 200) -> list[Change]:
    """The history of one record, newest first, with link ends named as they are now."""
    rows = store.read("history/for_record", record_id=record_id, limit=limit)
    return resolve(store, _all(rows, newest_first=True)[:limit])


CONTACT_FIELDS = visibility.restricted("Person")
"""Fields of a person's history hidden without the contacts grant (as on the record)."""


def without_contacts(changes: list[Change]) -> list[Change]:
    """Copies of ``changes`` without persons' e-mail/phone values and trash snapshots, and
    with e-mail addresses and phone numbers in free-text notes masked.

    The history repeats old and new values, so a user who may not see a person's contact
    data on the record must not read it from the record's history either.
    """
    out = []
    for c in changes:
        if c.label == "Person" or "snapshot" in c.changes:
            hidden = (*CONTACT_FIELDS, "snapshot") if c.label == "Person" else ("snapshot",)
            c = dataclasses.replace(
                c, changes={k: v for k, v in c.changes.items() if k not in hidden}
            )
        out.append(dataclasses.replace(c, changes=visibility.mask_values(c.changes)))
    return out


def recent(
    store: Store,
    *,
    user: str | None = None,
    org: str | None = None,
    skip: int = 0,
    limit: int = 100,
) -> list[Change]:
    """The newest entries, of one ``user`` and/or of the accounts of the organisation ``org``
    (the audit per office)."""
    rows = store.read(
        "history/recent", user=user, org=org, default=DEFAULT_ORG, skip=skip, limit=limit
    )
    return resolve(store, _all(rows, newest_first=True))


def from_micros_rows(changes: list[dict[str, Any]], *, newest_first: bool = False) -> list[Change]:
    """Entries read with their moments as microseconds (see :func:`codec.from_micros`),
    unfolded (:func:`unfold`; ``newest_first`` for a list read newest first)."""
    return [
        c
        for change in changes
        for c in unfold(
            _from({**change, "at": codec.from_micros(change["at"])}), newest_first=newest_first
        )
    ]


def of_batch(store: Store, batch: str, *, one_end: bool = False) -> list[Change]:
    """Every entry of one changeset (oldest first), for its page and its undo; ``one_end``:
    a link change only from the end it starts at (what an undo needs)."""
    query = "history/of_batch_one_end" if one_end else "history/of_batch"
    out = from_micros_rows([r["change"] for r in store.read(query, batch=batch)])
    if one_end:  # folded entries list both ends: the query can only leave out unfolded ones
        out = [c for c in out if (c.link or {}).get("direction") != "in"]
    return out


TURNOVER_ACTIONS = ("create", "delete", "restore", "merge", "link", "unlink")
"""The actions that add or remove an actor or one of its relationships."""


def turnover(store: Store, start: datetime, end: datetime) -> list[Change]:
    """The entries on actors from ``start`` up to ``end`` (exclusive, oldest first) that add
    or remove an actor, a cooperation or a membership: the recorded part of a comparison
    of two days, where the network's since/until dates say nothing (a cooperation entered
    without a start date, an actor deleted). Folded entries are read too and unfolded."""
    actions = [*TURNOVER_ACTIONS, FOLDED]
    rows = store.read("history/turnover", start=start, end=end, actions=actions)
    return [c for c in _all(rows) if c.action in TURNOVER_ACTIONS]
