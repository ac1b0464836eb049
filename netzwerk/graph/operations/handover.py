"""Handing a record to another organisation, and changing its co-owners.

Only the owning organisation (not a co-owner: it may change the record, not give it away)
or an instance admin may do this; the check runs in the write's transaction like every
ownership check (:mod:`.ownership`). Persons go with their record: handing a person to
another office hands over its personal data too, so the history names both offices.
"""

from __future__ import annotations

from dataclasses import dataclass

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import (
    ConflictError,
    FieldError,
    ForbiddenError,
    NotFoundError,
    ValidationError,
)
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import DEFAULT_ORG, N
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.operations.ownership import check_in
from netzwerk.graph.records import history
from netzwerk.graph.records.organisations import Owners, known_slugs


@dataclass(frozen=True)
class Handover:
    """The record after the change, and its owners before and after."""

    record: object
    before: Owners
    after: Owners


def _checked(tx: Tx, owner: str, co_owners: list[str]) -> Owners:
    known = known_slugs(tx)
    errors = []
    if owner not in known:
        errors.append(FieldError("org", N_("Bitte wählen Sie eine bestehende Organisation.")))
    strange = [c for c in co_owners if c not in known]
    if strange:
        errors.append(
            FieldError.said(
                "co_orgs", N_("unbekannte Organisation „%(strange)s“"), strange=strange[0][:80]
            )
        )
    if errors:
        raise ValidationError(errors)
    return Owners(owner, tuple(sorted({c for c in co_owners if c != owner})))


def change_owners(
    store: Store,
    cls: type[N],
    record_id: str,
    *,
    owner: str,
    co_owners: list[str],
    user: str,
    version: int | None = None,
) -> Handover:
    """Give ``record_id`` the owning organisation ``owner`` and the co-owners ``co_owners``.

    ``version`` (as the form read it) makes a change made since a conflict; None takes the
    record as it is. A co-owner equal to the owner is dropped.
    """

    def work(tx: Tx) -> Handover:
        verdict = check_in(tx, user, cls.LABEL, [record_id])
        found = verdict.owners.get(record_id)
        if found is None:
            raise NotFoundError.said(
                N_("%(kind)s „%(record_id)s“ wurde nicht gefunden."),
                kind=cls.TITLE,
                record_id=record_id[:80],
            )
        if not verdict.instance and found.owner != verdict.user_org:
            raise ForbiddenError.said(
                N_(
                    "%(kind)s „%(record_id)s“ gehört einer anderen Organisation; nur sie "
                    "oder die Verwaltung der Instanz kann den Eintrag weitergeben oder "
                    "Mitverantwortliche ändern."
                ),
                kind=cls.TITLE,
                record_id=record_id[:80],
            )
        wanted = _checked(tx, owner, co_owners)
        row = tx.run(
            "organisations/set_owners",
            {"label": cls.LABEL},
            id=record_id,
            version=version,
            org=wanted.owner,
            co_orgs=list(wanted.co_owners),
            default=DEFAULT_ORG,
        )[0]
        after = codec.from_store(cls, row["node"])
        if not row["applied"]:
            raise ConflictError.said(
                N_(
                    "%(kind)s „%(display_name)s“ wurde inzwischen geändert. Bitte prüfen "
                    "Sie den neuen Stand."
                ),
                after,
                kind=cls.TITLE,
                display_name=after.display_name,
            )
        before = Owners(row["owner"], tuple(row["co_owners"]))
        changes: dict[str, list[object]] = {}
        if before.owner != wanted.owner:
            changes["org"] = [before.owner, wanted.owner]
        if sorted(before.co_owners) != list(wanted.co_owners):
            changes["co_orgs"] = [sorted(before.co_owners), list(wanted.co_owners)]
        if changes:
            history.record_entry_in(
                tx,
                history.node_entry("update", after, changes, version=after.version),
                user=user,
            )
        return Handover(after, before, wanted)

    return store.transaction(work)
