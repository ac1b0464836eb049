"""Start page and health check: what to do first, how much data, is the database there."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue

from netzwerk import graph
from netzwerk.graph.admin import worklist
from netzwerk.graph.personal.consent import EXPIRY_WARNING_DAYS
from netzwerk.web.auth import current_org, current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import BY_LABEL

bp = Blueprint("health", __name__)


@bp.get("/")
@require_role("viewer")
def index() -> ResponseReturnValue:
    store = get_store()
    info = graph.server_info(store)
    counts = graph.counts(store)
    cards = [
        (n, BY_LABEL[label].title if n == 1 else BY_LABEL[label].plural, BY_LABEL[label].url())
        for label, n in counts.nodes.items()
        if label in BY_LABEL
    ]
    return render_template(
        "index.html",
        info=info,
        cards=cards,
        cooperations=counts.links.get("COOPERATES_WITH", 0),
        empty=counts.nodes.get("Actor", 0) == 0,
        work=worklist.worklist(store, user=current_username(), org=current_org()),
        new_days=worklist.NEW_DAYS,
        recent_days=worklist.RECENT_DAYS,
        warning_days=EXPIRY_WARNING_DAYS,
    )


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Machine-readable status for monitoring; 503 while Neo4j is unreachable."""
    try:
        info = graph.server_info(get_store(), once=True)
    except graph.DatabaseUnavailableError as exc:
        return jsonify(status="unavailable", message=str(exc)), 503
    return jsonify(status="ok", neo4j=info.version, edition=info.edition)
