"""Who may change a record: its owning organisation (and co-owners), or an instance admin.

Checked inside the write's own transaction, before anything is written, so no view, API
route or command can forget it. A name without an account (the command line's operator, a
system job, a test) acts for the instance, as it always did: whoever runs the command line
holds the database's password anyway.

A link joins two records that may belong to two offices (a cooperation across the border):
it may be written, and removed, by an organisation owning either end; a link between two
records of other offices is theirs alone. Deleting another office's record, merging it away
and undoing another office's changeset are refused (:class:`ForbiddenError`, 403), never
turned into a proposal: a proposal carries field values the owner can weigh one by one, a
deletion would be one yes/no that takes the owner's persons and history with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from netzwerk.graph.core.errors import ForbiddenError, NotFoundError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import DEFAULT_ORG, LINK_TYPES, Link
from netzwerk.graph.core.store import Tx
from netzwerk.graph.records.organisations import ALL_LABELS, Owners


@dataclass(frozen=True)
class Verdict:
    """The acting user's organisation and the owners of the records checked."""

    user_org: str
    instance: bool
    """The user acts for the instance (an instance admin, or a name without an account)."""
    owners: dict[str, Owners]

    def may_write(self, record_id: str) -> bool:
        found = self.owners.get(record_id)
        return self.instance or found is None or found.includes(self.user_org)

    def owner_of(self, record_id: str) -> str:
        found = self.owners.get(record_id)
        return found.owner if found is not None else DEFAULT_ORG


def check_in(tx: Tx, user: str, label: str, ids: list[str]) -> Verdict:
    """The verdict for ``user`` on the records ``ids`` (of ``label``, a label disjunction)."""
    row = tx.run("organisations/check", {"label": label}, user=user, ids=ids, default=DEFAULT_ORG)[
        0
    ]
    owners = {r["id"]: Owners(r["owner"], tuple(r["co_owners"])) for r in row["records"] if r["id"]}
    return Verdict(
        user_org=row["user_org"],
        instance=not row["known"] or row["role"] == "admin",
        owners=owners,
    )


def _refuse(kind: str, record_id: str) -> ForbiddenError:
    return ForbiddenError.said(
        N_(
            "%(kind)s „%(id)s“ gehört einer anderen Organisation; nur sie kann das tun. "
            "Änderungen an ihren Einträgen schlagen Sie über das "
            "Bearbeiten-Formular vor."
        ),
        kind=kind,
        id=record_id[:80],
    )


def require_record_in(tx: Tx, user: str, label: str, record_id: str, title: str) -> Verdict:
    """Refuse (:class:`ForbiddenError`) unless ``user`` may change this record directly;
    another office's person is :class:`NotFoundError`, as on every page."""
    verdict = check_in(tx, user, label, [record_id])
    if not verdict.may_write(record_id):
        if label == "Person":
            # Another office's person is not there for this user (visibility.py): a refusal
            # would tell that the id exists.
            raise NotFoundError.said(
                N_("%(kind)s „%(record_id)s“ wurde nicht gefunden."),
                kind=title,
                record_id=record_id[:80],
            )
        raise _refuse(title, record_id)
    return verdict


def require_link_in(tx: Tx, user: str, link: Link) -> None:
    """Refuse unless ``user``'s organisation owns (or co-owns) one end of ``link``."""
    ends = [link.from_id, link.to_id]
    verdict = check_in(tx, user, ALL_LABELS, ends)
    if not any(verdict.may_write(end) for end in ends):
        raise ForbiddenError.said(
            N_(
                "Beide verknüpften Einträge gehören anderen Organisationen; eine "
                "Verknüpfung ändert nur eine Organisation, der eines ihrer Enden "
                "gehört."
            )
        )


def require_stored_link_in(tx: Tx, user: str, type_name: str, link_id: str) -> None:
    """:func:`require_link_in` for a stored link found by id (its change or removal)."""
    if type_name not in LINK_TYPES:
        raise NotFoundError.said(N_("Diese Verknüpfung wurde nicht gefunden."))
    rows = tx.run("organisations/link_ends", {"type": type_name}, id=link_id)
    if not rows:
        return  # missing: the write itself reports it as not found
    row = rows[0]
    require_link_in(tx, user, Link(type=type_name, from_id=row["from_id"], to_id=row["to_id"]))


def require_changeset_in(tx: Tx, user: str, changeset_id: str) -> None:
    """Refuse to undo a changeset of another organisation: its undo deletes the records it
    created and resets the fields it wrote, which are that organisation's."""
    verdict = check_in(tx, user, ALL_LABELS, [])
    if verdict.instance:
        return
    rows = tx.run("organisations/changeset_org", id=changeset_id, default=DEFAULT_ORG)
    if rows and rows[0]["org"] != verdict.user_org:
        raise ForbiddenError.said(
            N_(
                "Dieses Änderungspaket hat eine andere Organisation eingespielt; nur "
                "sie kann es rückgängig machen."
            )
        )
