"""Create, update and delete a record: each one managed transaction with its history.

A delete also puts the record's snapshot into the trash and records on every linked record
that the link went with it, in the same transaction — so a crash can never leave a record
changed without its history, or deleted without a way back.

Each checks ownership first (:mod:`.ownership`), in the same transaction: a new record
belongs to the creator's organisation; a change to another organisation's record is stored
as a proposal to it (:mod:`.proposing`) and :class:`ProposalSent` tells the proposer; a
delete of another organisation's record is refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from netzwerk.graph.core.errors import NotFoundError, ProposalSent
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Link, N, Node, Person
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.operations import ownership
from netzwerk.graph.operations.consent import sync_in as sync_consent
from netzwerk.graph.operations.proposing import propose_update_in
from netzwerk.graph.records import history, nodes, trash
from netzwerk.graph.records import links as links_mod


def create_record_in(
    tx: Tx, obj: N, *, user: str, links: Sequence[Link] = (), note: dict | None = None
) -> N:
    """:func:`create_record` inside a running transaction (``note``: extra history keys)."""
    verdict = ownership.check_in(tx, user, obj.LABEL, [])
    created = nodes.insert(tx, obj, org=verdict.user_org)
    changes = {**history.diff(None, created), **(note or {})}
    history.record_entry_in(
        tx, history.node_entry("create", created, changes, version=created.version), user=user
    )
    for link in links:
        link = dataclasses.replace(
            link, from_id=link.from_id or created.id, to_id=link.to_id or created.id
        )
        made, is_new, labels = links_mod.insert(tx, link)
        if is_new:
            history.record_many_in(
                tx,
                history.link_entries("link", made, labels, history.diff(None, made)),
                user=user,
            )
    if isinstance(created, Person):
        sync_consent(tx, None, created, user=user)
    return created


def create_record(store: Store, obj: N, *, user: str, links: Sequence[Link] = ()) -> N:
    """Validate and store a new record, with its "angelegt" history entry.

    ``links`` are created in the same transaction; an empty ``from_id`` or ``to_id`` in one
    of them means the new record (a contact person created from an actor's page comes with
    the job at that actor, or not at all). A person's consent fields also go into the
    consent ledger (:mod:`netzwerk.graph.operations.consent`).
    """
    return store.transaction(lambda tx: create_record_in(tx, obj, user=user, links=links))


def update_record_in(tx: Tx, obj: N, *, user: str, note: dict | None = None) -> N:
    """:func:`update_record` inside a running transaction (``note``: extra history keys)."""
    before, after = nodes.save(tx, obj)
    changes = history.diff(before, after)
    if changes:
        entry = history.node_entry(
            "update", after, {**changes, **(note or {})}, version=after.version
        )
        history.record_entry_in(tx, entry, user=user)
    if isinstance(after, Person) and isinstance(before, Person):
        sync_consent(tx, before, after, user=user)
    return after


def update_record(store: Store, obj: N, *, user: str) -> N:
    """Save a record read earlier (``obj.version`` as read); history holds old → new.

    Raises :class:`~netzwerk.graph.core.errors.ConflictError` if someone saved it meanwhile and
    :class:`~netzwerk.graph.core.errors.NotFoundError` if it was deleted; nothing is written then.
    A save that changes no field writes no history entry. A person's changed consent fields
    also go into the consent ledger. Raises :class:`ProposalSent` (nothing written, the
    change sent to the owner) when the user's organisation does not own the record.
    """

    def work(tx: Tx) -> N | ProposalSent | None:
        verdict = ownership.check_in(tx, user, obj.LABEL, [obj.id])
        if verdict.may_write(obj.id):
            return update_record_in(tx, obj, user=user)
        if obj.LABEL == "Person":
            # Not there for this user (visibility.py), so nothing to propose to: a proposal
            # would tell that the id exists and whose it is.
            raise NotFoundError.said(
                N_("%(kind)s „%(id)s“ wurde nicht gefunden."), kind=obj.TITLE, id=obj.id[:80]
            )
        return propose_update_in(tx, obj, user=user, verdict=verdict)

    result = store.transaction(work)
    if isinstance(result, Node):
        return result
    if result is None:  # a proposal that changes nothing: nothing to send
        return obj
    raise result


@dataclass
class DeleteResult:
    """What a delete removed, and the trash entry that undoes it."""

    deleted: trash.Deleted
    trash_id: str


def delete_record(
    store: Store, cls: type[N], node_id: str, *, user: str, version: int | None = None
) -> DeleteResult:
    """Delete a record with its links; trash snapshot and history in the same transaction.

    With ``version`` given, nothing happens if the record changed since it was read.
    """
    return store.transaction(
        lambda tx: delete_record_in(tx, cls, node_id, user=user, version=version)
    )


def delete_record_in(
    tx: Tx, cls: type[N], node_id: str, *, user: str, version: int | None = None
) -> DeleteResult:
    """:func:`delete_record` inside a running transaction."""
    ownership.require_record_in(tx, user, cls.LABEL, node_id, cls.TITLE)
    pipeline = trash.suggestions_of(tx, node_id) if cls.LABEL == "Actor" else []
    deleted = nodes.remove(tx, cls, node_id, version=version)
    deleted.suggestions = pipeline
    entry = trash.put_in(tx, deleted, user=user)
    node = deleted.node
    entries = [
        history.node_entry(
            "delete",
            node,
            {"links_removed": [len(deleted.links), 0], "trash": [entry.id, None]},
        )
    ]
    for link in deleted.links:
        labels = deleted.labels.get(link.id, ("", ""))
        entries += [
            e
            for e in history.link_entries("unlink", link, labels, {"deleted_with": node.id})
            if e.record_id != node.id
        ]
    history.record_many_in(tx, entries, user=user)
    return DeleteResult(deleted=deleted, trash_id=entry.id)
