"""What every import kind's dry run shares: the plan being filled, the user's choices, the
stored records to match against, the value lists, the links asked for — and the one way a
row's record becomes part of the plan (:meth:`Context.record`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from netzwerk.graph.core import codec
from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.i18n import N_, Listed, Said
from netzwerk.graph.core.model import N
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import validate_node
from netzwerk.graph.imports.cells import row_values
from netzwerk.graph.imports.known import KnownActors, KnownPersons
from netzwerk.graph.imports.linker import Linker
from netzwerk.graph.imports.plan import (
    NEW,
    SKIP,
    Candidate,
    Choices,
    Difference,
    ImportPlan,
    Part,
    Review,
    RowResult,
    base_values,
    field_title,
)
from netzwerk.graph.imports.reader import Table
from netzwerk.graph.imports.vocab import Vocabulary
from netzwerk.graph.records import history

Progress = Callable[[int, int], None]
RowPlanner = Callable[["Context", RowResult, dict[str, str]], None]


def noop(done: int, total: int) -> None:
    return None


class Context:
    """One dry run's shared state; stored records are read lazily, once."""

    def __init__(
        self, store: Store, plan: ImportPlan, choices: Choices, progress: Progress = noop
    ) -> None:
        self.store, self.plan, self.choices, self.progress = store, plan, choices, progress
        self.vocab = Vocabulary(store, choices)
        self.linker = Linker()
        self._actors: KnownActors | None = None
        self._persons: KnownPersons | None = None
        self.planned: set[str] = set()
        self.stored: dict[str, Any] = {}
        self._differences: set[str] = set()
        """Stored records rows were matched to, by id: their values are the plan's base."""
        self.seen: dict[str, tuple[str, int]] = {}
        """Key of a record met in this file → (its id, the first row)."""

    @property
    def actors(self) -> KnownActors:
        if self._actors is None:
            self._actors = KnownActors(self.store)
        return self._actors

    @property
    def persons(self) -> KnownPersons:
        if self._persons is None:
            self._persons = KnownPersons(self.store, self.actors)
        return self._persons

    def review(
        self,
        key: str,
        label: str,
        name: str,
        details: dict[str, str],
        row: int,
        candidates: list[Candidate],
    ) -> str:
        """The user's decision on an uncertain match ("" while open); registers the review."""
        decision = self.choices.decisions.get(key, "")
        if decision not in (NEW, SKIP) and decision not in {c.id for c in candidates}:
            decision = ""
        for r in self.plan.reviews:
            if r.key == key:
                r.rows.append(row)
                return r.decision
        self.plan.reviews.append(Review(key, label, name, details, [row], candidates, decision))
        return decision

    def record(
        self,
        row: RowResult,
        existing: N | None,
        obj: N,
        set_fields: tuple[str, ...],
        *,
        apply: bool = True,
    ) -> tuple[N | None, Part | None]:
        """Validate a row's record (``obj``: the stored one with the file's fields, or a new
        one) and, with ``apply``, add it to the plan. An invalid cell is left out with a
        warning (the stored value stays); only a missing name is an error of the row."""
        try:
            cleaned = validate_node(obj)
        except ValidationError as first:
            try:
                cleaned = validate_node(_without_invalid(row, existing, obj, first))
            except ValidationError as exc:
                for f, ms in exc.by_field().items():
                    row.errors.setdefault(f, []).extend(ms)
                return None, None
        if existing is None:
            part = Part(obj.TITLE, cleaned.display_name, "create", new=cleaned)
        else:
            changes = history.diff(existing, cleaned)
            action = "update" if changes else "unchanged"
            part = Part(obj.TITLE, cleaned.display_name, action, changes)
        if existing is not None:
            self.stored[existing.id] = existing
        if apply:
            self.add(row, cleaned, part, set_fields)
        return cleaned, part

    def add(self, row: RowResult, node: Any, part: Part, set_fields: tuple[str, ...]) -> None:
        """Add a validated record's part to ``row`` and, if it changes, to the plan."""
        node, set_fields = self._decide(row, node, part, set_fields)
        row.parts.append(part)
        if part.action == "unchanged" or node.id in self.planned:
            return
        self.planned.add(node.id)
        self.plan.nodes.append(node)
        self.plan.node_rows.append(row.number)
        self.plan.fields[node.id] = set_fields
        stored = self.stored.get(node.id)
        if stored is not None:
            self.plan.base[node.id] = base_values(stored, set_fields)

    def _decide(
        self, row: RowResult, node: Any, part: Part, set_fields: tuple[str, ...]
    ) -> tuple[Any, tuple[str, ...]]:
        """Fill empty fields of a matched stored record; list differing ones and keep the
        stored value unless the user ticked it (a workbook's cells are the truth instead)."""
        stored = self.stored.get(node.id)
        if stored is None or self.plan.kind == "workbook":
            return node, set_fields
        keep: list[str] = []
        back: dict[str, Any] = {}
        cls = type(stored)
        for f in set_fields:
            old, new = getattr(stored, f, None), getattr(node, f, None)
            if old in ("", None, False) or old == new or old == _default(cls, f):
                keep.append(f)
                continue
            key = f"{node.id}:{f}"
            taken = key in getattr(self.choices, "take", ())
            if key not in self._differences:
                self._differences.add(key)
                self.plan.differences.append(
                    Difference(
                        key,
                        row.number,
                        node.id,
                        node.LABEL,
                        stored.display_name,
                        f,
                        codec.field_json(cls, f, old),
                        codec.field_json(cls, f, new),
                        taken,
                    )
                )
            if taken:
                keep.append(f)
            else:
                back[f] = old
        if back:
            node = dataclasses.replace(node, **back)
            part.changes = history.diff(stored, node)
            part.action = "update" if part.changes else "unchanged"
            part.name = node.display_name
        return node, tuple(keep)

    def finish(self) -> None:
        """Resolve the links, hand over the value proposals, and set each row's action from
        what it writes: "neu" if its main record (the first part) is new, "wird
        aktualisiert" if anything of it changes, else "unverändert"."""
        self.linker.resolve(self.store, self.plan)
        self.vocab.finish(self.plan)
        for r in self.plan.results:
            if r.action not in ("create", "update", "unchanged"):
                continue
            main = r.parts[0].action if r.parts else "unchanged"
            changed = any(p.action != "unchanged" for p in r.parts)
            r.action = "create" if main == "create" else ("update" if changed else "unchanged")
            if main == "update" and not r.changes:
                r.changes = r.parts[0].changes


REQUIRED = frozenset({"id", "name", "last_name"})
"""Fields without which a record is no record: an error there rejects the row."""


def _without_invalid(row: RowResult, existing: N | None, obj: N, exc: ValidationError) -> N:
    """``obj`` with each invalid optional field back at its stored (or default) value, and
    a warning per field naming the value left out and why."""
    default = type(obj)()
    keep: dict[str, Any] = {}
    for f, ms in exc.by_field().items():
        if f in REQUIRED or not hasattr(obj, f):
            continue
        keep[f] = getattr(existing if existing is not None else default, f)
        shown = str(getattr(obj, f))[:60]
        row.warnings.append(
            Said(
                N_("%(label)s: „%(value)s“ %(reason)s – nicht übernommen"),
                label=field_title(f),
                value=shown,
                reason=ms[0] if len(ms) == 1 else Listed(ms, sep="; "),
            )
        )
    return dataclasses.replace(obj, **keep)


def merged(cls: type[N], existing: N | None, updates: dict[str, Any], *, blank: bool) -> N:
    """The record to write: a new one from ``updates``, or ``existing`` with the file's
    values — only its non-empty ones, unless ``blank`` (a workbook's cells are the truth)."""
    if existing is None:
        return cls(**{k: v for k, v in updates.items() if v is not None})
    keep = updates if blank else {k: v for k, v in updates.items() if v not in ("", None)}
    return dataclasses.replace(existing, **keep)


def set_fields(updates: dict[str, Any], *, blank: bool = False) -> tuple[str, ...]:
    """The fields a row sets: its non-empty cells (an empty cell never blanks a field),
    or every column of a workbook sheet."""
    return tuple(sorted(k for k, v in updates.items() if blank or v not in ("", None)))


def _default(cls: type, name: str) -> Any:
    """A field's default (a record created without it holds this, not a chosen value)."""
    spec = getattr(cls, "__dataclass_fields__", {}).get(name)
    return None if spec is None else spec.default


def plan_table(ctx: Context, table: Table, plan_row: RowPlanner) -> None:
    """Plan every row of a table with ``plan_row`` (one import kind's rules)."""
    for i, cells_of_row in enumerate(table.rows):
        row = RowResult(table.line(i), "unchanged")
        plan_row(ctx, row, row_values(ctx.plan.mapping, cells_of_row))
        ctx.plan.results.append(row)
        if i % 1000 == 0:
            ctx.progress(i, len(table.rows))
