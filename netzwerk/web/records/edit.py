"""Create, edit, delete and undo a record (conflicts shown three-way); hand it to another
organisation."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.graph.operations.handover import change_owners
from netzwerk.graph.records import duplicates, history
from netzwerk.web import forms
from netzwerk.web.auth import can_see_contacts, current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import Kind, record_url
from netzwerk.web.organisations import organisation_names
from netzwerk.web.records.blueprint import (
    MAIN_RULE,
    VOCAB_RULE,
    bp,
    form_errors,
    kind_of,
    require_write,
)
from netzwerk.web.records.owners import OwnerForm, owner_form
from netzwerk.web.records.rows import link_rows
from netzwerk.web.redirects import safe_target
from netzwerk.web.said import said_by_field


def _render_form(
    kind: Kind, form: Any, *, node: Any = None, status: int = 200, **extra: Any
) -> tuple[str, int]:
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
def create(slug: str) -> ResponseReturnValue:
    kind = kind_of(slug)
    require_write(kind)
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
            obj = validation.validate_node(obj)
            if kind.label == "Actor" and not request.form.get("confirm_duplicate"):
                candidates = duplicates.find_similar(
                    get_store(), obj.name, email=obj.email, website=obj.website
                )
            if not candidates:
                created = graph.create_record(get_store(), obj, user=current_username())
                flash(_("„%(name)s“ wurde angelegt.", name=created.display_name), "success")
                return redirect(record_url(kind.label, created.id))
        except graph.ValidationError as err:
            general = form_errors(form, err)
    status = 409 if candidates else 400
    return _render_form(
        kind, form, status=status, general=general, candidates=candidates, record_url=record_url
    )


def _writable(slug: str, node_id: str) -> tuple[Kind, graph.Store, graph.Node]:
    """The kind, store and record an edit or delete works on; 403 for a kind this user may
    not change, 404 for a record that is not there."""
    kind = kind_of(slug)
    require_write(kind)
    store = get_store()
    return kind, store, graph.get(store, kind.cls, node_id)


@bp.route(MAIN_RULE + "/<node_id>/bearbeiten", methods=["GET", "POST"])
@bp.route(VOCAB_RULE + "/<node_id>/bearbeiten", methods=["GET", "POST"])
@require_role("editor")
def edit(slug: str, node_id: str) -> ResponseReturnValue:
    kind, store, current = _writable(slug, node_id)
    specs = forms.node_fields(kind.label, contacts=can_see_contacts())
    form_cls = forms.form_class(kind.label, specs)
    if request.method == "GET":
        return _edit_page(kind, current, owner_form(store, kind.label, current))
    form = form_cls()
    general: list[str] = []
    if form.validate():
        version = forms.version_of(request.form)
        try:
            mine = forms.apply_data(current, specs, request.form)
            mine = dataclasses.replace(mine, version=version if version is not None else -1)
            saved = graph.update_record(store, mine, user=current_username())
            flash(_("Änderungen gespeichert."), "success")
            return redirect(record_url(kind.label, saved.id))
        except graph.ValidationError as err:
            general = form_errors(form, err)
        except graph.ConflictError as err:
            theirs = err.current
            assert isinstance(theirs, graph.Node)  # an update's conflict carries the record
            base = history.as_of_version(store, theirs, version) if version else None
            rows, taken = forms.conflict_rows(specs, theirs, mine, base)
            for name, value in forms.form_values(
                forms.merged(specs, theirs, mine, base), specs
            ).items():
                getattr(form, name).data = value
            form.version.data = str(theirs.version)  # saving again deliberately overwrites
            return _render_form(kind, form, node=theirs, status=409, conflict=rows, taken=taken)
    return _render_form(kind, form, node=current, status=400, general=general)


def _edit_page(
    kind: Kind, node: graph.Node, handover: OwnerForm | None, *, status: int = 200
) -> tuple[str, int]:
    """The edit page as opened, with the organisation section ``handover``."""
    specs = forms.node_fields(kind.label, contacts=can_see_contacts())
    form = forms.form_class(kind.label, specs)(
        data={**forms.form_values(node, specs), "version": node.version}
    )
    return _render_form(kind, form, node=node, status=status, handover=handover)


@bp.post(MAIN_RULE + "/<node_id>/organisation")
@bp.post(VOCAB_RULE + "/<node_id>/organisation")
@require_role("editor")
def owners(slug: str, node_id: str) -> ResponseReturnValue:
    kind = kind_of(slug)
    require_write(kind)
    store = get_store()
    node = graph.get(store, kind.cls, node_id)
    wanted = (request.form.get("org") or "").strip()[:80]
    co = [c.strip()[:80] for c in request.form.getlist("co_orgs")][:100]
    version = forms.version_of(request.form)
    try:
        done = change_owners(
            store,
            kind.cls,
            node_id,
            owner=wanted,
            co_owners=co,
            user=current_username(),
            version=-1 if version is None else version,
        )
    except graph.ValidationError as err:
        section = owner_form(store, kind.label, node)
        if section is None:  # no section to show it at (one office): the message alone, 400
            raise
        section.owner, section.co_owners, section.errors = wanted, tuple(co), said_by_field(err)
        return _edit_page(kind, node, section, status=400)
    except graph.ConflictError:
        flash(
            _("Der Eintrag wurde inzwischen geändert. Bitte prüfen Sie den neuen Stand."),
            "error",
        )
        return redirect(record_url(kind.label, node_id) + "/bearbeiten")
    names = organisation_names(store)
    if done.before.owner != done.after.owner:
        flash(
            _(
                "„%(name)s“ gehört jetzt %(org)s.",
                name=node.display_name,
                org=names.get(done.after.owner, done.after.owner),
            ),
            "success",
        )
    else:
        flash(_("Mitverantwortliche Organisationen gespeichert."), "success")
    return redirect(record_url(kind.label, node_id))


@bp.route(MAIN_RULE + "/<node_id>/loeschen", methods=["GET", "POST"])
@bp.route(VOCAB_RULE + "/<node_id>/loeschen", methods=["GET", "POST"])
@require_role("editor")
def delete(slug: str, node_id: str) -> ResponseReturnValue:
    kind, store, node = _writable(slug, node_id)
    if request.method == "GET":
        return render_template(
            "records/delete.html", kind=kind, node=node, rows=link_rows(kind, node_id)
        )
    result = graph.delete_record(
        store, kind.cls, node_id, user=current_username(), version=forms.version_of(request.form)
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
def undo(entry_id: str) -> ResponseReturnValue:
    result = graph.undo(get_store(), entry_id, user=current_username(), role=current_user.user.role)
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
        return redirect(safe_target(request.form.get("next"), "/"))
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
