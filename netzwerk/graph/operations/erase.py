"""DSGVO Löschung (Art. 17) of a contact person, in one managed transaction.

Unlike a delete there is no undo: the person and their links go, and so does every copy of
their data the application keeps elsewhere —

* their own history entries stay (the log has no holes) but lose name and values;
* other records' history names people only by id since names are resolved when read
  (:func:`netzwerk.graph.records.history.resolve` shows "gelöschte Person"); entries written before
  that, which spelled the name out, are redacted with every name the person ever had
  (current and former, read from their own history before it is emptied);
* trash entries of the person and of their deleted links are removed, and their links are
  stripped from other records' trash snapshots; a person who is only in the trash is erased
  the same way (their rights do not wait for someone to restore them);
* export logs forget the person's id (counts stay);
* free text anywhere that spells the person out — a full name, the e-mail address or the
  phone number typed into notes, descriptions, relationship notes, or kept in history
  values — is replaced by the placeholder (:func:`sweep_terms`);
* the consent ledger and Löschkonzept reviews of the person go, and so do their survey
  invitations, the answers given through them and what other answers said about them
  (:func:`netzwerk.graph.surveys.personal.erase_person_in`);
* an ``Erasure`` note (id, time and salted hashes of name and e-mail, no personal data in
  clear) makes a later restore of an older backup erase the person again
  (:func:`netzwerk.graph.operations.restore.restore_backup`), keeps the trash from
  restoring them and lets an old workbook's row say that the person was erased
  (:mod:`netzwerk.graph.records.erasures`).

The full-text search index follows the deleted node by itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core.errors import not_found
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Node
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.records import changesets, erasures, history, trash
from netzwerk.graph.surveys.personal import erase_person_in as erase_survey_data_in

NAME_FIELDS = ("title", "first_name", "last_name")


def _former_names(tx: Tx, person_id: str) -> list[str]:
    """Every name form the person's own history shows (old and new values of renames)."""
    rows = tx.run("history/for_record", record_id=person_id, limit=100_000)
    names: set[str] = set()
    for row in rows:
        change = row["change"]
        if change.get("record_name"):
            names.add(change["record_name"])
        values: dict[str, Any] = json.loads(change.get("changes") or "{}")
        # a changeset's folded entry lists its changes of the record one by one
        listed = values.get("entries") if change.get("action") == history.FOLDED else None
        for item in listed if isinstance(listed, list) else [{"changes": values}]:
            for key in NAME_FIELDS:
                pair = (item.get("changes") or {}).get(key)
                if isinstance(pair, list):
                    names.update(str(v) for v in pair if v)
    return [n for n in names if len(n) >= 3 and n != history.ERASED]


MIN_TERM = 5
"""Shortest term swept from free text: full names, addresses and numbers are longer; a bare
surname ("Alt") or initials would wipe other people's words."""


def sweep_terms(names: list[str], contact: list[str]) -> list[str]:
    """What free text must not keep of an erased person: every full name form (with a space:
    not a bare surname), the e-mail address and the phone number (also without spaces), each
    also JSON-escaped as history values store it; longest first, so a longer form is
    replaced before a shorter one inside it."""
    terms = {n for n in names if " " in n.strip()} | {c.strip() for c in contact}
    terms |= {c.replace(" ", "") for c in contact}
    terms |= {json.dumps(t, ensure_ascii=False)[1:-1] for t in terms}
    return sorted((t for t in terms if len(t) >= MIN_TERM), key=len, reverse=True)


def _strip_trash(tx: Tx, person_id: str, mentions: list[dict[str, Any]]) -> int:
    """Remove the person's links from other records' trash snapshots."""
    stripped = 0
    for entry in mentions:
        snap = json.loads(entry["snapshot"])
        links = snap.get("links", [])
        kept = [lk for lk in links if person_id not in (lk.get("from_id"), lk.get("to_id"))]
        stripped += len(links) - len(kept)
        snap["links"] = kept
        refs = {snap.get("node", {}).get("id", "")}
        for lk in kept:
            refs |= {lk.get("from_id", ""), lk.get("to_id", "")}
        tx.run(
            "trash/set_snapshot",
            id=entry["id"],
            snapshot=json.dumps(snap, ensure_ascii=False),
            refs=sorted(r for r in refs if r),
        )
    return stripped


def _name_forms(node: Node) -> list[str]:
    """The name forms of a person's trash snapshot, as ``privacy/erase_person`` returns them."""
    parts = [str(getattr(node, k, "") or "") for k in NAME_FIELDS]
    forms = [" ".join(p for p in parts if p), " ".join(p for p in parts[1:] if p), parts[2]]
    return [f for f in forms if f]


@dataclass
class _Trashed:
    """What the person's own trash snapshot holds for the erasure."""

    found: bool = False
    names: list[str] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)
    links: int = 0
    keys: list[str] = field(default_factory=list)


def _trashed(tx: Tx, person_id: str) -> _Trashed:
    """Name forms, linked record ids, link count and identity keys of the trash snapshot."""
    deleted = trash.of_record_in(tx, person_id, "Person")
    if deleted is None:
        return _Trashed()
    node = deleted.node
    ends = {i for lk in deleted.links for i in (lk.from_id, lk.to_id)} - {person_id}
    keys = erasures.identity_keys(
        getattr(node, "first_name", ""), getattr(node, "last_name", ""), getattr(node, "email", "")
    )
    return _Trashed(True, _name_forms(node), sorted(ends), len(deleted.links), keys)


def erase_person(
    store: Store, person_id: str, *, user: str, must_exist: bool = True
) -> dict[str, int]:
    """Erase a person for good, a live record or one in the trash; returns counts.

    ``must_exist=False`` (the re-erasure after a restore) also sweeps what an older backup
    brought back of a person who is neither a record nor in the trash any more.
    """
    if not is_valid_id(person_id):
        raise not_found(N_("Person"), person_id)

    def work(tx: Tx) -> dict[str, int]:
        former = _former_names(tx, person_id)
        trashed = _trashed(tx, person_id)
        consents = int(tx.run("consent/erase", id=person_id)[0]["removed"])
        surveys = erase_survey_data_in(tx, person_id)
        row = tx.run("privacy/erase_person", id=person_id)[0]
        if must_exist and not row["erased"] and not trashed.found:
            raise not_found(N_("Person"), person_id)
        redacted = int(
            tx.run("privacy/redact_own_history", id=person_id, placeholder=history.ERASED)[0][
                "redacted"
            ]
        )
        names = sorted(set(row["names"]) | set(former) | set(trashed.names), key=len, reverse=True)
        if names:
            redacted += int(
                tx.run(
                    "privacy/redact_link_history",
                    record_ids=sorted(set(row["neighbours"]) | set(trashed.ends)),
                    person_id=person_id,
                    names=names,
                    placeholder=history.ERASED,
                )[0]["redacted"]
            )
        text = tx.run(
            "privacy/sweep_free_text",
            terms=sweep_terms(names, row["contact"]),
            placeholder=history.ERASED,
        )[0]
        redacted += int(text["history"])
        swept = tx.run("privacy/sweep_trash", id=person_id)[0]
        stripped = _strip_trash(tx, person_id, [m for m in swept["mentions"] if m])
        exports = int(tx.run("privacy/sweep_exports", id=person_id)[0]["swept"])
        exports += changesets.sweep_in(tx, person_id)
        keys = erasures.identity_keys(row["first_name"], row["last_name"], row["email"])
        tx.run(
            "privacy/log_erasure",
            person_id=person_id,
            user=user,
            hashes=erasures.hashes(person_id, [*keys, *trashed.keys]),
        )
        counts = {
            "links": int(row["links"]) + trashed.links,
            "history": redacted,
            "trash": int(swept["removed"]) + stripped,
            "exports": exports,
            "consents": consents,
            "survey": surveys,
            "free_text": int(text["nodes"]) + int(text["links"]),
        }
        history.record_in(
            tx,
            user=user,
            action="erase",
            label="Person",
            record_id=person_id,
            record_name=history.ERASED,
            changes={
                "links_removed": counts["links"],
                "history_redacted": redacted,
                "trash_removed": counts["trash"],
                "exports_swept": exports,
                "consents_removed": consents,
                "survey_data_removed": surveys,
                "free_text_swept": counts["free_text"],
            },
        )
        return counts

    return store.transaction(work)
