"""The dry run: turn a mapped table into records, match them with what is stored, and say
per row what an import would do — before anything is written.

Ids are derived from content (a hash of the folded name and postcode of an actor, of the
e-mail or name + employer of a person) and existing records are matched first by name or
e-mail, so importing the same file twice, or re-running an interrupted import, finds every
record again instead of creating duplicates. Existing values are only overwritten by
non-empty cells: a column the file does not have never blanks a stored field.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from netzwerk.graph import history
from netzwerk.graph.codec import from_store
from netzwerk.graph.errors import FieldError, ValidationError
from netzwerk.graph.imports.mapping import FIELDS, KINDS, fold, missing_required
from netzwerk.graph.imports.reader import Table
from netzwerk.graph.model import (
    ACTOR_KINDS,
    COOPERATION_KINDS,
    INTENSITIES,
    LEGAL_BASES,
    SPONSORSHIPS,
    Actor,
    Link,
    Node,
    Person,
)
from netzwerk.graph.store import Store
from netzwerk.graph.validation import label, parse_date, validate_link, validate_node
from netzwerk.graph.values import canonical

ACTIONS = {
    "create": "neu",
    "update": "wird aktualisiert",
    "unchanged": "unverändert",
    "duplicate": "doppelt in der Datei",
    "error": "fehlerhaft",
}
_LEGAL_FORMS = {
    "ev",
    "e",
    "v",
    "gmbh",
    "ggmbh",
    "ag",
    "kg",
    "gbr",
    "mbh",
    "ug",
    "der",
    "die",
    "das",
    "und",
    "fuer",
}
_TITLES = ("Prof. Dr.", "Prof.", "Dr. med.", "Dr. phil.", "Dr.", "Dipl.-Ing.", "Mag.")
_TRUE = {"ja", "j", "x", "1", "true", "wahr", "yes", "y", "ok", "liegt vor", "✓"}
_FALSE = {"nein", "n", "0", "false", "falsch", "no", "", "-", "liegt nicht vor"}


@dataclass
class RowResult:
    """What the import does with one row (``number`` is the line in the file, header = 1)."""

    number: int
    action: str
    name: str = ""
    record_id: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    duplicate_of: int | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)
    """Field → [old, new] of an update (the model's JSON form), for the preview."""

    @property
    def changed(self) -> list[str]:
        """German titles of the changed fields."""
        return [label(k) for k in self.changes]

    @property
    def action_title(self) -> str:
        return ACTIONS[self.action]

    def messages(self) -> list[str]:
        """Each error as "Feld: Grund", for tables and the CLI."""
        return [f"{label(f)}: {m}" for f, ms in self.errors.items() for m in ms]


@dataclass
class ImportPlan:
    """The result of the dry run; :func:`netzwerk.graph.operations.commit_import` writes it."""

    kind: str
    filename: str
    headers: list[str]
    mapping: list[str]
    results: list[RowResult] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    node_rows: list[int] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    link_rows: list[int] = field(default_factory=list)
    link_update: bool = False
    warnings: list[str] = field(default_factory=list)
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Record or link id → the fields this file sets on it (an update leaves the others
    as they are at commit time, even if someone changed them after the dry run)."""

    def count(self, action: str) -> int:
        return sum(1 for r in self.results if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in ACTIONS}

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.results if r.action == "error"]

    @property
    def similar(self) -> list[RowResult]:
        return [r for r in self.results if any(w.startswith("ähnlich") for w in r.warnings)]

    @property
    def blocking(self) -> bool:
        """Whether the import must not run as a whole (only "nur gültige Zeilen" may)."""
        return bool(self.errors)

    def valid_rows(self) -> set[int]:
        return {r.number for r in self.results if r.action != "error"}


def stable_id(prefix: str, *parts: str) -> str:
    """An id derived from content, so re-importing a row finds the same record."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{digest}"


def name_key(name: str) -> str:
    """Folded name for exact matching: "VHS Trier e.V." and "vhs  trier e. V." agree."""
    return fold(name)


def loose_key(name: str) -> str:
    """Name without legal forms and filler words, tokens sorted: catches near-duplicates
    such as "Verein für Lesen e.V." vs "Lesen Verein" in O(1) per row."""
    tokens = [t for t in fold(name).split() if t not in _LEGAL_FORMS]
    return " ".join(sorted(tokens))


@lru_cache(maxsize=64)
def _choices(allowed: tuple[str, ...]) -> dict[str, str]:
    return {fold(a): a for a in allowed}


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    """The allowed value that matches case- and accent-insensitively, else ``value``."""
    return _choices(allowed).get(fold(value), value) if value else value


def _bool(value: str, field_name: str, errors: dict[str, list[str]]) -> bool | None:
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False if v else None
    errors.setdefault(field_name, []).append("muss ja oder nein sein")
    return None


def _date(value: str, field_name: str, errors: dict[str, list[str]]) -> Any:
    try:
        return parse_date(
            value[:10] if re.match(r"^\d{4}-\d\d-\d\dT", value) else value, field_name
        )
    except ValidationError as exc:
        for f, ms in exc.by_field().items():
            errors.setdefault(f, []).extend(ms)
        return None


class _Similar:
    """Near-duplicate lookup: exact loose key, or difflib on names with the same start."""

    def __init__(self) -> None:
        self.loose: dict[str, str] = {}
        self.by_prefix: dict[str, list[str]] = {}

    def add(self, name: str) -> None:
        self.loose.setdefault(loose_key(name), name)
        key = name_key(name)[:5]
        bucket = self.by_prefix.setdefault(key, [])
        if len(bucket) < 50:
            bucket.append(name)

    def find(self, name: str) -> str | None:
        hit = self.loose.get(loose_key(name))
        if hit and name_key(hit) != name_key(name):
            return hit
        folded = name_key(name)
        for other in self.by_prefix.get(folded[:5], []):
            of = name_key(other)
            if of == folded:
                continue
            m = difflib.SequenceMatcher(None, folded, of)
            if m.quick_ratio() >= 0.9 and m.ratio() >= 0.9:
                return other
        return None


def _values(table: Table, mapping: list[str], row: list[str]) -> dict[str, str]:
    return {f: row[i] for i, f in enumerate(mapping) if f and i < len(row) and row[i] != ""}


def _merge(cls: type[Node], existing: Node | None, updates: dict[str, Any]) -> Node:
    if existing is None:
        return cls(**updates)
    keep = {k: v for k, v in updates.items() if v not in ("", None)}
    return dataclasses.replace(existing, **keep)


def _validate(obj: Node, errors: dict[str, list[str]]) -> Node | None:
    try:
        return validate_node(obj)
    except ValidationError as exc:
        for f, ms in exc.by_field().items():
            errors.setdefault(f, []).extend(ms)
        return None


def _set_fields(updates: dict[str, Any]) -> tuple[str, ...]:
    """The fields a row sets: its non-empty cells (an empty cell never blanks a field)."""
    return tuple(sorted(k for k, v in updates.items() if v not in ("", None)))


class _Actors:
    """Existing actors by folded name (and name + postcode), for all three kinds."""

    def __init__(self, store: Store):
        self.by_id: dict[str, Actor] = {}
        self.by_name: dict[str, list[Actor]] = {}
        self.similar = _Similar()
        for r in store.read("imports/existing_actors"):
            a = from_store(Actor, r["node"])
            self.add(a)

    def add(self, a: Actor) -> None:
        self.by_id[a.id] = a
        self.by_name.setdefault(name_key(a.name), []).append(a)
        if a.short_name:
            self.by_name.setdefault(name_key(a.short_name), []).append(a)
        self.similar.add(a.name)

    def match(self, name: str, postcode: str = "") -> Actor | None:
        found = self.by_name.get(name_key(name), [])
        if postcode:
            same = [a for a in found if a.postcode == postcode]
            if same:
                return same[0]
            found = [a for a in found if not a.postcode]
        return found[0] if len(found) == 1 or (found and not postcode) else None

    def lookup(self, name: str) -> tuple[Actor | None, str]:
        """The one actor called ``name`` (or with that short name), else why not (German)."""
        found = list({a.id: a for a in self.by_name.get(name_key(name), [])}.values())
        if len(found) == 1:
            return found[0], ""
        if found:
            places = ", ".join(sorted({a.town or a.postcode or a.id for a in found}))[:120]
            return None, (
                f"„{name[:80]}“ ist mehrdeutig: {len(found)} Akteure heißen so ({places}) – "
                "bitte den Namen eindeutig machen"
            )
        return None, f"„{name[:80]}“ ist kein bekannter Akteur"


def _plan_actors(store: Store, table: Table, plan: ImportPlan, progress: Callable) -> None:
    known = _Actors(store)
    seen: dict[str, int] = {}
    for i, row in enumerate(table.rows):
        number = i + 2
        v = _values(table, plan.mapping, row)
        errors: dict[str, list[str]] = {}
        warnings: list[str] = []
        town, postcode = v.get("town", ""), v.get("postcode", "")
        m = re.match(r"^(\d{5})\s+(.+)$", town)
        if m and not postcode:
            postcode, town = m.group(1), m.group(2)
        website = v.get("website", "")
        if website and re.match(r"^www\.", website, re.IGNORECASE):
            website = "https://" + website
        fields = {
            "name": v.get("name", ""),
            "short_name": v.get("short_name", ""),
            "kind": _choice(v.get("kind", ""), ACTOR_KINDS),
            "sponsorship": _choice(v.get("sponsorship", ""), SPONSORSHIPS),
            "street": v.get("street", ""),
            "postcode": postcode,
            "town": town,
            "website": website,
            "email": v.get("email", ""),
            "phone": v.get("phone", ""),
            "notes": v.get("notes", ""),
        }
        name = fields["name"].strip()
        # a name of punctuation only folds to "": then the name itself is the key
        key = f"{name_key(name) or name}|{postcode.strip()}"
        if name and key in seen:
            plan.results.append(RowResult(number, "duplicate", name, duplicate_of=seen[key]))
            continue
        existing = known.match(name, postcode.strip()) if name else None
        if existing is None and not fields["kind"]:
            fields["kind"] = "Sonstige"
        obj = _merge(Actor, existing, fields)
        if existing is None:
            obj = dataclasses.replace(
                obj, id=stable_id("actor", name_key(name) or name, postcode.strip())
            )
        cleaned = _validate(obj, errors)
        if cleaned is None:
            plan.results.append(RowResult(number, "error", name, errors=errors))
            continue
        seen[key] = number
        if existing is None:
            hit = known.similar.find(name)
            if hit:
                warnings.append(f"ähnlich wie vorhandener Akteur „{hit}“")
            action, changed = "create", {}
        else:
            changed = history.diff(existing, cleaned)
            action = "update" if changed else "unchanged"
        plan.results.append(
            RowResult(number, action, name, cleaned.id, warnings=warnings, changes=changed)
        )
        if action != "unchanged":
            plan.nodes.append(cleaned)
            plan.node_rows.append(number)
            plan.fields[cleaned.id] = _set_fields(fields)
        if i % 1000 == 0:
            progress(i, len(table.rows))


def _split_name(full: str) -> tuple[str, str, str]:
    """ "Dr. Eva Maria Müller" → ("Dr.", "Eva Maria", "Müller"); "Müller, Eva" too."""
    title = ""
    text = full.strip()
    for t in _TITLES:
        if text.startswith(t + " "):
            title, text = t, text[len(t) :].strip()
            break
    if "," in text:
        last, first = (p.strip() for p in text.split(",", 1))
        return title, first, last
    parts = text.rsplit(" ", 1)
    return (title, parts[0], parts[1]) if len(parts) == 2 else (title, "", text)


def _plan_persons(store: Store, table: Table, plan: ImportPlan, progress: Callable) -> None:
    actors = _Actors(store)
    by_email: dict[str, Person] = {}
    by_name_org: dict[tuple[str, str], Person] = {}
    similar = _Similar()
    for r in store.read("imports/existing_persons"):
        p = from_store(Person, r["node"])
        if p.email:
            by_email.setdefault(p.email.lower(), p)
        for aid in r["actor_ids"] or [""]:
            by_name_org.setdefault((name_key(f"{p.first_name} {p.last_name}"), aid), p)
        similar.add(f"{p.first_name} {p.last_name}")
    seen: dict[str, int] = {}
    for i, row in enumerate(table.rows):
        number = i + 2
        v = _values(table, plan.mapping, row)
        errors: dict[str, list[str]] = {}
        warnings: list[str] = []
        title, first, last = v.get("title", ""), v.get("first_name", ""), v.get("last_name", "")
        if not last and v.get("full_name"):
            t2, first2, last = _split_name(v["full_name"])
            title, first = title or t2, first or first2
        actor: Actor | None = None
        org = v.get("organisation", "")
        if org:
            actor, why = actors.lookup(org)
            if actor is None:
                hint = (
                    ""
                    if "mehrdeutig" in why
                    else (" – bitte zuerst die Akteure importieren oder den Namen angleichen")
                )
                errors.setdefault("organisation", []).append(why + hint)
        fields: dict[str, Any] = {
            "title": title,
            "first_name": first,
            "last_name": last,
            "function": v.get("function", ""),
            "email": v.get("email", ""),
            "phone": v.get("phone", ""),
            "notes": v.get("notes", ""),
            "legal_basis": _choice(v.get("legal_basis", ""), LEGAL_BASES),
        }
        for purpose in ("newsletter", "contact"):
            f = f"consent_{purpose}"
            if f in v:
                fields[f] = _bool(v[f], f, errors)
            if f"{f}_date" in v:
                fields[f"{f}_date"] = _date(v[f"{f}_date"], f"{f}_date", errors)
            fields[f"{f}_source"] = v.get(f"{f}_source", "")
        email = fields["email"].strip().lower()
        aid = actor.id if actor else ""
        nkey = name_key(f"{first} {last}") or f"{first} {last}".strip()
        key = email or f"{nkey}|{aid}"
        if (last or email) and key in seen:
            plan.results.append(
                RowResult(number, "duplicate", f"{first} {last}".strip(), duplicate_of=seen[key])
            )
            continue
        existing = by_email.get(email) if email else None
        existing = existing or by_name_org.get((nkey, aid))
        if existing is None:
            for purpose in ("newsletter", "contact"):
                if fields.get(f"consent_{purpose}") is None:
                    fields[f"consent_{purpose}"] = False
        obj = _merge(Person, existing, fields)
        if existing is None:
            obj = dataclasses.replace(obj, id=stable_id("person", email or f"{nkey}|{aid}"))
        cleaned = _validate(obj, errors)
        name = f"{first} {last}".strip()
        if cleaned is None or errors:
            plan.results.append(RowResult(number, "error", name, errors=errors))
            continue
        seen[key] = number
        if existing is None:
            hit = similar.find(name)
            if hit:
                warnings.append(f"ähnlich wie vorhandene Person „{hit}“")
            action, changed = "create", {}
        else:
            changed = history.diff(existing, cleaned)
            action = "update" if changed else "unchanged"
        plan.results.append(
            RowResult(number, action, name, cleaned.id, warnings=warnings, changes=changed)
        )
        if action != "unchanged":
            plan.nodes.append(cleaned)
            plan.node_rows.append(number)
            plan.fields[cleaned.id] = _set_fields(fields)
        if actor is not None:
            plan.links.append(
                Link(
                    type="WORKS_AT",
                    from_id=cleaned.id,
                    to_id=actor.id,
                    id=stable_id("works_at", cleaned.id, actor.id),
                    function=cleaned.function,
                )
            )
            plan.link_rows.append(number)
        if i % 1000 == 0:
            progress(i, len(table.rows))


def _plan_cooperations(store: Store, table: Table, plan: ImportPlan, progress: Callable) -> None:
    actors = _Actors(store)
    existing: dict[tuple[str, str], Link] = {}
    for r in store.read("imports/existing_cooperations"):
        data = {
            k: v
            for k, v in r["link"].items()
            if k in {f.name for f in dataclasses.fields(Link)} and v is not None
        }
        existing[(r["from_id"], r["to_id"])] = Link(
            **{**data, "type": "COOPERATES_WITH", "from_id": r["from_id"], "to_id": r["to_id"]}
        )
    plan.link_update = True
    seen: dict[tuple[str, str], int] = {}
    for i, row in enumerate(table.rows):
        number = i + 2
        v = _values(table, plan.mapping, row)
        errors: dict[str, list[str]] = {}
        ends = []
        for f in ("from_actor", "to_actor"):
            name = v.get(f, "")
            a, why = actors.lookup(name) if name else (None, "ist ein Pflichtfeld")
            if a is None:
                errors.setdefault(f, []).append(why)
            ends.append(a)
        intensity: int | None = None
        raw = v.get("intensity", "").strip()
        if raw:
            names = {fold(t): k for k, t in INTENSITIES.items()}
            intensity = int(raw) if raw.isdigit() else names.get(fold(raw))
            if intensity not in INTENSITIES:
                errors.setdefault("intensity", []).append(
                    "muss 1 (lose), 2 (regelmäßig) oder 3 (eng) sein"
                )
                intensity = None
        since = _date(v.get("since", ""), "since", errors)
        until = _date(v.get("until", ""), "until", errors)
        title = f"{v.get('from_actor', '')} – {v.get('to_actor', '')}"
        if errors or ends[0] is None or ends[1] is None:
            plan.results.append(RowResult(number, "error", title, errors=errors))
            continue
        link = canonical(
            Link(
                type="COOPERATES_WITH",
                from_id=ends[0].id,
                to_id=ends[1].id,
                kind=_choice(v.get("kind", ""), COOPERATION_KINDS),
                intensity=intensity,
                since=since,
                until=until,
                source=v.get("source", ""),
                note=v.get("note", ""),
            )
        )
        pair = (link.from_id, link.to_id)
        if pair in seen:
            plan.results.append(RowResult(number, "duplicate", title, duplicate_of=seen[pair]))
            continue
        before = existing.get(pair)
        keep: dict[str, Any] = {}
        if before is not None:
            keep = {
                k: getattr(link, k) for k in link.spec.fields if getattr(link, k) not in ("", None)
            }
            link = dataclasses.replace(before, **keep)
        else:
            link = dataclasses.replace(link, id=stable_id("cooperates_with", *pair))
        try:
            link = validate_link(link)
        except ValidationError as exc:
            plan.results.append(RowResult(number, "error", title, errors=exc.by_field()))
            continue
        seen[pair] = number
        if before is None:
            action, changed = "create", {}
        else:
            changed = history.diff(before, link)
            action = "update" if changed else "unchanged"
        plan.results.append(RowResult(number, action, title, link.id, changes=changed))
        if action != "unchanged":
            plan.links.append(link)
            plan.link_rows.append(number)
            plan.fields[link.id] = tuple(sorted(keep)) if before is not None else ()
        if i % 1000 == 0:
            progress(i, len(table.rows))


def _noop(done: int, total: int) -> None:
    return None


def dry_run(
    store: Store,
    table: Table,
    kind: str,
    mapping: list[str],
    *,
    progress: Callable[[int, int], None] = _noop,
) -> ImportPlan:
    """Plan an import without writing; raises :class:`ValidationError` for a bad mapping."""
    if kind not in KINDS:
        raise ValidationError([FieldError("kind", "ist keine bekannte Importart")])
    mapping = [m if m in FIELDS[kind] else "" for m in mapping][: len(table.headers)]
    mapping += [""] * (len(table.headers) - len(mapping))
    errors: list[FieldError] = []
    missing = missing_required(kind, mapping)
    if missing:
        errors.append(
            FieldError("mapping", "Keine Spalte ist zugeordnet für: " + ", ".join(missing))
        )
    dup = {m for m in mapping if m and mapping.count(m) > 1}
    if dup:
        labels = ", ".join(FIELDS[kind][m] for m in sorted(dup))
        errors.append(
            FieldError("mapping", f"Mehrere Spalten sind demselben Feld zugeordnet: {labels}")
        )
    if errors:
        raise ValidationError(errors)
    plan = ImportPlan(
        kind=kind,
        filename=table.filename,
        headers=table.headers,
        mapping=mapping,
        warnings=list(table.warnings),
    )
    {"actors": _plan_actors, "persons": _plan_persons, "cooperations": _plan_cooperations}[kind](
        store, table, plan, progress
    )
    formula = sum(
        1
        for row in table.rows
        for c in row
        if c[:1] in ("=", "+", "@") and not re.match(r"^\+?[0-9 ()/.\-]+$", c)
    )
    if formula:
        plan.warnings.append(
            f"{formula} Zellen beginnen mit „=“, „+“ oder „@“ (Formeln?). Sie werden als Text "
            "übernommen und beim Export entschärft."
        )
    progress(len(table.rows), len(table.rows))
    return plan
