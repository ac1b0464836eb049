"""The network workbook's sheets and columns: the one contract of export, template and import.

Like Kumu's "elements" and "connections" sheets, but with netzwerk's stable ids: one sheet
per kind of record (Akteure, Personen, Bündnisse, Projekte and the vocabularies) and one per
kind of relationship with properties (Kooperationen; Mitgliedschaften for memberships,
project roles, employments and contact persons). Relationships without properties (topics,
stages, target groups, regions, "gehört zu") are cells of their record's row, several names
separated by "; ".

A cell's value is written and read by the field's type as the model declares it
(:func:`netzwerk.graph.core.codec.field_kinds`): dates as dates, yes/no as "ja"/"nein", numbers
as numbers, text as text cells — so a workbook exported and imported untouched changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from netzwerk.graph.core.fields import field_table
from netzwerk.graph.core.model import LABELS, LINK_TYPES, Link
from netzwerk.graph.core.values import fold

ID = "id"
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    """One column: its header, what it holds, and the help shown in the header's comment.

    ``field`` is a record or link field, ``id``, or ``link:<TYPE>`` for a cell that lists
    the targets of a relationship; ``from``/``to`` (names, for reading) and ``from_id``/
    ``to_id`` (what the import uses) are the ends of a relationship row.
    """

    header: str
    field: str
    help: str = ""


@dataclass(frozen=True)
class SheetSpec:
    title: str
    label: str
    """The record label, or ``COOPERATES_WITH`` / ``MEMBERSHIP`` for relationship sheets."""
    columns: tuple[Column, ...]
    help: str

    def column(self, field_name: str) -> Column | None:
        return next((c for c in self.columns if c.field == field_name), None)


MEMBERSHIP_TYPES = ("MEMBER_OF", "PARTICIPATES_IN", "WORKS_AT", "CONTACT_FOR")
"""Relationships with properties listed on the Mitgliedschaften sheet."""
_MEMBERSHIP_FIELDS = tuple(
    sorted(
        {f for t in MEMBERSHIP_TYPES for f in LINK_TYPES[t].fields},
        key=tuple(field_table(Link)).index,
    )
)
"""The Mitgliedschaften sheet's columns: every field of the relationships it lists."""
_ID_HELP = "Kennung von netzwerk – nicht ändern. Leer lassen, um einen neuen Eintrag anzulegen."
_LIST_HELP = "Mehrere Einträge mit „; “ trennen. Namen wie in netzwerk (oder deren ID)."
_VOCAB_CELLS = (
    Column("Themen", "link:WORKS_ON", _LIST_HELP),
    Column("Bildungsstufen", "link:COVERS", _LIST_HELP),
    Column("Zielgruppen", "link:SERVES", _LIST_HELP),
    Column("Aktiv in", "link:ACTIVE_IN", _LIST_HELP),
)


def _field_column(cls: type, name: str) -> Column:
    """A field's column: header and help from the model's field table."""
    info = field_table(cls)[name]
    return Column(info.label, name, info.help)


def _record_columns(label: str, *cells: Column) -> tuple[Column, ...]:
    cls = LABELS[label]
    return (
        Column("ID", ID, _ID_HELP),
        *(_field_column(cls, f) for f in field_table(cls)),
        *cells,
    )


def _link_columns(fields: tuple[str, ...], ends: tuple[str, str]) -> tuple[Column, ...]:
    return (
        Column("ID", ID, _ID_HELP),
        Column(ends[0], "from", "Name, nur zur Orientierung (maßgeblich ist die ID)."),
        Column(ends[1], "to", "Name, nur zur Orientierung (maßgeblich ist die ID)."),
        *(_field_column(Link, f) for f in fields),
        Column(f"ID {ends[0]}", "from_id", "ID des ersten Eintrags (Pflicht für neue Zeilen)."),
        Column(f"ID {ends[1]}", "to_id", "ID des zweiten Eintrags (Pflicht für neue Zeilen)."),
    )


SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "Akteure",
        "Actor",
        _record_columns(
            "Actor",
            *_VOCAB_CELLS[:3],
            Column("Sitz", "link:LOCATED_IN", "Eine Region (Stadtteil, Gemeinde)."),
            _VOCAB_CELLS[3],
        ),
        "Eine Zeile je Organisation.",
    ),
    SheetSpec("Personen", "Person", _record_columns("Person"), "Eine Zeile je Person."),
    SheetSpec(
        "Kooperationen",
        "COOPERATES_WITH",
        _link_columns(LINK_TYPES["COOPERATES_WITH"].fields, ("Akteur 1", "Akteur 2")),
        "Eine Zeile je Kooperation zweier Akteure.",
    ),
    SheetSpec(
        "Mitgliedschaften",
        "MEMBERSHIP",
        (
            Column("ID", ID, _ID_HELP),
            Column(
                "Verbindung",
                "type",
                "Mitglied in, beteiligt an, arbeitet bei oder Ansprechperson für.",
            ),
            *_link_columns(_MEMBERSHIP_FIELDS, ("Von", "Zu"))[1:],
        ),
        "Bündnismitgliedschaften, Projektrollen, Arbeitsstellen und Ansprechpersonen.",
    ),
    SheetSpec("Bündnisse", "Alliance", _record_columns("Alliance", *_VOCAB_CELLS), ""),
    SheetSpec(
        "Projekte",
        "Project",
        _record_columns(
            "Project",
            Column("Bündnis", "link:PART_OF", "Das Bündnis, zu dem das Projekt gehört."),
            *_VOCAB_CELLS,
        ),
        "",
    ),
    SheetSpec("Themen", "Topic", _record_columns("Topic"), "Nur Administration."),
    SheetSpec("Bildungsstufen", "Stage", _record_columns("Stage"), "Nur Administration."),
    SheetSpec("Zielgruppen", "TargetGroup", _record_columns("TargetGroup"), "Nur Administration."),
    SheetSpec(
        "Regionen",
        "Region",
        _record_columns(
            "Region",
            Column("gehört zu", "link:PART_OF", "Die übergeordnete Region."),
        ),
        "Nur Administration.",
    ),
)
BY_TITLE = {s.title: s for s in SHEETS}
HINTS = "Hinweise"
BASE = "Stand"
"""The hidden sheet with each exported row's values as they were stored at the export (and
the record's version): the base of the re-import's three-way merge, so a cell left alone
never reverts what a colleague changed after the export."""


def membership_type(title: str) -> str | None:
    """The relationship type a "Verbindung" cell names ("Mitglied in" → MEMBER_OF)."""
    for t in MEMBERSHIP_TYPES:
        if fold(LINK_TYPES[t].title) == fold(title) or t == title.strip().upper():
            return t
    return None


def to_cell(kind: str, value: Any) -> Any:
    """A field's value as the workbook shows it (dates before 1900 as text: Excel cannot)."""
    if value is None or value == "":
        return None
    if kind == "bool":
        return "ja" if value else "nein"
    if kind == "date" and isinstance(value, date) and value.year < 1900:
        return value.isoformat()
    return value


def link_value(link: Link, field_name: str) -> Any:
    """A relationship row's cell: role and function only where the type has them."""
    if field_name not in link.spec.fields:
        return None
    return getattr(link, field_name)
