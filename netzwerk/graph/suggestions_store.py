"""Accepting and dismissing partner suggestions (the only writes of the gap analyses).

Accepting creates the cooperation through :func:`netzwerk.graph.links.create_link` (so it is
validated, stored once per pair and versioned like any other) and records it in the change
history. Dismissing stores ``(:Actor)-[:DISMISSED_SUGGESTION {by, at}]->(:Actor)`` once per
pair, smaller id first; a dismissed pair is never suggested again until it is restored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from netzwerk.graph.errors import FieldError, NotFoundError, ValidationError
from netzwerk.graph.model import COOPERATION_KINDS, Link
from netzwerk.graph.operations import create_link
from netzwerk.graph.store import Store
from netzwerk.graph.validation import is_valid_id

DEFAULT_KIND = "Informationsaustausch"


@dataclass(frozen=True)
class Dismissal:
    a: str
    b: str
    a_name: str
    b_name: str
    by: str
    at: datetime | None


def _pair(a: str, b: str) -> tuple[str, str]:
    errors = []
    for field_name, value in (("a", a), ("b", b)):
        if not is_valid_id(value):
            errors.append(FieldError(field_name, "Bitte einen gültigen Akteur angeben."))
    if not errors and a == b:
        errors.append(FieldError("b", "Ein Akteur kann nicht mit sich selbst kooperieren."))
    if errors:
        raise ValidationError(errors)
    return (a, b) if a <= b else (b, a)


def dismissed_pairs(store: Store) -> set[tuple[str, str]]:
    """All dismissed pairs (smaller id first), to exclude them from suggestions."""
    return {(r["a"], r["b"]) for r in store.read("analysis/dismissed_suggestions")}


def dismissals(store: Store) -> list[Dismissal]:
    """Dismissed suggestions with names, newest first (for the "verworfen" list)."""
    return [Dismissal(**r) for r in store.read("analysis/dismissed_suggestions")]


def dismiss(store: Store, a: str, b: str, *, by: str) -> Dismissal:
    """Remember that ``by`` does not want the pair suggested again."""
    a, b = _pair(a, b)
    rows = store.write("analysis/dismiss_suggestion", a=a, b=b, by=by)
    if not rows:
        raise NotFoundError("Einer der beiden Akteure wurde nicht gefunden.")
    r = rows[0]
    return Dismissal(r["a"], r["b"], "", "", r["by"], r["at"])


def restore(store: Store, a: str, b: str) -> bool:
    """Allow a dismissed pair to be suggested again; False if it was not dismissed."""
    a, b = _pair(a, b)
    return bool(store.write("analysis/restore_suggestion", a=a, b=b)[0]["removed"])


def accept(
    store: Store,
    a: str,
    b: str,
    *,
    by: str,
    kind: str = DEFAULT_KIND,
    note: str = "",
    since: date | None = None,
) -> Link:
    """Create the suggested cooperation and record it in the history."""
    a, b = _pair(a, b)
    if kind not in COOPERATION_KINDS:
        raise ValidationError([FieldError("kind", f"„{kind}“ ist keine bekannte Kooperationsart.")])
    link = create_link(
        store,
        Link(
            type="COOPERATES_WITH",
            from_id=a,
            to_id=b,
            kind=kind,
            intensity=1,
            since=since or date.today(),
            source="Partnervorschlag",
            note=note,
        ),
        user=by,
    )
    return link


def as_dict(d: Dismissal) -> dict[str, Any]:
    return {"a": d.a, "b": d.b, "by": d.by, "at": d.at.isoformat() if d.at else None}
