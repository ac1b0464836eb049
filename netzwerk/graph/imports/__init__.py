"""Spreadsheet import: read (CSV/XLSX), map columns, dry run, commit in batches.

Typical use::

    table = imports.read_table(data, "akteure.csv")
    kind = imports.detect_kind(table.headers)
    mapping = imports.guess(table.headers, kind)
    plan = imports.dry_run(store, table, kind, mapping)
    if not plan.blocking:
        imports.commit(store, plan, user="redaktion")
"""

from netzwerk.graph.imports.commit import CommitResult, ImportBlockedError, commit
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
    "CommitResult",
    "ImportBlockedError",
    "ImportFileError",
    "ImportPlan",
    "RowResult",
    "Table",
    "commit",
    "detect_kind",
    "dry_run",
    "guess",
    "load_saved",
    "missing_required",
    "read_table",
    "save",
    "stable_id",
]
