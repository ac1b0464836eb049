"""The dry run of a table: check the mapping, plan every row by its kind's rules, report.

Nothing is written. The result (:class:`ImportPlan`) says per row what an import would do,
lists the values to map and the uncertain matches to decide; :mod:`netzwerk.graph.operations`
commits it. Re-running the dry run with the user's :class:`Choices` applies them.
"""

from __future__ import annotations

from netzwerk.graph.core import collector
from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_, Listed, Said
from netzwerk.graph.core.store import Store
from netzwerk.graph.imports import cooperations, partners, persons
from netzwerk.graph.imports.cells import formula_cells
from netzwerk.graph.imports.context import Context, Progress, RowPlanner, noop, plan_table
from netzwerk.graph.imports.fields import FIELDS, TABLE_KINDS
from netzwerk.graph.imports.mapping import missing_required
from netzwerk.graph.imports.plan import Choices, ImportPlan
from netzwerk.graph.imports.reader import Table

PLANNERS: dict[str, RowPlanner] = {
    "partners": partners.plan_row,
    "actors": partners.plan_row,
    "persons": persons.plan_row,
    "cooperations": cooperations.plan_row,
}


def check_mapping(kind: str, mapping: list[str], width: int) -> list[str]:
    """The mapping cut to the table's width with unknown fields dropped; raises
    :class:`ValidationError` (German) when a required field is missing or used twice."""
    if kind not in TABLE_KINDS:
        raise ValidationError([FieldError("kind", N_("ist keine bekannte Importart"))])
    mapping = [m if m in FIELDS[kind] else "" for m in mapping][:width]
    mapping += [""] * (width - len(mapping))
    errors: list[FieldError] = []
    missing = missing_required(kind, mapping)
    if missing:
        errors.append(
            FieldError.said(
                "mapping",
                N_("Keine Spalte ist zugeordnet für: %(fields)s"),
                fields=Listed(missing),
            )
        )
    dup = {m for m in mapping if m and mapping.count(m) > 1}
    if dup:
        labels = Listed(FIELDS[kind][m] for m in sorted(dup))
        errors.append(
            FieldError.said(
                "mapping",
                N_("Mehrere Spalten sind demselben Feld zugeordnet: %(labels)s"),
                labels=labels,
            )
        )
    if errors:
        raise ValidationError(errors)
    return mapping


def formula_warning(rows: list[list[str]]) -> str:
    n = formula_cells(rows)
    if not n:
        return ""
    if n == 1:
        return Said(
            N_(
                "1 Zelle beginnt mit „=“, „+“ oder „@“ (Formeln?). Sie werden als Text "
                "übernommen und beim Export entschärft."
            )
        )
    return Said(
        N_(
            "%(n)s Zellen beginnen mit „=“, „+“ oder „@“ (Formeln?). Sie werden als Text "
            "übernommen und beim Export entschärft."
        ),
        n=n,
    )


def dry_run(
    store: Store,
    table: Table,
    kind: str,
    mapping: list[str],
    *,
    choices: Choices | None = None,
    progress: Progress = noop,
) -> ImportPlan:
    """Plan an import without writing; raises :class:`ValidationError` for a bad mapping."""
    mapping = check_mapping(kind, mapping, len(table.headers))
    plan = ImportPlan(
        kind=kind,
        filename=table.filename,
        headers=table.headers,
        mapping=mapping,
        warnings=list(table.warnings),
    )
    ctx = Context(store, plan, choices or Choices(), progress)
    with collector.paused():
        plan_table(ctx, table, PLANNERS[kind])
        ctx.finish()
    warning = formula_warning(table.rows)
    if warning:
        plan.warnings.append(warning)
    progress(len(table.rows), len(table.rows))
    return plan
