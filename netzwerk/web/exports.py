"""The network pictures as SVG and PDF (A4/A3 landscape) for print.

``POST /netzwerk/export?<the picture's query>`` (and the same below ``/netzwerk/buendnisse``
and ``/netzwerk/ego/<id>``) with ``format`` (svg, pdf), ``paper`` (A4, A3), ``title`` and
``subtitle`` (the view's name unless changed), ``layout`` (``all``: every actor; otherwise
a large selection is reduced to its most connected actors,
:mod:`netzwerk.graph.pictures.paper`) and the pinned positions as the user arranged them
(``pins``). The file carries title, legend, filter,
date and a source line (:mod:`netzwerk.graph.pictures.vector`). A POST, because the pins
of a large picture do not fit into a URL.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, Response, request
from flask_babel import gettext as _

from netzwerk.graph.pictures import paper as paper_layout
from netzwerk.graph.pictures import vector
from netzwerk.web import network
from netzwerk.web.auth import require_role
from netzwerk.web.downloads import attachment

bp = Blueprint("picture_exports", __name__)
TYPES = {"svg": "image/svg+xml", "pdf": "application/pdf"}


def _line(name: str, limit: int = 120) -> str:
    """A one-line field of the export form, trimmed (a title, not a text)."""
    return " ".join(request.form.get(name, "").split())[:limit]


def _file(payload: dict[str, Any], stem: str) -> Response:
    fmt = request.form.get("format", "pdf")
    fmt = fmt if fmt in TYPES else "pdf"
    paper = request.form.get("paper", "A4")
    paper = paper if paper in vector.PAPERS else "A4"
    if request.form.get("layout") != "all":
        payload = paper_layout.for_print(payload, _tr, _limit(paper))
    now = datetime.now()
    words = vector.Captions(
        title=_line("title") or payload.get("title") or _("Netzwerkbild"),
        subtitle=_line("subtitle", 200),
        caption=payload.get("caption", ""),
        source=_(
            "Quelle: netzwerk, Kooperationsdaten des Bildungsbüros · erstellt am %(when)s",
            when=now.strftime("%d.%m.%Y %H:%M"),
        ),
        legend=_("Legende"),
    )
    render = vector.to_svg if fmt == "svg" else vector.to_pdf
    day = (payload.get("as_of") or now.date().isoformat())[:10]
    suffix = f"-{paper.lower()}" if fmt == "pdf" else ""
    # an SVG opened from here must not run anything
    policy = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}
    return attachment(
        render(payload, words, paper),
        f"{stem}-{day}{suffix}.{fmt}",
        TYPES[fmt],
        headers=policy if fmt == "svg" else None,
    )


def _limit(paper: str) -> int:
    """Actors a sheet shows legibly: A3 has twice the area of A4."""
    return paper_layout.PRINT_LIMIT * (2 if paper == "A3" else 1)


def _tr(text: str) -> str:
    return _(text)


@bp.post("/netzwerk/export")
@require_role("viewer")
def cooperation() -> Response:
    return _file(network.cooperation_payload(), "netzwerk")


@bp.post("/netzwerk/buendnisse/export")
@require_role("viewer")
def alliances() -> Response:
    return _file(network.alliance_payload(), "buendnisse")


@bp.post("/netzwerk/ego/<actor_id>/export")
@require_role("viewer")
def ego(actor_id: str) -> Response:
    return _file(network.ego_payload(actor_id), "netzwerk-partner")
