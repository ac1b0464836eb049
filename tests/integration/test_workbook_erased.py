"""An old workbook that still holds an erased person.

Importing it was refused with advice that would re-create the person ("für neu die ID-Zelle
leeren"). Now the row says that the person was erased on <date>, whether the row still has
the id or was emptied to make a new record: the erasure keeps salted hashes of the person's
name and e-mail (no name, no address) as a suppression list.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.admin import backup


def _gone() -> str:
    """The refusal's sentence with the day of the erasure: today, asked when the test runs
    (a run that crosses midnight imported this module the day before)."""
    return f"Diese Person wurde am {date.today():%d.%m.%Y} gelöscht"


def _import(store: graph.Store, data: bytes) -> imports.ImportPlan:
    sheets = imports.read_workbook(data, "alt.xlsx")
    return imports.dry_run_workbook(
        store, sheets, "alt.xlsx", choices=imports.Choices(role="admin")
    )


def _person_rows(plan: imports.ImportPlan) -> list[imports.RowResult]:
    return [r for r in plan.results if r.sheet == "Personen"]


def test_old_workbook_with_an_erased_person_says_when_she_was_erased(store: graph.Store) -> None:
    office = graph.create_record(store, graph.Actor(name="Amt", kind="Verwaltung"), user="r")
    gone = graph.create_record(
        store,
        graph.Person(
            first_name="Gisela",
            last_name="Gelöscht",
            email="gisela@example.org",
            legal_basis="öffentliche Aufgabe",
        ),
        user="r",
    )
    stays = graph.create_record(
        store,
        graph.Person(first_name="Bert", last_name="Bleibt", legal_basis="öffentliche Aufgabe"),
        user="r",
    )
    graph.create_link(
        store, graph.Link(type="WORKS_AT", from_id=gone.id, to_id=office.id), user="r"
    )
    old = operations.export_workbook(store, user="r")
    operations.erase_person(store, gone.id, user="admin")

    # with the id: refused with the date, and no advice to make a new record
    (row,) = [r for r in _person_rows(_import(store, old)) if r.action == "error"]
    text = " ".join(row.messages())
    assert _gone() in text and "ID-Zelle leeren" not in text

    # the id emptied (to make her new): the hashes of name and e-mail still know her
    wb = load_workbook(io.BytesIO(old))
    ws = wb["Personen"]
    header = [c.value for c in ws[1]]
    for line in ws.iter_rows(min_row=2):
        if line[header.index("Nachname")].value == "Gelöscht":
            line[header.index("ID")].value = None
    emptied = io.BytesIO()
    wb.save(emptied)
    rows = _person_rows(_import(store, emptied.getvalue()))
    flagged = [r for r in rows if _gone() in " ".join(r.messages())]
    assert len(flagged) == 1 and flagged[0].action == "error"
    assert all(r.action != "error" for r in rows if r.name.endswith("Bleibt")), stays.id

    # the suppression list holds no name and no address
    erasures = [n for n in backup.dump(store)["nodes"] if n["labels"] == ["Erasure"]]
    assert erasures and erasures[0]["properties"].get("hashes")
    text = repr(erasures)
    assert "Gisela" not in text and "gisela@example.org" not in text and "Gelöscht" not in text
