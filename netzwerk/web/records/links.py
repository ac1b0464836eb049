"""Add, edit and remove links; a new contact person from an actor's page."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.web import forms
from netzwerk.web.auth import current_username, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import record_url
from netzwerk.web.records.blueprint import bp, form_errors
from netzwerk.web.redirects import safe_target
from netzwerk.web.said import said_by_field


def _back_to(label: str, node_id: str) -> str:
    return safe_target(request.form.get("next"), record_url(label, node_id))


def _messages(err: graph.ValidationError) -> str:
    """A rejected form's messages in one line (a flash message above the page), each after
    its field's label."""
    return "; ".join(
        f"{_(validation.label(k))}: {', '.join(v)}" for k, v in said_by_field(err).items()
    )


@bp.post("/verknuepfen")
@require_role("editor")
def link_create() -> ResponseReturnValue:
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
        created = graph.create_link(get_store(), link, user=current_username())
    except graph.ValidationError as err:
        flash(_("Verknüpfung nicht gespeichert – %(msg)s", msg=_messages(err)), "error")
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
def link_edit(type_name: str, link_id: str) -> ResponseReturnValue:
    if type_name not in graph.LINK_TYPES:
        abort(404)
    store = get_store()
    current = graph.get_link(store, type_name, link_id)
    specs = forms.link_fields(type_name)
    form_cls = forms.form_class(f"link{type_name}", specs)
    back = safe_target(request.values.get("next"), "/")
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
                graph.update_link(store, mine, user=current_username())
                flash(_("Verknüpfung gespeichert."), "success")
                return redirect(back)
            except graph.ValidationError as err:
                extra["general"] = form_errors(form, err)
                status = 400
            except graph.ConflictError as err:
                theirs = err.current
                assert isinstance(theirs, graph.Link)  # an update's conflict carries the link
                extra["conflict"], extra["taken"] = forms.conflict_rows(specs, theirs, mine)
                form.version.data = str(theirs.version)
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
def link_delete(type_name: str, link_id: str) -> ResponseReturnValue:
    if type_name not in graph.LINK_TYPES:
        abort(404)
    removed = graph.delete_link(get_store(), type_name, link_id, user=current_username())
    current = removed.link
    flash(
        _(
            "Verknüpfung entfernt: %(a)s – %(b)s.",
            a=current.from_name or current.from_id,
            b=current.to_name or current.to_id,
        ),
        f"undo:{removed.trash_id}",
    )
    return redirect(safe_target(request.form.get("next"), "/"))


NEW_PERSON_FIELDS = ("title", "first_name", "last_name", "email", "phone")


@bp.post("/akteure/<node_id>/personen/neu")
@require_role("editor")
def person_at_actor(node_id: str) -> ResponseReturnValue:
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
        created = graph.create_record(store, person, user=current_username(), links=links)
    except graph.ValidationError as err:
        flash(_("Person nicht angelegt – %(msg)s", msg=_messages(err)), "error")
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
