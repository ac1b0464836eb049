"""Presentations: list, make, edit (add a view, reorder, remove, texts), show, PDF, share.

A presentation is edited on one form: every slide's text travels with every button, so
moving a slide up or removing another never loses what was typed. The buttons are plain
submit buttons (keyboard and screen reader work without script); after a move the page
opens at the moved slide. Showing is one slide per page (``…/zeigen/<n>``): the picture as
the saved view draws it, read-only and without persons (the share links' picture,
:func:`netzwerk.web.network.view_payload`), its text beside it, next and previous by links
and arrow keys. The share link of a presentation shows the same pages
(:mod:`netzwerk.web.shared`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from netzwerk import graph
from netzwerk.graph import pictures
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.core.values import slug
from netzwerk.graph.formats import slides_pdf
from netzwerk.graph.network import snapshot
from netzwerk.graph.operations import sharing
from netzwerk.graph.pictures import paper
from netzwerk.graph.sharing import presentations, saved_views, share_links
from netzwerk.graph.sharing.presentations import Shown, Slide
from netzwerk.web import locale_format
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.downloads import attachment
from netzwerk.web.extensions import get_store
from netzwerk.web.network import json_response, view_payload
from netzwerk.web.said import field_said, said
from netzwerk.web.saved_views import new_share_link

bp = Blueprint("presentations", __name__)


def _tr(text: str) -> str:
    return _(text)


def _get(presentation_id: str) -> Presentation:
    try:
        return graph.get(get_store(), Presentation, presentation_id)
    except (graph.NotFoundError, graph.ValidationError):
        abort(404)


@bp.get("/praesentationen")
@require_role("viewer")
def index() -> str:
    return _index()


def _index(errors: dict[str, str] | None = None, name: str = "") -> str:
    page = graph.list_nodes(
        get_store(), Presentation, limit=200, order_by="updated", descending=True
    )
    counts = {p.id: len(presentations.slides_of(p)) for p in page.items}
    return render_template(
        "presentations/list.html", items=page.items, counts=counts, errors=errors or {}, name=name
    )


@bp.post("/praesentationen")
@require_role("editor")
def create() -> ResponseReturnValue:
    name = request.form.get("name", "")
    try:
        made = sharing.save_presentation(
            get_store(), Presentation(name=name), [], user=current_username()
        )
    except graph.ValidationError as exc:
        return _index({e.field: field_said(e) for e in exc.errors}, name), 400
    flash(_("Präsentation „%(name)s“ angelegt. Fügen Sie jetzt Ansichten hinzu.", name=made.name))
    return redirect(url_for("presentations.edit", presentation_id=made.id))


def _edit_page(
    p: Presentation,
    slides: list[Slide] | None = None,
    errors: dict[str, str] | None = None,
    new_link: dict[str, Any] | None = None,
) -> str:
    store = get_store()
    shown = presentations.shown(store, p)
    views = {s.view.id: s.view for s in shown if s.view}
    if slides is not None:  # a refused save: the slides as posted
        shown = [Shown(n, s, views.get(s.view_id)) for n, s in enumerate(slides, 1)]
    return render_template(
        "presentations/edit.html",
        p=p,
        shown=shown,
        choices=saved_views.views_for(store, current_username()),
        errors=errors or {},
        links=share_links.links(store, p.id),
        max_days=share_links.MAX_DAYS,
        max_text=presentations.MAX_TEXT,
        gone=_(presentations.VIEW_GONE),
        new_link=new_link,
    )


@bp.get("/praesentationen/<presentation_id>")
@require_role("viewer")
def edit(presentation_id: str) -> str:
    return _edit_page(_get(presentation_id))


def _posted_slides() -> list[Slide]:
    try:
        count = min(int(request.form.get("count", "0")), presentations.MAX_SLIDES + 1)
    except ValueError:
        count = 0
    return [
        Slide(request.form.get(f"view_{i}", ""), request.form.get(f"text_{i}", ""))
        for i in range(1, count + 1)
    ]


def _apply(action: str, slides: list[Slide]) -> tuple[list[Slide], int]:
    """``slides`` after the button pressed; and the slide to open the page at (0: top)."""
    verb, _sep, where = action.partition("-")
    index = int(where) - 1 if where.isdigit() else -1
    if verb == "add" and request.form.get("add_view"):
        return [*slides, Slide(request.form["add_view"])], len(slides) + 1
    if verb in ("up", "down") and 0 <= index < len(slides):
        step = -1 if verb == "up" else 1
        return presentations.moved(slides, index, step), max(1, min(len(slides), index + 1 + step))
    if verb == "remove" and 0 <= index < len(slides):
        return slides[:index] + slides[index + 1 :], 0
    return slides, 0


@bp.post("/praesentationen/<presentation_id>")
@require_role("editor")
def save(presentation_id: str) -> ResponseReturnValue:
    stored = _get(presentation_id)
    try:
        version = int(request.form.get("version", ""))
    except ValueError:
        version = stored.version
    action = request.form.get("action", "save")
    slides, focus = _apply(action, _posted_slides())
    if action.startswith("add") and not request.form.get("add_view"):
        errors = {"add_view": _("Bitte eine Ansicht wählen.")}
        return _edit_page(stored, slides, errors), 400
    mine = Presentation(id=stored.id, version=version, name=request.form.get("name", ""))
    try:
        saved = sharing.save_presentation(get_store(), mine, slides, user=current_username())
    except graph.ValidationError as exc:
        return _edit_page(stored, slides, {e.field: field_said(e) for e in exc.errors}), 400
    except graph.ConflictError:
        errors = {"name": _("Jemand hat die Präsentation inzwischen geändert. Bitte neu laden.")}
        return _edit_page(stored, slides, errors), 409
    except graph.ForbiddenError as exc:
        return _edit_page(stored, slides, {"name": said(exc)}), 403
    if action == "save":
        flash(_("Präsentation gespeichert."), "success")
    anchor = f"folie-{focus}" if focus else None
    return redirect(url_for("presentations.edit", presentation_id=saved.id, _anchor=anchor))


@bp.post("/praesentationen/<presentation_id>/loeschen")
@require_role("editor")
def delete(presentation_id: str) -> Response:
    p = _get(presentation_id)
    sharing.delete_presentation(get_store(), p.id, user=current_username())
    flash(_("Präsentation „%(name)s“ gelöscht (im Papierkorb).", name=p.name), "success")
    return redirect(url_for("presentations.index"))


@bp.post("/praesentationen/<presentation_id>/teilen")
@require_role("editor")
def share(presentation_id: str) -> ResponseReturnValue:
    """A new read-only link of the whole presentation; its address is shown only once."""
    p = _get(presentation_id)
    try:
        made = new_share_link(p)
    except graph.ValidationError as exc:
        return _edit_page(p, None, {e.field: field_said(e) for e in exc.errors}), 400
    return _edit_page(p, None, None, made)


# --- showing ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Urls:
    """Where a shown slide's buttons lead: in the application or under a share link."""

    slide: Callable[[int], str]
    data: Callable[[int], str]
    pdf: str
    leave: str = ""


def _slide(p: Presentation, number: int) -> tuple[Shown, int]:
    shown = presentations.shown(get_store(), p)
    if not 1 <= number <= len(shown):
        abort(404)
    return shown[number - 1], len(shown)


def render_slide(p: Presentation, number: int, urls: Urls) -> str:
    """One slide full screen: the picture of its view (or why there is none) and its text."""
    slide, total = _slide(p, number)
    vocab = snapshot.vocabulary(get_store())
    return render_template(
        "presentations/show.html",
        title=p.name,
        p=p,
        s=slide,
        total=total,
        paragraphs=presentations.paragraphs(slide.slide.text),
        caption=pictures.filter_caption(slide.view.filter, vocab, _tr) if slide.view else "",
        gone=_(presentations.VIEW_GONE),
        prev_url=urls.slide(number - 1) if number > 1 else "",
        next_url=urls.slide(number + 1) if number < total else "",
        data_url=urls.data(number),
        pdf_url=urls.pdf,
        leave_url=urls.leave,
    )


def slide_data(p: Presentation, number: int) -> Response:
    slide, _total = _slide(p, number)
    if slide.view is None:
        abort(404)
    return json_response(view_payload(slide.view))


def pdf_file(p: Presentation) -> Response:
    """The whole presentation as one PDF, one landscape A4 page per slide."""
    vocab = snapshot.vocabulary(get_store())
    sheets = []
    for s in presentations.shown(get_store(), p):
        title = f"{s.number} · {s.view.name if s.view else _('Folie')}"
        words = presentations.paragraphs(s.slide.text)
        if s.view is None:
            sheets.append(slides_pdf.Sheet(title, None, words, note=_(presentations.VIEW_GONE)))
            continue
        payload = paper.for_print(view_payload(s.view), _tr)
        caption = pictures.filter_caption(s.view.filter, vocab, _tr)
        sheets.append(
            slides_pdf.Sheet(title, payload, words, caption, payload.get("print_note", ""))
        )
    now = datetime.now()
    body = slides_pdf.write_slides(
        slides_pdf.Slides(
            title=p.name,
            sheets=sheets,
            legend=_("Legende"),
            footer=_(
                "%(name)s · netzwerk, erstellt am %(when)s",
                name=p.name,
                when=locale_format.day(now.date()),
            ),
            of=_("Folie %(n)s von %(total)s"),
        )
    )
    return attachment(body, f"praesentation-{slug(p.name)}-{now.date()}.pdf", "application/pdf")


def _urls(p: Presentation) -> Urls:
    return Urls(
        slide=lambda n: url_for("presentations.show", presentation_id=p.id, number=n),
        data=lambda n: url_for("presentations.data", presentation_id=p.id, number=n),
        pdf=url_for("presentations.pdf", presentation_id=p.id),
        leave=url_for("presentations.edit", presentation_id=p.id),
    )


@bp.get("/praesentationen/<presentation_id>/zeigen")
@require_role("viewer")
def show_first(presentation_id: str) -> Response:
    p = _get(presentation_id)
    if not presentations.slides_of(p):
        flash(_("Die Präsentation hat noch keine Folien."), "error")
        return redirect(url_for("presentations.edit", presentation_id=p.id))
    return redirect(url_for("presentations.show", presentation_id=p.id, number=1))


@bp.get("/praesentationen/<presentation_id>/zeigen/<int:number>")
@require_role("viewer")
def show(presentation_id: str, number: int) -> str:
    p = _get(presentation_id)
    return render_slide(p, number, _urls(p))


@bp.get("/praesentationen/<presentation_id>/zeigen/<int:number>/daten.json")
@require_role("viewer")
def data(presentation_id: str, number: int) -> Response:
    return slide_data(_get(presentation_id), number)


@bp.get("/praesentationen/<presentation_id>/pdf")
@require_role("viewer")
def pdf(presentation_id: str) -> Response:
    return pdf_file(_get(presentation_id))
