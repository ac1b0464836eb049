"""The person list (import kind ``persons``): one row per person, each working at a stored
organisation (or none).

The organisation must be a stored actor, named unambiguously (the import never guesses
between two actors of the same name); otherwise the person is imported without it, with a
warning — import the organisations first, or use a partner list, which creates them. A
second row for the same person (same e-mail, or same name at the same employer) is a
duplicate.
"""

from __future__ import annotations

from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.model import Actor, Link
from netzwerk.graph.imports import person_cells
from netzwerk.graph.imports.context import Context
from netzwerk.graph.imports.plan import RowResult


def _employer(ctx: Context, row: RowResult, org: str) -> Actor | None:
    """The stored actor ``org`` names; an unknown or ambiguous one is left out with a
    warning (the person is still imported, without where they work)."""
    if not org:
        return None
    actor, why = ctx.actors.lookup(org)
    if actor is None:
        template = (
            N_("Organisation: %(reason)s – Person ohne Arbeitsstelle übernommen")
            if "mehrdeutig" in why
            else N_(
                "Organisation: %(reason)s (zuerst die Akteure importieren) – Person ohne "
                "Arbeitsstelle übernommen"
            )
        )
        row.warnings.append(Said(template, reason=why))
    return actor


def plan_row(ctx: Context, row: RowResult, v: dict[str, str]) -> None:
    """Plan the persons a row names (usually one; "Frau Klein / Herr Demir" are two, each
    with their own e-mail address when the row gives two). A row is planned whole or not
    at all: an error in one person's cells leaves the whole row out."""
    actor = _employer(ctx, row, v.get("organisation", ""))
    named = [person_cells.person_fields(ctx, c, row) for c in person_cells.people(v)]
    named = [f for f in named if f["last_name"]] or named[:1]
    row.name = "; ".join(f"{f['first_name']} {f['last_name']}".strip() for f in named)
    if row.errors:
        row.action = "error"
        return
    prepared = [person_cells.prepare(ctx, row, f, actor) for f in named]
    kept = [p for p in prepared if p is not None]
    if row.errors or not kept:
        row.action = "error" if row.errors else "skipped"
        return
    if any(p.open_review for p in kept):
        row.action = "review"
        return
    fresh = [p for p in kept if p.part is not None or p.person is None]
    if not fresh:  # every person named here came from an earlier row of this file
        row.action = "duplicate"
        row.duplicate_of = ctx.seen["person:" + kept[0].key][1]
        return
    for p in fresh:
        _add(ctx, row, p, actor)
    assert fresh[0].person is not None
    row.record_id = fresh[0].person.id


def _add(ctx: Context, row: RowResult, p: person_cells.Prepared, actor: Actor | None) -> None:
    """Add one prepared person and, when the employer is known, where they work."""
    person_cells.apply(ctx, row, p, actor)
    if actor is None or p.person is None:
        return
    ctx.linker.want(
        row,
        Link(type="WORKS_AT", from_id=p.person.id, to_id=actor.id, function=p.person.function),
        ("Person", "Actor"),
        name=actor.name,
        fields=("function",),
        stored_ends=not p.is_new and actor.id in ctx.actors.stored,
    )
