"""Shared views and presentations for people without an account: ``/geteilt/<token>``.

The page shows a saved view (or a presentation's slides, one per page, each a saved view)
read-only: organisations and cooperations, never persons or
contact data (the picture's nodes are actors, its tooltips name kind, region, topics and
alliances; no links into the application). A link may ask for a password; wrong passwords
are throttled per link (:mod:`netzwerk.graph.sharing.share_links`). Unknown, expired and
revoked links
all answer the same 404, so a guess learns nothing.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from netzwerk import graph
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import share_links
from netzwerk.graph.sharing.saved_views import SavedView
from netzwerk.web import presentations
from netzwerk.web.extensions import get_store
from netzwerk.web.network import json_response, view_payload

bp = Blueprint("shared", __name__)
SESSION_KEY = "shared_links"


def _private(resp: Any) -> Any:
    """No caching, no referrer (the token is in the address), no search engines."""
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["Referrer-Policy"] = "no-referrer"
    resp.headers["X-Robots-Tag"] = "noindex, nofollow"
    return resp


def _open(token: str) -> tuple[share_links.ShareLink, SavedView | Presentation]:
    try:
        return share_links.resolve(get_store(), token)
    except graph.NotFoundError:
        abort(404)


def _presentation(token: str) -> Presentation:
    """The presentation of an unlocked link (404 for a view's link, 401 while locked)."""
    link, target = _open(token)
    if not isinstance(target, Presentation):
        abort(404)
    if not _unlocked(link):
        abort(401)
    return target


def _urls(token: str) -> presentations.Urls:
    return presentations.Urls(
        slide=lambda n: url_for("shared.slide", token=token, number=n),
        data=lambda n: url_for("shared.slide_data", token=token, number=n),
        pdf=url_for("shared.pdf", token=token),
    )


def _unlocked(link: share_links.ShareLink) -> bool:
    return not link.has_password or link.id in session.get(SESSION_KEY, [])


@bp.route("/geteilt/<token>", methods=["GET", "POST"])
def page(token: str) -> Any:
    link, view = _open(token)
    error, status = "", 200
    if request.method == "POST" and link.has_password:
        try:
            if sharing.check_share_password(
                get_store(),
                link,
                request.form.get("password", ""),
                client=request.remote_addr or "-",
            ):
                session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-20:], link.id]
                return _private(redirect(url_for("shared.page", token=token)))
            error, status = _("Das Passwort stimmt nicht."), 403
        except share_links.ThrottledError as exc:
            error = _(
                "Zu viele falsche Versuche. Bitte in %(n)s Sekunden erneut versuchen.",
                n=exc.seconds,
            )
            status = 429
    if not _unlocked(link):
        html = render_template("network/shared_password.html", error=error, title=view.name)
        return _private(Response(html, status=status))
    if isinstance(view, Presentation):
        return _private(redirect(url_for("shared.slide", token=token, number=1)))
    html = render_template(
        "network/shared.html",
        title=view.name,
        data_url=url_for("shared.data", token=token),
        expires=link.expires,
    )
    return _private(Response(html))


@bp.get("/geteilt/<token>/daten.json")
def data(token: str) -> Response:
    link, view = _open(token)
    if not _unlocked(link):
        locked = jsonify(error=_("Dieser Link ist mit einem Passwort geschützt."))
        locked.status_code = 401
        return _private(locked)
    if not isinstance(view, SavedView):
        abort(404)
    return _private(json_response(view_payload(view)))


@bp.get("/geteilt/<token>/folie/<int:number>")
def slide(token: str, number: int) -> Response:
    """One slide of a shared presentation (a locked link goes back to its password page)."""
    link, target = _open(token)
    if not _unlocked(link):
        return _private(redirect(url_for("shared.page", token=token)))
    if not isinstance(target, Presentation):
        abort(404)
    return _private(Response(presentations.render_slide(target, number, _urls(token))))


@bp.get("/geteilt/<token>/folie/<int:number>/daten.json")
def slide_data(token: str, number: int) -> Response:
    return _private(presentations.slide_data(_presentation(token), number))


@bp.get("/geteilt/<token>/pdf")
def pdf(token: str) -> Response:
    return _private(presentations.pdf_file(_presentation(token)))
