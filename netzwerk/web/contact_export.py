"""Kontaktlisten: filter, preview and download a contact list; the export log (admins).

Personal data leaves the system here, so every page needs the contacts grant (editors and
admins have it, viewers only when an admin gave it), and every download is logged by
:func:`netzwerk.graph.personal.contacts.export` itself.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from netzwerk import graph
from netzwerk.graph import formats, operations
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.choices import filter_choices
from netzwerk.graph.personal import contacts
from netzwerk.web import filters, paging
from netzwerk.web.auth import can_see_contacts, current_username, require_role
from netzwerk.web.downloads import attachment
from netzwerk.web.extensions import get_store
from netzwerk.web.organisations import audited_org, organisation_names
from netzwerk.web.said import said, said_by_field

bp = Blueprint("contact_export", __name__)

PREVIEW_ROWS = 10
FILTER_TITLES = {
    **filters.TITLES,
    "actor_kinds": _l("Akteursart"),
    "cooperation_kinds": _l("Kooperationsart"),
    "as_of": _l("Stichtag"),
    "function": _l("Funktion"),
}


def _require_contacts() -> None:
    """Personal data leaves the system only for editors or viewers with the contacts grant."""
    if not can_see_contacts():
        abort(403)


def _filter_from(args: Any) -> contacts.ContactFilter:
    return filters.parse(args, dated=False, strict=True).flt


@bp.get("/kontakte")
@require_role("viewer")
def page() -> ResponseReturnValue:
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
        errors = said_by_field(exc)
    status = 400 if errors else 200
    vocab = snapshot.vocabulary(store)
    return render_template(
        "contacts/export.html",
        flt=flt,
        purpose=purpose,
        fmt=fmt if fmt in formats.FORMATS else "xlsx",
        delimiter=request.args.get("delimiter", ";"),
        options=filter_choices(vocab),
        network=filters.choices(vocab)["organisation"],
        kinds=graph.ACTOR_KINDS,
        purposes=contacts.PURPOSES,
        formats=formats.FORMATS,
        selection=selection,
        preview=selection.rows[:PREVIEW_ROWS] if selection else [],
        errors=errors,
    ), status


@bp.post("/kontakte/export")
@require_role("viewer")
def download() -> ResponseReturnValue:
    _require_contacts()
    flt = _filter_from(request.form)
    purpose = request.form.get("purpose", "")
    fmt = request.form.get("format", "")
    delimiter = request.form.get("delimiter", ";")
    if delimiter not in (";", ","):
        delimiter = ";"
    try:
        data, selection, _entry = operations.export_contacts(
            get_store(), flt, purpose=purpose, fmt=fmt, user=current_username(), delimiter=delimiter
        )
    except graph.ValidationError as exc:
        flash(said(exc), "error")
        back: dict[str, Any] = {k: v for k, v in request.form.items() if k != "csrf_token"}
        return redirect(url_for("contact_export.page", **back))
    ext = contacts.EXTENSIONS[fmt]
    names = contacts.filter_names(get_store(), [flt.describe()])
    return attachment(
        data,
        contacts.filename(fmt, purpose, flt, names),
        contacts.MIMETYPES[ext],
        headers={"X-Export-Count": str(len(selection.rows))},
    )


@bp.get("/kontakte/protokoll")
@require_role("admin")
def log() -> ResponseReturnValue:
    pager = paging.Pager.from_args(request.args, url_for("contact_export.log"), size=100)
    store = get_store()
    org = audited_org(store)
    entries, total = contacts.export_log(store, org=org, skip=pager.skip, limit=pager.size)
    pager.total = total
    return render_template(
        "contacts/log.html",
        entries=entries,
        total=total,
        pager=pager,
        names=contacts.filter_names(get_store(), [e.filter for e in entries]),
        filter_titles=FILTER_TITLES,
        org=org or "",
        org_names=organisation_names(store),
    )
