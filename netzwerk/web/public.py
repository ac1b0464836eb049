"""The public Bildungslandkarte: ``/bildungslandkarte``, opt-in by an admin.

Which actors and offers exist by topic, stage and region, and the cooperation picture of
the whole region, for everyone and without a login, never with persons or contact data.
``/bildungslandkarte/einbetten`` is the same picture for an iframe on the municipality's
website (the only page that may be framed by other sites). Off, all of it answers 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import public_map
from netzwerk.graph.sharing.saved_views import SavedView
from netzwerk.web import deployment
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.network import json_response, view_payload

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
            "object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors *"
        )
    return resp


@bp.get("/bildungslandkarte")
def page() -> Response:
    found = _enabled()
    tables = public_map.overview(snapshot.current(get_store()), date.today())
    html = render_template(
        "network/public_map.html",
        title=found.title,
        intro=found.intro,
        tables=tables,
        data_url=url_for("public.data"),
        embed_url=deployment.external_url("public.embed"),
    )
    return _public(Response(html))


@bp.get("/bildungslandkarte/einbetten")
def embed() -> Response:
    found = _enabled()
    html = render_template(
        "network/public_embed.html", title=found.title, data_url=url_for("public.data")
    )
    return _public(Response(html), embed=True)


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
