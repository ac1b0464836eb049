"""What a dry run found: per row what an import would do, and what is left for the user.

The dry run (:func:`netzwerk.graph.imports.dry_run`) fills an :class:`ImportPlan` without
writing anything: the records and links to write (with the fields the file sets on each),
one :class:`RowResult` per row with its parts and their old → new values, the value
proposals of the "Werte zuordnen" step and the uncertain matches of the review step.
:func:`netzwerk.graph.operations.commit_import` writes it.

Ids are derived from content (:func:`stable_id`), so importing the same file twice, or
re-running an interrupted import, finds every record again instead of creating duplicates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Link, Node
from netzwerk.graph.core.validation import FIELD_LABELS
from netzwerk.graph.imports.fields import FIELDS
from netzwerk.graph.records import history

ACTIONS = {
    "create": N_("neu"),
    "update": N_("wird aktualisiert"),
    "unchanged": N_("unverändert"),
    "duplicate": N_("doppelt in der Datei"),
    "review": N_("zu prüfen"),
    "skipped": N_("übersprungen"),
    "error": N_("fehlerhaft"),
}
PART_ACTIONS = {**ACTIONS, "remove": N_("wird entfernt")}
NEW = "+"
"""A value choice or match decision: create a new entry / record."""
SKIP = "-"
"""A match decision: leave the record (and what the row hangs on it) out of the import."""


def base_values(stored: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The values of ``fields`` on a stored record or link as the dry run read them (the
    model's JSON form): the base of the commit's three-way merge."""
    cls = type(stored)
    return {f: codec.field_json(cls, f, getattr(stored, f, None)) for f in fields}


def field_title(name: str) -> str:
    """The German title of a record field or an import-only field."""
    for labels in FIELDS.values():
        if name in labels:
            return labels[name]
    return FIELD_LABELS.get(name, name)


def stable_id(prefix: str, *parts: str) -> str:
    """An id derived from content, so re-importing a row finds the same record."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{digest}"


@dataclass
class Part:
    """One record or link a row writes, for the per-row preview (old → new per field)."""

    what: str
    """German title of the kind: "Akteur", "Person", "arbeitet bei", …"""
    name: str
    action: str
    changes: dict[str, list[Any]] = field(default_factory=dict)
    new: Any = None
    """A created record or link; its fields are shown as "– → value" only when asked for
    (:attr:`fields`), since a preview shows a few rows of thousands."""

    @property
    def action_title(self) -> str:
        return PART_ACTIONS[self.action]

    @property
    def fields(self) -> dict[str, list[Any]]:
        """Field → [old, new] of this part (a created one: every field it sets)."""
        return history.diff(None, self.new) if self.new is not None else self.changes


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
    """Field → [old, new] of the row's main record (the model's JSON form)."""
    parts: list[Part] = field(default_factory=list)
    """Every record and link the row writes, the main record first."""
    sheet: str = ""
    """The sheet of a workbook row (empty for a single table)."""
    readings: list[str] = field(default_factory=list)
    """How cells were read where that is not obvious ("„Frau Dr. Eva Roth / Herr Ali
    Demir“ → Frau Dr. Eva Roth"), shown in the dry run so the user can check the parser."""

    @property
    def changed(self) -> list[str]:
        """German titles of the changed fields."""
        return [field_title(k) for k in self.changes]

    @property
    def action_title(self) -> str:
        return ACTIONS[self.action]

    def messages(self) -> list[str]:
        """Each error as "Feld: Grund", for tables and the CLI."""
        return [f"{field_title(f)}: {m}" for f, ms in self.errors.items() for m in ms]

    def error(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)


@dataclass
class Candidate:
    """A stored (or earlier planned) record a row may mean, with the reasons in words."""

    id: str
    name: str
    details: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0


@dataclass
class Review:
    """An uncertain match: the user decides "same as …", "new" or "skip" (never the import).

    ``key`` identifies the incoming record across dry runs (its folded name and postcode or
    e-mail), so a decision survives a re-run of the dry run.
    """

    key: str
    label: str
    name: str
    details: dict[str, str] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    decision: str = ""

    @property
    def open(self) -> bool:
        return not self.decision


@dataclass
class Proposal:
    """One distinct value of a list column and the entry it will become."""

    field: str
    value: str
    key: str
    rows: int = 0
    target: str = ""
    """An entry (a fixed choice or a record id), :data:`NEW`, or "" (left out)."""
    target_name: str = ""
    how: str = ""
    """Why this target: "gleich", "Synonym", "ähnlich", "gespeichert", "neu", "unbekannt"."""


@dataclass
class Choices:
    """What the user decided between dry runs: value targets, match decisions, and role."""

    values: dict[str, dict[str, str]] = field(default_factory=dict)
    decisions: dict[str, str] = field(default_factory=dict)
    role: str = "editor"
    """Only admins may create vocabulary entries (topics, target groups) by import."""
    take: set[str] = field(default_factory=set)
    """Differences the user ticked to overwrite ("<record id>:<field>", see
    :class:`Difference`); every other stored value stays."""
    ended: date | None = None
    """The table lists *former* partners (a sheet "Ehemalige"): their memberships and project
    roles end on this date, unless a "bis" column says when."""


@dataclass
class Difference:
    """A stored, non-empty value the file would change, on a record a row was matched to.

    A list row matched to a stored record fills its empty fields; a field that differs is
    only listed here, and changes only when the user ticks it (``taken``) — a stored name
    above all: "Volkshochschule Trier" must not become the list's "VHS Trier" unasked.
    """

    key: str
    row: int
    record_id: str
    label: str
    name: str
    field: str
    stored: Any
    proposed: Any
    taken: bool = False

    @property
    def title(self) -> str:
        return field_title(self.field)


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
    unlinks: list[Link] = field(default_factory=list)
    """Stored links the file removes (a topic deleted from a workbook's Themen cell)."""
    link_labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Link id → the labels of its ends, so the commit finds them by their id index."""
    link_update: bool = False
    warnings: list[str] = field(default_factory=list)
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Record or link id → the fields this file sets on it (an update leaves the others
    as they are at commit time, even if someone changed them after the dry run)."""
    base: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Stored record or link id → the value of each field the file sets, as the dry run read
    it (the model's JSON form): the base of the commit's three-way merge, so a value someone
    changes after the dry run is a conflict, never overwritten."""
    reviews: list[Review] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    """Stored values the file would change, for the user's decision (see
    :class:`Difference`)."""
    values: dict[str, list[Proposal]] = field(default_factory=dict)
    options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Per list field: the entries a value can be mapped to, as (target, title)."""

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
    def open_reviews(self) -> list[Review]:
        return [r for r in self.reviews if r.open]

    @property
    def blocking(self) -> bool:
        """Whether the import must not run as a whole (only "nur gültige Zeilen" may)."""
        return bool(self.errors)

    @property
    def undecided(self) -> bool:
        """Uncertain matches are open: nothing may be written until each is decided."""
        return bool(self.open_reviews)

    @property
    def writes(self) -> int:
        """Records and links the commit would write or remove."""
        return len(self.nodes) + len(self.links) + len(self.unlinks)
