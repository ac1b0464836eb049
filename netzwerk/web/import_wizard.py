"""Import wizard (editors): upload → column mapping → dry run → background import.

Uploaded tables and dry-run plans can hold 50,000 rows — far too much for a cookie session
and, for an hour, too much for the server's memory. They wait on disk between the steps
(:mod:`netzwerk.graph.imports.spool`: files only the server's user can read, expiring after
an hour, capped per user and in total) and are read back for the step that needs them.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from netzwerk import graph, settings
from netzwerk.graph import imports, operations
from netzwerk.graph.imports import jobs, spool
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.extensions import get_store

bp = Blueprint("imports", __name__)

MAX_UPLOAD = imports.MAX_BYTES


def get_spool() -> spool.Spool:
    """The app's spool (``SPOOL_DIR`` in the app config, else the instance folder)."""
    found = current_app.extensions.get("netzwerk_spool")
    if found is None:
        folder = current_app.config.get("SPOOL_DIR") or settings.spool_dir()
        found = current_app.extensions["netzwerk_spool"] = spool.Spool(folder)
    return found


def _upload(uid: str) -> spool.Pending:
    item = get_spool().get(uid, current_username())
    if item is None:
        flash(
            _("Die hochgeladene Datei ist nicht mehr vorhanden. Bitte erneut hochladen."), "error"
        )
        abort(redirect(url_for("imports.page")))
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


def _upload_form(status: int = 200):  # type: ignore[no-untyped-def]
    return render_template(
        "contacts/import_upload.html",
        kinds=imports.KINDS,
        max_mb=MAX_UPLOAD // (1024 * 1024),
        max_rows=imports.MAX_ROWS,
    ), status


@bp.get("/import")
@require_role("editor")
def page():  # type: ignore[no-untyped-def]
    return _upload_form()


@bp.post("/import")
@require_role("editor")
def upload():  # type: ignore[no-untyped-def]
    if request.content_length is None or request.content_length > MAX_UPLOAD + 64 * 1024:
        return _too_large()
    file = request.files.get("file")
    if file is None or not file.filename:
        flash(_("Bitte eine Datei auswählen."), "error")
        return _upload_form(400)
    data = file.read(MAX_UPLOAD + 1)
    file.close()  # werkzeug spooled it to a temporary file: gone now
    if len(data) > MAX_UPLOAD:
        return _too_large()
    try:
        table = imports.read_table(data, file.filename[:200])
        del data  # the bytes are not needed any more; only the table goes to the spool
        kind = request.form.get("kind", "")
        if kind not in imports.KINDS:
            kind = imports.detect_kind(table.headers)
        uid = get_spool().put(spool.Pending(owner=current_username(), table=table, kind=kind))
    except (imports.ImportFileError, spool.SpoolFullError) as exc:
        flash(str(exc), "error")
        return _upload_form(400)
    return redirect(url_for("imports.mapping", uid=uid))


def _mapping_page(uid: str, table: imports.Table, kind: str, mapping: list[str], errors: Any):  # type: ignore[no-untyped-def]
    return render_template(
        "contacts/import_mapping.html",
        uid=uid,
        table=table,
        kind=kind,
        kinds=imports.KINDS,
        fields=imports.FIELDS[kind],
        mapping=mapping,
        samples=table.rows[:3],
        errors=errors,
    )


@bp.get("/import/<uid>/zuordnung")
@require_role("editor")
def mapping(uid: str):  # type: ignore[no-untyped-def]
    item = _upload(uid)
    kind = request.args.get("kind", item.kind)
    if kind not in imports.KINDS:
        kind = item.kind
    table: imports.Table = item.table
    chosen = (
        item.mapping
        if item.mapping and kind == item.kind
        else imports.guess(
            table.headers, kind, imports.load_saved(get_store(), current_username(), kind)
        )
    )
    return _mapping_page(uid, table, kind, chosen, {})


@bp.post("/import/<uid>/zuordnung")
@require_role("editor")
def dry_run(uid: str):  # type: ignore[no-untyped-def]
    item = _upload(uid)
    table: imports.Table = item.table
    kind = request.form.get("kind", "")
    if kind not in imports.KINDS:
        abort(400)
    chosen = [request.form.get(f"col{i}", "") for i in range(len(table.headers))]
    chosen = [m if m in imports.FIELDS[kind] else "" for m in chosen]
    store = get_store()
    try:
        plan = imports.dry_run(store, table, kind, chosen)
    except graph.ValidationError as exc:
        return _mapping_page(uid, table, kind, chosen, exc.by_field()), 400
    if request.form.get("save_mapping"):
        imports.save(store, current_username(), kind, table.headers, chosen)
    item.kind, item.mapping, item.plan = kind, chosen, plan
    get_spool().update(uid, item)
    return redirect(url_for("imports.preview", uid=uid))


def _plan(uid: str) -> imports.ImportPlan:
    """The dry run of the upload; without one (not mapped yet) back to the mapping step."""
    plan: imports.ImportPlan | None = _upload(uid).plan
    if plan is None:
        abort(redirect(url_for("imports.mapping", uid=uid)))
    return plan


@bp.get("/import/<uid>/vorschau")
@require_role("editor")
def preview(uid: str):  # type: ignore[no-untyped-def]
    plan = _plan(uid)
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
def start(uid: str):  # type: ignore[no-untyped-def]
    plan = _plan(uid)
    only_valid = request.form.get("only_valid") == "1"
    if plan.blocking and not only_valid:
        flash(
            _(
                "Die Datei enthält fehlerhafte Zeilen. Bitte korrigieren oder ausdrücklich "
                "„nur gültige Zeilen importieren“ wählen."
            ),
            "error",
        )
        return redirect(url_for("imports.preview", uid=uid))
    store, user = get_store(), current_username()

    def work(progress):  # type: ignore[no-untyped-def]
        return operations.commit_import(
            store, plan, user=user, only_valid=only_valid, progress=progress
        )

    job = jobs.start(user, work)
    get_spool().drop(uid, user)
    return redirect(url_for("imports.job", job_id=job.id))


@bp.get("/import/auftrag/<job_id>")
@require_role("editor")
def job(job_id: str):  # type: ignore[no-untyped-def]
    found = jobs.get(job_id, current_username())
    if found is None:
        abort(404)
    return render_template("contacts/import_job.html", job=found)


@bp.post("/import/auftrag/<job_id>/rueckgaengig")
@require_role("editor")
def undo(job_id: str):  # type: ignore[no-untyped-def]
    found = jobs.get(job_id, current_username())
    if found is None or found.state != "done" or found.result is None:
        abort(404)
    result = operations.undo_import(get_store(), found.result.batch, user=current_username())
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
    return redirect(url_for("imports.page"))


@bp.get("/import/auftrag/<job_id>.json")
@require_role("editor")
def job_status(job_id: str):  # type: ignore[no-untyped-def]
    found = jobs.get(job_id, current_username())
    if found is None:
        return jsonify({"error": _("Unbekannter Importauftrag.")}), 404
    out = found.as_dict()
    if found.state == "done" and found.result is not None:
        r = found.result
        out["result"] = {
            "created": r.created,
            "updated": r.updated,
            "links_created": r.links_created,
            "skipped_rows": r.skipped_rows,
        }
    return jsonify(out)
