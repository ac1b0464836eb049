"""Start page and health check: is the database there, which version, how much data."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue

from netzwerk import graph
from netzwerk.web.auth import require_role
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
    )


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Machine-readable status for monitoring; 503 while Neo4j is unreachable."""
    try:
        info = graph.server_info(get_store())
    except graph.DatabaseUnavailableError as exc:
        return jsonify(status="unavailable", message=str(exc)), 503
    return jsonify(status="ok", neo4j=info.version, edition=info.edition)
