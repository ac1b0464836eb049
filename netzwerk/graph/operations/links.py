"""Create, change and remove a relationship: one managed transaction each, with history on
both ends (under each end's real label) and, for a removal, a trash snapshot.

The web forms, the JSON API, imports and survey reviews all call these, so the same change
leaves the same history whichever way it was made.
"""

from __future__ import annotations

from dataclasses import dataclass

from netzwerk.graph import history, links, trash
from netzwerk.graph.model import Link
from netzwerk.graph.store import Store, Tx


def create_link(store: Store, link: Link, *, user: str) -> Link:
    """Store a relationship (or return the one already there, writing nothing).

    Raises :class:`~netzwerk.graph.errors.NotFoundError` if an end is missing.
    """

    def work(tx: Tx) -> Link:
        created, is_new, labels = links.insert(tx, link)
        if is_new:
            entries = history.link_entries("link", created, labels, history.diff(None, created))
            history.record_many_in(tx, entries, user=user)
        return created

    return store.transaction(work)


def update_link(store: Store, link: Link, *, user: str) -> Link:
    """Save a relationship read earlier (optimistic locking); history on both ends."""

    def work(tx: Tx) -> Link:
        before, after, labels = links.save(tx, link)
        changes = history.diff(before, after)
        if changes:
            history.record_many_in(
                tx, history.link_entries("update", after, labels, changes), user=user
            )
        return after

    return store.transaction(work)


@dataclass
class RemoveResult:
    """The removed relationship and the trash entry that undoes its removal."""

    link: Link
    trash_id: str


def delete_link(
    store: Store, type_name: str, link_id: str, *, user: str, version: int | None = None
) -> RemoveResult:
    """Remove a relationship; trash snapshot and history on both ends, one transaction."""

    def work(tx: Tx) -> RemoveResult:
        removed = links.remove(tx, type_name, link_id, version=version)
        entry = trash.put_in(tx, removed, user=user)
        changes = {**history.diff(removed.link, None), "trash": [entry.id, None]}
        history.record_many_in(
            tx, history.link_entries("unlink", removed.link, removed.labels, changes), user=user
        )
        return RemoveResult(link=removed.link, trash_id=entry.id)

    return store.transaction(work)
