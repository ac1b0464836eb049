"""Änderungspakete: the list of bulk and outside changes, each with its state and undo.

An import (later also a workbook, a merge, a survey review) is a changeset stored before it
is applied (:mod:`netzwerk.graph.records.changesets`). Its page shows the progress while it
is applied (polled from the stored progress, so it survives a restart of the server), what
it did, the fields it did not overwrite because someone changed them since its base, and
offers the undo by value. Fields an undo left alone because someone changed them since are
shown side by side (written by the changeset, stored now, before the changeset) with a
choice per field, "zurücksetzen" or "behalten", applied by
:func:`~netzwerk.graph.operations.decide_undo_conflicts`. A proposal of another organisation
(a change to one of this organisation's records) is listed for the two organisations only;
the owner's editors accept or reject it here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_number as babel_format_number
from flask_babel import gettext as _

from netzwerk.graph import operations
from netzwerk.graph.core.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from netzwerk.graph.operations.changeset_watch import STALE_SECONDS
from netzwerk.graph.operations.undo_conflicts import decidable, key_of
from netzwerk.graph.records import changesets
from netzwerk.web import paging
from netzwerk.web.auth import current_org, current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.organisations import organisation_names
from netzwerk.web.said import said, said_by_field

bp = Blueprint("changesets", __name__)


@bp.app_template_filter("format_number")
def format_number(value: int | float) -> str:
    """A number in the page's locale (1.234 in German, 1,234 in English)."""
    return str(babel_format_number(value))


def _get(cs_id: str) -> changesets.Changeset:
    """The changeset, if this user may see it (a proposal: only its two organisations)."""
    cs = changesets.get(get_store(), cs_id[:100])
    org = current_org()
    if cs is None or (cs.kind == "proposal" and org is not None and org not in _ends(cs)):
        abort(404)
    return cs


def _ends(cs: changesets.Changeset) -> tuple[str, str]:
    return (cs.to_org, cs.from_org)


def stalled(cs: changesets.Changeset) -> bool:
    """Unfinished and not heard of for a while: its worker died or lost the database."""
    if cs.finished or cs.heartbeat is None:
        return False
    return datetime.now(UTC) - cs.heartbeat > timedelta(seconds=2 * STALE_SECONDS)


@bp.get("/aenderungen")
@require_role("editor")
def index() -> ResponseReturnValue:
    pager = paging.Pager.from_args(request.args, url_for("changesets.index"), size=50)
    page = changesets.recent(get_store(), skip=pager.skip, limit=pager.size, org=current_org())
    pager.total = page.total
    pager.shown = len(page.items)
    return render_template("changesets/list.html", page=page, pager=pager, stalled=stalled)


def _detail(cs: changesets.Changeset, error: str = "") -> str:
    org = current_org()
    return render_template(
        "changesets/detail.html",
        cs=cs,
        stalled=stalled(cs),
        count_titles=changesets.COUNT_TITLES,
        decidable=decidable,
        key_of=key_of,
        error=error,
        proposal=changesets.proposed_fields(get_store(), cs),
        may_decide=cs.open_proposal and org in (None, cs.to_org),
        org_names=organisation_names(get_store()) if cs.conflicts else {},
    )


@bp.get("/aenderungen/<cs_id>")
@require_role("editor")
def detail(cs_id: str) -> ResponseReturnValue:
    return _detail(_get(cs_id))


@bp.post("/aenderungen/<cs_id>/entscheiden")
@require_role("editor")
def decide(cs_id: str) -> ResponseReturnValue:
    """The per-field choices for what the undo left alone (``key-N`` names a conflict,
    ``choice-N`` is "reset" or "keep")."""
    cs = _get(cs_id)
    choices = {
        request.form[name][:300]: request.form.get("choice-" + name[4:], "")
        for name in list(request.form)[:2000]
        if name.startswith("key-")
    }
    try:
        done = operations.decide_undo_conflicts(
            get_store(), cs.id, choices, user=current_username()
        )
    except ValidationError as exc:
        return _detail(cs, "; ".join(m for ms in said_by_field(exc).values() for m in ms)), 400
    except (ConflictError, NotFoundError) as exc:
        return _detail(_get(cs_id), said(exc)), 409
    flash(
        _(
            "Entschieden: %(reset)s Angaben zurückgesetzt, %(kept)s behalten.",
            reset=done.reset,
            kept=done.kept,
        ),
        "success",
    )
    return redirect(url_for("changesets.detail", cs_id=cs.id) + "#nicht-rueckgaengig")


def status(cs: changesets.Changeset) -> dict[str, object]:
    """The progress as the polling script reads it (running / done / failed)."""
    state = "running" if not cs.finished else ("failed" if cs.state == "failed" else "done")
    message = cs.error if cs.state == "failed" else ""
    if stalled(cs):
        message = _(
            "Unterbrochen – wird automatisch fortgesetzt, sobald die Datenbank wieder antwortet."
        )
    return {
        "id": cs.id,
        "state": state,
        "changeset_state": cs.state,
        "state_title": _(cs.state_title),
        "done": cs.done,
        "total": cs.total,
        "percent": cs.percent,
        "message": message,
        "result": {
            "created": cs.counts.get("created", 0),
            "updated": cs.counts.get("updated", 0),
            "links_created": cs.counts.get("links_created", 0),
            "skipped_rows": cs.counts.get("skipped_rows", 0),
            "conflicts": cs.counts.get("conflicts", 0),
        },
    }


@bp.get("/aenderungen/<cs_id>.json")
@require_role("editor")
def detail_json(cs_id: str) -> ResponseReturnValue:
    cs = changesets.get(get_store(), cs_id[:100])
    org = current_org()
    if cs is None or (cs.kind == "proposal" and org is not None and org not in _ends(cs)):
        return jsonify({"error": _("Dieses Änderungspaket gibt es nicht.")}), 404
    return jsonify(status(cs))


@bp.post("/aenderungen/<cs_id>/rueckgaengig")
@require_role("editor")
def undo(cs_id: str) -> ResponseReturnValue:
    cs = _get(cs_id)
    try:
        result = operations.undo_import(get_store(), cs.id, user=current_username())
    except (NotFoundError, ConflictError) as exc:
        flash(said(exc), "error")
        return redirect(url_for("changesets.detail", cs_id=cs.id))
    message = _(
        "Rückgängig gemacht: %(removed)s Einträge entfernt, %(reverted)s zurückgesetzt, "
        "%(links)s Verknüpfungen entfernt.",
        removed=result.removed,
        reverted=result.reverted,
        links=result.links_removed,
    )
    if result.conflicts:
        message += " " + _(
            "%(n)s Angaben wurden nicht angetastet, weil sie seitdem jemand anderes geändert "
            "hat (siehe unten).",
            n=len(result.conflicts),
        )
    flash(message, "warning" if result.conflicts else "success")
    return redirect(url_for("changesets.detail", cs_id=cs.id))


def _decide(cs_id: str, decide: Callable[..., object]) -> tuple[object | None, str]:
    """Run the owner's decision on a proposal; the result (None if refused) and the page."""
    cs = _get(cs_id)
    try:
        return decide(get_store(), cs.id, user=current_username()), cs.id
    except (ConflictError, ForbiddenError, NotFoundError) as exc:
        flash(said(exc), "error")
        return None, cs.id


@bp.post("/aenderungen/<cs_id>/annehmen")
@require_role("editor")
def accept(cs_id: str) -> ResponseReturnValue:
    """Accept another organisation's proposal (the write path checks who may)."""
    done, cs_id = _decide(cs_id, operations.accept_proposal)
    if isinstance(done, changesets.Changeset) and done.conflicts:
        flash(
            _(
                "Vorschlag angenommen; %(n)s Angaben wurden nicht übernommen, weil sie "
                "seitdem geändert wurden (siehe unten).",
                n=len(done.conflicts),
            ),
            "warning",
        )
    elif done is not None:
        flash(_("Vorschlag angenommen und gespeichert."), "success")
    return redirect(url_for("changesets.detail", cs_id=cs_id))


@bp.post("/aenderungen/<cs_id>/ablehnen")
@require_role("editor")
def reject(cs_id: str) -> ResponseReturnValue:
    """Decline another organisation's proposal: nothing is written to the record."""
    done, cs_id = _decide(cs_id, operations.reject_proposal)
    if done is not None:
        flash(_("Vorschlag abgelehnt."), "success")
    return redirect(url_for("changesets.detail", cs_id=cs_id))
