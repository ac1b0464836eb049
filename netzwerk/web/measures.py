"""Network measures pages: structure (brokerage roles, E–I mixing, structural
holes, cores), the per-actor metric table with downloads, change between two dates, and
the value and trust partners gave their cooperations.

Like the gap pages they read the shared filter and the cached gap report
(:func:`netzwerk.web.gaps.load`); the per-actor metrics come from
:func:`netzwerk.graph.analysis.metrics.metric_table`, computed once per filtered graph.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from netzwerk.graph import SCALE
from netzwerk.graph.analysis import brokerage, metrics, tables, value_trust
from netzwerk.graph.analysis._util import GROUPINGS
from netzwerk.web import table_words
from netzwerk.web.analysis_context import change_context, context, load, resolution
from netzwerk.web.auth import require_role
from netzwerk.web.downloads import attachment

bp = Blueprint("measures", __name__)

PAGE = 50
"""Rows per page of the metric table."""

HELP: dict[str, Any] = {
    "degree": _l("Zahl der Kooperationen."),
    "betweenness": _l(
        "Anteil der kürzesten Verbindungen zwischen anderen Akteuren, die über diesen Akteur "
        "laufen (0–1): Vermittler, ohne die Wege länger würden."
    ),
    "closeness": _l(
        "Wie wenige Schritte der Akteur zu allen erreichbaren braucht, gewichtet mit dem "
        "erreichbaren Anteil des Netzes (0–1)."
    ),
    "eigenvector": _l(
        "Verbunden mit Akteuren, die selbst gut verbunden sind (höchster Akteur = 1)."
    ),
    "reach2": _l("Akteure, die über höchstens einen Zwischenschritt erreichbar sind."),
    "constraint": _l(
        "Burts Constraint (meist 0 bis 1, bis 1,125 in einem geschlossenen Dreieck): wie sehr "
        "die Kooperationen auf Partner konzentriert sind, die untereinander verbunden sind. "
        "Hoch = eingebunden, aber abhängig."
    ),
    "effective_size": _l(
        "Burts effektive Größe: Zahl der Partner abzüglich ihrer Redundanz – wie viele "
        "verschiedene Kreise der Akteur erreicht."
    ),
    "core": _l(
        "k-Kern: der Akteur gehört zu einem Kreis, in dem jeder mindestens k Kooperationen "
        "mit anderen des Kreises hat."
    ),
    "community": _l("Arbeitszusammenhang (Leiden-Verfahren), nach Größe nummeriert."),
    "brokerage_role": _l(
        "Häufigste Vermittlungsrolle nach Gould und Fernandez, bezogen auf die gewählte "
        "Gruppierung."
    ),
}


SHORT: dict[str, Any] = {
    "degree": _l("Grad"),
    "betweenness": _l("Betweenness"),
    "closeness": _l("Closeness"),
    "eigenvector": _l("Eigenvektor"),
    "reach2": _l("Reichweite 2"),
    "constraint": _l("Constraint"),
    "effective_size": _l("eff. Größe"),
    "core": _l("Kern"),
    "community": _l("Gruppe"),
    "brokerage_role": _l("Rolle"),
}
"""Column headings of the metric table (the full titles are in the tooltips and legend)."""


def _grouping() -> str:
    by = request.args.get("gruppe", "kind")
    return by if by in GROUPINGS else "kind"


@bp.get("/luecken/struktur")
@require_role("viewer")
def structure_page() -> ResponseReturnValue:
    parsed, data, rep = load()
    by = _grouping()
    roles = brokerage.brokerage(data.graph, by)
    holes = rep.holes
    g = data.graph
    linked = [v for v in g if g.degree(v) > 1]
    spanning = sorted(linked, key=lambda v: (-holes.effective_size[v], str(v)))[:12]
    boxed = sorted(linked, key=lambda v: (-holes.constraint[v], str(v)))[:12]
    mix = rep.mixing[by]
    return render_template(
        "gaps/structure.html",
        by=by,
        groupings=GROUPINGS,
        roles=roles,
        role_keys=brokerage.ROLES,
        role_titles=brokerage.ROLE_TITLES,
        mix=mix,
        matrix_groups=[x.group for x in mix.groups][:16],
        spanning=spanning,
        boxed=boxed,
        **context(parsed, data, rep),
    )


def _metric_rows() -> tuple[Any, Any, Any, dict[str, Any]]:
    parsed, data, rep = load()
    g = data.graph
    table = metrics.metric_table(g, resolution=resolution([]), brokerage_by=_grouping())
    key = request.args.get("sort", "betweenness")
    if key not in metrics.METRICS:
        key = "betweenness"
    descending = request.args.get("dir", "desc") != "asc"
    query = (request.args.get("q") or "").strip()[:100].casefold()
    role = request.args.get("rolle", "")
    rows = metrics.ranked(g, table, key, descending)
    if query:
        rows = [r for r in rows if query in str(g.nodes[r[0]].get("name", "")).casefold()]
    if role:
        rows = [r for r in rows if r[1]["brokerage_role"] == role]
    state = {"sort": key, "dir": "desc" if descending else "asc", "q": query, "rolle": role}
    return parsed, data, rep, {"rows": rows, "state": state}


@bp.app_template_filter("decimal")
def decimal(value: float, digits: int = 2, sign: bool = False) -> str:
    """A decimal in the page's locale with ``digits`` places (0,063 in German, 0.063 in
    English; thousands grouped), ``sign`` for changes and indices that may be negative."""
    body = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return str(format_decimal(value, format=f"+{body};-{body}" if sign else body))


@bp.get("/luecken/kennzahlen")
@require_role("viewer")
def metrics_page() -> ResponseReturnValue:
    parsed, data, rep, found = _metric_rows()
    rows = found["rows"]
    try:
        page = max(1, int(request.args.get("seite", "1")))
    except ValueError:
        page = 1
    pages = max(1, math.ceil(len(rows) / PAGE))
    page = min(page, pages)
    return render_template(
        "gaps/metrics.html",
        metrics=metrics.METRICS,
        help=HELP,
        short=SHORT,
        rows=rows[(page - 1) * PAGE : page * PAGE],
        total=len(rows),
        page=page,
        pages=pages,
        by=_grouping(),
        groupings=GROUPINGS,
        role_titles=brokerage.ROLE_TITLES,
        betweenness=rep.brokers,
        **found["state"],
        **context(parsed, data, rep),
    )


@bp.get("/luecken/kennzahlen.<fmt>")
@require_role("viewer")
def metrics_export(fmt: str) -> ResponseReturnValue:
    if fmt not in ("csv", "xlsx"):
        abort(404)
    parsed, data, _rep, found = _metric_rows()
    table = table_words.translated(
        tables.metrics_table(data.graph, dict(found["rows"]), table_words.tr)
    )
    stamp = (parsed.flt.as_of or date.today()).isoformat()
    if fmt == "xlsx":
        body = tables.to_xlsx({"kennzahlen": table}, {"kennzahlen": _("Kennzahlen je Akteur")})
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = table_words.csv(table)
        mime = "text/csv"
    return attachment(body, f"kennzahlen-{stamp}.{fmt}", mime)


@bp.get("/luecken/veraenderung")
@require_role("viewer")
def change_page() -> ResponseReturnValue:
    return render_template("gaps/change.html", show_links=30, **change_context())


MATRIX_MAX = 40
"""Actors up to which the value/trust matrix is drawn (beyond, the tie table only)."""


@bp.get("/luecken/wert-vertrauen")
@require_role("viewer")
def value_trust_page() -> ResponseReturnValue:
    parsed, data, rep = load()
    found = value_trust.value_trust(data.graph)
    return render_template(
        "gaps/value_trust.html",
        vt=found,
        matrix=found.actors if len(found.actors) <= MATRIX_MAX else [],
        matrix_max=MATRIX_MAX,
        scale=SCALE,
        **context(parsed, data, rep),
    )
