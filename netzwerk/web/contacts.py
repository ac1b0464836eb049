"""Kontaktlisten (export), Import and Datenschutz (Auskunft, Löschung, Sicherung) — issue 7.

Pages: ``/kontakte`` (filter, preview, download; every download is logged),
``/kontakte/protokoll`` (export log, admins), ``/import`` (upload → column mapping → dry run
→ background import with a progress bar), ``/datenschutz`` (admins: find a person, Auskunft
as HTML/JSON, Löschung, backup and GraphML downloads).

Uploaded tables and dry-run plans live in memory between the steps (keyed by a random id
and the user; forgotten after an hour), because they can hold 50,000 rows — far too much for
a cookie session. The server is one process (waitress threads), so this is safe; after a
restart the user simply uploads again.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph import backup, contacts, formats, imports, network, operations, privacy
from netzwerk.graph.choices import filter_choices
from netzwerk.graph.imports import jobs
from netzwerk.web import filters
from netzwerk.web.auth import can_see_contacts, require_role
from netzwerk.web.extensions import get_store

bp = Blueprint("contacts", __name__)

MAX_UPLOAD = imports.MAX_BYTES
PREVIEW_ROWS = 10
KEEP_SECONDS = 3600

_pending: dict[str, dict[str, Any]] = {}
_pending_lock = threading.Lock()


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


# --- import -------------------------------------------------------------------------------


def _prune() -> None:
    now = time.time()
    with _pending_lock:
        for key in [k for k, v in _pending.items() if now - v["at"] > KEEP_SECONDS]:
            del _pending[key]


def _upload(uid: str) -> dict[str, Any]:
    item = _pending.get(uid)
    if item is None or item["owner"] != _username():
        flash(
            _("Die hochgeladene Datei ist nicht mehr vorhanden. Bitte erneut hochladen."), "error"
        )
        abort(redirect(url_for("contacts.import_page")))
    item["at"] = time.time()
    return item


def _too_large():  # type: ignore[no-untyped-def]
    return render_template(
        "error.html",
        code=413,
        title=_("Datei zu groß"),
        text=_(
            "Die Datei ist größer als %(mb)s MB. Bitte die Tabelle aufteilen.",
            mb=MAX_UPLOAD // (1024 * 1024),
        ),
    ), 413


@bp.get("/import")
@require_role("editor")
def import_page():  # type: ignore[no-untyped-def]
    return render_template(
        "contacts/import_upload.html",
        kinds=imports.KINDS,
        max_mb=MAX_UPLOAD // (1024 * 1024),
        max_rows=imports.MAX_ROWS,
    )


@bp.post("/import")
@require_role("editor")
def import_upload():  # type: ignore[no-untyped-def]
    if request.content_length is None or request.content_length > MAX_UPLOAD + 64 * 1024:
        return _too_large()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Bitte eine Datei auswählen."), "error")
        return render_template(
            "contacts/import_upload.html",
            kinds=imports.KINDS,
            max_mb=MAX_UPLOAD // (1024 * 1024),
            max_rows=imports.MAX_ROWS,
        ), 400
    data = upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _too_large()
    try:
        table = imports.read_table(data, upload.filename[:200])
    except imports.ImportFileError as exc:
        flash(str(exc), "error")
        return render_template(
            "contacts/import_upload.html",
            kinds=imports.KINDS,
            max_mb=MAX_UPLOAD // (1024 * 1024),
            max_rows=imports.MAX_ROWS,
        ), 400
    kind = request.form.get("kind", "")
    if kind not in imports.KINDS:
        kind = imports.detect_kind(table.headers)
    _prune()
    uid = uuid.uuid4().hex
    with _pending_lock:
        _pending[uid] = {
            "owner": _username(),
            "at": time.time(),
            "table": table,
            "kind": kind,
            "plan": None,
            "mapping": None,
        }
    return redirect(url_for("contacts.import_mapping", uid=uid))


@bp.get("/import/<uid>/zuordnung")
@require_role("editor")
def import_mapping(uid: str):  # type: ignore[no-untyped-def]
    item = _upload(uid)
    kind = request.args.get("kind", item["kind"])
    if kind not in imports.KINDS:
        kind = item["kind"]
    table: imports.Table = item["table"]
    mapping = (
        item["mapping"]
        if item["mapping"] and kind == item["kind"]
        else imports.guess(table.headers, kind, imports.load_saved(get_store(), _username(), kind))
    )
    return render_template(
        "contacts/import_mapping.html",
        uid=uid,
        table=table,
        kind=kind,
        kinds=imports.KINDS,
        fields=imports.FIELDS[kind],
        mapping=mapping,
        samples=table.rows[:3],
        errors={},
    )


@bp.post("/import/<uid>/zuordnung")
@require_role("editor")
def import_dry_run(uid: str):  # type: ignore[no-untyped-def]
    item = _upload(uid)
    table: imports.Table = item["table"]
    kind = request.form.get("kind", "")
    if kind not in imports.KINDS:
        abort(400)
    mapping = [request.form.get(f"col{i}", "") for i in range(len(table.headers))]
    mapping = [m if m in imports.FIELDS[kind] else "" for m in mapping]
    store = get_store()
    try:
        plan = imports.dry_run(store, table, kind, mapping)
    except graph.ValidationError as exc:
        return render_template(
            "contacts/import_mapping.html",
            uid=uid,
            table=table,
            kind=kind,
            kinds=imports.KINDS,
            fields=imports.FIELDS[kind],
            mapping=mapping,
            samples=table.rows[:3],
            errors=exc.by_field(),
        ), 400
    if request.form.get("save_mapping"):
        imports.save(store, _username(), kind, table.headers, mapping)
    item.update(kind=kind, mapping=mapping, plan=plan)
    return redirect(url_for("contacts.import_preview", uid=uid))


@bp.get("/import/<uid>/vorschau")
@require_role("editor")
def import_preview(uid: str):  # type: ignore[no-untyped-def]
    item = _upload(uid)
    plan: imports.ImportPlan | None = item["plan"]
    if plan is None:
        return redirect(url_for("contacts.import_mapping", uid=uid))
    shown = [r for r in plan.results if r.action in ("create", "update")][:20]
    return render_template(
        "contacts/import_preview.html",
        uid=uid,
        plan=plan,
        kinds=imports.KINDS,
        actions=imports.ACTIONS,
        shown=shown,
        errors=plan.errors[:300],
        similar=plan.similar[:100],
        duplicates=[r for r in plan.results if r.action == "duplicate"][:100],
    )


@bp.post("/import/<uid>/start")
@require_role("editor")
def import_start(uid: str):  # type: ignore[no-untyped-def]
    item = _upload(uid)
    plan: imports.ImportPlan | None = item["plan"]
    if plan is None:
        return redirect(url_for("contacts.import_mapping", uid=uid))
    only_valid = request.form.get("only_valid") == "1"
    if plan.blocking and not only_valid:
        flash(
            _(
                "Die Datei enthält fehlerhafte Zeilen. Bitte korrigieren oder ausdrücklich "
                "„nur gültige Zeilen importieren“ wählen."
            ),
            "error",
        )
        return redirect(url_for("contacts.import_preview", uid=uid))
    store, user = get_store(), _username()

    def work(progress):  # type: ignore[no-untyped-def]
        return operations.commit_import(
            store, plan, user=user, only_valid=only_valid, progress=progress
        )

    job = jobs.start(user, work)
    with _pending_lock:
        _pending.pop(uid, None)
    return redirect(url_for("contacts.import_job", job_id=job.id))


@bp.get("/import/auftrag/<job_id>")
@require_role("editor")
def import_job(job_id: str):  # type: ignore[no-untyped-def]
    job = jobs.get(job_id, _username())
    if job is None:
        abort(404)
    return render_template("contacts/import_job.html", job=job)


@bp.post("/import/auftrag/<job_id>/rueckgaengig")
@require_role("editor")
def import_undo(job_id: str):  # type: ignore[no-untyped-def]
    job = jobs.get(job_id, _username())
    if job is None or job.state != "done" or job.result is None:
        abort(404)
    result = operations.undo_import(get_store(), job.result.batch, user=_username())
    message = _(
        "Import rückgängig gemacht: %(removed)s Einträge entfernt, %(reverted)s "
        "zurückgesetzt, %(links)s Verknüpfungen entfernt.",
        removed=result.removed,
        reverted=result.reverted,
        links=result.links_removed,
    )
    if result.kept:
        message += " " + _(
            "Nicht angetastet, weil seitdem geändert: %(names)s.",
            names=", ".join(result.kept[:10]) + (" …" if len(result.kept) > 10 else ""),
        )
    flash(message, "warning" if result.kept else "success")
    return redirect(url_for("contacts.import_page"))


@bp.get("/import/auftrag/<job_id>.json")
@require_role("editor")
def import_job_status(job_id: str):  # type: ignore[no-untyped-def]
    job = jobs.get(job_id, _username())
    if job is None:
        return jsonify({"error": _("Unbekannter Importauftrag.")}), 404
    out = job.as_dict()
    if job.state == "done" and job.result is not None:
        r = job.result
        out["result"] = {
            "created": r.created,
            "updated": r.updated,
            "links_created": r.links_created,
            "skipped_rows": r.skipped_rows,
        }
    return jsonify(out)


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
