"""Kooperationslücken: analyses pages, downloads, partner suggestions, report.

Every page reads the shared filter (:mod:`netzwerk.web.filters`) and the cached gap report
(:func:`netzwerk.graph.analysis.source.report`): after the first view, moving between the
pages or downloading costs no recomputation until the graph changes.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import date
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from netzwerk import graph
from netzwerk.graph import indicators, pictures
from netzwerk.graph.analysis import overview, source, suggestions, tables, value_trust
from netzwerk.graph.analysis.brokerage import ROLE_TITLES
from netzwerk.graph.analysis.communities import Community
from netzwerk.graph.analysis.report import Finding
from netzwerk.graph.core.validation import parse_date
from netzwerk.graph.core.values import slug
from netzwerk.graph.formats import (
    document_docx,
    document_odt,
    document_pdf,
    report_change,
    report_content,
)
from netzwerk.graph.formats.document import Section
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import pipeline
from netzwerk.graph.pictures import vector
from netzwerk.web import filters, table_words
from netzwerk.web.analysis_context import change_context, context, load
from netzwerk.web.auth import can_see_contacts, current_username, require_role
from netzwerk.web.downloads import attachment
from netzwerk.web.extensions import get_store
from netzwerk.web.indicators import number as indicator_number
from netzwerk.web.said import said as error_said

bp = Blueprint("gaps", __name__)


@bp.get("/luecken")
@require_role("viewer")
def overview_page() -> ResponseReturnValue:
    parsed, data, rep = load()
    return render_template("gaps/overview.html", **context(parsed, data, rep))


@bp.get("/luecken/abdeckung")
@require_role("viewer")
def coverage_page() -> ResponseReturnValue:
    parsed, data, rep = load()
    dim = "topic" if request.args.get("dim") == "topic" else "stage"
    measure = "projects" if request.args.get("measure") == "projects" else "actors"
    cov = rep.coverage_topic if dim == "topic" else rep.coverage_stage
    drill = None
    raw = request.args.get("cell", "")
    if raw:
        region, _sep, column = raw.partition("|")
        if (region, column) in cov.cells:
            drill = cov.cell(region, column)
        else:
            flash(
                _("Dieses Feld gibt es nicht (mehr); bitte ein Feld der Tabelle wählen."), "error"
            )
    return render_template(
        "gaps/coverage.html",
        cov=cov,
        dim=dim,
        measure=measure,
        drill=drill,
        **context(parsed, data, rep),
    )


@bp.get("/luecken/uebergaenge")
@require_role("viewer")
def transitions_page() -> ResponseReturnValue:
    parsed, data, rep = load()
    return render_template("gaps/transitions.html", **context(parsed, data, rep))


@bp.get("/luecken/vorschlaege")
@require_role("viewer")
def suggestions_page() -> ResponseReturnValue:
    parsed, data, rep = load()
    actor = request.args.get("actor", "")
    found = rep.suggestions
    if actor:
        if actor not in data.graph:
            flash(_("Dieser Akteur ist nicht im gefilterten Netzwerk."), "error")
            actor = ""
        else:
            found = suggestions.suggest_for(data.graph, actor, limit=20, dismissed=data.in_pipeline)
    entries = pipeline.pipeline(get_store())
    if not can_see_contacts():
        entries = [pipeline.masked(e) for e in entries]
    return render_template(
        "gaps/suggestions.html",
        found=found,
        actor=actor,
        actors=sorted(
            ((n, d["name"]) for n, d in data.graph.nodes(data=True)), key=lambda a: a[1].casefold()
        ),
        pipeline={
            state: [e for e in entries if e.status == state] for state in pipeline.STATES[1:]
        },
        kinds=graph.COOPERATION_KINDS,
        today=date.today().isoformat(),
        **context(parsed, data, rep),
    )


@bp.get("/luecken/vorschlaege.json")
@require_role("viewer")
def suggestions_json() -> ResponseReturnValue:
    """Suggested edges for the network picture: ``?actor=<id>`` (else the report's list),
    ``limit`` (1–200), plus the shared filter parameters."""
    parsed, data, rep = load()
    try:
        limit = max(1, min(200, int(request.args.get("limit", "20"))))
    except ValueError:
        return jsonify(error=_("limit muss eine Zahl sein.")), 400
    actor = request.args.get("actor", "")
    if actor:
        if actor not in data.graph:
            return jsonify(
                error=_("Akteur „%(actor)s“ ist nicht im gefilterten Netzwerk.", actor=actor[:60])
            ), 404
        found = suggestions.suggest_for(data.graph, actor, limit=limit, dismissed=data.in_pipeline)
    else:
        found = rep.suggestions[:limit]
    return jsonify(
        filter_errors=parsed.errors,
        suggestions=[
            {
                "from": s.a,
                "to": s.b,
                "from_name": data.graph.nodes[s.a]["name"],
                "to_name": data.graph.nodes[s.b]["name"],
                "score": s.score,
                "reasons": reasons(s),
                "topics": s.topics,
                "stages": s.stages,
                "target_groups": s.target_groups,
                "region": s.region,
                "common_partners": s.common_partners,
            }
            for s in found
        ],
    )


def _back() -> Any:
    target = request.form.get("next", "")
    if not target.startswith("/luecken") or "//" in target:
        target = url_for("gaps.suggestions_page")
    return redirect(target)


STEP_MESSAGES = {
    "angesprochen": _l("„%(a)s – %(b)s“ als angesprochen vermerkt."),
    "verworfen": _l("Vorschlag „%(a)s – %(b)s“ verworfen; er wird nicht mehr vorgeschlagen."),
    "vorgeschlagen": _l("„%(a)s – %(b)s“ wird wieder vorgeschlagen."),
}


def _names(a: str, b: str) -> dict[str, str]:
    g = snapshot.cooperation_graph(get_store())
    return {k: str(g.nodes[v]["name"]) if v in g else v[:60] for k, v in (("a", a), ("b", b))}


def _step(status: str) -> Any:
    a, b = request.form.get("a", ""), request.form.get("b", "")
    try:
        pipeline.step(
            get_store(),
            a,
            b,
            status,
            by=current_username(),
            note=request.form.get("note", ""),
        )
    except (graph.ValidationError, graph.ConflictError, graph.NotFoundError) as exc:
        flash(error_said(exc), "error")
        return _back()
    flash(str(STEP_MESSAGES[status]) % _names(a, b), "success")
    return _back()


@bp.post("/luecken/vorschlaege/ansprechen")
@require_role("editor")
def contact() -> ResponseReturnValue:
    return _step("angesprochen")


@bp.post("/luecken/vorschlaege/verwerfen")
@require_role("editor")
def dismiss() -> ResponseReturnValue:
    return _step("verworfen")


@bp.post("/luecken/vorschlaege/wiederherstellen")
@require_role("editor")
def restore() -> ResponseReturnValue:
    return _step("vorgeschlagen")


@bp.post("/luecken/vorschlaege/vereinbaren")
@require_role("editor")
def agree() -> ResponseReturnValue:
    a, b = request.form.get("a", ""), request.form.get("b", "")
    kind = request.form.get("kind") or pipeline.DEFAULT_KIND
    try:
        since = parse_date(request.form.get("since", ""), "since") or date.today()
        link = pipeline.agree(
            get_store(),
            a,
            b,
            by=current_username(),
            kind=kind,
            since=since,
            note=request.form.get("note", ""),
        )
    except (graph.ValidationError, graph.ConflictError, graph.NotFoundError) as exc:
        flash(error_said(exc), "error")
        return _back()
    flash(
        _(
            "Vereinbart: Kooperation „%(a)s – %(b)s“ (%(kind)s) ab %(since)s angelegt.",
            a=link.from_name,
            b=link.to_name,
            kind=kind,
            since=since.strftime("%d.%m.%Y"),
        ),
        "success",
    )
    return _back()


@bp.get("/luecken/export.<fmt>")
@require_role("viewer")
def export(fmt: str) -> ResponseReturnValue:
    if fmt not in ("csv", "xlsx"):
        abort(404)
    parsed, data, rep = load()
    found = tables.tables(rep, data.graph, table_words.tr)
    all_tables = {k: table_words.translated(t) for k, t in found.items()}
    stamp = (parsed.flt.as_of or date.today()).isoformat()
    if fmt == "xlsx":
        body = tables.to_xlsx(all_tables, table_words.titles(tables.SECTIONS))
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        filename = f"kooperationsluecken-{stamp}.xlsx"
    else:
        section = request.args.get("section", "")
        if section not in all_tables:
            abort(404)
        body = table_words.csv(all_tables[section])
        mime = "text/csv"
        filename = f"{section}-{stamp}.csv"
    return attachment(body, filename, mime)


def _report_context() -> dict[str, Any]:
    """The report; with ``?von=`` also the change since that day."""
    if request.args.get("von"):
        ctx = change_context()
        rep, data_graph = ctx["rep"], ctx["g"]
    else:
        parsed, data, rep = load()
        ctx = context(parsed, data, rep)
        data_graph = data.graph
    ctx["vt"] = value_trust.value_trust(data_graph)
    ctx["today"] = date.today()
    day = ctx["f"].flt.as_of or ctx["today"]
    per_year = report_content.through(rep.figures.per_year, day.year)
    ctx["running_note"] = report_content.running_year_note(per_year, day, _words(), _tr)
    ctx["chart"] = Markup(
        overview.bar_chart_svg(
            per_year,
            title=_("Neue Kooperationen je Jahr"),
            running=day.year if ctx["running_note"] else None,
        )
    )
    ctx["findings"] = rep.findings(data_graph, ctx["scope"])
    ctx["alliance_pictures"] = (
        [] if ctx["f"].flt.alliance else report_content.alliances_in(data_graph, _snap())
    )
    shown = report_content.picture(_snap(), ctx["f"].flt, _tr)["print_note"]
    caption = pictures.filter_caption(ctx["f"].flt, _snap().vocabulary, _tr)
    ctx["caption"] = " · ".join(t for t in (caption, shown) if t)
    ctx["report_title"] = report_content.report_title(ctx["f"].flt, _snap().vocabulary, _tr)
    ctx["border"] = (
        None
        if ctx["f"].flt.organisation
        else report_content.across_offices(data_graph, _snap().vocabulary, _words(), _tr)
    )
    monitoring = _monitoring(data_graph)
    ctx["monitoring"] = monitoring
    ctx["monitoring_needs"] = indicators.needs(monitoring)
    ctx["weightings"] = indicators.WEIGHTINGS
    ctx["number"] = indicator_number
    ctx["role_titles"] = ROLE_TITLES
    ctx.setdefault("change", None)
    return ctx


@bp.get("/bericht")
@require_role("viewer")
def report_page() -> ResponseReturnValue:
    ctx = _report_context()

    def picture_src(alliance: str) -> str:
        return f"{url_for('gaps.report_picture')}?{ctx['f'].query(bild=alliance)}"

    return render_template("gaps/report.html", standalone=False, picture_src=picture_src, **ctx)


@bp.get("/bericht.html")
@require_role("viewer")
def report_download() -> ResponseReturnValue:
    from importlib import resources

    css = "\n".join(
        resources.files("netzwerk.web").joinpath("static/css", name).read_text(encoding="utf-8")
        for name in ("netzwerk.css", "gaps.css", "indicators.css")
    )
    ctx = _report_context()

    def picture_src(alliance: str) -> str:
        """The picture inside the file, which is read offline."""
        svg = _picture_svg(ctx["f"].flt, alliance)
        return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")

    html = render_template(
        "gaps/report.html", standalone=True, css=Markup(css), picture_src=picture_src, **ctx
    )
    return attachment(html, f"netzwerkbericht-{date.today()}.html", "text/html")


def _tr(text: str) -> str:
    return _(text)


def _words() -> report_content.Words:
    return report_content.Words("en" if str(get_locale()).startswith("en") else "de")


@bp.app_template_filter("reasons")
def reasons(s: suggestions.Suggestion) -> str:
    """Why a partner is suggested, in the page's language."""
    return suggestions.reasons(s, _tr)


@bp.app_template_filter("community")
def community(c: Community) -> str:
    """A community's name (region · actor kind) in the page's language."""
    parts = [p for p in (c.region, _(c.kind) if c.kind else "") if p]
    return " · ".join(parts) or _("%(n)s Akteure", n=len(c.members))


@bp.app_template_filter("said")
def said(finding: Finding) -> str:
    """A finding or method note of the report in the page's language and number format."""
    return finding.say(_tr, _words().locale)


def _monitoring(g: Any) -> indicators.Joined:
    """The indicators beside the report's network (the Bildungsmonitoring chapter)."""
    return indicators.join(g, [i for i, _ in indicators.stored(get_store())])


def _snap() -> snapshot.Snapshot:
    return snapshot.current(get_store())


@bp.get("/bericht.<fmt>")
@require_role("viewer")
def report_document(fmt: str) -> ResponseReturnValue:
    """The Netzwerkbericht as a PDF to hand out, or a DOCX or ODT to edit (Word,
    LibreOffice)."""
    if fmt not in ("pdf", "docx", "odt"):
        abort(404)
    ctx = change_context()
    parsed, graph_now, rep = ctx["f"], ctx["g"], ctx["rep"]
    document = report_content.report_document(
        rep,
        graph_now,
        _snap(),
        parsed.flt,
        tr=_tr,
        locale=_words().locale,
        indicators=_monitoring(graph_now),
        changes=_change_chapter(ctx),
    )
    stamp = (parsed.flt.as_of or date.today()).isoformat()
    if parsed.flt.organisation:
        stamp = f"{slug(parsed.flt.organisation)}-{stamp}"
    if fmt == "pdf":
        return attachment(
            document_pdf.write_pdf(document), f"netzwerkbericht-{stamp}.pdf", "application/pdf"
        )
    if fmt == "odt":
        return attachment(
            document_odt.write_odt(document), f"netzwerkbericht-{stamp}.odt", document_odt.MIMETYPE
        )
    return attachment(
        document_docx.write_docx(document),
        f"netzwerkbericht-{stamp}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _change_chapter(ctx: dict[str, Any]) -> Section:
    """ "Was hat sich verändert?" since ``?von=`` (one year before the report's day)."""
    ch = ctx["change"]
    flt = ctx["f"].flt
    turnover = source.turnover(
        get_store(), (ch.earlier, ctx["before_graph"]), (ch.later, ctx["g"]), flt
    )
    whole = replace(flt, as_of=None) == Filter()
    return report_change.change_section(ch, turnover, _words(), _tr, whole=whole)


def _picture_svg(flt: Filter, alliance: str) -> bytes:
    """The network of ``flt`` (or of one alliance in it) as drawn in the report's PDF."""
    snap = _snap()
    title = _("Netzwerkbild")
    if alliance in snap.vocabulary.alliances:
        flt, title = replace(flt, alliance=alliance), snap.vocabulary.alliances[alliance]
    payload = report_content.picture(snap, flt, _tr)
    drawn = report_content.figure(payload, _tr, alliance=bool(alliance))
    return vector.svg_of(drawn, title, pictures.filter_caption(flt, snap.vocabulary, _tr))


@bp.get("/bericht/bild.svg")
@require_role("viewer")
def report_picture() -> ResponseReturnValue:
    """A picture of the report page: the filtered network, or with ``?bild=<alliance id>``
    one alliance of it (the same drawing as in the PDF)."""
    parsed = filters.parse(request.args, _snap().vocabulary)
    alliance = request.args.get("bild", "")
    if alliance and alliance not in _snap().vocabulary.alliances:
        abort(404)
    body = _picture_svg(parsed.flt, alliance)
    resp = Response(body, mimetype="image/svg+xml")
    # a drawing for <img>: nothing may load or run in it, ReportLab styles its elements inline
    resp.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
    )
    resp.headers["Cache-Control"] = "private, no-store"
    return resp
