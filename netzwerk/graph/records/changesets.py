"""Änderungspakete (changesets): what a bulk or outside change is, and where it stands.

Every change that is not one form save (an import, a workbook, later a merge, a survey
review, another office's proposal) is a changeset. It is **stored before anything of it is
applied**: who made it, from what (the file, the survey), and a journal of parts, each a
batch of records or links with the *base* value of every field (what the change was made
from) and the proposed value. Applying walks the parts in order; each part is applied in one
transaction that also marks the part applied and moves the progress on, so a changeset cut
off by an outage or a killed process is finished from where it stopped (see
:mod:`netzwerk.graph.operations.changeset_apply`). Undoing reverts by value (see
:mod:`netzwerk.graph.operations.import_undo`).

States::

    proposed → applying → applied → undoing → undone
                        ↘ rolling_back → failed

A **proposal** (kind ``proposal``) is one record's change by another organisation than the
record's owner (``from_org`` → ``to_org``): it stays ``proposed`` until the owner accepts
it (``applied``) or rejects it (``rejected``); the watcher never applies it.

This module reads changesets and writes their bookkeeping inside the transaction of the use
case that changes records (as :mod:`.history` does); the use cases are in
:mod:`netzwerk.graph.operations`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.values import Page

STATES = {
    "proposed": N_("gespeichert, noch nicht angewendet"),
    "applying": N_("wird angewendet"),
    "applied": N_("angewendet"),
    "rolling_back": N_("wird zurückgerollt"),
    "failed": N_("fehlgeschlagen und vollständig zurückgerollt"),
    "undoing": N_("wird rückgängig gemacht"),
    "undone": N_("rückgängig gemacht"),
    "rejected": N_("abgelehnt"),
}
UNFINISHED = ("proposed", "applying", "rolling_back", "undoing")
"""States in which a changeset's work is not done: the watcher finishes them."""
KINDS = {
    "import": N_("Import"),
    "workbook": N_("Arbeitsmappe"),
    "merge": N_("Zusammenführung"),
    "survey": N_("Befragung"),
    "proposal": N_("Vorschlag"),
}
COUNT_TITLES = {
    "created": N_("neu angelegt"),
    "updated": N_("aktualisiert"),
    "links_created": N_("Verbindungen neu"),
    "links_updated": N_("Verbindungen geändert"),
    "links_removed": N_("Verbindungen entfernt"),
    "conflicts": N_("Konflikte (nicht überschrieben)"),
    "skipped_rows": N_("Zeilen übersprungen"),
}


@dataclass
class Changeset:
    """One changeset's metadata; its journal parts are read separately (they are large)."""

    id: str
    kind: str
    title: str
    source: str = ""
    author: str = ""
    state: str = "proposed"
    created: datetime | None = None
    updated: datetime | None = None
    heartbeat: datetime | None = None
    total: int = 0
    done: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    """Fields the change did not write because someone changed them since its base:
    ``{record_id, label, name, field, base, stored, proposed}`` (values in JSON form)."""
    undo: dict[str, Any] = field(default_factory=dict)
    """What undoing did: counts, and the fields kept because they changed since."""
    error: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    """What the use case needs to know about its changeset beyond the journal (a survey
    review: the answer whose decisions an undo opens again)."""
    to_org: str = ""
    """A proposal's addressee: the organisation owning the record (its slug)."""
    from_org: str = ""
    """A proposal's sender: the proposer's organisation."""

    @property
    def state_title(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def kind_title(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def finished(self) -> bool:
        return self.state not in UNFINISHED or self.open_proposal

    @property
    def open_proposal(self) -> bool:
        """A proposal waiting for its owner's decision (nothing is running)."""
        return self.kind == "proposal" and self.state == "proposed"

    @property
    def percent(self) -> int:
        if self.state in ("applied", "undone", "failed"):
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def undoable(self) -> bool:
        return self.state == "applied"


def _loads(raw: Any, default: Any) -> Any:
    if not raw:
        return default
    try:
        return json.loads(raw)
    except (TypeError, ValueError):
        return default


def dumps(value: Any) -> str:
    """JSON of journal values (dates in the codec's form)."""
    return json.dumps(value, ensure_ascii=False, default=codec.jsonable)


def _from(row: dict[str, Any]) -> Changeset:
    return Changeset(
        id=row["id"],
        kind=row.get("kind") or "import",
        title=row.get("title") or "",
        source=row.get("source") or "",
        author=row.get("author") or "",
        state=row.get("state") or "proposed",
        created=row.get("created"),
        updated=row.get("updated"),
        heartbeat=row.get("heartbeat"),
        total=int(row.get("total") or 0),
        done=int(row.get("done") or 0),
        counts=_loads(row.get("counts"), {}),
        conflicts=_loads(row.get("conflicts"), []),
        undo=_loads(row.get("undo"), {}),
        error=row.get("error") or "",
        context=_loads(row.get("context"), {}),
        to_org=row.get("to_org") or "",
        from_org=row.get("from_org") or "",
    )


def create_in(
    tx: Tx,
    cs_id: str,
    *,
    kind: str,
    title: str,
    source: str,
    author: str,
    parts: list[tuple[int, dict[str, Any]]],
    counts: dict[str, int] | None = None,
    context: dict[str, Any] | None = None,
    to_org: str = "",
    from_org: str = "",
) -> None:
    """Store a changeset with its journal (``parts``: (units, payload) in applying order;
    none for a change applied in the same transaction, such as a survey review;
    ``to_org``/``from_org``: a proposal's addressee and sender)."""
    rows = [
        {"seq": i, "size": size, "payload": dumps(payload)}
        for i, (size, payload) in enumerate(parts)
    ]
    props = {
        "kind": kind,
        "title": title[:300],
        "source": source[:300],
        "author": author,
        "total": sum(size for size, _ in parts),
        "counts": dumps(counts or {}),
        "conflicts": "[]",
        **({"context": dumps(context)} if context else {}),
        "to_org": to_org,
        "from_org": from_org,
    }
    tx.run("changesets/create", id=cs_id, props=props, parts=rows)


def proposed_fields(store: Store, cs: Changeset) -> list[dict[str, Any]]:
    """An open proposal's fields: ``{label, field, base, proposed}`` (values in JSON form)."""
    if not cs.open_proposal:
        return []
    out: list[dict[str, Any]] = []
    for part in parts(store, cs.id, states=("pending",), payload=True):
        payload = part["payload"] or {}
        for item in payload.get("items", []):
            out += [
                {
                    "label": payload.get("label", ""),
                    "field": name,
                    "base": (item.get("b") or {}).get(name),
                    "proposed": item["r"].get(name),
                }
                for name in item.get("f") or []
            ]
    return out


def get(store_or_tx: Store | Tx, cs_id: str) -> Changeset | None:
    read = store_or_tx.read if isinstance(store_or_tx, Store) else store_or_tx.run
    rows = read("changesets/get", id=cs_id)
    return _from(rows[0]["changeset"]) if rows else None


def get_in(tx: Tx, cs_id: str) -> Changeset | None:
    """A changeset read inside a use case's transaction (after it took the lock)."""
    rows = tx.run("changesets/get", id=cs_id)
    return _from(rows[0]["changeset"]) if rows else None


def recent(
    store: Store,
    *,
    skip: int = 0,
    limit: int = 50,
    kinds: list[str] | None = None,
    org: str | None = None,
) -> Page[Changeset]:
    """Changesets, newest first (the list page); with ``org``, of proposals only those
    addressed to or sent by that organisation."""
    rows = store.read("changesets/recent", skip=skip, limit=limit, kinds=kinds or [], org=org)
    total = int(rows[0]["total"]) if rows else 0
    return Page([_from(r["changeset"]) for r in rows], total, skip, limit)


def parts(
    store_or_tx: Store | Tx, cs_id: str, *, states: tuple[str, ...], payload: bool
) -> list[dict[str, Any]]:
    """Journal parts (seq, size, state, payload as parsed JSON, result) in order."""
    read = store_or_tx.read if isinstance(store_or_tx, Store) else store_or_tx.run
    rows = read("changesets/parts", id=cs_id, states=list(states), payload=payload)
    return [
        {
            "seq": r["seq"],
            "size": r["size"],
            "state": r["state"],
            "payload": _loads(r["payload"], None),
            "result": _loads(r["result"], {}),
        }
        for r in rows
    ]


def claim_part_in(tx: Tx, cs_id: str, seq: int, result: dict[str, Any]) -> bool:
    """Mark a part applied in the transaction applying it; False if it was applied already."""
    return bool(tx.run("changesets/claim_part", id=cs_id, seq=seq, result=dumps(result)))


def progress_in(tx: Tx, cs_id: str, done: int, counts: dict[str, int]) -> None:
    tx.run("changesets/progress", id=cs_id, done=done, counts=dumps(counts))


def set_state_in(tx: Tx, cs_id: str, state: str, *, expect: tuple[str, ...], **props: Any) -> bool:
    """Move to ``state`` if now in one of ``expect``; ``props`` are stored along (dicts and
    lists as JSON). False if the changeset was elsewhere (another worker moved it)."""
    stored = {k: dumps(v) if isinstance(v, dict | list) else v for k, v in props.items()}
    return bool(
        tx.run("changesets/set_state", id=cs_id, state=state, props=stored, expect=list(expect))
    )


def claim_stale_in(tx: Tx, seconds: int) -> list[tuple[str, str]]:
    """Unfinished changesets whose worker has not been heard of for ``seconds``, claimed."""
    rows = tx.run("changesets/claim_stale", seconds=seconds, states=list(UNFINISHED))
    return [(r["id"], r["state"]) for r in rows]


def states_of(store_or_tx: Store | Tx, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """id → (state, rebase map) of the changesets among ``ids``."""
    read = store_or_tx.read if isinstance(store_or_tx, Store) else store_or_tx.run
    rows = read("changesets/states_of", ids=ids)
    return {r["id"]: (r["state"], _loads(r["rebase"], {})) for r in rows}


def set_rebase_in(tx: Tx, cs_id: str, rebase: dict[str, dict[str, Any]]) -> None:
    tx.run("changesets/set_rebase", id=cs_id, rebase=dumps(rebase))


def part_result_in(tx: Tx, cs_id: str, seq: int, result: dict[str, Any]) -> None:
    """What applying a part found (its conflicts), stored on the part."""
    tx.run("changesets/part_result", id=cs_id, seq=seq, result=dumps(result))


def sweep_in(tx: Tx, record_id: str) -> int:
    """Erasure: drop every conflict and undo entry about ``record_id`` from the changesets,
    and the journal payloads that hold it; returns how many changesets were touched."""
    rows = tx.run("changesets/mentioning", id=record_id)
    for r in rows:
        conflicts = [c for c in _loads(r["conflicts"], []) if c.get("record_id") != record_id]
        undo = _loads(r["undo"], {})
        if undo.get("conflicts"):
            undo["conflicts"] = [c for c in undo["conflicts"] if c.get("record_id") != record_id]
        tx.run(
            "changesets/sweep",
            id=r["id"],
            conflicts=dumps(conflicts),
            undo=dumps(undo),
            parts=r["parts"],
        )
    return len(rows)
