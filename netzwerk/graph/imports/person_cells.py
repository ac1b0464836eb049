"""Persons from cells, shared by the person list (``persons``) and the partner list (its
contact persons).

Both kinds read a person the same way (one name cell split into title, first and last name,
consent as ja/nein with a date), match it the same way (e-mail, else name at the same
employer; uncertain matches go to the review) and plan it the same way, so a person comes
out the same whichever list brought it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Actor, Person
from netzwerk.graph.imports import cells
from netzwerk.graph.imports.context import Context, merged, set_fields
from netzwerk.graph.imports.fields import CONTACT_LISTS
from netzwerk.graph.imports.known import name_key
from netzwerk.graph.imports.plan import NEW, SKIP, Part, RowResult, stable_id

_CONSENT = ("newsletter", "contact")
_SHARED = (
    *(f"consent_{p}{s}" for p in _CONSENT for s in ("", "_date", "_source")),
    "legal_basis",
    "notes",
)


def contacts(v: dict[str, str]) -> list[dict[str, str]]:
    """The contact persons of a partner row as person cells (``full_name``, ``email``, …):
    the n-th name with the n-th e-mail, function and phone; consent columns apply to all."""
    lists = {f.removeprefix("contact_"): cells.pieces(v[f]) for f in CONTACT_LISTS if f in v}
    lists = {("full_name" if f == "name" else f): vs for f, vs in lists.items()}
    n = max((len(vs) for vs in lists.values()), default=0)
    shared = {f: v[f] for f in _SHARED if f in v}
    return [{**{f: vs[i] for f, vs in lists.items() if i < len(vs)}, **shared} for i in range(n)]


def person_fields(ctx: Context, c: dict[str, str], row: RowResult) -> dict[str, Any]:
    """Person fields from cells; errors (bad yes/no, date, legal basis) go to the row."""
    title, first, last = c.get("title", ""), c.get("first_name", ""), c.get("last_name", "")
    if not last and c.get("full_name"):
        t2, first2, last = cells.split_name(c["full_name"])
        title, first = title or t2, first or first2
    fields: dict[str, Any] = {
        "title": title,
        "first_name": first,
        "last_name": last,
        "function": c.get("function", ""),
        "email": c.get("email", ""),
        "phone": c.get("phone", ""),
        "notes": c.get("notes", ""),
        "legal_basis": "",
    }
    if c.get("legal_basis"):
        target, _ = ctx.vocab.take("legal_basis", c["legal_basis"])
        if not target:
            row.error(
                "legal_basis", f"„{c['legal_basis'][:80]}“ ist keine bekannte Rechtsgrundlage"
            )
        fields["legal_basis"] = target
    for purpose in _CONSENT:
        f = f"consent_{purpose}"
        if f in c:
            fields[f] = cells.parse_bool(c[f], f, row.errors)
        if f"{f}_date" in c:
            fields[f"{f}_date"] = cells.parse_day(c[f"{f}_date"], f"{f}_date", row.errors)
        fields[f"{f}_source"] = c.get(f"{f}_source", "")
    return fields


@dataclass
class Prepared:
    """A person a row will write (validated), before anything is added to the plan."""

    person: Person | None
    part: Part | None
    key: str
    fields: tuple[str, ...]
    is_new: bool
    open_review: bool = False


def prepare(
    ctx: Context, row: RowResult, fields: dict[str, Any], actor: Actor | None
) -> Prepared | None:
    """Match and validate a person; ``None`` if the row must leave it out (error or "skip").

    Side effects are limited to registering an uncertain match for the review; the caller
    adds the person with :func:`apply` once the whole row is valid.
    """
    email = str(fields["email"]).strip().lower()
    aid = actor.id if actor else ""
    nkey = name_key(f"{fields['first_name']} {fields['last_name']}")
    key = email or f"{nkey}|{aid}"
    seen = ctx.seen.get("person:" + key)
    if seen is not None:
        return Prepared(ctx.persons.by_id[seen[0]], None, key, (), False)
    incoming = Person(**{k: v for k, v in fields.items() if v is not None})
    match, warning = ctx.persons.match(incoming, aid)
    if warning:
        row.warnings.append(warning)
    existing = match.record
    if existing is None and match.candidates:
        decision = ctx.review(
            "person:" + key,
            "Person",
            incoming.display_name,
            {N_("Funktion"): incoming.function, N_("E-Mail"): incoming.email},
            row.number,
            match.candidates,
        )
        if not decision:
            return Prepared(None, None, key, (), False, open_review=True)
        if decision == SKIP:
            return None
        if decision != NEW:
            existing = ctx.persons.by_id[decision]
    new = dict(fields)
    if existing is None:
        for purpose in _CONSENT:
            if new.get(f"consent_{purpose}") is None:
                new[f"consent_{purpose}"] = False
        new["id"] = stable_id("person", key)
    obj = merged(Person, existing, new, blank=False)
    person, part = ctx.record(row, existing, obj, (), apply=False)
    if person is None:
        return None
    return Prepared(person, part, key, set_fields(fields), existing is None)


def apply(ctx: Context, row: RowResult, p: Prepared, actor: Actor | None) -> None:
    """Add a prepared person to the plan (and to what later rows match against)."""
    if p.person is None:
        return
    if p.part is not None:
        ctx.add(row, p.person, p.part, p.fields)
        ctx.seen["person:" + p.key] = (p.person.id, row.number)
        ctx.persons.add(p.person, [actor.id] if actor else [], planned=p.is_new)
