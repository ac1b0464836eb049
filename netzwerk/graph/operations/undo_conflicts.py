"""Decide, field by field, what an undo left alone because someone changed it since.

Undoing a changeset (:mod:`.import_undo`) reverts a field only while it still holds what the
changeset wrote; a field someone changed since is a conflict, listed on the changeset with
the value the changeset wrote, the value stored now and the value before the changeset. The
changeset's page asks for each of them: **zurücksetzen** (the value before comes back) or
**behalten** (the current value stays). :func:`decide_undo_conflicts` applies the choices in
one transaction through the single-record write path (history, consent ledger), and only
where the stored value is still the one the page showed: a value changed again meanwhile is
refused and nothing is written. Decided conflicts leave the changeset's list and are kept
with their choice in its undo record.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import ConflictError, FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LABELS, LINK_TYPES, Link
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.operations.import_undo import UNDONE
from netzwerk.graph.operations.links import update_link_in
from netzwerk.graph.operations.records import update_record_in
from netzwerk.graph.records import changesets

CHOICES = ("reset", "keep")
"""zurücksetzen (the value before the changeset comes back), behalten (the current stays)."""


def key_of(conflict: dict[str, Any]) -> str:
    """The form's key of one conflict: the record (or link) and the field."""
    return f"{conflict['record_id']}|{conflict['field']}"


def decidable(conflict: dict[str, Any]) -> bool:
    """A field conflict whose value before the changeset is known (older undo records and
    whole records — linked or deleted since — are shown, not decided here)."""
    return bool(conflict.get("field")) and "old" in conflict


@dataclass
class Decision:
    reset: int = 0
    kept: int = 0


def _current(tx: Tx, label: str, record_id: str) -> Any:
    """The record (by label) or link (by type) a conflict is about, as stored now."""
    if label in LABELS:
        rows = tx.run("nodes/get", {"label": label}, id=record_id, reader=None)
        return codec.from_store(LABELS[label], rows[0]["node"]) if rows else None
    rows = (
        tx.run("links/get", {"type": label}, id=record_id, reader=None)
        if label in LINK_TYPES
        else []
    )
    return codec.link_from_row(rows[0]) if rows else None


def _reset_in(tx: Tx, label: str, record_id: str, fields: list[dict[str, Any]], user: str) -> None:
    """Put the values before the changeset back on one record, if it still shows what the
    page showed."""
    obj = _current(tx, label, record_id)
    name = fields[0].get("name") or record_id
    if obj is None:
        raise NotFoundError.said(
            N_("„%(name)s“ gibt es nicht mehr; es wurde nichts zurückgesetzt."), name=name
        )
    cls = type(obj)
    back: dict[str, Any] = {}
    for c in fields:
        stored = codec.field_json(cls, c["field"], getattr(obj, c["field"], None))
        if not codec.same_json(stored, c["stored"]):
            raise ConflictError.said(
                N_(
                    "„%(name)s“ wurde inzwischen erneut geändert (%(field)s). Bitte die Seite "
                    "neu laden und noch einmal entscheiden; es wurde nichts "
                    "zurückgesetzt."
                ),
                obj,
                name=name,
                field=c["field"],
            )
        back[c["field"]] = codec.field_from_json(cls, c["field"], c["old"])
    replaced = dataclasses.replace(obj, **back)
    if isinstance(replaced, Link):
        update_link_in(tx, replaced, user=user, note=UNDONE)
    else:
        update_record_in(tx, replaced, user=user, note=UNDONE)


def decide_undo_conflicts(
    store: Store, cs_id: str, choices: dict[str, str], *, user: str
) -> Decision:
    """Apply the choices (conflict key → ``reset``/``keep``) of an undone changeset's
    conflicts in one transaction; conflicts without a choice stay open."""
    bad = [k for k, v in choices.items() if v not in CHOICES]
    if bad or not choices:
        raise ValidationError(
            [
                FieldError(
                    "choices", N_("Bitte für jede Angabe „zurücksetzen“ oder „behalten“ wählen")
                )
            ]
        )

    def work(tx: Tx) -> Decision:
        # the lock first: of two colleagues deciding at once, the second sees the first's
        locked = changesets.set_state_in(tx, cs_id, "undone", expect=("undone",))
        cs = changesets.get_in(tx, cs_id)
        if not locked or cs is None:
            raise NotFoundError.said(N_("Dieses Änderungspaket ist nicht rückgängig gemacht."))
        conflicts = list(cs.undo.get("conflicts", []))
        chosen = {key_of(c): c for c in conflicts if decidable(c) and key_of(c) in choices}
        if len(chosen) != len(choices):
            raise ConflictError.said(
                N_(
                    "Über einige dieser Angaben wurde inzwischen schon entschieden. Bitte "
                    "die Seite neu laden; es wurde nichts geändert."
                )
            )
        resets: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for key, c in chosen.items():
            if choices[key] == "reset":
                resets[(c["label"], c["record_id"])].append(c)
        for (label, record_id), fields in resets.items():
            _reset_in(tx, label, record_id, fields, user)
        decided = [{**c, "choice": choices[key_of(c)], "user": user} for c in chosen.values()]
        undo = {
            **cs.undo,
            "conflicts": [c for c in conflicts if key_of(c) not in chosen],
            "decided": [*cs.undo.get("decided", []), *decided],
        }
        changesets.set_state_in(tx, cs_id, "undone", expect=("undone",), undo=undo)
        reset = sum(len(f) for f in resets.values())
        return Decision(reset=reset, kept=len(chosen) - reset)

    return store.transaction(work)
