"""The network workbook round trip against a real Neo4j: export → edit in "Excel" (openpyxl)
→ import is exactly the edits; untouched, it is nothing; the template is the same shape."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from netzwerk import graph
from netzwerk.graph import imports, operations, workbook
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.core import bulk
from netzwerk.graph.network import filters, snapshot
from netzwerk.graph.personal import contacts
from netzwerk.graph.records import history
from netzwerk.graph.workbook.sheets import BASE
from tests import strategies


def _import(store: graph.Store, data: bytes, role: str = "admin") -> imports.ImportPlan:
    assert imports.is_workbook(data)
    sheets = imports.read_workbook(data, "netzwerk.xlsx")
    return imports.dry_run_workbook(
        store, sheets, "netzwerk.xlsx", choices=imports.Choices(role=role)
    )


def _edit(data: bytes, edits: list[tuple[str, int, str, Any]]) -> bytes:
    """Set cells by (sheet, data row index, header, value), as a user would in Excel."""
    wb = load_workbook(io.BytesIO(data))
    for sheet, row, header, value in edits:
        ws = wb[sheet]
        col = [c.value for c in ws[1]].index(header) + 1
        ws.cell(row=row + 2, column=col, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(data: bytes, sheet: str, row: int, header: str) -> Any:
    ws = load_workbook(io.BytesIO(data))[sheet]
    return ws.cell(row=row + 2, column=[c.value for c in ws[1]].index(header) + 1).value


def test_untouched_workbook_changes_nothing(store: graph.Store) -> None:
    seed_mod.load(store)
    data = operations.export_workbook(store, user="redaktion")
    sheets = imports.read_workbook(data, "x.xlsx")
    counts = graph.counts(store).nodes
    assert len(sheets["Akteure"].rows) == counts["Actor"]
    assert len(sheets["Personen"].rows) == counts["Person"]
    assert len(sheets["Kooperationen"].rows) == graph.counts(store).links["COOPERATES_WITH"]
    plan = _import(store, data)
    assert plan.writes == 0 and not plan.errors and not plan.reviews
    assert {r.action for r in plan.results} == {"unchanged"}
    assert len(plan.results) == sum(len(t.rows) for k, t in sheets.items() if k != BASE)


def test_three_edited_cells_are_exactly_three_changes_each_in_history(
    store: graph.Store,
) -> None:
    seed_mod.load(store)
    data = operations.export_workbook(store, user="redaktion")
    intensity = _cell(data, "Kooperationen", 0, "Intensität")
    edited = _edit(
        data,
        [
            ("Akteure", 0, "Telefon", "0651 999-1"),
            ("Personen", 1, "Funktion", "Neue Funktion"),
            ("Kooperationen", 0, "Intensität", 3 if intensity != 3 else 1),
        ],
    )
    plan = _import(store, edited, role="editor")
    changed = [r for r in plan.results if r.action != "unchanged"]
    assert [(r.sheet, r.action) for r in changed] == [
        ("Akteure", "update"),
        ("Personen", "update"),
        ("Kooperationen", "update"),
    ]
    assert [list(r.changes) for r in changed] == [["phone"], ["function"], ["intensity"]]
    assert plan.writes == 3
    result = operations.commit_import(store, plan, user="redaktion")
    assert (result.updated, result.links_updated, result.created) == (2, 1, 0)
    actor, person, coop = changed
    for r in (actor, person):
        entries = history.for_record(store, r.record_id)
        (entry,) = [e for e in entries if e.batch == result.batch and not e.link]
        assert entry.action == "update" and set(entry.fields) == set(r.changes)
    link = graph.get_link(store, "COOPERATES_WITH", coop.record_id)
    for end in (link.from_id, link.to_id):  # a link's change is in the history of both ends
        entries = history.for_record(store, end)
        (entry,) = [e for e in entries if e.link and e.link["id"] == link.id]
        assert entry.batch == result.batch and set(entry.fields) == {"intensity"}
    assert _import(store, edited).writes == 0, "importing the edited file again: nothing"


def test_a_name_removed_from_a_list_cell_removes_the_link_and_undo_puts_it_back(
    store: graph.Store,
) -> None:
    seed_mod.load(store)
    data = operations.export_workbook(store, user="redaktion")
    topics = _cell(data, "Akteure", 0, "Themen").split("; ")
    assert len(topics) >= 2
    edited = _edit(data, [("Akteure", 0, "Themen", "; ".join([*topics[1:], "MINT"]))])
    plan = _import(store, edited)
    (row,) = [r for r in plan.results if r.action != "unchanged"]
    removed = [p for p in row.parts if p.action == "remove"]
    assert [p.name for p in removed] == [topics[0]]
    result = operations.commit_import(store, plan, user="redaktion")
    assert result.links_removed == 1 and result.links_created == ("MINT" not in topics)
    names = {lk.to_name for lk in graph.links_of(store, "Actor", row.record_id, ["WORKS_ON"])}
    assert topics[0] not in names and "MINT" in names
    undone = operations.undo_import(store, result.batch, user="redaktion")
    assert undone.links_restored == 1 and not undone.kept
    assert _import(store, data).writes == 0, "back to the exported state"


def test_template_has_every_sheet_and_new_rows_become_records(store: graph.Store) -> None:
    graph.create_record(store, graph.Topic(id="topic-mint", name="MINT"), user="t")
    template = workbook.template()
    wb = load_workbook(io.BytesIO(template))
    assert wb.sheetnames == [s.title for s in workbook.SHEETS] + ["Hinweise"]
    header = wb["Akteure"]["A1"]
    assert header.value == "ID" and "Leer lassen" in header.comment.text
    filled = io.BytesIO()
    wb["Akteure"].append(["", "Leseclub Ehrang", "", "Verein", *[""] * 9, "MINT"])
    wb["Personen"].append(["", "Frau", "", "Eva", "Klein", "Leitung", "eva@leseclub.example"])
    wb["Mitgliedschaften"].append(
        ["", "arbeitet bei", "Eva Klein", "Leseclub Ehrang", "", "Leitung"]
    )
    wb.save(filled)
    plan = _import(store, filled.getvalue(), role="editor")
    assert not plan.errors, [r.messages() for r in plan.errors]
    operations.commit_import(store, plan, user="redaktion")
    (actor,) = graph.list_nodes(store, graph.Actor).items
    assert (actor.name, actor.kind) == ("Leseclub Ehrang", "Verein/Initiative")
    links = graph.links_of(store, "Actor", actor.id)
    assert {(lk.type, lk.from_name if lk.to_id == actor.id else lk.to_name) for lk in links} == {
        ("WORKS_ON", "MINT"),
        ("WORKS_AT", "Klein"),
    }


def test_vocabulary_rows_are_an_admins_to_change(store: graph.Store) -> None:
    graph.create_record(store, graph.Topic(id="topic-mint", name="MINT"), user="t")
    data = operations.export_workbook(store, user="admin")
    edited = _edit(data, [("Themen", 0, "Beschreibung", "Mathematik bis Technik")])
    (row,) = _import(store, edited, role="editor").errors
    assert "Administrator" in row.messages()[0]
    assert _import(store, edited, role="admin").writes == 1


def test_filtered_export_keeps_the_filtered_actors_and_is_logged(store: graph.Store) -> None:
    seed_mod.load(store)
    flt = filters.Filter(region="region-stadt-trier")
    kept = set(snapshot.cooperation_graph(store, flt).nodes)
    data = operations.export_workbook(store, flt, user="redaktion")
    sheets = imports.read_workbook(data, "x.xlsx")
    ids = {r[0] for r in sheets["Akteure"].rows}
    assert ids == kept and 0 < len(ids) < graph.counts(store).nodes["Actor"]
    coop = sheets["Kooperationen"]
    ends = [coop.headers.index("ID Akteur 1"), coop.headers.index("ID Akteur 2")]
    assert all(r[ends[0]] in kept and r[ends[1]] in kept for r in coop.rows)
    log, _total = contacts.export_log(store, limit=5)
    assert log[0].purpose == workbook.PURPOSE
    assert log[0].count == len(sheets["Personen"].rows)
    assert _import(store, data).writes == 0


_KINDS = [graph.Actor, graph.Person, graph.Alliance, graph.Project, graph.Topic, graph.Region]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    records=st.lists(st.one_of(*(strategies.records(cls) for cls in _KINDS)), max_size=6),
    coop=strategies.link_fields("COOPERATES_WITH"),
    member=strategies.link_fields("MEMBER_OF"),
)
def test_any_records_survive_the_round_trip_unchanged(
    store: graph.Store, records: list[graph.Node], coop: dict[str, Any], member: dict[str, Any]
) -> None:
    graph.wipe(store)
    nodes = [
        *(type(r)(**{**vars(r), "id": f"{r.LABEL.lower()}-{i}"}) for i, r in enumerate(records)),
        graph.Actor(id="actor-a", name="Akteur A", kind="Schule"),
        graph.Actor(id="actor-b", name="Akteur B", kind="Kita"),
        graph.Alliance(id="alliance-x", name="Bündnis X"),
        graph.Topic(id="topic-x", name="Thema X"),
        graph.Person(id="person-z", first_name="Zora", last_name="Zwei", function="Leitung"),
    ]
    bulk.merge_nodes(store, nodes)
    bulk.merge_links(
        store,
        [
            graph.Link(type="COOPERATES_WITH", from_id="actor-a", to_id="actor-b", **coop),
            graph.Link(type="MEMBER_OF", from_id="actor-a", to_id="alliance-x", **member),
            graph.Link(type="WORKS_ON", from_id="actor-b", to_id="topic-x"),
            # a person working at two actors (one row, two employers in one cell)
            graph.Link(type="WORKS_AT", from_id="person-z", to_id="actor-a"),
            graph.Link(type="WORKS_AT", from_id="person-z", to_id="actor-b"),
        ],
    )
    plan = _import(store, operations.export_workbook(store, user="test"))
    assert plan.writes == 0, [
        (r.sheet, r.name, r.changes, r.messages()) for r in plan.results if r.action != "unchanged"
    ]
