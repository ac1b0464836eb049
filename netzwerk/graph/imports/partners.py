"""The office's partner list: one row per organisation, with what hangs on it.

A row can carry an actor, its contact person(s), topics, stages, target groups, regions and
alliance/project memberships with a role; an actor list is the same without those columns.
Several rows may name the same organisation (one row per contact person is common): the
first row gives the actor's fields, later rows add their persons and links, and a later row
that adds nothing is a duplicate.

A row is planned only when all of it is valid, so "nur gültige Zeilen importieren" never
writes half a row.
"""

from __future__ import annotations

from typing import Any

from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.model import Actor, Link
from netzwerk.graph.core.validation import validate_node
from netzwerk.graph.imports import cells, person_cells
from netzwerk.graph.imports.context import Context, merged, set_fields
from netzwerk.graph.imports.known import actor_details, name_key
from netzwerk.graph.imports.plan import NEW, SKIP, RowResult, field_title, stable_id

_ACTOR_TEXT = ("name", "short_name", "street", "email", "phone", "notes")
_LINKS = {
    # field: (link type, target label, role field)
    "topics": ("WORKS_ON", "Topic", ""),
    "stages": ("COVERS", "Stage", ""),
    "target_groups": ("SERVES", "TargetGroup", ""),
    "active_in": ("ACTIVE_IN", "Region", ""),
    "alliances": ("MEMBER_OF", "Alliance", "alliance_role"),
    "projects": ("PARTICIPATES_IN", "Project", "project_role"),
}
CONTACT_ROLE = "Ansprechperson"


def _choice(ctx: Context, row: RowResult, field_name: str, value: str) -> str:
    """A one-value list cell (Art, Trägerschaft) as its entry; unknown values are errors that
    name the value, so the user knows what to map."""
    if not value:
        return ""
    target, _ = ctx.vocab.take(field_name, value)
    if not target:
        row.error(
            field_name,
            f"„{value[:80]}“ ist kein Eintrag der Liste „{field_title(field_name)}“ – "
            "bitte im Schritt „Werte zuordnen“ einem Eintrag zuordnen",
        )
    return target


def actor_fields(ctx: Context, row: RowResult, v: dict[str, str]) -> dict[str, Any]:
    postcode, town = cells.place(v.get("postcode", "").strip(), v.get("town", ""))
    fields: dict[str, Any] = {f: v.get(f, "") for f in _ACTOR_TEXT}
    fields.update(
        kind=_choice(ctx, row, "kind", v.get("kind", "")),
        sponsorship=_choice(ctx, row, "sponsorship", v.get("sponsorship", "")),
        postcode=postcode,
        town=town,
        website=cells.website(v.get("website", "")),
    )
    return fields


def _all_errors(row: RowResult, fields: dict[str, Any]) -> None:
    """Add the record's own validation errors to a row that already failed, so the row
    reports every problem at once (the list errors named the fields already)."""
    probe = {k: v for k, v in fields.items() if k not in row.errors}
    try:
        validate_node(Actor(**probe))
    except ValidationError as exc:
        for f, ms in exc.by_field().items():
            row.errors.setdefault(f, []).extend(ms)


def _actor(ctx: Context, row: RowResult, fields: dict[str, Any]) -> tuple[Actor | None, bool]:
    """(the row's actor validated but not yet planned, whether a later row merged into it);
    ``None`` when the row stops here (error, open review, skip)."""
    name = str(fields["name"]).strip()
    key = f"{name_key(name)}|{fields['postcode']}"
    seen = ctx.seen.get("actor:" + key)
    if seen is not None:
        first = ctx.actors.by_id[seen[0]]
        for f, value in fields.items():
            if value and getattr(first, f) and value != getattr(first, f) and f != "name":
                row.warnings.append(
                    f"{field_title(f)}: „{str(value)[:60]}“ weicht von Zeile {seen[1]} ab "
                    "(die erste Zeile gilt)"
                )
        row.duplicate_of = seen[1]
        return first, True
    incoming = Actor(**{k: v for k, v in fields.items() if v})
    match = ctx.actors.match(incoming)
    existing = match.record
    if existing is None and match.candidates:
        decision = ctx.review(
            "actor:" + key, "Actor", name, actor_details(incoming), row.number, match.candidates
        )
        if decision in ("", SKIP):
            row.action = "skipped" if decision else "review"
            return None, False
        if decision != NEW:
            existing = ctx.actors.by_id[decision]
    if existing is not None and existing.id in ctx.actors.rows:  # planned by an earlier row
        ctx.seen["actor:" + key] = (existing.id, ctx.actors.rows[existing.id])
        row.duplicate_of = ctx.actors.rows[existing.id]
        return existing, True
    new = dict(fields)
    if existing is None:
        new.update(id=stable_id("actor", name_key(name), str(fields["postcode"])))
        new["kind"] = new["kind"] or "Sonstige"
    obj = merged(Actor, existing, new, blank=False)
    actor, part = ctx.record(row, existing, obj, (), apply=False)
    if actor is None or part is None:
        return None, False
    row.parts.append(part)  # held back from the plan until the whole row is valid
    return actor, False


def plan_row(ctx: Context, row: RowResult, v: dict[str, str]) -> None:  # noqa: C901 (complexity 15: lower, never raise)
    fields = actor_fields(ctx, row, v)
    row.name = str(fields["name"]).strip()
    if row.errors or not row.name:
        _all_errors(row, fields)
        row.action = "error"
        return
    actor, merged_row = _actor(ctx, row, fields)
    if actor is None:
        if row.errors:
            row.action = "error"
        return
    row.record_id = actor.id
    contacts = []
    for c in person_cells.contacts(v):
        p = person_cells.prepare(ctx, row, person_cells.person_fields(ctx, c, row), actor)
        if p is not None:
            contacts.append(p)
    values = {f: ctx.vocab.take_cell(f, v[f]) for f in _LINKS if f in v}
    region = ctx.vocab.take_cell("region", v["region"]) if "region" in v else []
    if row.errors:
        row.parts.clear()
        row.action = "error"
        return
    is_new = actor.id not in ctx.actors.by_id
    if not merged_row:
        part = row.parts.pop()
        ctx.add(row, actor, part, set_fields(fields))
        ctx.seen[f"actor:{name_key(row.name)}|{fields['postcode']}"] = (actor.id, row.number)
        if is_new:
            ctx.actors.add(actor, row.number)
        else:
            ctx.actors.by_id[actor.id] = actor
    stored = actor.id in ctx.actors.stored
    adds = False
    for p in contacts:
        person_cells.apply(ctx, row, p, actor)
        if p.open_review:
            row.action = "review"
        if p.person is None:
            continue
        ends = stored and p.person.id in ctx.persons.by_id and not p.is_new
        fn = p.person.function
        for link, fields_set in (
            (
                Link(type="WORKS_AT", from_id=p.person.id, to_id=actor.id, function=fn),
                ("function",),
            ),
            (Link(type="CONTACT_FOR", from_id=p.person.id, to_id=actor.id, role=CONTACT_ROLE), ()),
        ):
            adds |= ctx.linker.want(
                row,
                link,
                ("Person", "Actor"),
                name=f"{p.person.display_name} – {actor.name}",
                fields=fields_set,
                stored_ends=ends,
            )
    adds |= _vocabulary_links(ctx, row, v, actor, values, region, stored)
    if merged_row and not adds and not contacts:
        row.action = "duplicate"
    elif row.action not in ("review",):
        row.action = "unchanged"


def _vocabulary_links(
    ctx: Context,
    row: RowResult,
    v: dict[str, str],
    actor: Actor,
    values: dict[str, list[tuple[str, str, str]]],
    region: list[tuple[str, str, str]],
    stored: bool,
) -> bool:
    adds = False
    seats = ctx.actors.seats.get(actor.id, []) if stored else []
    if not region and not seats and not stored:
        found = ctx.vocab.region_of(actor.postcode, actor.town)
        if found:
            region = [("", found, ctx.vocab.title("Region", found))]
    wanted = {**values, "region": region[:1]}
    if len(region) > 1:
        row.warnings.append(f"Sitz: nur „{region[0][0]}“ wird übernommen (ein Sitz je Akteur)")
    for field_name, items in wanted.items():
        type_name, label, role_field = _LINKS.get(field_name, ("LOCATED_IN", "Region", ""))
        role = v.get(role_field, "") if role_field else ""
        for value, target, title in items:
            if not target:
                row.warnings.append(
                    f"{field_title(field_name)}: „{value[:60]}“ wird nicht übernommen "
                    "(keinem Eintrag zugeordnet)"
                )
                continue
            if type_name == "LOCATED_IN" and seats and target not in seats:
                row.warnings.append("Sitz: der gespeicherte Sitz bleibt (in netzwerk ändern)")
                continue
            link = Link(type=type_name, from_id=actor.id, to_id=target, role=role)
            adds |= ctx.linker.want(
                row,
                link,
                ("Actor", label),
                name=title or value,
                fields=("role",) if role else (),
                stored_ends=stored and target not in ctx.vocab.created,
            )
    return adds
