"""Create, change and remove a relationship: one managed transaction each, with history on
both ends (under each end's real label) and, for a removal, a trash snapshot.

The web forms, the JSON API, imports and survey reviews all call these, so the same change
leaves the same history whichever way it was made.
"""

from __future__ import annotations

from dataclasses import dataclass

from netzwerk.graph.core.model import Link
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.operations import ownership
from netzwerk.graph.records import history, links, trash


def create_link_in(tx: Tx, link: Link, *, user: str, note: dict | None = None) -> Link:
    """:func:`create_link` inside a running transaction (``note``: extra history keys)."""
    created, is_new, labels = links.insert(tx, link)
    if is_new:
        changes = {**history.diff(None, created), **(note or {})}
        history.record_many_in(
            tx, history.link_entries("link", created, labels, changes), user=user
        )
    return created


def create_link(store: Store, link: Link, *, user: str) -> Link:
    """Store a relationship (or return the one already there, writing nothing).

    Raises :class:`~netzwerk.graph.core.errors.NotFoundError` if an end is missing and
    :class:`~netzwerk.graph.core.errors.ForbiddenError` if the user's organisation owns
    neither end.
    """

    def work(tx: Tx) -> Link:
        ownership.require_link_in(tx, user, link)
        return create_link_in(tx, link, user=user)

    return store.transaction(work)


def update_link_in(tx: Tx, link: Link, *, user: str, note: dict | None = None) -> Link:
    """:func:`update_link` inside a running transaction (``note``: extra history keys)."""
    before, after, labels = links.save(tx, link)
    changes = history.diff(before, after)
    if changes:
        history.record_many_in(
            tx,
            history.link_entries("update", after, labels, {**changes, **(note or {})}),
            user=user,
        )
    return after


def update_link(store: Store, link: Link, *, user: str) -> Link:
    """Save a relationship read earlier (optimistic locking); history on both ends. Only
    an organisation owning one of its ends may change it."""

    def work(tx: Tx) -> Link:
        ownership.require_stored_link_in(tx, user, link.type, link.id)
        return update_link_in(tx, link, user=user)

    return store.transaction(work)


@dataclass
class RemoveResult:
    """The removed relationship and the trash entry that undoes its removal."""

    link: Link
    trash_id: str


def delete_link(
    store: Store, type_name: str, link_id: str, *, user: str, version: int | None = None
) -> RemoveResult:
    """Remove a relationship; trash snapshot and history on both ends, one transaction.
    Only an organisation owning one of its ends may remove it."""

    def work(tx: Tx) -> RemoveResult:
        ownership.require_stored_link_in(tx, user, type_name, link_id)
        return delete_link_in(tx, type_name, link_id, user=user, version=version)

    return store.transaction(work)


def delete_link_in(
    tx: Tx,
    type_name: str,
    link_id: str,
    *,
    user: str,
    version: int | None = None,
    note: dict | None = None,
) -> RemoveResult:
    """:func:`delete_link` inside a running transaction (``note``: extra history keys)."""
    removed = links.remove(tx, type_name, link_id, version=version)
    entry = trash.put_in(tx, removed, user=user)
    changes = {**history.diff(removed.link, None), "trash": [entry.id, None], **(note or {})}
    history.record_many_in(
        tx, history.link_entries("unlink", removed.link, removed.labels, changes), user=user
    )
    return RemoveResult(link=removed.link, trash_id=entry.id)
