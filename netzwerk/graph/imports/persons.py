"""The person list (import kind ``persons``): one row per person, each working at a stored
organisation (or none).

The organisation must be a stored actor, named unambiguously (the import never guesses
between two actors of the same name); otherwise the person is imported without it, with a
warning — import the organisations first, or use a partner list, which creates them. A
second row for the same person (same e-mail, or same name at the same employer) is a
duplicate.
"""

from __future__ import annotations

from netzwerk.graph.core.model import Actor, Link
from netzwerk.graph.imports import names, person_cells
from netzwerk.graph.imports.context import Context
from netzwerk.graph.imports.plan import RowResult


def _employer(ctx: Context, row: RowResult, org: str) -> Actor | None:
    """The stored actor ``org`` names; an unknown or ambiguous one is left out with a
    warning (the person is still imported, without where they work)."""
    if not org:
        return None
    actor, why = ctx.actors.lookup(org)
    if actor is None:
        hint = "" if "mehrdeutig" in why else " (zuerst die Akteure importieren)"
        row.warnings.append(f"Organisation: {why}{hint} – Person ohne Arbeitsstelle übernommen")
    return actor


def plan_row(ctx: Context, row: RowResult, v: dict[str, str]) -> None:
    actor = _employer(ctx, row, v.get("organisation", ""))
    fields = person_cells.person_fields(ctx, v, row)
    row.name = f"{fields['first_name']} {fields['last_name']}".strip()
    more = names.parse_names(v["full_name"])[1:] if v.get("full_name") else []
    if more:
        row.warnings.append(
            "Name: weitere Personen in der Zelle werden nicht übernommen ("
            + "; ".join(n.shown() for n in more)[:120]
            + ") – bitte je Person eine Zeile"
        )
    if row.errors:
        row.action = "error"
        return
    p = person_cells.prepare(ctx, row, fields, actor)
    if p is None:
        row.action = "error" if row.errors else "skipped"
        return
    if p.open_review:
        row.action = "review"
        return
    if p.part is None and p.person is not None:  # an earlier row of this file
        row.action = "duplicate"
        row.duplicate_of = ctx.seen["person:" + p.key][1]
        return
    person_cells.apply(ctx, row, p, actor)
    assert p.person is not None
    row.record_id = p.person.id
    if actor is not None:
        ctx.linker.want(
            row,
            Link(type="WORKS_AT", from_id=p.person.id, to_id=actor.id, function=p.person.function),
            ("Person", "Actor"),
            name=actor.name,
            fields=("function",),
            stored_ends=not p.is_new and actor.id in ctx.actors.stored,
        )
