"""Contact export against real Neo4j: filters, consent per purpose, dedupe, export log."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import openpyxl
import pytest

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.core.model import Link
from netzwerk.graph.personal import contacts
from netzwerk.graph.personal.contacts import ContactFilter

DAY = date(2024, 1, 15)


def person(pid: str, last: str, **kw: Any) -> graph.Person:
    return graph.Person(id=pid, first_name=kw.pop("first", "Eva"), last_name=last, **kw)


def build(store: graph.Store) -> None:
    nodes: list[graph.Node] = [
        graph.Region(id="r-trier", name="Stadt Trier", kind="Stadt"),
        graph.Region(id="r-mitte", name="Trier-Mitte", kind="Stadtteil"),
        graph.Region(id="r-kreis", name="Landkreis Trier-Saarburg", kind="Landkreis"),
        graph.Topic(id="t-mint", name="MINT"),
        graph.Stage(id="s-prim", name="Primarstufe", order=2),
        graph.Alliance(id="al-alpha", name="Bündnis Alphabetisierung"),
        graph.Project(id="pr-kitec", name="KiTec digital"),
        graph.Actor(
            id="a-vhs",
            name="VHS Trier",
            kind="VHS/Weiterbildung",
            street="Domfreihof 1b",
            postcode="54290",
            town="Trier",
        ),
        graph.Actor(id="a-gs", name="Grundschule Mitte", kind="Schule", town="Trier"),
        graph.Actor(id="a-lk", name="Kreisvolkshochschule", kind="VHS/Weiterbildung"),
        person(
            "p-all",
            "Anders",
            email="anders@example.org",
            consent_newsletter=True,
            consent_newsletter_date=DAY,
            consent_contact=True,
            consent_contact_date=DAY,
        ),
        person("p-public", "Behrens", legal_basis="öffentliche Aufgabe", function="Schulleitung"),
        person("p-none", "Cramer", email="c@example.org"),
        person("p-news", "Dahm", consent_newsletter=True, consent_newsletter_date=DAY),
        person("p-kreis", "Ehlers", legal_basis="öffentliche Aufgabe"),
        person("p-contactfor", "Fuchs", legal_basis="öffentliche Aufgabe"),
        # the same human being recorded twice (same e-mail and name)
        person("p-twin", "Anders", email="ANDERS@example.org", legal_basis="öffentliche Aufgabe"),
    ]
    links = [
        Link(type="PART_OF", from_id="r-mitte", to_id="r-trier"),
        Link(type="LOCATED_IN", from_id="a-vhs", to_id="r-mitte"),
        Link(type="LOCATED_IN", from_id="a-gs", to_id="r-mitte"),
        Link(type="LOCATED_IN", from_id="a-lk", to_id="r-kreis"),
        Link(type="MEMBER_OF", from_id="a-vhs", to_id="al-alpha"),
        Link(type="MEMBER_OF", from_id="a-lk", to_id="al-alpha", until=date(2020, 1, 1)),
        Link(type="PARTICIPATES_IN", from_id="a-gs", to_id="pr-kitec"),
        Link(type="WORKS_ON", from_id="a-gs", to_id="t-mint"),
        Link(type="COVERS", from_id="a-gs", to_id="s-prim"),
        Link(type="WORKS_AT", from_id="p-all", to_id="a-vhs"),
        Link(type="WORKS_AT", from_id="p-all", to_id="a-gs"),
        Link(type="WORKS_AT", from_id="p-public", to_id="a-gs", function="Schulleitung"),
        Link(type="WORKS_AT", from_id="p-none", to_id="a-vhs"),
        Link(type="WORKS_AT", from_id="p-news", to_id="a-vhs"),
        Link(type="WORKS_AT", from_id="p-kreis", to_id="a-lk"),
        Link(type="WORKS_AT", from_id="p-twin", to_id="a-lk"),
        Link(type="CONTACT_FOR", from_id="p-contactfor", to_id="al-alpha"),
    ]
    graph.merge_nodes(store, nodes)
    graph.merge_links(store, links)


def ids(sel: contacts.Selection) -> list[str]:
    return sorted(r.person_id for r in sel.rows)


def test_contact_purpose_consent_and_left_out_counts(store: graph.Store) -> None:
    build(store)
    sel = contacts.select(store, ContactFilter(), "contact")
    # p-twin merges into p-all (same e-mail and name); p-none and p-news have no basis
    assert ids(sel) == ["p-all", "p-contactfor", "p-kreis", "p-public"]
    assert sel.duplicates == 1
    assert sel.matched == 7
    assert sel.left_out == {"no_newsletter_consent": 0, "no_contact_basis": 2}
    merged = next(r for r in sel.rows if r.person_id == "p-all")
    assert sorted(merged.organisations) == [
        "Grundschule Mitte",
        "Kreisvolkshochschule",
        "VHS Trier",
    ]


def test_newsletter_purpose_needs_newsletter_consent(store: graph.Store) -> None:
    build(store)
    sel = contacts.select(store, ContactFilter(), "newsletter")
    assert ids(sel) == ["p-all", "p-news"]
    assert sel.left_out["no_newsletter_consent"] == 5
    assert sel.reasons() == [("keine Einwilligung in den Newsletter", 5)]


def test_consent_dated_in_the_future_does_not_count(store: graph.Store) -> None:
    build(store)
    sel = contacts.select(store, ContactFilter(), "newsletter", today=date(2023, 12, 31))
    assert ids(sel) == []


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        # region includes sub-regions: Trier-Mitte is part of Stadt Trier
        (ContactFilter(region="r-trier"), ["p-all", "p-public"]),
        (ContactFilter(region="r-kreis"), ["p-kreis", "p-twin"]),
        # the Kreisvolkshochschule left the alliance in 2020; p-contactfor is its contact
        (ContactFilter(alliance="al-alpha"), ["p-all", "p-contactfor"]),
        (ContactFilter(project="pr-kitec"), ["p-all", "p-public"]),
        (ContactFilter(topic="t-mint"), ["p-all", "p-public"]),
        (ContactFilter(stage="s-prim"), ["p-all", "p-public"]),
        (ContactFilter(actor_kinds=("Schule",)), ["p-all", "p-public"]),
        (ContactFilter(function="leitung"), ["p-public"]),
        (ContactFilter(alliance="al-alpha", actor_kinds=("Schule",)), []),
    ],
)
def test_filters(store: graph.Store, flt: ContactFilter, expected: list[str]) -> None:
    build(store)
    assert ids(contacts.select(store, flt, "contact")) == expected


def test_invalid_filter_and_purpose_are_rejected(store: graph.Store) -> None:
    with pytest.raises(graph.ValidationError) as err:
        contacts.select(store, ContactFilter(actor_kinds=("Raumschiff",)), "contact")
    assert "actor_kinds" in err.value.by_field()
    with pytest.raises(graph.ValidationError) as err:
        contacts.select(store, ContactFilter(), "werbung")
    assert "purpose" in err.value.by_field()


def test_export_is_logged_with_person_ids(store: graph.Store) -> None:
    build(store)
    data, sel, entry = operations.export_contacts(
        store, ContactFilter(region="r-trier"), purpose="contact", fmt="xlsx", user="redaktion"
    )
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws.max_row == 1 + len(sel.rows) == 3
    assert entry.count == 2 and entry.user == "redaktion" and entry.format == "xlsx"
    assert entry.filter == {"region": "r-trier"}
    log, total = contacts.export_log(store)
    assert total == 1 and log[0].id == entry.id and log[0].purpose == "contact"
    assert [e.id for e in contacts.exports_of_person(store, "p-public")] == [entry.id]
    assert contacts.exports_of_person(store, "p-none") == []


def test_csv_export_opens_with_declared_dialect(store: graph.Store) -> None:
    build(store)
    data, sel, _ = operations.export_contacts(
        store, ContactFilter(), purpose="contact", fmt="csv", user="u", delimiter=","
    )
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=","))
    assert len(rows) == len(sel.rows) == 4
    vhs = next(r for r in rows if r["Nachname"] == "Anders")
    assert vhs["Straße"] == "Domfreihof 1b" and vhs["PLZ"] == "54290"
