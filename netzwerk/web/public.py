"""The public Bildungslandkarte: ``/bildungslandkarte``, opt-in by an admin.

Which actors and offers exist by topic, stage and region, for everyone and without a login,
never with persons: a plain GET form (it works without JavaScript), a schematic tile map of
the Stadtteile and Verbandsgemeinden whose tiles filter the list, and the list of actors
with their offers (the default on a phone: ``ansicht=liste``/``karte`` choose). A value the
vocabularies do not have is a German 400 at its field, never an empty list that means
something else. ``/bildungslandkarte/einbetten`` is the same page for an iframe on the
municipality's website (the only page that may be framed by other sites);
``/bildungslandkarte/daten.json`` the cooperation picture's data. Off, all of it answers 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import public_map, public_offers, public_tiles
from netzwerk.graph.sharing.saved_views import SavedView
from netzwerk.web import deployment
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.network import json_response, view_payload
from netzwerk.web.paging import Pager
from netzwerk.web.said import said_by_field

bp = Blueprint("public", __name__)


def _enabled() -> public_map.MapSettings:
    found = public_map.settings(get_store())
    if not found.enabled:
        abort(404)
    return found


def _public(resp: Any, *, embed: bool = False) -> Any:
    resp.headers["Cache-Control"] = "public, max-age=300"
    resp.headers["Referrer-Policy"] = "no-referrer"
    if embed:  # may be shown in an iframe on any site; nothing here is private
        resp.headers["X-Frame-Options"] = "ALLOWALL"
        resp.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *"
        )
    return resp


PAGE_SIZE = 50
"""Actors per page of the list (the counts and the map always cover all of them)."""
VIEWS = ("liste", "karte")
"""``ansicht``: only the list, or the map first; without it the screen's width decides."""


def _offers_page(template: str, found: public_map.MapSettings, endpoint: str) -> Response:
    snap = snapshot.current(get_store())
    vocab = snap.vocabulary
    args = {name: request.args.getlist(name) for name in public_offers.PARAMS}
    errors: dict[str, list[str]] = {}
    try:
        choice = public_offers.checked_choice(vocab, args)
    except ValidationError as err:  # the fields that are fine still filter
        errors = said_by_field(err)
        choice = public_offers.checked_choice(
            vocab, {k: v for k, v in args.items() if k not in errors}
        )
    view = request.args.get("ansicht", "").strip()
    if view not in ("", *VIEWS):
        errors.setdefault("ansicht", []).append(_("Diese Ansicht gibt es nicht."))
        view = ""
    src = public_offers.sources(get_store(), snap)
    pager = Pager.from_args(request.args, request.path, size=PAGE_SIZE)
    result = public_offers.find(snap, src, choice, date.today(), (pager.skip, pager.size))
    pager.total, pager.shown = result.total, len(result.offers)

    def link(ansicht: str | None = None, **changed: str) -> str:
        """This page with the choice changed (a tile, a reset, the other view)."""
        params: dict[str, Any] = dict(choice.params(**changed))
        shown = view if ansicht is None else ansicht
        if shown:
            params["ansicht"] = shown
        return url_for(endpoint, **params)

    html = render_template(
        template,
        title=found.title,
        intro=found.intro,
        result=result,
        choice=choice,
        view=view,
        errors=errors,
        endpoint=endpoint,
        vocab=vocab,
        maps=public_tiles.tile_maps(vocab, result.region_counts, choice.region),
        tile=public_tiles,
        kinds={k: _(v) for k, v in public_offers.PLAIN_KINDS.items()},
        embed_url=deployment.external_url("public.embed"),
        embedded=endpoint == "public.embed",
        link=link,
        pager=pager,
    )
    return _public(Response(html, status=400 if errors else 200), embed=endpoint == "public.embed")


@bp.get("/bildungslandkarte")
def page() -> Response:
    return _offers_page("network/public_map.html", _enabled(), "public.page")


@bp.get("/bildungslandkarte/einbetten")
def embed() -> Response:
    return _offers_page("network/public_embed.html", _enabled(), "public.embed")


@bp.get("/bildungslandkarte/daten.json")
def data() -> Response:
    found = _enabled()
    whole = SavedView(id="public-map", name=found.title, owner="", filter=Filter())
    return _public(json_response(view_payload(whole)))


@bp.route("/verwaltung/bildungslandkarte", methods=["GET", "POST"])
@require_role("admin")
def settings() -> Any:
    store = get_store()
    if request.method == "POST":
        sharing.save_public_map(
            store,
            enabled=request.form.get("enabled") == "1",
            title=request.form.get("title", ""),
            intro=request.form.get("intro", ""),
            user=current_username(),
        )
        flash(_("Einstellungen der Bildungslandkarte gespeichert."), "success")
        return redirect(url_for("public.settings"))
    return render_template("network/public_settings.html", settings=public_map.settings(store))
