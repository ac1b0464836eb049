"""The records blueprint and what its views share: the kind of a URL, the user, safe
redirect targets, German form errors."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort
from flask_login import current_user

from netzwerk import graph
from netzwerk.graph.core import validation
from netzwerk.web.kinds import KINDS, MAIN, VOCABULARIES, Kind

bp = Blueprint("records", __name__)
PAGE_SIZES = (25, 50, 100)
MAIN_RULE = "/<any(" + ",".join(MAIN) + "):slug>"
VOCAB_RULE = "/verwaltung/<any(" + ",".join(VOCABULARIES) + "):slug>"


def kind_of(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        abort(404)
    return kind


def username() -> str:
    return current_user.user.username


def require_write(kind: Kind) -> None:
    if not current_user.has_role(kind.write_role):
        abort(403)


def safe_back(target: str | None, fallback: str) -> str:
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


def form_errors(form: Any, err: graph.ValidationError) -> list[str]:
    """Put each message at its field; messages for fields the form lacks are returned."""
    general = []
    for name, messages in err.by_field().items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*list(field.errors or []), *messages]
        else:
            label = validation.label(name)
            general += [f"{label}: {m}" for m in messages]
    return general
