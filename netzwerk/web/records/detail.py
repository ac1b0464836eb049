"""A record's detail page: fields, links by section, history."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.graph.records import history
from netzwerk.web import forms
from netzwerk.web.auth import can_see_contacts, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.records.blueprint import MAIN_RULE, VOCAB_RULE, bp, kind_of
from netzwerk.web.records.rows import CHIP_TYPES, grouped, link_rows


@bp.get(MAIN_RULE + "/<node_id>")
@bp.get(VOCAB_RULE + "/<node_id>")
@require_role("viewer")
def detail(slug: str, node_id: str) -> ResponseReturnValue:
    kind = kind_of(slug)
    store = get_store()
    node = graph.get(store, kind.cls, node_id)
    rows = link_rows(kind, node_id)
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
            for sr in grouped(kind, rows)
            if not (sr[0].type in CHIP_TYPES and sr[0].direction == "out")
        ],
        chip_sections=[
            sr
            for sr in grouped(kind, rows)
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
        field_labels=validation.FIELD_LABELS,
    )
