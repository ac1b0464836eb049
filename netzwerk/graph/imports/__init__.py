"""Spreadsheet import: read (CSV/XLSX/ODS), map columns and values, plan the import (dry run).

Typical use::

    table = imports.read_table(data, "partner.csv")
    kind = imports.detect_kind(table.headers)
    mapping = imports.guess(table.headers, kind)
    plan = imports.dry_run(store, table, kind, mapping)
    # the user maps values (plan.values) and decides uncertain matches (plan.reviews):
    plan = imports.dry_run(store, table, kind, mapping, choices=imports.Choices(...))
    if not plan.blocking and not plan.undecided:
        operations.commit_import(store, plan, user="redaktion")

One module per import kind (``partners`` for partner and actor lists, ``persons``,
``cooperations``, ``workbook``); committing is a use case of the write path
(:mod:`netzwerk.graph.operations`).
"""

from netzwerk.graph.imports.dryrun import dry_run
from netzwerk.graph.imports.fields import FIELDS, KINDS, TABLE_KINDS, VOCABULARY
from netzwerk.graph.imports.layout import Book, open_book, read_table, sheet_role
from netzwerk.graph.imports.mapping import (
    detect_kind,
    guess,
    load_saved,
    load_values,
    missing_required,
)
from netzwerk.graph.imports.names import Name, parse_names
from netzwerk.graph.imports.plan import (
    ACTIONS,
    NEW,
    SKIP,
    Candidate,
    Choices,
    Difference,
    ImportPlan,
    Part,
    Proposal,
    Review,
    RowResult,
    field_title,
    stable_id,
)
from netzwerk.graph.imports.reader import (
    MAX_BYTES,
    MAX_ROWS,
    ImportFileError,
    Table,
)
from netzwerk.graph.imports.vocab import HOW, as_choices
from netzwerk.graph.imports.workbook import dry_run as dry_run_workbook
from netzwerk.graph.imports.workbook import is_workbook
from netzwerk.graph.imports.workbook import read as read_workbook

__all__ = [
    "ACTIONS",
    "FIELDS",
    "HOW",
    "KINDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "NEW",
    "SKIP",
    "TABLE_KINDS",
    "VOCABULARY",
    "Book",
    "Candidate",
    "Choices",
    "Difference",
    "ImportFileError",
    "ImportPlan",
    "Name",
    "Part",
    "Proposal",
    "Review",
    "RowResult",
    "Table",
    "as_choices",
    "detect_kind",
    "dry_run",
    "dry_run_workbook",
    "field_title",
    "guess",
    "is_workbook",
    "load_saved",
    "load_values",
    "missing_required",
    "open_book",
    "parse_names",
    "read_table",
    "read_workbook",
    "sheet_role",
    "stable_id",
]
