"""The office's partner list: one row per organisation, with what hangs on it.

A row can carry an actor, its contact person(s), topics, stages, target groups, regions and
alliance/project memberships with a role; an actor list is the same without those columns.
Several rows may name the same organisation (one row per contact person is common): the
first row gives the actor's fields, later rows add their persons and links, and a later row
that adds nothing is a duplicate.

A cell that cannot be taken (an invalid e-mail address, a value mapped to "nicht
übernehmen") is left out with a warning and the rest of the row is imported; a row without a
name is an error. A row is planned only when all of it that is kept is valid, so "nur gültige
Zeilen importieren" never writes half a row.

The "Träger" column (the sponsoring body: "Caritasverband Trier e.V.", "Stadt Trier") is a
text field of the actor, not a link to another actor: lists write the body in free
spelling, and most bodies (a diocese, a town, a GmbH) are no partners of the network, so a
link would fill the network with unmatched duplicates; as a field it is searchable and can
be matched to an actor later. It also proposes the kind of sponsorship (öffentlich, frei,
privat) of a new actor.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.model import Actor, Link
from netzwerk.graph.core.validation import validate_node
from netzwerk.graph.core.values import fold
from netzwerk.graph.imports import cells, person_cells
from netzwerk.graph.imports.context import Context, merged, set_fields
from netzwerk.graph.imports.known import actor_details, name_key
from netzwerk.graph.imports.plan import NEW, SKIP, RowResult, field_title, stable_id
from netzwerk.graph.imports.vocab import kind_from_name

_ACTOR_TEXT = ("name", "short_name", "sponsor", "email", "phone", "notes")
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
_DATED = frozenset({"alliances", "projects"})
"""Links a "seit"/"bis" column dates: memberships and project roles."""
_PUBLIC = re.compile(
    r"\b(stadt|landkreis|kreis|verbandsgemeinde|gemeinde|ortsgemeinde|land|bezirk|kommune|"
    r"bund|ministerium|zweckverband)\b"
)
_FREE = re.compile(
    r"\b(caritas\w*|diakon\w*|awo|arbeiterwohlfahrt|drk|rotes kreuz|paritaet\w*|lebenshilfe|"
    r"kirch\w*|bistum|dekanat|pfarr\w*|evangelisch\w*|katholisch\w*|e v|verein|stiftung|ggmbh|"
    r"gemeinnuetzig\w*|johanniter|malteser)\b"
)
_PRIVATE = re.compile(r"\b(gmbh|ag|kg|ohg|ug|gbr|inhaber\w*)\b")


def sponsorship_of(sponsor: str) -> str:
    """The kind of sponsorship a sponsoring body's name tells ("Stadt Trier" → öffentlich,
    "Caritasverband Trier e.V." → frei, "Kita Sonnenschein GmbH" → privat), or ""."""
    key = fold(sponsor)
    for pattern, kind in ((_FREE, "frei"), (_PUBLIC, "öffentlich"), (_PRIVATE, "privat")):
        if pattern.search(key):
            return kind
    return ""


def _choice(ctx: Context, row: RowResult, field_name: str, value: str) -> str:
    """A one-value list cell (Art, Trägerschaft) as its entry. A value mapped to "nicht
    übernehmen", or not mapped yet, is left out with a warning that names it: the rest of
    the row is still imported."""
    if not value:
        return ""
    target, _ = ctx.vocab.take(field_name, value)
    if not target:
        row.warnings.append(
            Said(
                N_(
                    "%(label)s: „%(value)s“ wird nicht übernommen (keinem Eintrag "
                    "zugeordnet – im Schritt „Werte zuordnen“ änderbar)"
                ),
                label=field_title(field_name),
                value=value[:80],
            )
        )
    return target


def actor_fields(ctx: Context, row: RowResult, v: dict[str, str]) -> dict[str, Any]:
    street, postcode, town = cells.address(
        v.get("street", ""), v.get("postcode", "").strip(), v.get("town", "")
    )
    fields: dict[str, Any] = {f: v.get(f, "") for f in _ACTOR_TEXT}
    fields.update(
        kind=_choice(ctx, row, "kind", v.get("kind", "")),
        sponsorship=_choice(ctx, row, "sponsorship", v.get("sponsorship", "")),
        street=street,
        postcode=postcode,
        town=town,
        website=cells.website(v.get("website", "")),
    )
    return fields


def _guessed(fields: dict[str, Any], row: RowResult) -> dict[str, Any]:
    """What a new actor's row leaves open, told by its name and sponsoring body: the kind
    ("Grundschule …" → Schule) and the kind of sponsorship ("Stadt Trier" → öffentlich).
    Only for new actors, and said in the row, so the user sees where it came from."""
    out: dict[str, Any] = {}
    if not fields["kind"]:
        kind = kind_from_name(str(fields["name"]))
        if kind:
            out["kind"] = kind
            row.readings.append(Said(N_("Art aus dem Namen: %(kind)s"), kind=kind))
    if not fields["sponsorship"] and fields["sponsor"]:
        sponsorship = sponsorship_of(str(fields["sponsor"]))
        if sponsorship:
            out["sponsorship"] = sponsorship
            row.readings.append(Said(N_("Trägerschaft aus dem Träger: %(kind)s"), kind=sponsorship))
    return out


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
                    Said(
                        N_(
                            "%(label)s: „%(value)s“ weicht von Zeile %(line)s ab "
                            "(die erste Zeile gilt)"
                        ),
                        label=field_title(f),
                        value=str(value)[:60],
                        line=seen[1],
                    )
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
        new.update(_guessed(fields, row))
        new["kind"] = new["kind"] or "Sonstige"
    obj = merged(Actor, existing, new, blank=False)
    actor, part = ctx.record(row, existing, obj, (), apply=False)
    if actor is None or part is None:
        return None, False
    row.parts.append(part)  # held back from the plan until the whole row is valid
    return actor, False


def plan_row(ctx: Context, row: RowResult, v: dict[str, str]) -> None:  # noqa: C901 (complexity 15: lower, never raise)
    fields = actor_fields(ctx, row, v)
    # every row's list values are proposed, also of rows that wait for a review or fail,
    # so the value step shows all values of the file at once
    values = {f: ctx.vocab.take_cell(f, v[f]) for f in _LINKS if f in v}
    region = ctx.vocab.take_cell("region", v["region"]) if "region" in v else []
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
        fields_c = person_cells.person_fields(ctx, c, row)
        if not fields_c["last_name"]:
            said = c.get("read_as") or c.get("email") or c.get("function") or "?"
            row.warnings.append(
                Said(
                    N_("Ansprechperson: „%(value)s“ nennt keinen Namen – keine Person angelegt"),
                    value=said[:60],
                )
            )
            continue
        p = person_cells.prepare(ctx, row, fields_c, actor)
        if p is not None:
            contacts.append(p)
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
    dates = _dates(ctx, row, v)
    seats = ctx.actors.seats.get(actor.id, []) if stored else []
    if not region and not seats and not stored:
        found = ctx.vocab.region_of(actor.postcode, actor.town)
        if found:
            region = [("", found, ctx.vocab.title("Region", found))]
    wanted = {**values, "region": region[:1]}
    if len(region) > 1:
        row.warnings.append(
            Said(
                N_("Sitz: nur „%(value)s“ wird übernommen (ein Sitz je Akteur)"),
                value=region[0][0],
            )
        )
    for field_name, items in wanted.items():
        type_name, label, role_field = _LINKS.get(field_name, ("LOCATED_IN", "Region", ""))
        role = v.get(role_field, "") if role_field else ""
        for value, target, title in items:
            if not target:
                row.warnings.append(
                    Said(
                        N_(
                            "%(label)s: „%(value)s“ wird nicht übernommen (keinem Eintrag "
                            "zugeordnet)"
                        ),
                        label=field_title(field_name),
                        value=value[:60],
                    )
                )
                continue
            if type_name == "LOCATED_IN" and seats and target not in seats:
                row.warnings.append(
                    Said(N_("Sitz: der gespeicherte Sitz bleibt (in netzwerk ändern)"))
                )
                continue
            when = dates if field_name in _DATED else {}
            link = Link(
                type=type_name,
                from_id=actor.id,
                to_id=target,
                role=role,
                since=when.get("since"),
                until=when.get("until"),
            )
            adds |= ctx.linker.want(
                row,
                link,
                ("Actor", label),
                name=title or value,
                fields=(*(("role",) if role else ()), *when),
                stored_ends=stored and target not in ctx.vocab.created,
            )
    return adds


def _dates(ctx: Context, row: RowResult, v: dict[str, str]) -> dict[str, date]:
    """``since``/``until`` of the row's memberships and project roles: its "seit" and "bis"
    cells, or the end date of a sheet of former partners. A date that cannot be read is left
    out with a warning."""
    out: dict[str, date] = {}
    for f, key in (("member_since", "since"), ("member_until", "until")):
        if v.get(f):
            errors: dict[str, list[str]] = {}
            day, note = cells.parse_since(v[f], f, errors)
            if day is not None:
                out[key] = day
                if note:
                    row.readings.append(
                        Said(N_("%(label)s: %(reason)s"), label=field_title(f), reason=note)
                    )
            for m in errors.get(f, []):
                row.warnings.append(
                    Said(
                        N_("%(label)s: „%(value)s“ %(reason)s – nicht übernommen"),
                        label=field_title(f),
                        value=v[f][:40],
                        reason=m,
                    )
                )
    if ctx.choices.ended is not None and "until" not in out:
        out["until"] = ctx.choices.ended
    return out
