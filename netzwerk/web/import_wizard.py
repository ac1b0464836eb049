"""Import wizard (editors): upload → columns → values → dry run with review → import.

A partner list goes through every step; a network workbook skips the column step (its
columns are known). Each step re-runs the dry run with what the user chose so far
(:class:`netzwerk.graph.imports.Choices`: value targets and match decisions), so the preview
always shows exactly what the import will do, per row and per field old → new. Nothing is
written before "Jetzt importieren"; the import runs in the background and can be undone as
one step from its job page.

Uploaded tables and dry-run plans can hold 50,000 rows — far too much for a cookie session
and, for an hour, too much for the server's memory. They wait on disk between the steps
(:mod:`netzwerk.graph.imports.spool`: files only the server's user can read, expiring after
an hour, capped per user and in total) and are read back for the step that needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from netzwerk import graph, settings
from netzwerk.graph import imports, operations, workbook
from netzwerk.graph.core.i18n import Said
from netzwerk.graph.imports import jobs, spool
from netzwerk.web.auth import can_see_contacts, current_username, require_role
from netzwerk.web.downloads import attachment
from netzwerk.web.extensions import get_store
from netzwerk.web.said import said, said_by_field, say

bp = Blueprint("imports", __name__)

MAX_UPLOAD = imports.MAX_BYTES
SHOWN_VALUES = 200
SHOWN_REVIEWS = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Pending = spool.Pending


def get_spool() -> spool.Spool:
    """The app's spool (``SPOOL_DIR`` in the app config, else the instance folder)."""
    found = current_app.extensions.get("netzwerk_spool")
    if found is None:
        folder = current_app.config.get("SPOOL_DIR") or settings.spool_dir()
        found = current_app.extensions["netzwerk_spool"] = spool.Spool(folder)
    return found


def _role() -> str:
    return "admin" if current_user.has_role("admin") else "editor"


def _upload(uid: str) -> Pending:
    item = get_spool().get(uid, current_username())
    if item is None:
        flash(
            _("Die hochgeladene Datei ist nicht mehr vorhanden. Bitte erneut hochladen."), "error"
        )
        abort(redirect(url_for("imports.page")))
    if item.choices is None:
        item.choices = imports.Choices()
    return item


def _replan(item: Pending) -> imports.ImportPlan:
    """The dry run of the upload with the user's choices so far."""
    store = get_store()
    item.choices.role = _role()
    if item.sheets is not None:
        item.plan = imports.dry_run_workbook(
            store, item.sheets, item.filename, choices=item.choices
        )
    else:
        assert item.table is not None and item.mapping is not None
        item.plan = imports.dry_run(
            store, item.table, item.kind, item.mapping, choices=item.choices
        )
    return item.plan


def _next_step(uid: str, plan: imports.ImportPlan) -> Any:
    """Values to confirm first (anything not matched by name or saved), else the preview."""
    unsure = any(p.how not in ("gleich", "gespeichert") for ps in plan.values.values() for p in ps)
    return redirect(url_for("imports.values" if unsure else "imports.preview", uid=uid))


def _too_large() -> tuple[str, int]:
    return render_template(
        "error.html",
        code=413,
        title=_("Datei zu groß"),
        text=_(
            "Die Datei ist größer als %(mb)s MB. Bitte die Tabelle aufteilen.",
            mb=MAX_UPLOAD // (1024 * 1024),
        ),
    ), 413


def _upload_form(status: int = 200) -> tuple[str, int]:
    return render_template(
        "contacts/import_upload.html",
        kinds={k: imports.KINDS[k] for k in imports.TABLE_KINDS},
        max_mb=MAX_UPLOAD // (1024 * 1024),
        max_rows=imports.MAX_ROWS,
    ), status


@bp.get("/import")
@require_role("editor")
def page() -> ResponseReturnValue:
    return _upload_form()


@bp.post("/import")
@require_role("editor")
def upload() -> ResponseReturnValue:
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
    name, user = file.filename[:200], current_username()
    try:
        if imports.is_workbook(data):
            values = imports.load_values(get_store(), user, "workbook")
            item = Pending(
                owner=user,
                table=None,
                kind="workbook",
                sheets=imports.read_workbook(data, name),
                filename=name,
                choices=imports.Choices(values=values),
            )
            del data  # only the parsed sheets go to the spool
            plan = _replan(item)
            uid = get_spool().put(item)
            return _next_step(uid, plan)
        book = imports.open_book(data, name)
        del data  # the bytes are not needed any more; only the sheets go to the spool
        table = book.table()
        kind = request.form.get("kind", "")
        if kind not in imports.TABLE_KINDS:
            kind = imports.detect_kind(table.headers)
        item = Pending(owner=user, table=table, kind=kind, filename=name, book=book)
        uid = get_spool().put(item)
    except (imports.ImportFileError, graph.ValidationError, spool.SpoolFullError) as exc:
        flash(said(exc), "error")
        return _upload_form(400)
    return redirect(url_for("imports.mapping", uid=uid))


def _mapping_page(uid: str, item: Pending, kind: str, chosen: list[str], errors: Any) -> str:
    assert item.table is not None
    ended = item.choices.ended if item.choices is not None else None
    return render_template(
        "contacts/import_mapping.html",
        uid=uid,
        table=item.table,
        former=imports.sheet_role(item.table.sheet) == "former",
        ended=ended.isoformat() if ended else "",
        kind=kind,
        kinds={k: imports.KINDS[k] for k in imports.TABLE_KINDS},
        fields=imports.FIELDS[kind],
        mapping=chosen,
        samples=item.table.rows[:3],
        errors=errors,
    )


@bp.get("/import/<uid>/zuordnung")
@require_role("editor")
def mapping(uid: str) -> ResponseReturnValue:
    item = _upload(uid)
    if item.table is None:
        return redirect(url_for("imports.preview", uid=uid))
    kind = request.args.get("kind", item.kind)
    if kind not in imports.TABLE_KINDS:
        kind = item.kind
    saved = imports.load_saved(get_store(), current_username(), kind)
    chosen = (
        item.mapping
        if item.mapping and kind == item.kind
        else imports.guess(item.table.headers, kind, saved)
    )
    return _mapping_page(uid, item, kind, chosen, {})


@bp.post("/import/<uid>/blatt")
@require_role("editor")
def reread(uid: str) -> ResponseReturnValue:
    """Read the upload again from another sheet or header row (the mapping starts anew)."""
    item = _upload(uid)
    if item.book is None:
        return redirect(url_for("imports.mapping", uid=uid))
    sheet = request.form.get("sheet") or None
    row = request.form.get("header_row", "").strip()
    try:
        if row and not row.isdigit():
            raise imports.ImportFileError(_("Die Zeile der Überschriften ist eine Zahl."))
        item.table = item.book.table(sheet, int(row) if row else None)
    except imports.ImportFileError as exc:
        flash(said(exc), "error")
        return redirect(url_for("imports.mapping", uid=uid))
    item.kind = imports.detect_kind(item.table.headers)
    item.mapping, item.plan = None, None
    item.choices = imports.Choices()
    get_spool().update(uid, item)
    return redirect(url_for("imports.mapping", uid=uid))


def _ended(value: str) -> date | None:
    """The end date of a sheet of former partners (the date field's ISO form)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@bp.post("/import/<uid>/zuordnung")
@require_role("editor")
def dry_run(uid: str) -> ResponseReturnValue:
    item = _upload(uid)
    kind = request.form.get("kind", "")
    if kind not in imports.TABLE_KINDS or item.table is None:
        abort(400)
    chosen = [request.form.get(f"col{i}", "") for i in range(len(item.table.headers))]
    chosen = [m if m in imports.FIELDS[kind] else "" for m in chosen]
    store = get_store()
    if kind != item.kind or item.mapping is None:
        item.choices = imports.Choices(values=imports.load_values(store, current_username(), kind))
    former = bool(request.form.get("former"))
    item.choices.ended = _ended(request.form.get("ended", "")) if former else None
    item.kind, item.mapping = kind, chosen
    try:
        plan = _replan(item)
    except graph.ValidationError as exc:
        return _mapping_page(uid, item, kind, chosen, said_by_field(exc)), 400
    if request.form.get("save_mapping"):
        operations.save_import_mapping(store, current_username(), kind, item.table.headers, chosen)
    get_spool().update(uid, item)
    return _next_step(uid, plan)


def _remember(item: Pending, plan: imports.ImportPlan) -> None:
    """Save the value choices with the column mapping, to be proposed next time."""
    headers = item.table.headers if item.table is not None else []
    choices = imports.as_choices(plan.values)
    operations.save_import_mapping(
        get_store(), current_username(), item.kind, headers, item.mapping or [], choices
    )


def _plan(uid: str) -> tuple[Pending, imports.ImportPlan]:
    """The upload and its dry run; without one (not mapped yet) back to the mapping step."""
    item = _upload(uid)
    if item.plan is None:
        abort(redirect(url_for("imports.mapping", uid=uid)))
    return item, item.plan


@bp.get("/import/<uid>/werte")
@require_role("editor")
def values(uid: str) -> ResponseReturnValue:
    item, plan = _plan(uid)
    return render_template(
        "contacts/import_values.html",
        uid=uid,
        item=item,
        plan=plan,
        shown={f: ps[:SHOWN_VALUES] for f, ps in plan.values.items()},
        new=imports.NEW,
        how=imports.HOW,
        field_title=imports.field_title,
    )


@bp.post("/import/<uid>/werte")
@require_role("editor")
def values_save(uid: str) -> ResponseReturnValue:
    item, plan = _plan(uid)
    for f, props in plan.values.items():
        allowed = {target for target, _title in plan.options.get(f, [])} | {""}
        for i, p in enumerate(props[:SHOWN_VALUES]):
            target = request.form.get(f"v-{f}-{i}")
            if target is not None and target in allowed:
                item.choices.values.setdefault(f, {})[p.key] = target
    item.remember = bool(request.form.get("remember"))
    plan = _replan(item)
    if item.remember:
        _remember(item, plan)
    get_spool().update(uid, item)
    return redirect(url_for("imports.preview", uid=uid))


def row_messages(row: imports.RowResult) -> str:
    """A refused row's reasons as "Feld: Grund" (``RowResult.messages``) in the reader's
    language: each field's title, each reason with values (a ``Said``) through its template,
    and each ``N_`` literal through the catalogue."""
    return "; ".join(
        f"{_(imports.field_title(f))}: {say(m) if isinstance(m, Said) else _(m)}"
        for f, ms in row.errors.items()
        for m in ms
    )


@bp.get("/import/<uid>/vorschau")
@require_role("editor")
def preview(uid: str) -> ResponseReturnValue:
    item, plan = _plan(uid)
    shown = [r for r in plan.results if r.action in ("create", "update")][:50]
    return render_template(
        "contacts/import_preview.html",
        uid=uid,
        plan=plan,
        kinds=imports.KINDS,
        actions=imports.ACTIONS,
        shown=shown,
        errors=plan.errors[:300],
        row_messages=row_messages,
        reviews=plan.reviews[:SHOWN_REVIEWS],
        readings=[r for r in plan.results if r.readings or r.warnings][:300],
        similar=plan.similar[:100],
        duplicates=[r for r in plan.results if r.action == "duplicate"][:100],
        new=imports.NEW,
        skip=imports.SKIP,
        has_table=item.table is not None,
    )


def _back_to_preview(uid: str, item: Pending, section: str) -> ResponseReturnValue:
    """After a decision on the preview: plan again with it, keep it, show that section."""
    _replan(item)
    get_spool().update(uid, item)
    return redirect(url_for("imports.preview", uid=uid) + f"#{section}")


@bp.post("/import/<uid>/pruefung")
@require_role("editor")
def review(uid: str) -> ResponseReturnValue:
    item, plan = _plan(uid)
    every = request.form.get("all", "")
    for i, r in enumerate(plan.reviews[:SHOWN_REVIEWS]):
        allowed = {c.id for c in r.candidates} | {imports.NEW, imports.SKIP}
        decision = request.form.get(f"r-{i}", "")
        if decision in allowed:
            item.choices.decisions[r.key] = decision
    if every in (imports.NEW, imports.SKIP):
        for r in plan.reviews:
            item.choices.decisions.setdefault(r.key, every)
    return _back_to_preview(uid, item, "pruefung")


@bp.post("/import/<uid>/abweichungen")
@require_role("editor")
def differences(uid: str) -> ResponseReturnValue:
    """Which differing stored values the file may overwrite (unticked ones stay)."""
    item, plan = _plan(uid)
    shown = {d.key for d in plan.differences[:500]}
    ticked = set(request.form.getlist("take")) & shown
    item.choices.take = (getattr(item.choices, "take", set()) - shown) | ticked
    return _back_to_preview(uid, item, "abweichungen")


@bp.post("/import/<uid>/start")
@require_role("editor")
def start(uid: str) -> ResponseReturnValue:
    item, plan = _plan(uid)
    only_valid = request.form.get("only_valid") == "1"
    if plan.undecided:
        flash(_("Bitte zuerst jede unsichere Zuordnung entscheiden."), "error")
        return redirect(url_for("imports.preview", uid=uid))
    if plan.blocking and not only_valid:
        flash(
            _(
                "Die Datei enthält fehlerhafte Zeilen. Bitte korrigieren oder ausdrücklich "
                "„nur gültige Zeilen importieren“ wählen."
            ),
            "error",
        )
        return redirect(url_for("imports.preview", uid=uid))
    if item.remember and plan.values:  # values met only after a review decision, too
        _remember(item, plan)
    store, user = get_store(), current_username()
    # Stored with its journal before anything is applied; applied in the background, with
    # its progress in the store (the page polls it, even after a restart of the server).
    cs_id, units = operations.propose_import(store, plan, user=user, only_valid=only_valid)

    def work(progress: Callable[[int, int], None]) -> operations.CommitResult:
        return operations.apply_changeset(store, cs_id, user=user, progress=progress, units=units)

    jobs.start(user, work)
    get_spool().drop(uid, user)
    return redirect(url_for("changesets.detail", cs_id=cs_id))


MIMETYPES = {"xlsx": XLSX, "ods": "application/vnd.oasis.opendocument.spreadsheet"}


def _format(value: str | None) -> str:
    return value if value is not None and value in workbook.FORMATS else "xlsx"


@bp.post("/import/arbeitsmappe.<fmt>")
@require_role("editor")
def workbook_download(fmt: str) -> ResponseReturnValue:
    """The whole network as the workbook (XLSX or ODS). It holds personal data, so it is
    logged like a contact list — which makes it a POST, as a GET must not change stored
    data."""
    if not can_see_contacts():
        abort(403)
    fmt = _format(fmt)
    data = operations.export_workbook(get_store(), user=current_username(), fmt=fmt)
    return attachment(data, workbook.filename(fmt=fmt), MIMETYPES[fmt])


@bp.get("/import/vorlage.<fmt>")
@require_role("editor")
def workbook_template(fmt: str) -> ResponseReturnValue:
    fmt = _format(fmt)
    return attachment(
        workbook.template(fmt), workbook.filename(template=True, fmt=fmt), MIMETYPES[fmt]
    )
