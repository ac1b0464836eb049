"""Creating and renaming an organisation (an office of the instance), with its history.

Only the slug names an organisation on records and accounts, so a rename touches one node
and a slug, once given, never changes: a changed slug would leave every record that names
the old one in no office.
"""

from __future__ import annotations

import re

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import ConflictError, FieldError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Organisation
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.values import new_id
from netzwerk.graph.network.filters import ACROSS
from netzwerk.graph.records import history

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
"""Lower-case letters, digits and inner hyphens, at most 40 characters (``stadt-trier``)."""


def _checked(name: str, recipient: str) -> tuple[str, str]:
    name, recipient = name.strip(), recipient.strip()
    errors = []
    if not name:
        errors.append(FieldError("name", N_("Bitte geben Sie einen Namen an.")))
    elif len(name) > 200:
        errors.append(FieldError("name", N_("höchstens 200 Zeichen")))
    if len(recipient) > 200:
        errors.append(FieldError("recipient", N_("höchstens 200 Zeichen")))
    if errors:
        raise ValidationError(errors)
    return name, recipient


def _entry(tx: Tx, org: Organisation, changes: dict[str, list[object]], *, user: str) -> None:
    history.record_entry_in(
        tx, history.node_entry("update", org, changes, version=org.version), user=user
    )


def create_organisation(
    store: Store, slug: str, name: str, *, user: str, recipient: str = ""
) -> Organisation:
    """A new organisation; its slug must be free and well-formed."""
    slug = slug.strip().lower()
    errors = (
        []
        if SLUG.match(slug)
        else [
            FieldError(
                "slug",
                N_(
                    "nur Kleinbuchstaben, Ziffern und Bindestriche (nicht am Anfang oder "
                    "Ende), höchstens 40 Zeichen"
                ),
            )
        ]
    )
    if slug == ACROSS:  # the organisation filter's value for the links across the border
        errors.append(FieldError.said("slug", N_("„%(across)s“ ist reserviert"), across=ACROSS))
    try:
        name, recipient = _checked(name, recipient)
    except ValidationError as err:
        errors += err.errors
    if errors:
        raise ValidationError(errors)

    def work(tx: Tx) -> Organisation:
        row = tx.run(
            "organisations/create",
            id=new_id("Organisation"),
            slug=slug,
            name=name,
            recipient=recipient,
        )[0]
        if not row["created"]:
            raise ValidationError([FieldError("slug", N_("ist bereits vergeben"))])
        made = codec.from_store(Organisation, row["organisation"])
        history.record_entry_in(
            tx,
            history.node_entry(
                "create",
                made,
                {"slug": [None, slug], "name": [None, name], "recipient": [None, recipient]},
                version=made.version,
            ),
            user=user,
        )
        return made

    return store.transaction(work)


def rename_organisation(
    store: Store, slug: str, name: str, *, user: str, version: int, recipient: str = ""
) -> Organisation:
    """A new name (and form of address) for the organisation ``slug``; ConflictError if it
    was saved since ``version`` was read."""
    name, recipient = _checked(name, recipient)

    def work(tx: Tx) -> Organisation:
        rows = tx.run(
            "organisations/rename", slug=slug, version=version, name=name, recipient=recipient
        )
        if not rows:
            raise NotFoundError.said(
                N_("Die Organisation „%(slug)s“ wurde nicht gefunden."), slug=slug[:80]
            )
        after = codec.from_store(Organisation, rows[0]["organisation"])
        if not rows[0]["applied"]:
            raise ConflictError.said(
                N_("Die Organisation „%(name)s“ wurde inzwischen geändert."), after, name=after.name
            )
        before = rows[0]["before"]
        changes: dict[str, list[object]] = {
            k: [before.get(k, ""), v]
            for k, v in (("name", name), ("recipient", recipient))
            if before.get(k, "") != v
        }
        if changes:
            _entry(tx, after, changes, user=user)
        return after

    return store.transaction(work)
