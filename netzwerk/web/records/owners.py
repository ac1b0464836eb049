"""Which organisation owns a record, and its co-owners: the section of the edit page
(posted to :func:`netzwerk.web.records.edit.owners`).

The form is shown to whoever may change it (the owning office's editors and the instance
admin); the write path checks it again (:func:`netzwerk.graph.operations.handover.change_owners`),
so a forged post from another office is refused there, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.records import organisations
from netzwerk.web.organisations import organisation_names


@dataclass
class OwnerForm:
    """What the edit page's organisation section shows: the choices, the current owners
    (or what was posted) and the German messages per field."""

    names: dict[str, str]
    owner: str
    co_owners: tuple[str, ...]
    version: int
    errors: dict[str, list[str]] = field(default_factory=dict)


def owner_form(store: graph.Store, label: str, node: graph.Node) -> OwnerForm | None:
    """The section for ``node``, or None when there is one office only or the user's office
    does not own the record (it may propose changes, not give the record away)."""
    names = organisation_names(store)
    owners = organisations.owners_of(store, label, [node.id]).get(node.id)
    if len(names) < 2 or owners is None:
        return None
    user = current_user.user
    if user.role != "admin" and user.org != owners.owner:
        return None
    for slug in (owners.owner, *owners.co_owners):
        # What the record names is always offered, so saving never moves it unasked.
        names.setdefault(slug, _("Bildungsbüro") if slug == DEFAULT_ORG else slug)
    return OwnerForm(names, owners.owner, owners.co_owners, node.version)
