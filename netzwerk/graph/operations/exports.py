"""Exports of personal data with their log entry: contact lists, the workbook, address lists.

Personal data leaving the system is logged with the ids of the persons it contained (so an
Auskunft can say who received whose data, DSGVO Art. 15). What is selected and how it is
written is the features' business (:mod:`netzwerk.graph.personal.contacts`,
:mod:`netzwerk.graph.workbook`); the log entry is the write, and it is made here.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.personal import contacts
from netzwerk.graph.personal.contacts import ContactFilter, ExportLogEntry, Selection
from netzwerk.graph.workbook import export as workbook


def log_export_in(
    tx: Tx,
    *,
    user: str,
    purpose: str,
    fmt: str,
    described: dict[str, Any],
    person_ids: list[str],
    left_out: int = 0,
) -> ExportLogEntry:
    """Append one entry to the export log inside ``tx``."""
    rows = tx.run(
        "contacts/log_export",
        id=f"export-{uuid.uuid4().hex}",
        user=user,
        purpose=purpose,
        format=fmt,
        filter=json.dumps(described, ensure_ascii=False),
        count=len(person_ids),
        person_ids=person_ids,
        left_out=left_out,
    )
    return contacts.entry_from_row(rows[0]["log"])


def log_contact_export(
    store: Store, *, user: str, flt: ContactFilter, selection: Selection, fmt: str
) -> ExportLogEntry:
    """Record an export (who, when, filter, purpose, format, count and the person ids)."""
    return store.transaction(
        lambda tx: log_export_in(
            tx,
            user=user,
            purpose=selection.purpose,
            fmt=fmt,
            described=flt.describe(),
            person_ids=[r.person_id for r in selection.rows],
            left_out=selection.left_out_total,
        )
    )


def export_contacts(
    store: Store,
    flt: ContactFilter,
    *,
    purpose: str,
    fmt: str,
    user: str,
    delimiter: str = ";",
) -> tuple[bytes, Selection, ExportLogEntry]:
    """Select, render and log in one call, so no caller can forget the log."""
    contacts.check_format(fmt)
    selection = contacts.select(store, flt, purpose)
    data = contacts.render(selection.rows, fmt, delimiter=delimiter)
    entry = log_contact_export(store, user=user, flt=flt, selection=selection, fmt=fmt)
    return data, selection, entry


def export_workbook(
    store: Store, flt: Filter | None = None, *, user: str, fmt: str = "xlsx"
) -> bytes:
    """The workbook of the network (or of ``flt``'s part of it) as XLSX or ODS; the export
    is logged."""
    data, persons = workbook.build(store, flt, fmt=fmt)
    store.transaction(
        lambda tx: log_export_in(
            tx,
            user=user,
            purpose=workbook.PURPOSE,
            fmt=fmt,
            described=workbook.describe(flt),
            person_ids=persons,
        )
    )
    return data
