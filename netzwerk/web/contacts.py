"""Kontaktlisten (export) and Datenschutz (Auskunft, Löschung, Sicherung) — issue 7.

Pages: ``/kontakte`` (filter, preview, download; every download is logged),
``/kontakte/protokoll`` (export log, admins), ``/datenschutz`` (admins: find a person,
Auskunft as HTML/JSON, Löschung, backup and GraphML downloads). The import wizard
(``/import``) is :mod:`netzwerk.web.import_wizard`.
"""

from __future__ import annotations

import json
import time
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph import backup, contacts, formats, network, operations, privacy
from netzwerk.graph.choices import filter_choices
from netzwerk.web import filters
from netzwerk.web.auth import can_see_contacts, require_role
from netzwerk.web.extensions import get_store

bp = Blueprint("contacts", __name__)

PREVIEW_ROWS = 10


def _username() -> str:
    return str(current_user.user.username)


def _require_contacts() -> None:
    """Personal data leaves the system only for editors or viewers with the contacts grant."""
    if not can_see_contacts():
        abort(403)


def _filter_from(args: Any) -> contacts.ContactFilter:
    return filters.parse(args, dated=False, strict=True).flt


@bp.get("/kontakte")
@require_role("viewer")
def export_page():  # type: ignore[no-untyped-def]
    _require_contacts()
    store = get_store()
    flt = _filter_from(request.args)
    purpose = request.args.get("purpose", "contact")
    fmt = request.args.get("format", "xlsx")
    errors: dict[str, list[str]] = {}
    selection = None
    try:
        selection = contacts.select(store, flt, purpose)
    except graph.ValidationError as exc:
        errors = exc.by_field()
    status = 400 if errors else 200
    return render_template(
        "contacts/export.html",
        flt=flt,
        purpose=purpose,
        fmt=fmt if fmt in formats.FORMATS else "xlsx",
        delimiter=request.args.get("delimiter", ";"),
        options=filter_choices(network.vocabulary(store)),
        kinds=graph.ACTOR_KINDS,
        purposes=contacts.PURPOSES,
        formats=formats.FORMATS,
        selection=selection,
        preview=selection.rows[:PREVIEW_ROWS] if selection else [],
        errors=errors,
    ), status


@bp.post("/kontakte/export")
@require_role("viewer")
def export_download():  # type: ignore[no-untyped-def]
    _require_contacts()
    flt = _filter_from(request.form)
    purpose = request.form.get("purpose", "")
    fmt = request.form.get("format", "")
    delimiter = request.form.get("delimiter", ";")
    if delimiter not in (";", ","):
        delimiter = ";"
    try:
        data, selection, _entry = contacts.export(
            get_store(), flt, purpose=purpose, fmt=fmt, user=_username(), delimiter=delimiter
        )
    except graph.ValidationError as exc:
        flash(str(exc), "error")
        back = {k: v for k, v in request.form.items() if k != "csrf_token"}
        return redirect(url_for("contacts.export_page", **back))
    ext = contacts.EXTENSIONS[fmt]
    resp = Response(data, mimetype=contacts.MIMETYPES[ext])
    resp.headers["Content-Disposition"] = (
        f'attachment; filename="{contacts.filename(fmt, purpose)}"'
    )
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["X-Export-Count"] = str(len(selection.rows))
    return resp


@bp.get("/kontakte/protokoll")
@require_role("admin")
def export_log():  # type: ignore[no-untyped-def]
    page = max(0, request.args.get("seite", 0, type=int) or 0)
    entries, total = contacts.export_log(get_store(), skip=page * 100, limit=100)
    return render_template("contacts/log.html", entries=entries, total=total, page=page)


# --- Datenschutz ----------------------------------------------------------------------------


@bp.get("/datenschutz")
@require_role("admin")
def privacy_page():  # type: ignore[no-untyped-def]
    q = request.args.get("q", "").strip()[:100]
    found = privacy.find_persons(get_store(), q) if q else []
    return render_template("contacts/privacy.html", q=q, found=found)


@bp.get("/datenschutz/person/<person_id>")
@require_role("admin")
def person_report(person_id: str):  # type: ignore[no-untyped-def]
    report = privacy.person_report(get_store(), person_id)
    return render_template("contacts/person_report.html", report=report, person_id=person_id)


@bp.get("/datenschutz/person/<person_id>.json")
@require_role("admin")
def person_report_json(person_id: str):  # type: ignore[no-untyped-def]
    report = privacy.person_report(get_store(), person_id)
    resp = Response(json.dumps(report, ensure_ascii=False, indent=2), mimetype="application/json")
    resp.headers["Content-Disposition"] = f'attachment; filename="auskunft-{person_id}.json"'
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.post("/datenschutz/person/<person_id>/loeschen")
@require_role("admin")
def person_erase(person_id: str):  # type: ignore[no-untyped-def]
    if request.form.get("confirm") != "1":
        flash(_("Bitte bestätigen, dass die Person endgültig gelöscht werden soll."), "error")
        return redirect(url_for("contacts.person_report", person_id=person_id))
    counts = operations.erase_person(get_store(), person_id, user=_username())
    flash(
        _(
            "Die personenbezogenen Daten wurden gelöscht (%(links)s Verknüpfungen, "
            "%(history)s Verlaufseinträge geschwärzt).",
            links=counts["links"],
            history=counts["history"],
        ),
        "success",
    )
    return redirect(url_for("contacts.privacy_page"))


@bp.get("/datenschutz/sicherung.json")
@require_role("admin")
def backup_download():  # type: ignore[no-untyped-def]
    import io

    buf = io.StringIO()
    backup.write(get_store(), buf)
    resp = Response(buf.getvalue().encode("utf-8"), mimetype="application/json")
    stamp = time.strftime("%Y-%m-%d")
    resp.headers["Content-Disposition"] = f'attachment; filename="netzwerk-sicherung-{stamp}.json"'
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.get("/datenschutz/netzwerk.graphml")
@require_role("admin")
def graphml_download():  # type: ignore[no-untyped-def]
    resp = Response(backup.graphml(get_store()), mimetype="application/xml")
    resp.headers["Content-Disposition"] = 'attachment; filename="netzwerk.graphml"'
    return resp
