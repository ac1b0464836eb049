"""Netzwerkbilder: cooperation network, ego view, alliances and projects.

Each view is a page (filter form, empty canvas, legend) plus a JSON endpoint with the
picture's data (``…/daten.json``, same query string) and a standalone offline HTML download
(``…/bild.html``). The page's ``static/js/network.js`` fetches the JSON and draws it with
vis-network at the server's fixed positions (physics off), because the CSP forbids inline
script and because the browser must not compute layouts for thousands of actors.

Query parameters (all optional): the shared filter of :mod:`netzwerk.web.filters`
(``alliance``, ``project``, ``topic``, ``stage``, ``target_group``, ``region``, ``kind``,
``coop_kind``, ``as_of``), and how the picture is drawn: ``colour``, ``size``, ``group``,
``community``, ``all=1`` (no aggregation), for the ego view ``depth`` (1 or 2), for the
alliance view ``projects=0`` and ``multi=1``. The German names of older URLs (``buendnis``,
``stichtag``, ``farbe``, …) still work: pages redirect to the current names, data and
downloads read them as they are. Unknown values are ignored with a message,
never a 500.
"""

from __future__ import annotations

from datetime import date, datetime
from importlib import resources
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from netzwerk.graph import pictures
from netzwerk.graph.core.errors import NotFoundError
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.pictures.paper import PRINT_LIMIT
from netzwerk.graph.sharing import saved_views
from netzwerk.web import deployment, filters
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.downloads import attachment
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import record_url

bp = Blueprint("network", __name__)


PAGES = ("network.page", "network.alliances", "network.ego")


@bp.before_request
def _rename_legacy_parameters() -> ResponseReturnValue | None:
    """Bookmarks of pages with the German parameter names of older versions open the
    current URL; data and downloads read those names as they are (``_args``)."""
    target = filters.legacy_redirect() if request.endpoint in PAGES else None
    return redirect(target) if target else None


def _tr(text: str) -> str:
    return _(text)


def _args() -> MultiDict[str, str]:
    return filters.canonical_args(request.args)


def parse_filter(snap: snapshot.Snapshot, args: Any) -> tuple[Filter, list[str]]:
    """The filter a query string asks for, and German warnings for what was ignored."""
    parsed = filters.parse(args, snap.vocabulary)
    return parsed.flt, parsed.errors


def _choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = _args().get(name, default)
    return value if value in allowed else default


def _link(base: str = "") -> pictures.RecordUrl:
    def link(label: str, node_id: str) -> str:
        return base + record_url(label, node_id)

    return link


def _args_with(changes: dict[str, str], endpoint: str = "network.page", **values: Any) -> str:
    """The current query plus ``changes`` (drill-down from an aggregate)."""
    current = _args()
    args: dict[str, Any] = {k: current.getlist(k) for k in current}
    for k in ("group", "community", "all"):
        args.pop(k, None)
    for k, v in changes.items():
        args[k] = [v]
    return url_for(endpoint, **values, **args)


def _show_projects() -> bool:
    """Projects are shown unless unticked (the form sends a hidden 0 before the box's 1)."""
    values = _args().getlist("projects")
    return not values or "1" in values


def _int_arg(name: str) -> int | None:
    raw = _args().get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 7 else None


def _pins() -> saved_views.Pins:
    """Pinned positions: sent with an export (the picture as the user arranged it), else
    those of the saved view the page shows (``view=<id>``), else none."""
    if request.method == "POST" and request.form.get("pins"):
        return saved_views.parse_pins(request.form["pins"])
    view_id = _args().get("view", "")
    if not view_id:
        return {}
    try:
        return saved_views.visible_view(get_store(), view_id, current_username()).pins
    except NotFoundError:
        return {}


# --- payloads ---------------------------------------------------------------------------


def cooperation_payload(base: str = "") -> dict[str, Any]:
    snap = snapshot.current(get_store())
    flt, warnings = parse_filter(snap, _args())
    payload = pictures.cooperation_picture(
        snap,
        flt,
        colour_by=_choice("colour", pictures.COLOUR_BY, "kind"),
        size_by=_choice("size", pictures.SIZE_BY, "degree"),
        group_by=_choice("group", pictures.GROUP_BY, ""),
        community=_int_arg("community"),
        show_all=_args().get("all") == "1",
        aggregate_above=int(current_app.config.get("NETWORK_AGGREGATE_ABOVE", 2000)),
        link=_link(base),
        drill=lambda params: base + _args_with(params),
        tr=_tr,
    )
    payload["warnings"] = warnings
    payload["as_of"] = flt.as_of.isoformat() if flt.as_of else ""
    payload["caption"] = pictures.filter_caption(flt, snap.vocabulary, _tr)
    if payload["mode"] == "aggregate":
        payload["show_all_url"] = base + _args_with({"all": "1"})
    else:
        pictures.pin(payload, _pins())
    return payload


def ego_payload(actor_id: str, base: str = "") -> dict[str, Any]:
    snap = snapshot.current(get_store())
    parsed = filters.parse(MultiDict([("as_of", _args().get("as_of", ""))]))
    try:
        payload = pictures.ego_picture(
            snap,
            actor_id,
            depth=2 if _args().get("depth") == "2" else 1,
            as_of=parsed.flt.as_of,
            link=_link(base),
            tr=_tr,
        )
    except KeyError:
        abort(404)
    payload["warnings"] = parsed.errors
    payload["caption"] = pictures.filter_caption(parsed.flt, snap.vocabulary, _tr)
    return payload


def alliance_payload(base: str = "") -> dict[str, Any]:
    snap = snapshot.current(get_store())
    flt, warnings = parse_filter(snap, _args())
    payload = pictures.alliance_picture(
        snap,
        flt,
        projects=_show_projects(),
        overlaps_only=_args().get("multi") == "1",
        link=_link(base),
        tr=_tr,
    )
    payload["warnings"] = warnings
    payload["caption"] = pictures.filter_caption(flt, snap.vocabulary, _tr)
    pictures.pin(payload, _pins())
    return payload


def view_payload(view: saved_views.SavedView) -> dict[str, Any]:
    """The picture of a saved view for people without an account (a share link): the
    view's filter, colouring and pins, no links into the application."""
    snap = snapshot.current(get_store())
    flt = view.filter if view.filter.as_of else view.filter.on(date.today())
    if view.picture == "alliances":
        payload = pictures.alliance_picture(snap, flt, link=_link(), tr=_tr)
    else:
        payload = pictures.cooperation_picture(
            snap,
            flt,
            colour_by=view.colour,
            size_by=view.size,
            aggregate_above=int(current_app.config.get("NETWORK_AGGREGATE_ABOVE", 2000)),
            link=_link(),
            drill=lambda params: "",
            tr=_tr,
        )
    payload["title"] = view.name
    payload["caption"] = pictures.filter_caption(flt, snap.vocabulary, _tr)
    payload["as_of"] = flt.as_of.isoformat() if flt.as_of else ""
    payload["warnings"] = []
    if payload["mode"] != "aggregate":
        pictures.pin(payload, view.pins)
    return pictures.public(payload)


def json_response(payload: dict[str, Any]) -> Response:
    resp = jsonify(payload)
    resp.headers["Cache-Control"] = "private, no-store"
    return resp


def _standalone(payload: dict[str, Any], filename: str) -> Response:
    """The picture as one offline HTML file: vis-network, styles, script and data inlined."""
    static = resources.files("netzwerk.web") / "static"
    html = render_template(
        "network/standalone.html",
        payload=payload,
        vis_js=(static / "vendor/vis-network/vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(static / "vendor/vis-network/vis-network.css").read_text(encoding="utf-8"),
        css=(static / "css/network.css").read_text(encoding="utf-8"),
        scripts=[
            (static / f"js/{name}.js").read_text(encoding="utf-8")
            for name in (
                "network-labels",
                "network-explore",
                "network-keyboard",
                "network-table",
                "network",
            )
        ],
        created=datetime.now().strftime("%d.%m.%Y %H:%M"),
    )
    # The file runs its inlined script when opened from disk; served here it is only saved.
    policy = (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data:; frame-ancestors 'none'"
    )
    return attachment(html, filename, "text/html", headers={"Content-Security-Policy": policy})


def _page(
    view: str, title: str, data_url: str, download_url: str, export_url: str, **extra: Any
) -> str:
    # only the vocabulary: the page comes at once, the picture's JSON loads the network
    vocab = snapshot.vocabulary(get_store())
    parsed = filters.parse(_args(), vocab)
    saved = None
    if _args().get("view"):
        try:
            saved = saved_views.visible_view(get_store(), _args()["view"], current_username())
        except NotFoundError:
            saved = None
    return render_template(
        "network/view.html",
        view=view,
        title=title,
        data_url=data_url,
        download_url=download_url,
        export_url=export_url,
        saved_view=saved,
        choices=filters.choices(vocab),
        flt=parsed.flt,
        args=request.args,
        warnings=parsed.errors,
        colour_by=_choice("colour", pictures.COLOUR_BY, "kind"),
        size_by=_choice("size", pictures.SIZE_BY, "degree"),
        colour_options=[(key, _(title)) for key, title in pictures.COLOUR_OPTIONS.items()],
        size_options=[(key, _(title)) for key, title in pictures.SIZE_OPTIONS.items()],
        print_limit=PRINT_LIMIT,
        **extra,
    )


def _query() -> str:
    return request.query_string.decode("latin-1")


def _with_query(url: str) -> str:
    q = _query()
    return f"{url}?{q}" if q else url


# --- cooperation network ----------------------------------------------------------------


@bp.get("/netzwerk")
@require_role("viewer")
def page() -> str:
    return _page(
        "cooperation",
        _("Kooperationsnetz"),
        _with_query(url_for("network.data")),
        _with_query(url_for("network.download")),
        _with_query(url_for("picture_exports.cooperation")),
    )


@bp.get("/netzwerk/daten.json")
@require_role("viewer")
def data() -> Response:
    return json_response(cooperation_payload())


@bp.get("/netzwerk/bild.html")
@require_role("viewer")
def download() -> Response:
    return _standalone(cooperation_payload(deployment.public_url()), "netzwerk.html")


# --- ego view ---------------------------------------------------------------------------


@bp.get("/netzwerk/ego/<actor_id>")
@require_role("viewer")
def ego(actor_id: str) -> str:
    snap = snapshot.current(get_store())
    actor = next((a for a in snap.actors if a["id"] == actor_id), None)
    if actor is None:
        abort(404)
    return _page(
        "ego",
        _("Partner von %(name)s", name=actor["name"]),
        _with_query(url_for("network.ego_data", actor_id=actor_id)),
        _with_query(url_for("network.ego_download", actor_id=actor_id)),
        _with_query(url_for("picture_exports.ego", actor_id=actor_id)),
        actor=actor,
        depth=2 if _args().get("depth") == "2" else 1,
    )


@bp.get("/netzwerk/ego/<actor_id>/daten.json")
@require_role("viewer")
def ego_data(actor_id: str) -> Response:
    return json_response(ego_payload(actor_id))


@bp.get("/netzwerk/ego/<actor_id>/bild.html")
@require_role("viewer")
def ego_download(actor_id: str) -> Response:
    payload = ego_payload(actor_id, deployment.public_url())
    return _standalone(payload, "netzwerk-partner.html")


# --- alliances and projects -------------------------------------------------------------


@bp.get("/netzwerk/buendnisse")
@require_role("viewer")
def alliances() -> str:
    snap = snapshot.current(get_store())
    flt, _warnings = parse_filter(snap, _args())
    return _page(
        "alliances",
        _("Bündnisse und Projekte"),
        _with_query(url_for("network.alliance_data")),
        _with_query(url_for("network.alliance_download")),
        _with_query(url_for("picture_exports.alliances")),
        overlaps=pictures.alliance_overlaps(snap, flt),
        projects=_show_projects(),
        overlaps_only=_args().get("multi") == "1",
    )


@bp.get("/netzwerk/buendnisse/daten.json")
@require_role("viewer")
def alliance_data() -> Response:
    return json_response(alliance_payload())


@bp.get("/netzwerk/buendnisse/bild.html")
@require_role("viewer")
def alliance_download() -> Response:
    payload = alliance_payload(deployment.public_url())
    return _standalone(payload, "buendnisse.html")
