"""JSON for the page scripts (autocomplete, duplicate check) and the merge of actors."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from netzwerk import graph
from netzwerk.graph.records import duplicates, search
from netzwerk.web import forms
from netzwerk.web.auth import can_see_contacts, current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import KINDS, record_url
from netzwerk.web.records.blueprint import bp
from netzwerk.web.records.rows import link_rows
from netzwerk.web.said import said_by_field


# --- autocomplete and duplicate check (JSON for records.js) --------------------------------
@bp.get("/vorschlaege")
@require_role("viewer")
def suggestions() -> ResponseReturnValue:
    labels = [lb for lb in (request.args.get("labels") or "").split(",") if lb in graph.LABELS]
    found = search.suggest(
        get_store(), request.args.get("q"), labels or ["Actor"], contacts=can_see_contacts()
    )
    return jsonify(
        [
            {
                "id": s.id,
                "label": s.label,
                "name": s.name,
                "hint": s.hint,
                "url": record_url(s.label, s.id),
            }
            for s in found
        ]
    )


@bp.get("/akteure/dubletten")
@require_role("viewer")
def duplicate_check() -> ResponseReturnValue:
    args = request.args
    found = duplicates.find_similar(
        get_store(),
        (args.get("name") or "")[:500],
        email=(args.get("email") or "")[:254],
        website=(args.get("website") or "")[:500],
        exclude=args.get("exclude") or None,
    )
    return jsonify(
        [
            {
                "id": c.actor.id,
                "name": c.actor.name,
                "town": c.actor.town,
                "score": round(c.score, 2),
                "reasons": c.reasons,
                "url": record_url("Actor", c.actor.id),
            }
            for c in found
        ]
    )


@bp.route("/akteure/<node_id>/zusammenfuehren", methods=["GET", "POST"])
@require_role("editor")
def merge_view(node_id: str) -> ResponseReturnValue:
    store = get_store()
    survivor = graph.get(store, graph.Actor, node_id)
    kind = KINDS["akteure"]
    if request.method == "POST":
        duplicate_id = request.form.get("duplicate_id", "")
        try:
            result = graph.merge_actors(
                store,
                node_id,
                duplicate_id,
                user=current_username(),
                survivor_version=forms.version_of({"version": request.form.get("version")}),
                duplicate_version=forms.version_of(
                    {"version": request.form.get("duplicate_version")}
                ),
            )
        except graph.ValidationError as err:
            flash("; ".join(m for ms in said_by_field(err).values() for m in ms), "error")
            return redirect(record_url(kind.label, node_id) + "/zusammenfuehren")
        flash(
            _(
                "„%(dup)s“ wurde mit „%(name)s“ zusammengeführt: %(moved)d Verknüpfungen "
                "übernommen, %(same)d waren schon vorhanden.",
                dup=result.duplicate.name,
                name=result.survivor.name,
                moved=result.moved,
                same=result.absorbed,
            )
            + " "
            + _(
                "Die Zusammenführung lässt sich unter „Änderungspakete“ rückgängig machen "
                "(Kennung %(id)s).",
                id=result.changeset,
            ),
            "success",
        )
        return redirect(record_url(kind.label, node_id))
    other = None
    other_id = request.args.get("mit") or request.args.get("other_id")
    if other_id:
        other = graph.get(store, graph.Actor, other_id)
        if other.id == survivor.id:
            other = None
    candidates = duplicates.find_similar(
        store, survivor.name, email=survivor.email, website=survivor.website, exclude=survivor.id
    )
    return render_template(
        "records/merge.html",
        kind=kind,
        node=survivor,
        other=other,
        candidates=candidates,
        specs=forms.node_fields("Actor"),
        display=forms.display,
        rows=link_rows(kind, other.id) if other else [],
    )
