"""Persons from cells, shared by the person list (``persons``) and the partner list (its
contact persons).

Both kinds read a person the same way (one name cell split into title, first and last name,
consent as ja/nein with a date), match it the same way (e-mail, else name at the same
employer; uncertain matches go to the review) and plan it the same way, so a person comes
out the same whichever list brought it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.model import Actor, Person
from netzwerk.graph.imports import cells, names
from netzwerk.graph.imports.context import Context, merged, set_fields
from netzwerk.graph.imports.known import name_key
from netzwerk.graph.imports.plan import NEW, SKIP, Part, RowResult, stable_id

_CONSENT = ("newsletter", "contact")
_SHARED = (
    *(f"consent_{p}{s}" for p in _CONSENT for s in ("", "_date", "_source")),
    "legal_basis",
    "notes",
)


_EMAILS = re.compile(r"[^\s<>\"',;/()]+@[^\s<>\"',;/()]+")
_NAME_PARTS = ("salutation", "title", "first_name", "last_name", "function")


def _listed(cell: str) -> list[str]:
    """The values of a contact column: split on ";", line breaks and " / "."""
    return [w for p in cells.pieces(cell) for w in re.split(r"\s+/\s+", p) if w]


def contacts(v: dict[str, str]) -> list[dict[str, str]]:
    """The contact persons of a partner row as person cells (parsed name parts, ``email``,
    …): a name cell may name several persons ("Frau A / Herr B"); the n-th with the n-th
    e-mail address, function and phone. One phone number or function for several persons
    is everybody's (an office line); an e-mail address never is (it identifies a person).
    Consent columns apply to all."""
    found = names.parse_names(v["contact_name"]) if v.get("contact_name") else []
    lists: dict[str, list[str]] = {
        # addresses found in the cell; a cell without one is kept as written, so that the
        # record's validation names it and leaves it out with a warning
        "email": _EMAILS.findall(v.get("contact_email", "")) or _listed(v.get("contact_email", "")),
        "phone": _listed(v.get("contact_phone", "")),
        "function": _listed(v.get("contact_function", "")),
        "salutation": _listed(v.get("contact_salutation", "")),
        "title": _listed(v.get("contact_title", "")),
        "first_name": _listed(v.get("contact_first_name", "")),
        "last_name": _listed(v.get("contact_last_name", "")),
    }
    n = max([len(found), *(len(vs) for vs in lists.values())])
    shared = {f: v[f] for f in _SHARED if f in v}
    out = []
    for i in range(n):
        c: dict[str, str] = {}
        for f, vs in lists.items():
            if i < len(vs):
                c[f] = vs[i]
            elif len(vs) == 1 and f in ("phone", "function"):
                c[f] = vs[0]
        if i < len(found):
            parsed = found[i]
            c["read_as"] = parsed.shown()
            c["written"] = v["contact_name"]
            for f in _NAME_PARTS:
                if getattr(parsed, f) and not (f == "function" and c.get(f)):
                    c[f] = getattr(parsed, f)
        out.append({**c, **shared})
    return out


_PERSON_CELLS = ("email", "phone", "function", "salutation", "title", "first_name", "last_name")


def people(v: dict[str, str]) -> list[dict[str, str]]:
    """The persons of a person-list row: the row itself, or, when its name cell names
    several persons ("Frau Klein / Herr Demir"), one cell set per person, split the way a
    partner list's contact cells are (the n-th name with the n-th e-mail address)."""
    if len(names.parse_names(v.get("full_name", ""))) < 2:
        return [v]
    as_contact = {f"contact_{f}": v[f] for f in _PERSON_CELLS if f in v}
    as_contact["contact_name"] = v["full_name"]
    rest = {k: val for k, val in v.items() if k not in _PERSON_CELLS and k != "full_name"}
    return [{**rest, **c} for c in contacts(as_contact)]


def _name(c: dict[str, str]) -> names.Name:
    """The name parts of person cells: one name cell parsed, or the name columns cleaned
    of a salutation or title written into them ("Frau Renate" in Vorname)."""
    if not c.get("last_name") and c.get("full_name"):
        found = names.parse_names(c["full_name"])
        first = found[0] if found else names.Name()
        return names.Name(
            c.get("salutation", "") or first.salutation,
            c.get("title", "") or first.title,
            first.first_name,
            first.last_name,
            first.function,
        )
    return names.clean(
        c.get("salutation", ""), c.get("title", ""), c.get("first_name", ""), c.get("last_name", "")
    )


def person_fields(ctx: Context, c: dict[str, str], row: RowResult) -> dict[str, Any]:
    """Person fields from cells; errors (bad yes/no, date, legal basis) go to the row."""
    name = _name(c)
    fields: dict[str, Any] = {
        "salutation": name.salutation,
        "title": name.title,
        "first_name": name.first_name,
        "last_name": name.last_name,
        "function": c.get("function", "") or name.function,
        "email": c.get("email", ""),
        "phone": c.get("phone", ""),
        "notes": c.get("notes", ""),
        "legal_basis": "",
    }
    written = c.get("written") or c.get("full_name", "")
    if written and (name.salutation or name.title or name.function or "," in written):
        read = c.get("read_as") or name.shown() or "–"
        row.readings.append(Said(N_("„%(written)s“ → %(read)s"), written=written[:80], read=read))
    if c.get("legal_basis"):
        target, _ = ctx.vocab.take("legal_basis", c["legal_basis"])
        if not target:
            row.error(
                "legal_basis",
                Said(
                    N_("„%(value)s“ ist keine bekannte Rechtsgrundlage"),
                    value=c["legal_basis"][:80],
                ),
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
    # "Herr und Frau Klein": without first names, the salutation tells the two apart
    first = fields["first_name"] or fields.get("salutation", "")
    nkey = name_key(f"{first} {fields['last_name']}")
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
