"""The records blueprint and what its views share: the kind of a URL, the user, safe
redirect targets, German form errors."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort
from flask_babel import gettext as _
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.web.kinds import KINDS, MAIN, VOCABULARIES, Kind
from netzwerk.web.said import said_by_field

bp = Blueprint("records", __name__)
PAGE_SIZES = (25, 50, 100)
MAIN_RULE = "/<any(" + ",".join(MAIN) + "):slug>"
VOCAB_RULE = "/verwaltung/<any(" + ",".join(VOCABULARIES) + "):slug>"


def kind_of(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        abort(404)
    return kind


def require_write(kind: Kind) -> None:
    if not current_user.has_role(kind.write_role):
        abort(403)


def form_errors(form: Any, err: graph.ValidationError) -> list[str]:
    """Put each message at its field; messages for fields the form lacks are returned."""
    general = []
    for name, messages in said_by_field(err).items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors or []), *messages]
        else:
            label = _(validation.label(name))
            general += [f"{label}: {m}" for m in messages]
    return general
