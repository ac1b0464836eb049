"""Datenschutz (admins): find a person, Auskunft as HTML/JSON, Löschung, backup and GraphML.

Each page answers one DSGVO right or an operator's duty (Art. 15 access, Art. 17 erasure,
keeping a backup); the work itself is done by :mod:`netzwerk.graph.personal.privacy` and
:mod:`netzwerk.graph.admin.backup`, so the CLI offers exactly the same.
"""

from __future__ import annotations

import io
import json
import time

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from netzwerk.graph import operations
from netzwerk.graph.admin import backup
from netzwerk.graph.personal import privacy
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.downloads import attachment
from netzwerk.web.extensions import get_store
from netzwerk.web.organisations import audited_org, organisation_names

bp = Blueprint("privacy", __name__)


@bp.get("/datenschutz")
@require_role("admin")
def page() -> ResponseReturnValue:
    q = request.args.get("q", "").strip()[:100]
    store = get_store()
    org = audited_org(store)
    found = privacy.find_persons(store, q, org=org) if q else []
    return render_template(
        "contacts/privacy.html",
        q=q,
        found=found,
        org=org or "",
        org_names=organisation_names(store),
    )


@bp.get("/datenschutz/person/<person_id>")
@require_role("admin")
def person_report(person_id: str) -> ResponseReturnValue:
    report = privacy.person_report(get_store(), person_id)
    return render_template("contacts/person_report.html", report=report, person_id=person_id)


@bp.get("/datenschutz/person/<person_id>.json")
@require_role("admin")
def person_report_json(person_id: str) -> ResponseReturnValue:
    report = privacy.person_report(get_store(), person_id)
    body = json.dumps(report, ensure_ascii=False, indent=2)
    return attachment(body, f"auskunft-{person_id}.json", "application/json")


@bp.post("/datenschutz/person/<person_id>/loeschen")
@require_role("admin")
def person_erase(person_id: str) -> ResponseReturnValue:
    if request.form.get("confirm") != "1":
        flash(_("Bitte bestätigen, dass die Person endgültig gelöscht werden soll."), "error")
        return redirect(url_for("privacy.person_report", person_id=person_id))
    counts = operations.erase_person(get_store(), person_id, user=current_username())
    flash(
        _(
            "Die personenbezogenen Daten wurden gelöscht (%(links)s Verknüpfungen, "
            "%(history)s Verlaufseinträge geschwärzt).",
            links=counts["links"],
            history=counts["history"],
        ),
        "success",
    )
    return redirect(url_for("privacy.page"))


@bp.get("/datenschutz/sicherung.json")
@require_role("admin")
def backup_download() -> ResponseReturnValue:
    buf = io.StringIO()
    backup.write(get_store(), buf)
    stamp = time.strftime("%Y-%m-%d")
    return attachment(buf.getvalue(), f"netzwerk-sicherung-{stamp}.json", "application/json")


@bp.get("/datenschutz/netzwerk.graphml")
@require_role("admin")
def graphml_download() -> ResponseReturnValue:
    return attachment(backup.graphml(get_store()), "netzwerk.graphml", "application/xml")
