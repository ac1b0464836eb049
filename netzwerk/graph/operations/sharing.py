"""Saved views, presentations, share links and the public map: their writes, one
transaction each.

The rules live with the features (:mod:`netzwerk.graph.sharing`): which names, pins and
settings are acceptable, how a link's secret is made and hashed, when a link is locked. These
functions check with them first and then store the result, so a refused input writes nothing
and every change of the graph goes through this package.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import ownership
from netzwerk.graph.operations.records import (
    DeleteResult,
    create_record_in,
    delete_record_in,
    update_record_in,
)
from netzwerk.graph.sharing import presentations, public_map, saved_views, share_links
from netzwerk.graph.sharing.public_map import MapSettings
from netzwerk.graph.sharing.saved_views import Pins, SavedView, view_from_row
from netzwerk.graph.sharing.share_links import ShareLink


def _one_view(tx: Tx, name: str, **params: Any) -> SavedView:
    return view_from_row(tx.run(name, **params)[0]["view"])


def save_view(
    store: Store,
    *,
    name: str,
    owner: str,
    flt: Filter,
    picture: str = "cooperation",
    colour: str = "kind",
    size: str = "degree",
    shared: bool = False,
    pins: Pins | None = None,
) -> SavedView:
    """Save a new view (validated; nothing is written if anything is wrong)."""
    view = SavedView(
        f"view-{uuid.uuid4().hex[:16]}", name, owner, flt, picture, colour, size, shared, pins or {}
    )
    props = saved_views.new_view_props(view)
    return store.transaction(lambda tx: _one_view(tx, "views/create", id=view.id, props=props))


def update_view(
    store: Store,
    view_id: str,
    *,
    user: str,
    is_admin: bool = False,
    name: str | None = None,
    shared: bool | None = None,
    pins: Pins | None = None,
) -> SavedView:
    """Rename, share or re-pin a view; only its owner (or an admin) may."""
    view = saved_views.own_view(store, view_id, user, is_admin)
    props = saved_views.changed_props(view, name=name, shared=shared, pins=pins)
    return store.transaction(lambda tx: _one_view(tx, "views/update", id=view.id, props=props))


def delete_view(store: Store, view_id: str, *, user: str, is_admin: bool = False) -> None:
    """Delete a view and its share links; only its owner (or an admin) may."""
    view = saved_views.own_view(store, view_id, user, is_admin)
    store.transaction(lambda tx: tx.run("views/delete", id=view.id))


def save_presentation(
    store: Store, p: Presentation, slides: Sequence[presentations.Slide], *, user: str
) -> Presentation:
    """Create (no ``id``) or update a presentation with ``slides``, with its history.

    Checked first (:func:`presentations.checked`: nothing is written when a field is
    wrong). An update compares ``p.version`` (a colleague's save in between is a
    :class:`~netzwerk.graph.core.errors.ConflictError`) and is refused for another
    organisation's presentation: a presentation is an office's own material, so no
    proposal is sent.
    """
    record = presentations.checked(p, slides)

    def work(tx: Tx) -> Presentation:
        if not record.id:
            return create_record_in(tx, record, user=user)
        ownership.require_record_in(tx, user, record.LABEL, record.id, record.TITLE)
        return update_record_in(tx, record, user=user)

    return store.transaction(work)


def delete_presentation(
    store: Store, presentation_id: str, *, user: str, version: int | None = None
) -> DeleteResult:
    """Delete a presentation (into the trash, with history) and revoke its share links in
    the same transaction: an undo brings the presentation back, not its old links."""

    def work(tx: Tx) -> DeleteResult:
        result = delete_record_in(tx, Presentation, presentation_id, user=user, version=version)
        tx.run("views/link_revoke_target", id=presentation_id, user=user)
        return result

    return store.transaction(work)


def create_share_link(
    store: Store,
    target: SavedView | Presentation,
    *,
    user: str,
    days: int,
    password: str = "",
    label: str = "",
) -> tuple[ShareLink, str]:
    """A new link of ``target`` (a view or a presentation); returns it and the token,
    which is shown only this once."""
    link_id, secret, props = share_links.new_link(
        target, user=user, days=days, password=password, label=label
    )
    rows = store.transaction(lambda tx: tx.run("views/link_create", id=link_id, props=props))
    if not rows:
        if isinstance(target, Presentation):
            raise NotFoundError.said(N_("Diese Präsentation gibt es nicht (mehr)."))
        raise NotFoundError.said(N_("Diese Ansicht gibt es nicht (mehr)."))
    return share_links.link_from_row(rows[0]["link"], target.name), f"{link_id}.{secret}"


def revoke_share_link(store: Store, link_id: str, *, user: str) -> None:
    """Revoke a link: it stops working at once and for good."""
    if not store.transaction(lambda tx: tx.run("views/link_revoke", id=link_id, user=user)):
        raise NotFoundError.said(N_("Diesen Link gibt es nicht."))


def check_share_password(store: Store, link: ShareLink, password: str, *, client: str = "") -> bool:
    """Whether ``password`` opens ``link`` for ``client`` (its address), counting the
    attempt first (atomically, in its own transaction, so parallel guesses all count);
    raises :class:`~netzwerk.graph.sharing.share_links.ThrottledError` while the client or
    the link is locked. A right password clears the count."""
    attempt = share_links.attempt_id(link, client)
    rows = store.transaction(
        lambda tx: tx.run(
            "views/link_claim",
            id=link.id,
            attempt_id=attempt,
            free_tries=share_links.FREE_TRIES,
            link_free_tries=share_links.LINK_FREE_TRIES,
        )
    )
    if not rows:
        raise NotFoundError.said(share_links.GONE)
    ok = share_links.password_matches(rows[0], password)
    if ok:
        store.transaction(
            lambda tx: tx.run(
                "views/link_passed",
                id=link.id,
                attempt_id=attempt,
                link_free_tries=share_links.LINK_FREE_TRIES,
            )
        )
    return ok


def save_public_map(
    store: Store, *, enabled: bool, title: str, intro: str, user: str
) -> MapSettings:
    """Switch the public Bildungslandkarte on or off and set its title and introduction."""
    settings = public_map.checked_settings(enabled=enabled, title=title, intro=intro)
    props = {
        "enabled": settings.enabled,
        "title": settings.title,
        "intro": settings.intro,
        "updated_by": user,
    }
    store.transaction(lambda tx: tx.run("views/public_map_set", props=props))
    return settings
