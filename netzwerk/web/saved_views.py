"""Saved views and their share links: list, save, open, rename, re-pin, share, revoke,
delete.

A view is saved from the picture page (``POST /ansichten`` with the page's query and the
pinned positions) and opens in the picture, the gap pages or the contact export
(``/ansichten/<id>``, ``…/luecken``, ``…/kontakte``): all three read the one filter, so the
view's filter becomes their query string. Share links are made by editors and show the
view read-only, without persons or contact data (:mod:`netzwerk.web.shared`).

A view may be a presentation's slide: the list names those presentations, and deleting such
a view first asks on its own page (the slide stays, saying its view is gone).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from netzwerk import graph
from netzwerk.graph import pictures
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.network import snapshot
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import presentations, saved_views, share_links
from netzwerk.web import filters
from netzwerk.web.auth import can_see_contacts, current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.redirects import safe_target
from netzwerk.web.said import said

bp = Blueprint("saved_views", __name__)

TARGETS = {"cooperation": "/netzwerk", "alliances": "/netzwerk/buendnisse"}


def _is_admin() -> bool:
    return bool(current_user.has_role("admin"))


def _view(view_id: str) -> saved_views.SavedView:
    return saved_views.visible_view(get_store(), view_id, current_username())


def _render(new_link: dict[str, Any] | None = None, rename: dict[str, str] | None = None) -> str:
    """The list; ``rename`` (view id, name typed, message) keeps a refused rename open."""
    store = get_store()
    mine = saved_views.views_for(store, current_username())
    can_share = bool(current_user.has_role("editor"))
    vocab = snapshot.vocabulary(store)
    links = share_links.links(store) if can_share else []
    return render_template(
        "network/views.html",
        views=mine,
        captions={v.id: pictures.filter_caption(v.filter, vocab, _) for v in mine},
        links=[link for link in links if any(v.id == link.view_id for v in mine)],
        user=current_username(),
        can_share=can_share,
        can_export=can_see_contacts(),
        max_days=share_links.MAX_DAYS,
        max_name=saved_views.MAX_NAME,
        new_link=new_link,
        uses=presentations.using(store, [v.id for v in mine]),
        rename=rename or {},
    )


@bp.get("/ansichten")
@require_role("viewer")
def index() -> str:
    return _render()


@bp.post("/ansichten")
@require_role("viewer")
def save() -> Response:
    """Save the picture as shown: its query (filter, colouring, sizing) and the pins."""
    query = MultiDict(_query_pairs(request.form.get("query", "")))
    snap = snapshot.current(get_store())
    parsed = filters.parse(query, snap.vocabulary)
    picture = request.form.get("picture", "cooperation")
    view = sharing.save_view(
        get_store(),
        name=request.form.get("name", ""),
        owner=current_username(),
        flt=parsed.flt if query.get("as_of") else parsed.flt.on(None),
        picture=picture if picture in saved_views.PICTURES else "cooperation",
        colour=query.get("colour", "kind")
        if query.get("colour") in saved_views.COLOURS
        else "kind",
        size=query.get("size", "degree") if query.get("size") in saved_views.SIZES else "degree",
        shared=request.form.get("shared") == "1",
        pins=saved_views.parse_pins(request.form.get("pins", "")),
    )
    flash(_("Ansicht „%(name)s“ gespeichert.", name=view.name), "success")
    return redirect(_picture_url(view))


def _query_pairs(query: str) -> list[tuple[str, str]]:
    return parse_qsl(query[:4000], keep_blank_values=False)[:200]


def _picture_url(view: saved_views.SavedView) -> str:
    return TARGETS[view.picture] + "?" + urlencode(view.params())


@bp.get("/ansichten/<view_id>")
@require_role("viewer")
def open_view(view_id: str) -> Response:
    return redirect(_picture_url(_view(view_id)))


@bp.get("/ansichten/<view_id>/luecken")
@require_role("viewer")
def open_gaps(view_id: str) -> Response:
    return redirect("/luecken?" + urlencode(_view(view_id).filter.params()))


@bp.get("/ansichten/<view_id>/kontakte")
@require_role("viewer")
def open_contacts(view_id: str) -> Response:
    if not can_see_contacts():
        abort(403)
    flt = _view(view_id).filter
    return redirect("/kontakte?" + urlencode(flt.params(with_date=False)))


@bp.post("/ansichten/<view_id>/positionen")
@require_role("viewer")
def repin(view_id: str) -> Response:
    view = sharing.update_view(
        get_store(),
        view_id,
        user=current_username(),
        is_admin=_is_admin(),
        pins=saved_views.parse_pins(request.form.get("pins", "")),
    )
    flash(_("Positionen der Ansicht „%(name)s“ gespeichert.", name=view.name), "success")
    return redirect(_picture_url(view))


@bp.post("/ansichten/<view_id>/umbenennen")
@require_role("viewer")
def rename(view_id: str) -> ResponseReturnValue:
    name = request.form.get("name", "")
    try:
        view = sharing.update_view(
            get_store(), view_id, user=current_username(), is_admin=_is_admin(), name=name
        )
    except graph.ValidationError as exc:
        message = " ".join(e.message for e in exc.errors)
        return _render(rename={"id": view_id, "name": name, "message": message}), 400
    flash(_("Ansicht umbenannt in „%(name)s“.", name=view.name), "success")
    return redirect(url_for("saved_views.index"))


def _uses(view_id: str) -> list[presentations.Use]:
    return presentations.using(get_store(), [view_id]).get(view_id, [])


@bp.get("/ansichten/<view_id>/loeschen")
@require_role("viewer")
def confirm_delete(view_id: str) -> str:
    """What deleting the view does, the presentations that show it named, and the button
    (for its owner or an admin; anyone who may open the view sees where it is used)."""
    view = _view(view_id)
    return render_template(
        "network/view_delete.html",
        view=view,
        uses=_uses(view.id),
        gone=_(presentations.VIEW_GONE),
        may_delete=view.owner == current_username() or _is_admin(),
    )


@bp.post("/ansichten/<view_id>/loeschen")
@require_role("viewer")
def delete(view_id: str) -> Response:
    """Delete the view; one a presentation shows only once that was confirmed on
    :func:`confirm_delete` (a post without it goes there)."""
    uses = _uses(view_id)
    if uses and request.form.get("confirm") != "1":
        return redirect(url_for("saved_views.confirm_delete", view_id=view_id))
    sharing.delete_view(get_store(), view_id, user=current_username(), is_admin=_is_admin())
    if uses:
        flash(
            _(
                "Ansicht gelöscht; ihre geteilten Links gelten nicht mehr. Die Folien in "
                "%(names)s zeigen jetzt den Hinweis, dass die Ansicht fehlt.",
                names=", ".join(f"„{u.name}“" for u in uses),
            ),
            "success",
        )
    else:
        flash(_("Ansicht gelöscht; ihre geteilten Links gelten nicht mehr."), "success")
    return redirect(url_for("saved_views.index"))


@bp.post("/ansichten/<view_id>/teilen")
@require_role("editor")
def share(view_id: str) -> Any:
    """A new read-only link; its address is shown once, on this page only."""
    try:
        made = new_share_link(_view(view_id))
    except graph.ValidationError as exc:
        flash(said(exc), "error")
        return redirect(url_for("saved_views.index"))
    return _render(made)


def new_share_link(target: saved_views.SavedView | Presentation) -> dict[str, Any]:
    """A new link of a view or a presentation from the posted share form (days, password,
    note); the link and its address, which the page shows only this once. Raises
    :class:`~netzwerk.graph.ValidationError` for a wrong field."""
    try:
        days = int(request.form.get("days", "30"))
    except ValueError:
        days = 0
    link, token = sharing.create_share_link(
        get_store(),
        target,
        user=current_username(),
        days=days,
        password=request.form.get("password", ""),
        label=request.form.get("label", ""),
    )
    return {"link": link, "url": url_for("shared.page", token=token, _external=True)}


@bp.post("/geteilt-verwalten/<link_id>/zurueckziehen")
@require_role("editor")
def revoke(link_id: str) -> Response:
    sharing.revoke_share_link(get_store(), link_id, user=current_username())
    flash(_("Der Link wurde zurückgezogen und funktioniert nicht mehr."), "success")
    # a presentation's page revokes its links here too and comes back to itself
    return redirect(safe_target(request.form.get("next"), url_for("saved_views.index")))
