"""Indikatoren (Analysen): indicators beside the network, and the upload with a dry run.

``GET /luecken/indikatoren`` shows per region the indicators, the network's measures and the
coverage weighted by demand (:mod:`netzwerk.graph.indicators.joined`) for the shared
filter. Editors upload a table: ``…/pruefen`` runs the dry run and shows what would change;
the preview carries the file (base64, indicator tables are small) to ``…/importieren``,
which runs the dry run again and writes it as a changeset — so what is written is always
what the file says now, never a stale preview.
"""

from __future__ import annotations

import base64
import binascii

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_decimal
from flask_babel import gettext as _

from netzwerk import graph
from netzwerk.graph import indicators, operations
from netzwerk.graph.core.model import QUALITY_MARKERS
from netzwerk.graph.imports.reader import ImportFileError
from netzwerk.graph.network import snapshot
from netzwerk.web import filters
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.said import said

bp = Blueprint("indicators", __name__)
MAX_FILE = 2 * 1024 * 1024
"""Largest indicator table accepted here (a GENESIS extract of all German municipalities
for ten years is about 1 MB); larger ones go through ``netzwerk indicators import``."""


def number(value: float | None, places: int = 1, *, fixed: bool = False) -> str:
    """A value as the page shows it (German or English digits by the UI's language), with
    up to ``places`` decimals, or exactly that many when ``fixed`` (ratios: 4,0 beside 2,5)."""
    if value is None:
        return "–"
    digit = "0" if fixed else "#"
    return str(format_decimal(value, format="#,##0" + ("." + digit * places if places else "")))


def sparkline(series: indicators.Series) -> list[tuple[float, float, float, float]]:
    """Bars (x, y, width, height) of a series' values in a 64 × 18 box; none for fewer
    than two numbers or any negative one (a bar from zero would mislead there)."""
    values = [series.values[y] for y in series.years]
    numbers = [v for v in values if v is not None]
    if len(numbers) < 2 or min(numbers) < 0:
        return []
    top = max(numbers) or 1.0
    width = 64 / len(values)
    return [
        (
            round(i * width + 1, 1),
            round(18 - 17 * v / top, 1),
            round(width - 2, 1),
            round(17 * v / top, 1),
        )
        for i, v in enumerate(values)
        if v is not None
    ]


def _page(
    status: int = 200,
    preview: indicators.IndicatorPlan | None = None,
    payload: str = "",
    filename: str = "",
) -> tuple[str, int]:
    store = get_store()
    snap = snapshot.current(store)
    parsed = filters.parse(request.args, snap.vocabulary)
    view = indicators.join(
        snapshot.select(snap, parsed.flt), [i for i, _ in indicators.stored(store)]
    )
    return (
        render_template(
            "indicators/page.html",
            view=view,
            need_rows=indicators.needs(view),
            f=parsed,
            choices=filters.choices(snap.vocabulary),
            weightings=indicators.WEIGHTINGS,
            number=number,
            sparkline=sparkline,
            quality_titles={k: _(v) for k, v in QUALITY_MARKERS.items()},
            preview=preview,
            payload=payload,
            filename=filename,
            max_mb=MAX_FILE // (1024 * 1024),
        ),
        status,
    )


@bp.get("/luecken/indikatoren")
@require_role("viewer")
def page() -> ResponseReturnValue:
    return _page()


def _file() -> tuple[bytes, str] | None:
    """The uploaded file, or the one a preview carries; flashes why not."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data = upload.read(MAX_FILE + 1)
        name = upload.filename[:200]
    else:
        try:
            data = base64.b64decode(request.form.get("payload", ""), validate=True)
        except (binascii.Error, ValueError):
            data = b""
        name = (request.form.get("filename") or "Datei")[:200]
    if not data:
        flash(_("Bitte eine Datei auswählen."), "error")
        return None
    if len(data) > MAX_FILE:
        flash(_("Die Datei ist größer als %(mb)s MB.", mb=MAX_FILE // (1024 * 1024)), "error")
        return None
    return data, name


def _dry_run(data: bytes, name: str) -> indicators.IndicatorPlan | None:
    try:
        return indicators.plan_indicators(get_store(), indicators.read(data, name), name)
    except (ImportFileError, indicators.IndicatorFileError) as exc:
        flash(said(exc), "error")
        return None


def _uploaded() -> tuple[str, str, indicators.IndicatorPlan] | None:
    """The file (as the preview carries it), its name and its dry run; None after a flash."""
    got = _file()
    if got is None:
        return None
    data, name = got
    dry = _dry_run(data, name)
    return None if dry is None else (base64.b64encode(data).decode("ascii"), name, dry)


@bp.post("/luecken/indikatoren/pruefen")
@require_role("editor")
def check() -> ResponseReturnValue:
    got = _uploaded()
    if got is None:
        return _page(400)
    payload, name, dry = got
    return _page(400 if dry.blocking else 200, dry, payload, name)


@bp.post("/luecken/indikatoren/importieren")
@require_role("editor")
def commit() -> ResponseReturnValue:
    got = _uploaded()
    if got is None:
        return _page(400)
    payload, name, dry = got
    if dry.blocking:
        flash(_("Nichts importiert: die Datei hat Fehler (siehe unten)."), "error")
        return _page(400, dry, payload, name)
    try:
        result = operations.import_indicators(get_store(), dry, user=current_username())
    except graph.GraphError as exc:
        flash(said(exc), "error")
        return _page(409)
    if not result.batch:
        flash(_("Nichts zu tun: alle Werte sind schon so gespeichert."), "success")
    else:
        flash(
            _(
                "Importiert: %(created)s neu, %(updated)s geändert.",
                created=result.created,
                updated=result.updated,
            ),
            "success",
        )
    return redirect(url_for("indicators.page"))
