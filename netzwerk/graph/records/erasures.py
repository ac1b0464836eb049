"""Which persons were erased under Art. 17 DSGVO: the suppression list.

An erasure leaves an ``Erasure`` note (the person's id and the time, no personal data;
:func:`netzwerk.graph.operations.erase_person`). The notes outlive every restore (a restore
over existing data carries them over, :func:`netzwerk.graph.admin.backup.restore`), so the
trash, an older backup or an old workbook can ask here whether a record they would bring back
belongs to an erased person, and refuse it.

A row without id (an old workbook whose id cell was emptied to "make the person new") is
recognised by salted hashes of the person's folded name and e-mail address, kept in the
note (:func:`hashes`): SHA-256 over the person's id (unique per erasure, the salt) and the
value, so the note holds neither name nor address, and equal names of two erased persons
give different hashes. A name is a small search space, so the hashes are pseudonyms, not
anonymous: they are kept for one purpose only (not to re-create an erased person, Art. 17
(1) with Art. 6 (1) c DSGVO) and are listed in the Löschkonzept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.values import fold


def erased_among_in(tx: Tx, ids: Iterable[str]) -> dict[str, datetime]:
    """The ids among ``ids`` of erased persons, with the time of their erasure."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    return {r["person_id"]: r["at"] for r in tx.run("privacy/erased_among", ids=wanted)}


def erased_among(store: Store, ids: Iterable[str]) -> dict[str, datetime]:
    """:func:`erased_among_in` outside a transaction."""
    return store.transaction(lambda tx: erased_among_in(tx, ids), write=False)


def identity_keys(first_name: str, last_name: str, email: str) -> list[str]:
    """What identifies a person for the suppression list: folded full name, e-mail."""
    keys = []
    name = fold(f"{first_name} {last_name}")
    if name:
        keys.append(f"name:{name}")
    if email.strip():
        keys.append(f"email:{email.strip().lower()}")
    return keys


def hashes(person_id: str, keys: Iterable[str]) -> list[str]:
    """The salted hashes of ``keys`` (the person's id is the salt)."""
    return [hashlib.sha256(f"{person_id}\x00{k}".encode()).hexdigest() for k in keys]


@dataclass
class Suppression:
    """The erasure notes, read once (an import checks every person row against them)."""

    erased: dict[str, datetime] = field(default_factory=dict)
    hashed: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> Suppression:
        rows = store.read("privacy/erasures")
        return cls(
            erased={r["person_id"]: r["at"] for r in rows},
            hashed={r["person_id"]: set(r["hashes"]) for r in rows if r["hashes"]},
        )

    def erased_on(self, person_id: str) -> datetime | None:
        """When the person with this id was erased (``None``: not erased)."""
        return self.erased.get(person_id)

    def matching(self, first_name: str, last_name: str, email: str) -> datetime | None:
        """When a person with this name or e-mail was erased (``None``: nobody)."""
        keys = identity_keys(first_name, last_name, email)
        if not keys:
            return None
        for person_id, known in self.hashed.items():
            if known.intersection(hashes(person_id, keys)):
                return self.erased.get(person_id)
        return None


def message(at: datetime) -> Said:
    """The sentence an import row gets for an erased person (German, with its template)."""
    return Said(
        N_(
            "Diese Person wurde am %(day)s gelöscht (Art. 17 DSGVO) und wird nicht wieder "
            "angelegt – ist es eine andere Person gleichen Namens, bitte im Formular anlegen"
        ),
        day=f"{at:%d.%m.%Y}",
    )
