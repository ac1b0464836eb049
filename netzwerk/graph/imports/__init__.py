"""Spreadsheet import: read (CSV/XLSX), map columns and plan the import (dry run).

Typical use::

    table = imports.read_table(data, "akteure.csv")
    kind = imports.detect_kind(table.headers)
    mapping = imports.guess(table.headers, kind)
    plan = imports.dry_run(store, table, kind, mapping)
    if not plan.blocking:
        operations.commit_import(store, plan, user="redaktion")

Committing is a use case of the write path (:mod:`netzwerk.graph.operations`).
"""

from netzwerk.graph.imports.mapping import (
    FIELDS,
    KINDS,
    detect_kind,
    guess,
    load_saved,
    missing_required,
    save,
)
from netzwerk.graph.imports.plan import ACTIONS, ImportPlan, RowResult, dry_run, stable_id
from netzwerk.graph.imports.reader import (
    MAX_BYTES,
    MAX_ROWS,
    ImportFileError,
    Table,
    read_table,
)

__all__ = [
    "ACTIONS",
    "FIELDS",
    "KINDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "ImportPlan",
    "RowResult",
    "Table",
    "detect_kind",
    "dry_run",
    "guess",
    "load_saved",
    "missing_required",
    "read_table",
    "save",
    "stable_id",
]
