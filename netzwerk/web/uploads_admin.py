"""Verwaltung › Unfertige Importe: the pending uploads of the import wizard.

Admins see every pending upload (whose, how large on disk, when last used) and can clear one
or all, so abandoned uploads never block imports until they expire. Files are listed by
name only: their content (personal data from the uploaded lists) is never read here.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_decimal
from flask_babel import gettext as _

from netzwerk.graph.admin import users
from netzwerk.graph.imports import spool
from netzwerk.web.auth import require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.import_wizard import get_spool

bp = Blueprint("uploads_admin", __name__)


def _megabytes(size: int) -> str:
    return str(format_decimal(size / (1024 * 1024), format="#,##0.0"))


@bp.get("/verwaltung/importe")
@require_role("admin")
def pending() -> ResponseReturnValue:
    s = get_spool()
    names = {spool.owner_tag(u.username): u.username for u in users.list_users(get_store())}
    rows = [
        {
            "uid": e.uid,
            "owner": names.get(e.owner_tag, _("unbekanntes Konto")),
            "size": _megabytes(e.bytes),
            "modified": datetime.fromtimestamp(e.modified).strftime("%d.%m.%Y %H:%M"),
        }
        for e in s.entries()
    ]
    count, used = s.usage()
    return render_template(
        "admin/uploads.html",
        rows=rows,
        used=_megabytes(used),
        cap=_megabytes(s.total_bytes),
        count=count,
        idle_minutes=spool.IDLE_SECONDS // 60,
    )


@bp.post("/verwaltung/importe/verwerfen")
@require_role("admin")
def clear() -> ResponseReturnValue:
    uid = str(request.form.get("uid", ""))[:40]
    gone = get_spool().clear(uid or None)
    flash(_("%(n)s unfertige Importe verworfen.", n=gone), "success")
    return redirect(url_for("uploads_admin.pending"))
