"""Export the network — whole or filtered — as one workbook, and the empty template.

The workbook (sheets and columns: :mod:`netzwerk.graph.workbook.sheets`) is made to be
edited in Excel and imported back (:mod:`netzwerk.graph.imports.workbook`): unchanged rows
change nothing, edited cells become updates with history, new rows without an id become
records. It holds personal data (the Personen sheet), so every export is logged like a
contact list (who, when, which persons) for the DSGVO Auskunft.

A filter (:class:`netzwerk.graph.network.filters.Filter`, the one filter of pictures, gap pages
and contact exports) keeps the actors it selects, their persons, the cooperations among
them and their memberships; the lists (alliances, projects, topics, stages, target
groups, regions) are always complete, because rows refer to them by name.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.codec import field_kinds, from_store, link_from_row
from netzwerk.graph.core.model import (
    ACTOR_KINDS,
    COOPERATION_KINDS,
    DATA_CLASSES,
    LABELS,
    LEGAL_BASES,
    LINK_TYPES,
    REGION_KINDS,
    SPONSORSHIPS,
    Link,
    Node,
)
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.values import fold
from netzwerk.graph.formats.ods_writer import write_ods_sheets
from netzwerk.graph.formats.xlsx_writer import Sheet, write_sheets
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.records import visibility
from netzwerk.graph.workbook.sheets import (
    BASE,
    HINTS,
    ID,
    LIST_SEPARATOR,
    MEMBERSHIP_TYPES,
    SHEETS,
    SheetSpec,
    link_value,
    to_cell,
)

PURPOSE = "arbeitsmappe"
"""The export log's purpose of a workbook export (it contains persons' contact data)."""


FORMATS = ("xlsx", "ods")
"""The workbook's file formats: Excel and LibreOffice (the same sheets and columns)."""


def filename(now: datetime | None = None, *, template: bool = False, fmt: str = "xlsx") -> str:
    if template:
        return f"netzwerk-vorlage.{fmt}"
    return f"netzwerk-arbeitsmappe-{(now or datetime.now()):%Y-%m-%d}.{fmt}"


def _write(sheets: list[Sheet], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return write_ods_sheets(sheets) if fmt == "ods" else write_sheets(sheets)


class _Graph:
    """The records and relationships one workbook shows, read once."""

    def __init__(self, store: Store, flt: Filter | None) -> None:
        actors = None
        if flt is not None and not flt.is_empty():
            actors = list(snapshot.select(snapshot.current(store), flt).nodes)
        persons = (
            None
            if actors is None
            else [
                r["id"]
                for r in store.read("workbook/persons_of", ids=actors, reader=visibility.reader())
            ]
        )
        only = {"Actor": actors, "Person": persons}
        self.records: dict[str, list[Node]] = {
            label: [
                from_store(cls, r["node"])
                for r in store.read(
                    "workbook/records",
                    {"label": label},
                    ids=only.get(label),
                    reader=visibility.reader(),
                )
            ]
            for label, cls in LABELS.items()
            if cls not in DATA_CLASSES  # indicators are no part of the network's workbook
        }
        self.links: dict[str, list[Link]] = {}
        for t, spec in LINK_TYPES.items():
            sources = None  # all; else the exported records a relationship starts at
            if actors is not None:
                sources = [n.id for label in spec.sources for n in self.records[label]]
            idents = {"type": t, "from": spec.source_expr, "to": spec.target_expr}
            both = t == "COOPERATES_WITH"  # a filtered workbook: cooperations among its actors
            rows = store.read(
                "workbook/links", idents, ids=sources, both=both, reader=visibility.reader()
            )
            self.links[t] = [link_from_row(r) for r in rows]
        self.names = self._cell_names()

    def _cell_names(self) -> dict[str, str]:
        """How a list cell names each record: by name, or by id where the name is ambiguous
        in its list or contains the separator."""
        out: dict[str, str] = {}
        for nodes in self.records.values():
            counts: dict[str, int] = defaultdict(int)
            for n in nodes:
                counts[fold(n.display_name)] += 1
            for n in nodes:
                name = n.display_name
                clear = counts[fold(name)] == 1 and ";" not in name and "\n" not in name
                out[n.id] = name if clear and fold(name) else n.id
        return out


def _record_rows(g: _Graph, spec: SheetSpec) -> list[list[Any]]:
    kinds = field_kinds(LABELS[spec.label])
    targets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for col in spec.columns:
        if col.field.startswith("link:"):
            t = col.field.removeprefix("link:")
            for lk in g.links[t]:
                targets[(t, lk.from_id)].append(g.names.get(lk.to_id, lk.to_id))
    rows = []
    for node in g.records[spec.label]:
        row: list[Any] = []
        for col in spec.columns:
            if col.field == ID:
                row.append(node.id)
            elif col.field.startswith("link:"):
                names = sorted(targets.get((col.field.removeprefix("link:"), node.id), []))
                row.append(LIST_SEPARATOR.join(names) or None)
            else:
                row.append(to_cell(kinds[col.field], getattr(node, col.field)))
        rows.append(row)
    return rows


def _link_rows(g: _Graph, spec: SheetSpec) -> list[list[Any]]:
    kinds = field_kinds(Link)
    types = MEMBERSHIP_TYPES if spec.label == "MEMBERSHIP" else (spec.label,)
    rows = []
    for t in types:
        for lk in g.links[t]:
            values = {
                ID: lk.id,
                "type": LINK_TYPES[t].title,
                "from": lk.from_name,
                "to": lk.to_name,
                "from_id": lk.from_id,
                "to_id": lk.to_id,
            }
            rows.append(
                [
                    values[c.field]
                    if c.field in values
                    else to_cell(kinds[c.field], link_value(lk, c.field))
                    for c in spec.columns
                ]
            )
    return rows


def _hints() -> Sheet:
    rows: list[list[Any]] = []
    for spec in SHEETS:
        rows.append([spec.title, "", spec.help])
        rows += [[spec.title, c.header, c.help] for c in spec.columns if c.help]
    for title, values in (
        ("Art (Akteure)", ACTOR_KINDS),
        ("Trägerschaft", SPONSORSHIPS),
        ("Art (Kooperationen)", COOPERATION_KINDS),
        ("Rechtsgrundlage", LEGAL_BASES),
        ("Art (Regionen)", REGION_KINDS),
        ("Verbindung", tuple(LINK_TYPES[t].title for t in MEMBERSHIP_TYPES)),
    ):
        rows.append(["Erlaubte Werte", title, LIST_SEPARATOR.join(values)])
    rows.append(
        [
            "Allgemein",
            "",
            "Zeilen mit ID werden aktualisiert (leere Zellen leeren das Feld, Listen-Zellen "
            "sind vollständig); Zeilen ohne ID werden neu angelegt. Gelöschte Zeilen löschen "
            "nichts – Einträge bitte in netzwerk löschen.",
        ]
    )
    return Sheet(HINTS, ["Blatt", "Spalte", "Erläuterung"], rows, as_text=True)


def _base(g: _Graph, spec: SheetSpec, rows: list[list[Any]]) -> list[list[Any]]:
    """The hidden base rows of a record sheet: sheet, id, version, the stored values (the
    model's JSON form) and the list cells as exported."""
    cls = LABELS[spec.label]
    nodes = {n.id: n for n in g.records[spec.label]}
    out = []
    for row in rows:
        node = nodes[row[0]]
        values: dict[str, Any] = {}
        for col, cell in zip(spec.columns, row, strict=True):
            if col.field.startswith("link:"):
                values[col.field] = cell or ""
            elif col.field != ID:
                values[col.field] = codec.field_json(cls, col.field, getattr(node, col.field))
        out.append([spec.title, node.id, node.version, json.dumps(values, ensure_ascii=False)])
    return out


def _sheets(g: _Graph | None) -> list[Sheet]:
    out = []
    base: list[list[Any]] = []
    for spec in SHEETS:
        rows: list[list[Any]] = []
        if g is not None:
            is_record = spec.label in LABELS
            rows = _record_rows(g, spec) if is_record else _link_rows(g, spec)
            if is_record and spec.columns[0].field == ID:
                base += _base(g, spec, rows)
        header = [c.header for c in spec.columns]
        out.append(Sheet(spec.title, header, rows, [c.help for c in spec.columns], as_text=True))
    state = Sheet(BASE, ["Blatt", "ID", "Version", "Werte"], base, as_text=True, hidden=True)
    return [*out, _hints(), *([state] if g is not None else [])]


def template(fmt: str = "xlsx") -> bytes:
    """The empty workbook: the same sheets and columns, with the help on every header."""
    return _write(_sheets(None), fmt)


def build(store: Store, flt: Filter | None = None, *, fmt: str = "xlsx") -> tuple[bytes, list[str]]:
    """The workbook of the network (or of ``flt``'s part of it) as XLSX or ODS and the ids
    of the persons it contains. Logged by
    :func:`netzwerk.graph.operations.exports.export_workbook`."""
    g = _Graph(store, flt)
    return _write(_sheets(g), fmt), [p.id for p in g.records["Person"]]


def describe(flt: Filter | None) -> dict[str, Any]:
    return {} if flt is None else flt.describe()
