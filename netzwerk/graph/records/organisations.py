"""Organisations: which office owns a record, and how an office is named.

Ownership is stored on each record as the ``org`` property (the organisation's slug) with
optional co-owners in ``co_orgs``, not as relationships: the write path's check then reads
one property per record inside the same transaction, and a page scoped to one office is an
index lookup on ``org``. A record or user that names no organisation belongs to
:data:`~netzwerk.graph.core.model.DEFAULT_ORG`, so an instance of one office needs no
organisation at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netzwerk.graph.core import codec
from netzwerk.graph.core.model import DEFAULT_ORG, LABELS, Organisation
from netzwerk.graph.core.store import Store, Tx

ALL_LABELS = "|".join(LABELS)
"""Every record kind, for checks over ids of mixed kinds (a link's two ends)."""


@dataclass(frozen=True)
class Owners:
    """A record's owning organisation and its co-owners (slugs)."""

    owner: str = DEFAULT_ORG
    co_owners: tuple[str, ...] = field(default_factory=tuple)

    def includes(self, org: str) -> bool:
        return org == self.owner or org in self.co_owners


def all_organisations(store: Store) -> list[Organisation]:
    return [
        codec.from_store(Organisation, r["organisation"]) for r in store.read("organisations/all")
    ]


def recipient(store_or_tx: Store | Tx, slug: str) -> str:
    """How a sentence addresses the organisation ``slug`` ("der Stadt Trier")."""
    read = store_or_tx.read if isinstance(store_or_tx, Store) else store_or_tx.run
    for row in read("organisations/all"):
        org = row["organisation"]
        if org.get("slug") == slug:
            return str(org.get("recipient") or f"der Organisation „{org.get('name') or slug}“")
    return "dem Bildungsbüro" if slug == DEFAULT_ORG else f"der Organisation „{slug}“"


def owners_of(store_or_tx: Store | Tx, label: str, ids: list[str]) -> dict[str, Owners]:
    """id → owners of the records ``ids`` of ``label`` (missing ids are left out)."""
    read = store_or_tx.read if isinstance(store_or_tx, Store) else store_or_tx.run
    rows = read(
        "organisations/owners", {"label": LABELS[label].LABEL}, ids=ids, default=DEFAULT_ORG
    )
    return {r["id"]: Owners(r["owner"], tuple(r["co_owners"])) for r in rows}


def known_slugs(store_or_tx: Store | Tx) -> set[str]:
    """The slugs a record or account may name: every organisation, and the default one."""
    read = store_or_tx.read if isinstance(store_or_tx, Store) else store_or_tx.run
    return {str(r["organisation"].get("slug")) for r in read("organisations/all")} | {DEFAULT_ORG}


def name_of(organisations: list[Organisation], slug: str) -> str:
    """The name a page shows for ``slug`` (the slug itself for one that is not stored)."""
    return next((o.name for o in organisations if o.slug == slug), slug)


def account_counts(store: Store) -> dict[str, int]:
    """slug → how many accounts work for that organisation."""
    return {
        str(r["org"]): int(r["accounts"])
        for r in store.read("organisations/accounts", default=DEFAULT_ORG)
    }
