"""Undo a delete from the trash: one managed transaction that takes the entry, puts the
record (or link) back as it was and records the restore on every record it touched.

The trash obeys the same role rules as the records: a vocabulary record (or a link between
two vocabularies) comes back only for an admin, as only an admin could have changed it.
Links whose other end is gone meanwhile cannot come back; they are reported, never counted
as restored. An actor's partner-suggestion pipeline records come back with it.
A person erased under Art. 17 DSGVO never comes back (the suppression list of
:mod:`netzwerk.graph.records.erasures`): neither their own entry nor a link to them in
another record's snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netzwerk.graph.admin.users import ROLES
from netzwerk.graph.core.errors import ConflictError, ForbiddenError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Link, Node, write_role
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.records import erasures, history, links, nodes, trash

ERASED_MESSAGE = N_(
    "Diese Person wurde nach Art. 17 DSGVO gelöscht und kann nicht wiederhergestellt werden."
)


@dataclass
class UndoResult:
    """What came back: the record (or ``None`` for a link entry) and its links."""

    node: Node | None
    restored: list[Link] = field(default_factory=list)
    skipped: list[Link] = field(default_factory=list)

    @property
    def link(self) -> Link | None:
        """The restored link of a link entry (``None`` if it could not come back)."""
        return self.restored[0] if self.node is None and self.restored else None


def _required_role(what: trash.Deleted | trash.DeletedLink) -> str:
    if isinstance(what, trash.DeletedLink):
        return write_role(*what.labels) if all(what.labels) else "editor"
    return write_role(what.node.LABEL)


def check_role(entry: trash.TrashEntry, role: str) -> None:
    """Raise :class:`ForbiddenError` if ``role`` may not restore this entry."""
    needed = _required_role(trash.deleted_from(entry))
    if ROLES.index(role) < ROLES.index(needed):
        raise ForbiddenError.said(
            N_(
                "Diesen Eintrag können nur Administrator:innen wiederherstellen, wie "
                "sie auch nur Administrator:innen ändern können."
            )
        )


def _without_erased(tx: Tx, what: trash.Deleted | trash.DeletedLink) -> None:
    """Refuse an erased person's entry; drop links to erased persons from a record's entry."""
    if isinstance(what, trash.DeletedLink):
        if erasures.erased_among_in(tx, (what.link.from_id, what.link.to_id)):
            raise ConflictError.said(ERASED_MESSAGE)
        return
    ends = {what.node.id} | {i for lk in what.links for i in (lk.from_id, lk.to_id)}
    erased = erasures.erased_among_in(tx, ends)
    if what.node.id in erased:
        raise ConflictError.said(ERASED_MESSAGE)
    what.links = [lk for lk in what.links if not {lk.from_id, lk.to_id} & erased.keys()]


def undo(store: Store, entry_id: str, *, user: str, role: str) -> UndoResult:
    """Restore what the trash entry holds and remove the entry, all or nothing."""
    check_role(trash.get(store, entry_id), role)

    def work(tx: Tx) -> UndoResult:
        what = trash.deleted_from(trash.take_in(tx, entry_id))
        _without_erased(tx, what)
        if isinstance(what, trash.DeletedLink):
            back = links.reinsert_many(tx, [what.link], {what.link.id: what.labels})
            result = UndoResult(node=None, restored=back, skipped=[] if back else [what.link])
            for link in back:
                history.record_many_in(
                    tx,
                    history.link_entries("link", link, what.labels, {"restored": [None, True]}),
                    user=user,
                )
            return result
        node = nodes.reinsert(tx, what.node, owners=what.owners)
        back = links.reinsert_many(tx, what.links, what.labels)
        came_back = {lk.id for lk in back}
        pipeline = trash.restore_suggestions_in(tx, what.suggestions)
        entries = [
            history.node_entry(
                "restore",
                node,
                {
                    "links_restored": [0, len(back)],
                    **(
                        {"links_not_restored": [len(what.links) - len(back), 0]}
                        if len(back) < len(what.links)
                        else {}
                    ),
                    **({"suggestions_restored": [0, pipeline]} if pipeline else {}),
                },
                version=node.version,
            )
        ]
        for link in back:
            labels = what.labels.get(link.id, ("", ""))
            entries += [
                e
                for e in history.link_entries("link", link, labels, {"restored": [None, True]})
                if e.record_id != node.id
            ]
        history.record_many_in(tx, entries, user=user)
        return UndoResult(
            node=node,
            restored=back,
            skipped=[lk for lk in what.links if lk.id not in came_back],
        )

    return store.transaction(work)
