"""The dry run of an indicator import: what the file would write, value by value.

Each value becomes an :class:`~netzwerk.graph.core.model.Indicator` whose id is derived from
region, measure and year, so importing the same file again finds every value again and
writes nothing. The result is an :class:`~netzwerk.graph.imports.plan.ImportPlan` like the
partner import's, with the base of every stored value, so
:func:`netzwerk.graph.operations.import_indicators` writes it as a changeset (stored first,
applied resumably, undone by value). A file with any unreadable cell, unknown region or
duplicate value is refused as a whole: nothing is written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.fields import field_table
from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.model import Indicator
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import label, validate_node
from netzwerk.graph.imports.plan import ImportPlan, RowResult, base_values, stable_id
from netzwerk.graph.indicators.reader import CellError, Reading, Value
from netzwerk.graph.indicators.regions import RegionIndex, stored_regions
from netzwerk.graph.records import history, nodes

KIND = "indicators"
FIELDS = tuple(field_table(Indicator))


@dataclass
class IndicatorPlan:
    """The dry run: the import plan, per value what happens, and the file's problems."""

    plan: ImportPlan
    format: str
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    regions: dict[str, str] = field(default_factory=dict)
    """Region id → name of the regions the file names."""

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.plan.count(a) for a in ("create", "update", "unchanged")}

    @property
    def blocking(self) -> bool:
        return bool(self.errors)

    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


def indicator_id(region: str, measure: str, year: int) -> str:
    return stable_id("indicator", region, measure, str(year))


def _indicator(v: Value, region: str, source: str) -> Indicator:
    return Indicator(
        id=indicator_id(region, v.measure, v.year),
        region=region,
        measure=v.measure,
        label=v.label,
        year=v.year,
        value=v.value,
        unit=v.unit,
        source=v.source or source,
        quality=v.quality,
    )


@dataclass
class Matched:
    """A reading's values as indicators of stored regions, and what kept others out."""

    values: list[tuple[Value, Indicator]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    regions: dict[str, str] = field(default_factory=dict)
    """Region id → name of the regions the file names."""


def match_values(reading: Reading, regions: RegionIndex, source: str) -> Matched:
    """The values of ``reading`` with their region matched and validated (pure): the dry run
    and the demo seed share it."""
    out = Matched(errors=list(reading.errors), warnings=list(reading.warnings))
    seen: dict[str, int] = {}
    for v in reading.values:
        match = regions.match(v.region_key, v.region_name)
        if not match.region:
            out.errors.append(CellError(v.line, "", match.how))
            continue
        if match.how == "ähnlich":
            note = Said(
                N_("Zeile %(line)s: „%(value)s“ als „%(region)s“ gelesen"),
                line=v.line,
                value=v.region_name,
                region=regions.names[match.region],
            )
            if note not in out.warnings:
                out.warnings.append(note)
        out.regions[match.region] = regions.names[match.region]
        try:
            ind = validate_node(_indicator(v, match.region, source))
        except ValidationError as exc:
            for e in exc.errors:
                reason = Said(N_("%(label)s: %(reason)s"), label=label(e.field), reason=e.message)
                out.errors.append(CellError(v.line, v.column, reason))
            continue
        if ind.id in seen:
            out.errors.append(
                CellError(
                    v.line,
                    v.column,
                    Said(N_("derselbe Wert steht schon in Zeile %(line)s"), line=seen[ind.id]),
                )
            )
            continue
        seen[ind.id] = v.line
        out.values.append((v, ind))
    return out


def plan_indicators(
    store: Store,
    reading: Reading,
    filename: str,
    *,
    regions: RegionIndex | None = None,
) -> IndicatorPlan:
    """The dry run of ``reading`` against the stored regions and indicators."""
    source = filename or "Datei"
    plan = ImportPlan(kind=KIND, filename=filename, headers=[], mapping=[])
    matched = match_values(reading, regions or stored_regions(store), source)
    out = IndicatorPlan(plan, reading.format, matched.errors, matched.warnings, matched.regions)
    found = matched.values
    stored = {s.id: s for s in nodes.get_many(store, Indicator, [ind.id for _, ind in found])}
    for v, ind in found:
        current = stored.get(ind.id)
        row = RowResult(v.line, "create", name=f"{out.regions[ind.region]}: {ind.label} {ind.year}")
        row.record_id = ind.id
        if current is not None:
            changes = history.diff(current, ind)
            row.changes = changes
            row.action = "update" if changes else "unchanged"
            if not changes:
                plan.results.append(row)
                continue
            plan.base[ind.id] = base_values(current, FIELDS)
            ind = dataclasses.replace(ind, created=current.created, version=current.version)
        plan.results.append(row)
        plan.nodes.append(ind)
        plan.node_rows.append(v.line)
        plan.fields[ind.id] = FIELDS
    for e in out.errors:
        plan.results.append(RowResult(e.line, "error", errors={e.column or "": [e.message]}))
    return out
