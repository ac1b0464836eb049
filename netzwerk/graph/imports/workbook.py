"""The network workbook read back: an edited export becomes exactly its edits.

A row with an id is the record (or relationship) of that id, and its cells are the truth:
an edited cell is an update with history, an emptied cell empties the field, and a list
cell (Themen, Sitz, …) lists all of the record's links of that kind — a name added is a new
link, a name removed removes the link. A row without an id is new and goes through the same
matching as a partner list (certain by name, uncertain ones to the review). A row deleted
from a sheet deletes nothing (it is reported); an id on two rows is refused. The hidden sheet
„Stand“ holds every exported row's values as stored at the export: a cell left as exported
is not written at all, and an edited one is merged three-way at commit, so a stale workbook
never reverts what a colleague changed in netzwerk since. An untouched workbook changes
nothing: every cell is read back as the type the model declares
(:mod:`netzwerk.graph.workbook.sheets`).

Vocabulary rows (topics, stages, target groups, regions) and links between two of them are
an admin's to change, as in the forms.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from netzwerk.graph.core import bulk
from netzwerk.graph.core.codec import field_json, field_kinds, from_store, link_from_row, same_json
from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.model import LABELS, LINK_TYPES, VOCABULARY_LABELS, Link, Node, write_role
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import validate_link
from netzwerk.graph.core.values import fold
from netzwerk.graph.imports import cooperations, partners, person_cells
from netzwerk.graph.imports import sheets as sheet_reader
from netzwerk.graph.imports.cells import Errors, parse_bool, parse_day
from netzwerk.graph.imports.context import Context, Progress, merged, noop, set_fields
from netzwerk.graph.imports.plan import Choices, ImportPlan, Part, RowResult, stable_id
from netzwerk.graph.imports.reader import Table
from netzwerk.graph.records import erasures, visibility
from netzwerk.graph.workbook.sheets import (
    BASE,
    ID,
    LIST_SEPARATOR,
    SHEETS,
    Column,
    SheetSpec,
    membership_type,
)

ORDER = (
    "Themen",
    "Bildungsstufen",
    "Zielgruppen",
    "Regionen",
    "Bündnisse",
    "Projekte",
    "Akteure",
    "Personen",
    "Kooperationen",
    "Mitgliedschaften",
)
"""Lists before what refers to them, records before relationships."""
TITLES = tuple(s.title for s in SHEETS)
_CELL_FIELD = {
    ("WORKS_ON", ""): "topics",
    ("COVERS", ""): "stages",
    ("SERVES", ""): "target_groups",
    ("LOCATED_IN", ""): "region",
    ("ACTIVE_IN", ""): "active_in",
    ("PART_OF", "Project"): "alliances",
    ("PART_OF", "Region"): "region",
}
"""The value list a list cell's names are looked up in (the import's value mapping)."""
_CHOICES = {("Actor", "kind"), ("Actor", "sponsorship"), ("Person", "legal_basis")}
_ADMIN = N_("nur Administrator:innen können Listen (Themen, Stufen, Zielgruppen, Regionen) ändern")


def from_cell(kind: str, text: str, field_name: str, errors: Errors) -> Any:
    """A cell read back as the field's type (inverse of :func:`to_cell`); an empty cell is
    the field's empty value, a bad one an error naming the field."""
    if kind == "bool":
        return bool(parse_bool(text, field_name, errors))
    if kind == "date":
        return parse_day(text, field_name, errors) if text else None
    if kind == "int":
        if not text:
            return None
        try:
            number = float(text)
            if number != int(number):
                raise ValueError(text)
            return int(number)
        except ValueError:
            errors.setdefault(field_name, []).append(N_("muss eine ganze Zahl sein"))
            return None
    return text


def _cell_field(type_name: str, label: str) -> str:
    return _CELL_FIELD.get((type_name, label)) or _CELL_FIELD[(type_name, "")]


class _Stored:
    """The stored records and links the rows with ids refer to, read in a few queries."""

    def __init__(self, store: Store, sheets: dict[str, Table]) -> None:
        self.base = _bases(sheets.get(BASE))
        """(sheet, id) → the row's values at the export (see :data:`BASE`)."""
        self.records: dict[str, dict[str, Node]] = defaultdict(dict)
        self.targets: dict[tuple[str, str], dict[str, Link]] = defaultdict(dict)
        self.links: dict[str, tuple[Link, tuple[str, str]]] = {}
        self.erased = erasures.Suppression.load(store)
        for spec in SHEETS:
            ids = _ids(sheets.get(spec.title), spec)
            if not ids:
                continue
            if spec.label in LABELS:
                self._read_records(store, spec, ids)
            else:
                types = (spec.label,) if spec.label in LINK_TYPES else _MEMBERSHIPS
                for t in types:
                    for chunk in bulk.batches(ids, bulk.BATCH_SIZE):
                        for r in store.read("imports/current_links", {"type": t}, ids=chunk):
                            lk = link_from_row(r)
                            self.links[lk.id] = (lk, (r["from_label"], r["to_label"]))

    def _read_records(self, store: Store, spec: SheetSpec, ids: list[str]) -> None:
        cls = LABELS[spec.label]
        for chunk in bulk.batches(ids, bulk.BATCH_SIZE):
            for r in store.read(
                "nodes/find_by_ids", {"label": spec.label}, ids=chunk, reader=visibility.reader()
            ):
                node = from_store(cls, r["node"])
                self.records[spec.label][node.id] = node
        for col in spec.columns:
            if not col.field.startswith("link:"):
                continue
            t = col.field.removeprefix("link:")
            lt = LINK_TYPES[t]
            idents = {"type": t, "from": spec.label, "to": lt.target_expr}
            for chunk in bulk.batches(ids, bulk.BATCH_SIZE):
                for r in store.read(
                    "workbook/links", idents, ids=chunk, both=False, reader=visibility.reader()
                ):
                    lk = link_from_row(r)
                    self.targets[(t, lk.from_id)][lk.to_id] = lk


def _bases(table: Table | None) -> dict[tuple[str, str], dict[str, Any]]:
    """The hidden base sheet read back; a damaged row is left out (the row then counts as
    edited in every cell, as a workbook without the sheet does)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for row in table.rows if table is not None else []:
        if len(row) < 4:
            continue
        try:
            values = json.loads(row[3])
        except ValueError:
            continue
        if isinstance(values, dict):
            out[(row[0], row[1])] = values
    return out


def _same_list(cell: str, base: Any) -> bool:
    def names(text: str) -> set[str]:
        return {fold(x) for x in str(text or "").split(LIST_SEPARATOR.strip()) if fold(x)}

    return names(cell) == names(base)


def _edited(
    cls: type[Node], fields: dict[str, Any], v: dict[str, str], base: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Only the cells the user changed since the export: the others are left out, so they
    never revert what someone changed in netzwerk meanwhile."""

    kept = {f: x for f, x in fields.items() if not same_json(field_json(cls, f, x), base.get(f))}
    cells = {
        k: text
        for k, text in v.items()
        if not (k.startswith("link:") and k in base and _same_list(text, base[k]))
    }
    return kept, cells


_MEMBERSHIPS = ("MEMBER_OF", "PARTICIPATES_IN", "WORKS_AT", "CONTACT_FOR")


def _ids(table: Table | None, spec: SheetSpec) -> list[str]:
    if table is None:
        return []
    cols = _columns(table, spec)
    at = next((i for i, c in enumerate(cols) if c is not None and c.field == ID), None)
    return [] if at is None else sorted({r[at] for r in table.rows if r[at]})


def _columns(table: Table, spec: SheetSpec) -> list[Column | None]:
    by_header = {fold(c.header): c for c in spec.columns}
    return [by_header.get(fold(h)) for h in table.headers]


def _typed(ctx: Context, row: RowResult, cls: type[Node], v: dict[str, str]) -> dict[str, Any]:
    """The record fields of a row's cells, each read as the model's type."""
    out: dict[str, Any] = {}
    for f, kind in field_kinds(cls).items():
        if f in Node.META or f not in v:
            continue
        if (cls.LABEL, f) in _CHOICES and v[f]:
            target, _ = ctx.vocab.take(f, v[f])
            if not target:
                row.error(
                    f,
                    Said(
                        N_("„%(value)s“ ist kein erlaubter Wert (siehe Blatt „Hinweise“)"),
                        value=v[f][:80],
                    ),
                )
            out[f] = target
        else:
            out[f] = from_cell(kind, v[f], f, row.errors)
    return out


def _list_cells(
    ctx: Context, st: _Stored, spec: SheetSpec, row: RowResult, v: dict[str, str], node: Node
) -> tuple[list[tuple[Link, str]], list[Link]]:
    """The links a row's list cells add (with the target's name) and remove."""
    adds: list[tuple[Link, str]] = []
    removes: list[Link] = []
    for col in spec.columns:
        if not col.field.startswith("link:") or col.field not in v:
            continue
        t = col.field.removeprefix("link:")
        wanted: dict[str, str] = {}
        for value, target, title in ctx.vocab.take_cell(_cell_field(t, spec.label), v[col.field]):
            if target:
                wanted[target] = title
            else:
                row.error(
                    col.header,
                    Said(N_("„%(value)s“ ist kein Eintrag in netzwerk"), value=value[:60]),
                )
        if t in ("LOCATED_IN", "PART_OF") and len(wanted) > 1:
            row.error(col.header, N_("hier ist nur ein Eintrag möglich"))
        stored = st.targets.get((t, node.id), {})
        adds += [
            (Link(type=t, from_id=node.id, to_id=k), n)
            for k, n in wanted.items()
            if k not in stored
        ]
        removes += [lk for k, lk in stored.items() if k not in wanted]
    return adds, removes


def _record_row(  # noqa: C901 (complexity 13: lower, never raise)
    ctx: Context, st: _Stored, spec: SheetSpec, row: RowResult, v: dict[str, str]
) -> None:
    cls = LABELS[spec.label]
    rid = v.get(ID, "")
    if not rid and spec.label == "Actor":
        pv = {f: t for f, t in v.items() if not f.startswith("link:")}
        pv |= {_cell_field(f[5:], "Actor"): t for f, t in v.items() if f.startswith("link:")}
        partners.plan_row(ctx, row, pv)
        return
    if not rid and spec.label == "Person":
        _new_person(ctx, row, v, st.erased)
        return
    fields = _typed(ctx, row, cls, v)
    existing = st.records[spec.label].get(rid) if rid else None
    base = st.base.get((spec.title, rid)) if existing is not None else None
    if base is not None:
        fields, v = _edited(cls, fields, v, base)
    erased_at = st.erased.erased_on(rid) if rid and existing is None else None
    if erased_at is not None:
        row.error("id", erasures.message(erased_at))
    elif rid and existing is None:
        row.error(
            "id",
            Said(
                N_("„%(value)s“ gibt es in netzwerk nicht – für neu die ID-Zelle leeren"),
                value=rid[:60],
            ),
        )
    elif not rid:
        name = str(fields.get("name", ""))
        known = ctx.vocab.by_key.get(spec.label, {}).get(fold(name))
        if known:
            row.error(
                "name",
                Said(
                    N_("„%(value)s“ gibt es schon (ID %(id)s) – bitte die ID eintragen"),
                    value=name[:60],
                    id=known,
                ),
            )
        fields["id"] = stable_id(spec.label.lower(), fold(name) or name)
    row.name = str(fields.get("name") or v.get("last_name", ""))
    if row.errors:
        row.action = "error"
        return
    obj = merged(cls, existing, fields, blank=True)
    node, part = ctx.record(row, existing, obj, set_fields(fields, blank=True), apply=False)
    adds, removes = ([], []) if node is None else _list_cells(ctx, st, spec, row, v, node)
    changes = part is not None and (part.action != "unchanged" or adds or removes)
    if changes and spec.label in VOCABULARY_LABELS and ctx.choices.role != "admin":
        row.error("id", _ADMIN)
    if row.errors or node is None or part is None:
        row.action = "error"
        return
    row.name, row.record_id = node.display_name, node.id
    ctx.add(row, node, part, set_fields(fields, blank=True))
    if base is not None and node.id in ctx.plan.fields:  # the export's values are the base
        ctx.plan.base[node.id] = {f: base.get(f) for f in ctx.plan.fields[node.id]}
    if existing is None and spec.label in ("Alliance", "Project", *VOCABULARY_LABELS):
        ctx.vocab.register(spec.label, node.id, node.display_name)
    for link, name in adds:
        ends = (spec.label, next(iter(LINK_TYPES[link.type].targets)))
        if link.type == "PART_OF":
            ends = (spec.label, "Alliance" if spec.label == "Project" else "Region")
        ctx.linker.want(row, link, ends, name=name, stored_ends=existing is not None)
    for link in removes:
        ctx.plan.unlinks.append(link)
        row.parts.append(_removal(link))


def _removal(link: Link) -> Part:
    return Part(link.spec.title, link.to_name or link.to_id, "remove")


def _new_person(
    ctx: Context, row: RowResult, v: dict[str, str], erased: erasures.Suppression
) -> None:
    fields = person_cells.person_fields(ctx, v, row)
    row.name = f"{fields['first_name']} {fields['last_name']}".strip()
    at = erased.matching(fields["first_name"], fields["last_name"], fields["email"])
    if at is not None:
        row.error("last_name", erasures.message(at))
        row.action = "error"
        return
    p = None if row.errors else person_cells.prepare(ctx, row, fields, None)
    if p is None or p.person is None:
        row.action = "error" if row.errors or p is None else "review"
        return
    person_cells.apply(ctx, row, p, None)
    row.record_id = p.person.id


def _end(
    ctx: Context, row: RowResult, f: str, v: dict[str, str], labels: tuple[str, ...]
) -> tuple[str, str]:
    """(id, label) of a relationship row's end, by its id cell or else its name cell."""
    wanted = v.get(f"{f}_id", "")
    name = v.get(f, "")
    for label in labels:
        if label == "Actor":
            a = ctx.actors.by_id.get(wanted) if wanted else ctx.actors.lookup(name)[0]
            if a is not None:
                return a.id, label
        elif label == "Person":
            p = ctx.persons.by_id.get(wanted) if wanted else ctx.persons.lookup(name)[0]
            if p is not None:
                return p.id, label
        else:
            found = wanted or ctx.vocab.by_key.get(label, {}).get(fold(name), "")
            if found in ctx.vocab.titles.get(label, {}):
                return found, label
    row.error(
        f,
        Said(N_("„%(value)s“ ist kein passender Eintrag in netzwerk"), value=(wanted or name)[:60]),
    )
    return "", ""


def _link_row(  # noqa: C901 (complexity 13: lower, never raise)
    ctx: Context, st: _Stored, spec: SheetSpec, row: RowResult, v: dict[str, str]
) -> None:
    t = spec.label if spec.label in LINK_TYPES else membership_type(v.get("type", ""))
    if t is None:
        row.error(
            "type",
            Said(
                N_("„%(value)s“ ist keine Verbindung (siehe „Hinweise“)"),
                value=v.get("type", "")[:60],
            ),
        )
        row.action = "error"
        return
    lt = LINK_TYPES[t]
    kinds = field_kinds(Link)
    fields: dict[str, Any] = {}
    for f in lt.fields:
        if f not in v:
            continue
        if f == "kind":
            fields[f] = ctx.vocab.take("cooperation_kind", v[f])[0] if v[f] else ""
        elif f == "intensity":
            fields[f] = cooperations.intensity(v[f], row)
        else:
            fields[f] = from_cell(kinds[f], v[f], f, row.errors)
    lid = v.get(ID, "")
    row.name = f"{v.get('from', '')} – {v.get('to', '')}"
    if lid:
        found = st.links.get(lid)
        if found is None or found[0].type != t:
            row.error(
                "id",
                Said(
                    N_("„%(value)s“ ist keine gespeicherte Verbindung dieser Art"), value=lid[:60]
                ),
            )
            row.action = "error"
            return
        before, labels = found
        ends = {v.get("from_id") or before.from_id, v.get("to_id") or before.to_id}
        if ends != {before.from_id, before.to_id}:
            row.error(
                "id", N_("die Enden einer Verbindung lassen sich nicht ändern (neue Zeile ohne ID)")
            )
        link = Link(type=t, from_id=before.from_id, to_id=before.to_id, **fields)
        stored = True
    else:
        a, la = _end(ctx, row, "from", v, lt.sources)
        b, lb = _end(ctx, row, "to", v, lt.targets)
        link, labels, stored = Link(type=t, from_id=a, to_id=b, **fields), (la, lb), False
        if la and lb and write_role(la, lb) == "admin" and ctx.choices.role != "admin":
            row.error("type", _ADMIN)
    try:
        link = validate_link(link)
    except ValidationError as exc:
        for f, ms in exc.by_field().items():
            row.errors.setdefault(f, []).extend(ms)
    if row.errors:
        row.action = "error"
        return
    ctx.linker.want(
        row, link, labels, name=row.name, fields=tuple(fields), stored_ends=stored, blank=bool(lid)
    )


def dry_run(
    store: Store,
    sheets: dict[str, Table],
    filename: str,
    *,
    choices: Choices | None = None,
    progress: Progress = noop,
) -> ImportPlan:
    """Plan the import of a network workbook without writing (see module docstring)."""
    plan = ImportPlan(kind="workbook", filename=filename, headers=[], mapping=[])
    ctx = Context(store, plan, choices or Choices(), progress)
    st = _Stored(store, sheets)
    by_title = {s.title: s for s in SHEETS}
    total = sum(len(t.rows) for t in sheets.values())
    done = 0
    for title in ORDER:
        table, spec = sheets.get(title), by_title[title]
        if table is None:
            continue
        plan.warnings += table.warnings
        cols = _columns(table, spec)
        unknown = [h for h, c in zip(table.headers, cols, strict=True) if c is None and h]
        if unknown:
            plan.warnings.append(
                Said(
                    N_("Blatt „%(sheet)s“: Spalten ohne Bedeutung: %(columns)s"),
                    sheet=title,
                    columns=", ".join(unknown)[:200],
                )
            )
        planner = _record_row if spec.label in LABELS else _link_row
        first: dict[str, int] = {}
        for i, cells in enumerate(table.rows):
            row = RowResult(i + 2, "unchanged", sheet=title)
            v = {c.field: cells[j] for j, c in enumerate(cols) if c is not None}
            rid = v.get(ID, "")
            if rid and rid in first:
                row.error(
                    "id",
                    Said(
                        N_("Diese ID steht schon in Zeile %(line)s – je Eintrag eine Zeile"),
                        line=first[rid],
                    ),
                )
                row.action = "error"
            else:
                if rid:
                    first[rid] = row.number
                planner(ctx, st, spec, row, v)
            plan.results.append(row)
            done += 1
            if done % 1000 == 0:
                progress(done, total)
        plan.warnings += _missing(st, title, set(first))
    ctx.finish()
    progress(total, total)
    return plan


def _missing(st: _Stored, title: str, present: set[str]) -> list[str]:
    """Rows of the export that are gone from the sheet: reported, nothing is deleted."""
    gone = [
        values for (sheet, rid), values in st.base.items() if sheet == title and rid not in present
    ]
    if not gone:
        return []
    names = ", ".join(str(v.get("name") or v.get("last_name") or "?")[:60] for v in gone[:10])
    more = " …" if len(gone) > 10 else ""
    return [
        f"Blatt „{title}“: {len(gone)} exportierte Zeilen fehlen in der Datei ({names}{more}). "
        "Gelöscht wird dadurch nichts – Einträge bitte in netzwerk selbst löschen."
    ]


def is_workbook(data: bytes) -> bool:
    """Whether an upload is a network workbook (by its sheet names)."""
    return sheet_reader.is_workbook(data, TITLES)


def read(data: bytes, filename: str) -> dict[str, Table]:
    """The workbook's sheets (others are ignored) as tables, with the hidden base sheet."""
    return sheet_reader.read_sheets(data, filename, (*TITLES, BASE))
