"""Records in the browser: lists, detail pages, forms, links, merge, undo and history.

All four record kinds (and the vocabularies under /verwaltung) share these views; what
differs per kind is declared in :mod:`netzwerk.web.kinds` and :mod:`netzwerk.web.forms`.
Every change goes through ``netzwerk.graph`` and is written to the history. Saves carry the
version that was read, so a colleague's change is never overwritten silently: the form comes
back with both values side by side.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph import codec, duplicates, history, network, search
from netzwerk.graph.choices import filter_choices
from netzwerk.web import forms, paging
from netzwerk.web.auth import can_see_contacts, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import (
    BY_LABEL,
    KINDS,
    MAIN,
    VOCABULARIES,
    Kind,
    Section,
    record_url,
)

bp = Blueprint("records", __name__)
PAGE_SIZES = (25, 50, 100)
MAIN_RULE = "/<any(" + ",".join(MAIN) + "):slug>"
VOCAB_RULE = "/verwaltung/<any(" + ",".join(VOCABULARIES) + "):slug>"


def _kind(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        abort(404)
    return kind


def _username() -> str:
    return current_user.user.username


def _require_write(kind: Kind) -> None:
    if not current_user.has_role(kind.write_role):
        abort(403)


def _safe_back(target: str | None, fallback: str) -> str:
    if not target:
        return fallback
    try:
        parts = urlsplit(target)
    except ValueError:  # malformed (e.g. an unclosed "[") is never a safe target
        return fallback
    # Browsers read "/\\host" as "//host" and drop tabs/newlines: such targets are refused.
    if any(c == "\\" or ord(c) < 0x20 or c == "\x7f" for c in target):
        return fallback
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


# --- lists ---------------------------------------------------------------------------------
def _filter_options(kind: Kind) -> dict[str, list[tuple[str, str]]]:
    """Choices of the filter selects: the one builder's, plus the project status."""
    shared = filter_choices(network.vocabulary(get_store())).by_param()
    statuses = [(s, s) for s in graph.model.PROJECT_STATUSES]
    return {name: statuses if name == "status" else shared[name] for name in kind.filters}


FILTER_TITLES = {
    "kind": _l("Art"),
    "status": _l("Status"),
    "topic": _l("Thema"),
    "stage": _l("Bildungsstufe"),
    "target_group": _l("Zielgruppe"),
    "region": _l("Region"),
    "alliance": _l("Bündnis"),
}


@bp.get(MAIN_RULE)
@bp.get(VOCAB_RULE)
@require_role("viewer")
def index(slug: str):  # type: ignore[no-untyped-def]
    kind = _kind(slug)
    args = request.args
    filters = search.Filters(q=(args.get("q") or "").strip()[:200] or None)
    for name in kind.filters:
        setattr(filters, name, (args.get(name) or "").strip()[:128] or None)
    size = paging.int_arg(args, "n", PAGE_SIZES[0], 1, 100)
    pager = paging.Pager.from_args(args, kind.url(), size=size)
    sort = args.get("sort") or ""
    allowed = search.SORT_FIELDS[kind.label]
    if sort not in allowed:
        sort = ""
    descending = args.get("richtung") == "ab"
    page = search.search(
        get_store(),
        kind.cls,
        filters,
        order_by=sort or None,
        descending=descending,
        skip=pager.skip,
        limit=size,
        contacts=can_see_contacts(),
    )
    pager.total = page.total

    return render_template(
        "records/list.html",
        kind=kind,
        page=page,
        filters=filters,
        options=_filter_options(kind),
        filter_titles=FILTER_TITLES,
        sort=sort,
        sort_fields=allowed,
        descending=descending,
        size=size,
        pager=pager,
        show_contacts=can_see_contacts(),
    )


# --- detail --------------------------------------------------------------------------------
@dataclasses.dataclass
class LinkRow:
    link: graph.Link
    other: dict[str, Any]
    other_label: str
    direction: str

    @property
    def other_url(self) -> str:
        return record_url(self.other_label, self.other.get("id", ""))

    @property
    def other_name(self) -> str:
        o = self.other
        if self.other_label == "Person":
            return " ".join(
                p for p in (o.get("title"), o.get("first_name"), o.get("last_name")) if p
            )
        return o.get("name") or o.get("id", "")


def _links(kind: Kind, node_id: str) -> list[LinkRow]:
    rows = get_store().read(
        "records/links", {"label": kind.label}, id=node_id, types=list(graph.LINK_TYPES)
    )
    return [
        LinkRow(
            link=codec.link_from_row(r),
            other=r["other"],
            other_label=r["other_label"],
            direction=r["direction"],
        )
        for r in rows
    ]


CHIP_TYPES = ("WORKS_ON", "COVERS", "SERVES", "LOCATED_IN", "ACTIVE_IN")


def _grouped(kind: Kind, rows: list[LinkRow]) -> list[tuple[Section, list[LinkRow]]]:
    out = []
    for section in kind.sections:
        members = [
            r
            for r in rows
            if r.link.type == section.type
            and (section.direction == "any" or r.direction == section.direction)
            and r.other_label in section.others
        ]
        out.append((section, members))
    return out


@bp.get(MAIN_RULE + "/<node_id>")
@bp.get(VOCAB_RULE + "/<node_id>")
@require_role("viewer")
def detail(slug: str, node_id: str):  # type: ignore[no-untyped-def]
    kind = _kind(slug)
    store = get_store()
    node = graph.get(store, kind.cls, node_id)
    rows = _links(kind, node_id)
    contacts = can_see_contacts()
    return render_template(
        "records/detail.html",
        kind=kind,
        node=node,
        fields=forms.node_fields(kind.label, contacts=contacts),
        values={
            s.name: forms.display(getattr(node, s.name, None))
            for s in forms.NODE_FIELDS[kind.label]
        },
        sections=[
            sr
            for sr in _grouped(kind, rows)
            if not (sr[0].type in CHIP_TYPES and sr[0].direction == "out")
        ],
        chip_sections=[
            sr
            for sr in _grouped(kind, rows)
            if sr[0].type in CHIP_TYPES and sr[0].direction == "out"
        ],
        intensities=graph.INTENSITIES,
        link_fields=forms.LINK_FIELDS,
        link_forms={
            s.type: forms.form_class(f"link{s.type}", forms.link_fields(s.type))()
            for s in kind.sections
        },
        display=forms.display,
        changes=(
            history.for_record(store, node_id, limit=50)
            if contacts
            else history.without_contacts(history.for_record(store, node_id, limit=50))
        ),
        can_edit=current_user.has_role(kind.write_role),
        can_link=current_user.has_role("editor"),
        show_contacts=contacts,
        field_labels=graph.validation.FIELD_LABELS,
    )


# --- create / edit -------------------------------------------------------------------------
def _form_errors(form: Any, err: graph.ValidationError) -> list[str]:
    """Put each message at its field; messages for fields the form lacks are returned."""
    general = []
    for name, messages in err.by_field().items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors or []), *messages]
        else:
            label = graph.validation.label(name)
            general += [f"{label}: {m}" for m in messages]
    return general


def _render_form(kind: Kind, form: Any, *, node: Any = None, status: int = 200, **extra: Any):  # type: ignore[no-untyped-def]
    return (
        render_template(
            "records/form.html",
            kind=kind,
            form=form,
            node=node,
            specs=forms.node_fields(kind.label, contacts=can_see_contacts()),
            **extra,
        ),
        status,
    )


@bp.route(MAIN_RULE + "/neu", methods=["GET", "POST"])
@bp.route(VOCAB_RULE + "/neu", methods=["GET", "POST"])
@require_role("editor")
def create(slug: str):  # type: ignore[no-untyped-def]
    kind = _kind(slug)
    _require_write(kind)
    specs = forms.node_fields(kind.label)
    form_cls = forms.form_class(kind.label, specs)
    if request.method == "GET":
        form = form_cls(data=forms.form_values(kind.cls(), specs))
        return _render_form(kind, form)[0]
    form = form_cls()
    general: list[str] = []
    candidates: list[duplicates.Candidate] = []
    if form.validate():
        try:
            obj = forms.apply_data(kind.cls(), specs, request.form)
            obj = graph.validation.validate_node(obj)
            if kind.label == "Actor" and not request.form.get("confirm_duplicate"):
                candidates = duplicates.find_similar(
                    get_store(), obj.name, email=obj.email, website=obj.website
                )
            if not candidates:
                created = graph.create_record(get_store(), obj, user=_username())
                flash(_("„%(name)s“ wurde angelegt.", name=created.display_name), "success")
                return redirect(kind.url(f"/{created.id}"))
        except graph.ValidationError as err:
            general = _form_errors(form, err)
    status = 409 if candidates else 400
    return _render_form(
        kind, form, status=status, general=general, candidates=candidates, record_url=record_url
    )


@bp.route(MAIN_RULE + "/<node_id>/bearbeiten", methods=["GET", "POST"])
@bp.route(VOCAB_RULE + "/<node_id>/bearbeiten", methods=["GET", "POST"])
@require_role("editor")
def edit(slug: str, node_id: str):  # type: ignore[no-untyped-def]
    kind = _kind(slug)
    _require_write(kind)
    store = get_store()
    current = graph.get(store, kind.cls, node_id)
    specs = forms.node_fields(kind.label, contacts=can_see_contacts())
    form_cls = forms.form_class(kind.label, specs)
    if request.method == "GET":
        form = form_cls(data={**forms.form_values(current, specs), "version": current.version})
        return _render_form(kind, form, node=current)[0]
    form = form_cls()
    general: list[str] = []
    if form.validate():
        version = forms.version_of(request.form)
        try:
            mine = forms.apply_data(current, specs, request.form)
            mine = dataclasses.replace(mine, version=version if version is not None else -1)
            saved = graph.update_record(store, mine, user=_username())
            flash(_("Änderungen gespeichert."), "success")
            return redirect(kind.url(f"/{saved.id}"))
        except graph.ValidationError as err:
            general = _form_errors(form, err)
        except graph.ConflictError as err:
            theirs = err.current
            base = history.as_of_version(store, theirs, version) if version else None
            rows, taken = forms.conflict_rows(specs, theirs, mine, base)
            for name, value in forms.form_values(
                forms.merged(specs, theirs, mine, base), specs
            ).items():
                getattr(form, name).data = value
            form.version.data = str(theirs.version)  # saving again deliberately overwrites
            return _render_form(kind, form, node=theirs, status=409, conflict=rows, taken=taken)
    return _render_form(kind, form, node=current, status=400, general=general)


# --- delete / undo -------------------------------------------------------------------------
@bp.route(MAIN_RULE + "/<node_id>/loeschen", methods=["GET", "POST"])
@bp.route(VOCAB_RULE + "/<node_id>/loeschen", methods=["GET", "POST"])
@require_role("editor")
def delete(slug: str, node_id: str):  # type: ignore[no-untyped-def]
    kind = _kind(slug)
    _require_write(kind)
    store = get_store()
    node = graph.get(store, kind.cls, node_id)
    if request.method == "GET":
        return render_template(
            "records/delete.html", kind=kind, node=node, rows=_links(kind, node_id)
        )
    result = graph.delete_record(
        store, kind.cls, node_id, user=_username(), version=forms.version_of(request.form)
    )
    deleted = result.deleted
    flash(
        ngettext(
            "„%(name)s“ wurde gelöscht (mit %(num)d Verknüpfung).",
            "„%(name)s“ wurde gelöscht (mit %(num)d Verknüpfungen).",
            len(deleted.links),
            name=deleted.node.display_name,
        ),
        f"undo:{result.trash_id}",
    )
    return redirect(kind.url())


@bp.post("/papierkorb/<entry_id>/wiederherstellen")
@require_role("editor")
def undo(entry_id: str):  # type: ignore[no-untyped-def]
    result = graph.undo(get_store(), entry_id, user=_username(), role=current_user.user.role)
    if result.node is None:
        if result.link is None:
            flash(
                _(
                    "Die Verknüpfung konnte nicht wiederhergestellt werden: ein Ende ist "
                    "inzwischen gelöscht oder die beiden sind schon wieder verknüpft."
                ),
                "error",
            )
        else:
            flash(_("Die Verknüpfung wurde wiederhergestellt."), "success")
        return redirect(_safe_back(request.form.get("next"), "/"))
    node = result.node
    if result.skipped:
        flash(
            ngettext(
                "„%(name)s“ wurde wiederhergestellt; %(num)d Verknüpfung nicht, weil ihr "
                "anderes Ende inzwischen gelöscht ist.",
                "„%(name)s“ wurde wiederhergestellt; %(num)d Verknüpfungen nicht, weil ihr "
                "anderes Ende inzwischen gelöscht ist.",
                len(result.skipped),
                name=node.display_name,
            ),
            "warning",
        )
    else:
        flash(_("„%(name)s“ wurde wiederhergestellt.", name=node.display_name), "success")
    return redirect(record_url(node.LABEL, node.id))


# --- links ---------------------------------------------------------------------------------
def _back_to(label: str, node_id: str) -> str:
    return _safe_back(request.form.get("next"), record_url(label, node_id))


@bp.post("/verknuepfen")
@require_role("editor")
def link_create():  # type: ignore[no-untyped-def]
    f = request.form
    type_name, direction = f.get("type", ""), f.get("direction", "out")
    label, node_id, other_id = f.get("label", ""), f.get("node_id", ""), f.get("other_id", "")
    if type_name not in graph.LINK_TYPES or label not in graph.LABELS:
        abort(400)
    back = _back_to(label, node_id)
    if not other_id:
        flash(_("Bitte einen Eintrag aus der Vorschlagsliste wählen."), "error")
        return redirect(back)
    from_id, to_id = (other_id, node_id) if direction == "in" else (node_id, other_id)
    specs = forms.link_fields(type_name)
    try:
        link = forms.apply_data(graph.Link(type=type_name, from_id=from_id, to_id=to_id), specs, f)
        created = graph.create_link(get_store(), link, user=_username())
    except graph.ValidationError as err:
        messages = "; ".join(
            f"{graph.validation.label(k)}: {', '.join(v)}" for k, v in err.by_field().items()
        )
        flash(_("Verknüpfung nicht gespeichert – %(msg)s", msg=messages), "error")
        return redirect(back)
    flash(
        _(
            "Verknüpft: %(a)s – %(b)s.",
            a=created.from_name or created.from_id,
            b=created.to_name or created.to_id,
        ),
        "success",
    )
    return redirect(back)


@bp.route("/verknuepfungen/<type_name>/<link_id>", methods=["GET", "POST"])
@require_role("editor")
def link_edit(type_name: str, link_id: str):  # type: ignore[no-untyped-def]
    if type_name not in graph.LINK_TYPES:
        abort(404)
    store = get_store()
    current = graph.get_link(store, type_name, link_id)
    specs = forms.link_fields(type_name)
    form_cls = forms.form_class(f"link{type_name}", specs)
    back = _safe_back(request.values.get("next"), "/")
    extra: dict[str, Any] = {}
    status = 200
    if request.method == "GET":
        form = form_cls(data={**forms.form_values(current, specs), "version": current.version})
    else:
        form = form_cls()
        if form.validate():
            version = forms.version_of(request.form)
            mine = current
            try:
                mine = forms.apply_data(current, specs, request.form)
                mine = dataclasses.replace(mine, version=version if version is not None else -1)
                graph.update_link(store, mine, user=_username())
                flash(_("Verknüpfung gespeichert."), "success")
                return redirect(back)
            except graph.ValidationError as err:
                extra["general"] = _form_errors(form, err)
                status = 400
            except graph.ConflictError as err:
                extra["conflict"], extra["taken"] = forms.conflict_rows(specs, err.current, mine)
                form.version.data = str(err.current.version)
                status = 409
        else:
            status = 400
    return (
        render_template(
            "records/link_form.html",
            form=form,
            link=current,
            spec=graph.LINK_TYPES[type_name],
            specs=specs,
            back=back,
            **extra,
        ),
        status,
    )


@bp.post("/verknuepfungen/<type_name>/<link_id>/loeschen")
@require_role("editor")
def link_delete(type_name: str, link_id: str):  # type: ignore[no-untyped-def]
    if type_name not in graph.LINK_TYPES:
        abort(404)
    removed = graph.delete_link(get_store(), type_name, link_id, user=_username())
    current = removed.link
    flash(
        _(
            "Verknüpfung entfernt: %(a)s – %(b)s.",
            a=current.from_name or current.from_id,
            b=current.to_name or current.to_id,
        ),
        f"undo:{removed.trash_id}",
    )
    return redirect(_safe_back(request.form.get("next"), "/"))


NEW_PERSON_FIELDS = ("title", "first_name", "last_name", "email", "phone")


@bp.post("/akteure/<node_id>/personen/neu")
@require_role("editor")
def person_at_actor(node_id: str):  # type: ignore[no-untyped-def]
    """A new contact person with the job at this actor (and, if asked, its contact role):
    one form on the actor's page, one transaction."""
    store = get_store()
    actor = graph.get(store, graph.Actor, node_id)
    back = record_url("Actor", actor.id) + "#sec-works_at-in"
    f = request.form
    specs = tuple(s for s in forms.node_fields("Person") if s.name in NEW_PERSON_FIELDS)
    function = (f.get("function") or "").strip()[:500]
    links = [graph.Link(type="WORKS_AT", from_id="", to_id=actor.id, function=function)]
    if f.get("contact_for") == "1":
        links.append(
            graph.Link(type="CONTACT_FOR", from_id="", to_id=actor.id, role=_("Ansprechperson"))
        )
    try:
        person = forms.apply_data(graph.Person(function=function), specs, f, partial=True)
        created = graph.create_record(store, person, user=_username(), links=links)
    except graph.ValidationError as err:
        messages = "; ".join(
            f"{graph.validation.label(k)}: {', '.join(v)}" for k, v in err.by_field().items()
        )
        flash(_("Person nicht angelegt – %(msg)s", msg=messages), "error")
        return redirect(back)
    flash(
        _(
            "„%(name)s“ wurde angelegt und mit %(actor)s verknüpft.",
            name=created.display_name,
            actor=actor.name,
        ),
        "success",
    )
    return redirect(back)


# --- autocomplete and duplicate check (JSON for records.js) --------------------------------
@bp.get("/vorschlaege")
@require_role("viewer")
def suggestions():  # type: ignore[no-untyped-def]
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
def duplicate_check():  # type: ignore[no-untyped-def]
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


# --- merge ---------------------------------------------------------------------------------
@bp.route("/akteure/<node_id>/zusammenfuehren", methods=["GET", "POST"])
@require_role("editor")
def merge_view(node_id: str):  # type: ignore[no-untyped-def]
    store = get_store()
    survivor = graph.get(store, graph.Actor, node_id)
    kind = KINDS["akteure"]
    if request.method == "POST":
        other_id = request.form.get("duplicate_id", "")
        try:
            result = graph.merge_actors(
                store,
                node_id,
                other_id,
                user=_username(),
                survivor_version=forms.version_of({"version": request.form.get("version")}),
                duplicate_version=forms.version_of(
                    {"version": request.form.get("duplicate_version")}
                ),
            )
        except graph.ValidationError as err:
            flash("; ".join(m for ms in err.by_field().values() for m in ms), "error")
            return redirect(kind.url(f"/{node_id}/zusammenfuehren"))
        flash(
            _(
                "„%(dup)s“ wurde mit „%(name)s“ zusammengeführt: %(moved)d Verknüpfungen "
                "übernommen, %(same)d waren schon vorhanden.",
                dup=result.duplicate.name,
                name=result.survivor.name,
                moved=result.moved,
                same=result.absorbed,
            ),
            "success",
        )
        return redirect(kind.url(f"/{node_id}"))
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
        rows=_links(kind, other.id) if other else [],
    )


SORT_TITLES = {"updated": _l("zuletzt geändert"), "created": _l("angelegt")}


@bp.app_context_processor
def _helpers() -> dict[str, Any]:
    """Template helpers: field titles (translated) and record URLs."""
    extra = {
        "updated": _l("zuletzt geändert"),
        "created": _l("angelegt"),
        "link": _l("Verknüpfung"),
        "merged_from": _l("übernommen aus"),
        "merged_into": _l("zusammengeführt in"),
        "links_moved": _l("Verknüpfungen übernommen"),
        "links_already_present": _l("Verknüpfungen schon vorhanden"),
        "links_removed": _l("Verknüpfungen entfernt"),
        "links_restored": _l("Verknüpfungen wiederhergestellt"),
        "restored": _l("wiederhergestellt"),
        "trash": _l("Papierkorb"),
        "deleted_with": _l("gelöscht zusammen mit"),
        "links_not_restored": _l("Verknüpfungen nicht wiederhergestellt"),
        "import_undone": _l("Import rückgängig gemacht"),
    }

    def field_label(label: str, name: str) -> Any:
        for specs in (forms.NODE_FIELDS.get(label, ()), *forms.NODE_FIELDS.values()):
            for spec in specs:
                if spec.name == name:
                    return spec.label
        for specs in forms.LINK_FIELDS.values():
            for spec in specs:
                if spec.name == name:
                    return spec.label
        return extra.get(name) or graph.validation.label(name)

    return {
        "field_label": field_label,
        "record_url": record_url,
        "BY_LABEL": BY_LABEL,
        "link_title": history.link_title,
        "history_value": history_value,
    }


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})")


def history_value(key: str, value: Any) -> str:
    """A value of a history entry as a reader expects it: German dates, ja/nein, words."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("ja") if value else _("nein"))
    if key == "intensity" and isinstance(value, int) and value in graph.INTENSITIES:
        return str(_(graph.INTENSITIES[value]))
    if isinstance(value, list):
        return " ".join(history_value(key, v) for v in value)
    if isinstance(value, str):
        if m := _ISO_DAY.match(value):
            return f"{m[3]}.{m[2]}.{m[1]}"
        if m := _ISO_TIME.match(value):
            return f"{m[3]}.{m[2]}.{m[1]} {m[4]}:{m[5]}"
    return str(value)
