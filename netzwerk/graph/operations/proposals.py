"""Proposals across the border: one office's change to a record another office owns.

An editor whose organisation does not own a record does not write it: the change is stored
as a changeset of kind ``proposal`` (:mod:`netzwerk.graph.records.changesets`) addressed to
the owning organisation, with the fields changed and their values as the proposer saw them
(the base). The owner's editors accept it — applied like an import's part, merged field by
field, so a field the owner changed since is a conflict and not overwritten — or reject it.
The record's history names both: the proposal under the proposer, the change under the
accepting editor with "vorgeschlagen von".
"""

from __future__ import annotations

from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import ConflictError, ForbiddenError, NotFoundError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import LABELS
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.operations.imports import merge_fields
from netzwerk.graph.operations.ownership import Verdict, check_in
from netzwerk.graph.operations.proposing import stored_in
from netzwerk.graph.operations.records import update_record_in
from netzwerk.graph.records import changesets, history


def _open(tx: Tx, cs_id: str, user: str) -> tuple[changesets.Changeset, dict[str, Any], Verdict]:
    """The proposal ``cs_id`` if ``user`` may decide it: open, and owned by their office."""
    cs = changesets.get(tx, cs_id)
    if cs is None or cs.kind != "proposal":
        raise NotFoundError.said(N_("Diesen Vorschlag gibt es nicht."))
    if cs.state != "proposed":
        raise ConflictError.said(N_("Über diesen Vorschlag wurde bereits entschieden."))
    parts = changesets.parts(tx, cs_id, states=("pending",), payload=True)
    payload = parts[0]["payload"]
    record_id = payload["items"][0]["r"]["id"]
    verdict = check_in(tx, user, LABELS[payload["label"]].LABEL, [record_id])
    if not verdict.may_write(record_id):
        raise ForbiddenError.said(
            N_("Über diesen Vorschlag entscheidet die Organisation, der der Eintrag gehört.")
        )
    return cs, payload, verdict


def accept_proposal(store: Store, cs_id: str, *, user: str) -> changesets.Changeset:
    """Apply a proposal to its record (three-way, as an import's part), in one transaction.

    The history entry is the accepting user's, with the proposer as "vorgeschlagen von";
    fields the owner changed since the proposal are conflicts, listed on the proposal.
    """

    def work(tx: Tx) -> None:
        cs, payload, _verdict = _open(tx, cs_id, user)
        item = payload["items"][0]
        cls = LABELS[payload["label"]]
        planned = codec.from_json(cls, item["r"])
        current = stored_in(tx, cls, planned.id)
        target, conflicts = merge_fields(current, planned, tuple(item["f"]), item["b"])
        if history.diff(current, target):
            update_record_in(tx, target, user=user, note={"proposed_by": [None, cs.author]})
        changesets.claim_part_in(tx, cs_id, 0, {"conflicts": conflicts})
        counts = {"updated": 1 if target is not current else 0, "conflicts": len(conflicts)}
        changesets.set_state_in(
            tx, cs_id, "applied", expect=("proposed",), counts=counts, conflicts=conflicts
        )

    store.transaction(work)
    return _decided(store, cs_id)


def reject_proposal(store: Store, cs_id: str, *, user: str) -> changesets.Changeset:
    """Decline a proposal: nothing is written to the record; the history says who declined."""

    def work(tx: Tx) -> None:
        cs, payload, _verdict = _open(tx, cs_id, user)
        record = payload["items"][0]["r"]
        changesets.set_state_in(tx, cs_id, "rejected", expect=("proposed",))
        history.record_in(
            tx,
            user=user,
            action="reject",
            label=payload["label"],
            record_id=record["id"],
            record_name=cs.source,
            changes={"proposal": [None, cs_id], "proposed_by": [None, cs.author]},
        )

    store.transaction(work)
    return _decided(store, cs_id)


def _decided(store: Store, cs_id: str) -> changesets.Changeset:
    done = changesets.get(store, cs_id)
    assert done is not None  # decided in the transaction just committed
    return done
