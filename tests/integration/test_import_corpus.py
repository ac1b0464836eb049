"""The corpus of office spreadsheets (``tests/data``, made by ``tests/data/generate.py``),
each imported with ``netzwerk import`` against a small stored network.

Per file the test states the decisions the import needed (``--match``/``--ended``/``--sheet``
given on the command line), the persons it made (no salutation or title in a first name, two
persons where a cell names two), and that no stored actor was duplicated and no stored name
changed without a decision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph.records import links as link_reads
from tests.data.generate import FILES, STORED

DATA = Path(__file__).resolve().parent.parent / "data"
SALUTATIONS = ("Frau", "Herr", "Hr.", "Fr.", "Dr.", "Prof.")


def links(store: graph.Store, actor_id: str) -> list[graph.Link]:
    """Every link of an actor (both directions)."""
    return link_reads.links_of(store, "Actor", actor_id)


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, ["import", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def office(store: graph.Store) -> graph.Store:
    """The stored network the corpus refers to."""
    for aid, name, short, kind, street, postcode, town in STORED["actors"]:
        graph.create_record(
            store,
            graph.Actor(
                id=aid,
                name=name,
                short_name=short,
                kind=kind,
                street=street,
                postcode=postcode,
                town=town,
            ),
            user="t",
        )
    for pid, first, last, employer, email in STORED["persons"]:
        graph.create_record(
            store, graph.Person(id=pid, first_name=first, last_name=last, email=email), user="t"
        )
        graph.create_link(store, graph.Link(type="WORKS_AT", from_id=pid, to_id=employer), user="t")
    for alid, name in STORED["alliances"]:
        graph.create_record(store, graph.Alliance(id=alid, name=name), user="t")
    for tid, name in STORED["topics"]:
        graph.create_record(store, graph.Topic(id=tid, name=name), user="t")
    return store


def persons(store: graph.Store) -> dict[str, graph.Person]:
    return {
        f"{p.first_name} {p.last_name}".strip(): p
        for p in graph.list_nodes(store, graph.Person, limit=1000, order_by="last_name").items
    }


def actors(store: graph.Store) -> dict[str, graph.Actor]:
    return {a.name: a for a in graph.list_nodes(store, graph.Actor, limit=1000).items}


def assert_clean(store: graph.Store) -> None:
    """No salutation or title in a first name, no stored actor duplicated or renamed."""
    for p in persons(store).values():
        assert not p.first_name.startswith(SALUTATIONS), p
        assert not p.last_name.startswith(SALUTATIONS), p
    names = [a.name for a in graph.list_nodes(store, graph.Actor, limit=1000).items]
    assert len(names) == len(set(names)), names
    for aid, name, *_ in STORED["actors"]:
        assert graph.get(store, graph.Actor, aid).name == name


def test_corpus_is_what_the_generator_makes() -> None:
    """The files are kept in the repository; they must be the generator's output."""
    assert len(FILES) >= 8
    for name, make in FILES.items():
        if name.endswith(".csv"):
            assert (DATA / name).read_bytes() == make(), name


def test_partner_list_with_title_row_merged_cells_and_two_persons(office: graph.Store) -> None:
    f = str(DATA / "partnerliste_titelzeile.xlsx")
    dry = run(f, "--dry-run")
    out = dry.output
    assert "Überschriften in Zeile 3" in out and "Blatt „Partner“" in out
    assert "Einrichtung" in out and "→ Name" in out
    assert "„Frau Petra Hoffmann / Herr Ali Demir“" in out
    # the decision it needs: "Stadtbibliothek Weberbach" is at the stored library's address
    assert "Stadtbibliothek Weberbach" in out and "gleiche Anschrift" in out
    assert "BNE" in out and "→ Bildung für nachhaltige Entwicklung (Synonym" in out
    assert "„Herr Konrektor Weber“ → Herr Weber (Konrektor)" in out
    assert "„Herr und Frau Klein“ → Frau Klein" in out
    assert "lenz@diakonie-trier" in out and "nicht übernommen" in out
    review = next(
        line for line in out.splitlines() if line.startswith("Prüfung") and "Weberbach" in line
    )
    number = review.split()[1]
    done = run(f, "--match", f"{number}=actor-stabi", "--matches", "neu")
    assert "Leseförderung" in done.output and "→ Sprachförderung (Synonym" in done.output
    assert "Importiert:" in done.output
    stored = persons(office)
    assert {"Petra Hoffmann", "Ali Demir", "Eva Braun", "Peter Braun", "Sonja Marx"} <= set(stored)
    assert stored["Petra Hoffmann"].salutation == "Frau"
    assert stored["Ali Demir"].salutation == "Herr"
    assert stored["Ali Demir"].email == "a.demir@gs-olewig.de"
    assert stored["Sabine Lenz"].title == "Dr." and stored["Sabine Lenz"].email == ""
    assert stored["Weber"].salutation == "Herr" and stored["Weber"].function == "Konrektor"
    assert stored["Sonja Marx"].function == "Leitung"
    kleins = [
        p.salutation
        for p in graph.list_nodes(office, graph.Person, limit=1000, order_by="last_name").items
        if p.last_name == "Klein" and not p.first_name
    ]
    assert sorted(kleins) == ["Frau", "Herr"], "two persons where the cell names two"
    assert "Renate Köhler" in stored and "Frau Renate Köhler" not in stored
    by_name = actors(office)
    assert "Stadtbibliothek Weberbach" not in by_name, "matched to the stored library"
    assert by_name["Diakonisches Werk Trier"].kind == "Wohlfahrtsverband"
    assert by_name["Diakonisches Werk Trier"].sponsor == "Ev. Kirchenkreis Trier"
    assert by_name["Diakonisches Werk Trier"].sponsorship == "frei"
    assert by_name["Diakonisches Werk Trier"].street == "Saarstr. 5"
    assert by_name["Kita St. Martin"].postcode == "54290"
    kita = by_name["Kita St. Martin"].id
    kita_people = {lk.from_id for lk in links(office, kita) if lk.type == "WORKS_AT"}
    assert {stored["Eva Braun"].id, stored["Sonja Marx"].id} <= kita_people, "merged cell"
    olewig = [lk for lk in links(office, "actor-gs-olewig") if lk.type == "MEMBER_OF"]
    assert [str(lk.since) for lk in olewig] == ["2021-03-01"]
    assert_clean(office)


def test_sheet_of_former_partners_ends_memberships(office: graph.Store) -> None:
    f = str(DATA / "partnerliste_titelzeile.xlsx")
    run(str(DATA / "mitgliedschaften.csv"))
    hint = run(f, "--sheet", "Ehemalige", "--dry-run")
    assert "ehemaligen Partnern" in hint.output
    run(f, "--sheet", "Ehemalige", "--matches", "neu")
    vhs = [lk for lk in links(office, "actor-vhs") if lk.type == "MEMBER_OF"]
    ended = {lk.to_id: lk.until for lk in vhs}
    assert str(ended["alliance-mint"]) == "2024-12-31", "the 'ausgeschieden' column"
    assert ended["alliance-alpha"] is None, "a membership the sheet does not name stays"
    assert_clean(office)


def test_two_line_header_and_combined_address(office: graph.Store) -> None:
    f = str(DATA / "zweizeilige_ueberschrift.xlsx")
    dry = run(f, "--dry-run")
    assert "Überschriften in Zeile 1–2" in dry.output
    assert "Ansprechpartner/in: E-Mail" in dry.output and "E-Mail der Ansprechperson" in dry.output
    # "Bildungswerk Trier" is at the VHS's address, written "Domfreihof 1 b"
    assert "gleiche Anschrift" in dry.output
    run(f, "--matches", "neu")
    stored = persons(office)
    assert stored["Andrea Müller"].salutation == "Frau"
    assert stored["Kim Schneider"].salutation == "divers"
    assert stored["Klaus Klein"].id == "person-klein", "matched by e-mail, not doubled"
    assert_clean(office)


def test_one_row_per_person(office: graph.Store) -> None:
    f = str(DATA / "kontakte_je_person.xlsx")
    dry = run(f, "--dry-run")
    assert "Importart: Partnerliste" in dry.output
    run(f, "--matches", "neu")
    stored = persons(office)
    assert stored["Ute Berg"].title == "Prof. Dr." and stored["Ute Berg"].salutation == "Frau"
    assert stored["Lea Sommer"].salutation == "Frau", "salutation written into the first name"
    works = {lk.from_id for lk in links(office, actors(office)["Hochschule Trier"].id)}
    assert {stored[n].id for n in ("Ute Berg", "Jonas Fuchs", "Lea Sommer")} <= works
    assert stored["Renate Köhler"].id == "person-koehler", "same name at the same employer"
    assert_clean(office)


def test_one_row_per_membership_with_since(office: graph.Store) -> None:
    done = run(str(DATA / "mitgliedschaften.csv"))
    assert "irgendwann" in done.output and "nicht übernommen" in done.output
    vhs = {lk.to_id: lk for lk in links(office, "actor-vhs") if lk.type == "MEMBER_OF"}
    assert vhs["alliance-mint"].role == "Koordination"
    assert str(vhs["alliance-mint"].since) == "2017-01-01"
    assert str(vhs["alliance-alpha"].since) == "2015-01-01"
    caritas = [lk for lk in links(office, "actor-caritas") if lk.type == "MEMBER_OF"]
    assert len(caritas) == 1 and caritas[0].since is None, "the bad date left out, not the row"
    assert len(actors(office)) == len(STORED["actors"])
    assert_clean(office)


def test_outlook_contacts(office: graph.Store) -> None:
    f = str(DATA / "outlook_kontakte.csv")
    dry = run(f, "--dry-run")
    assert "Importart: Personen" in dry.output
    assert "Unbekannte Firma GmbH" in dry.output and "ohne Arbeitsstelle" in dry.output
    run(f, "--matches", "neu")
    stored = persons(office)
    assert stored["Renate Köhler"].id == "person-koehler"
    assert stored["Renate Köhler"].salutation == "Frau"
    assert stored["Martin Schäfer"].title == "Dr.", "Outlook's Anrede holds the title"
    assert stored["Ahmad Said"].salutation == "Herr"
    assert stored["Lisa Wagner"].email == "", "the invalid address left out, not the person"
    assert_clean(office)


def test_kumu_export_elements_and_connections(office: graph.Store) -> None:
    f = str(DATA / "kumu_export.xlsx")
    elements = run(f, "--value", "Art:Jugendhaus=Verein/Initiative", "--matches", "neu")
    assert "Importiert:" in elements.output
    connections = run(f, "--sheet", "Connections", "--matches", "neu")
    assert "Importart: Kooperationen" in connections.output
    by_name = actors(office)
    assert by_name["Haus der Jugend Trier"].kind == "Verein/Initiative"
    coop = [lk for lk in links(office, "actor-vhs") if lk.type == "COOPERATES_WITH"]
    assert len(coop) == 2
    assert_clean(office)


def test_hidden_columns_and_filtered_rows(office: graph.Store) -> None:
    f = str(DATA / "ausgeblendet_gefiltert.xlsx")
    dry = run(f, "--dry-run")
    assert "ausgeblendet oder weggefiltert (Zeile 3)" in dry.output
    assert "Ausgeblendete Spalten werden mitgelesen: Interne Nr." in dry.output
    # both new actors share a stored actor's address: two decisions
    assert dry.output.count("gleiche Anschrift") >= 2
    run(f, "--matches", "neu")
    by_name = actors(office)
    assert "Medienzentrum Trier" in by_name, "a filtered row is still imported"
    assert_clean(office)


def test_ods_partner_list(office: graph.Store) -> None:
    f = str(DATA / "partnerliste.ods")
    dry = run(f, "--dry-run")
    assert "ODS" in dry.output and "Überschriften in Zeile 4" in dry.output
    run(f, "--matches", "neu")
    stored = persons(office)
    assert stored["Uwe Kern"].title == "Dipl.-Päd." and stored["Uwe Kern"].salutation == "Herr"
    awo = actors(office)["AWO Kreisverband Trier"]
    assert (awo.kind, awo.street, awo.postcode) == (
        "Wohlfahrtsverband",
        "Hindenburgstraße 4",
        "54290",
    )
    works = {lk.from_id for lk in links(office, awo.id)}
    assert {stored["Nina Roth"].id, stored["Uwe Kern"].id} <= works, "merged cell filled down"
    former = run(f, "--sheet", "Ehemalige", "--ended", "30.06.2025", "--matches", "neu")
    assert "Importiert:" in former.output
    olewig = [lk for lk in links(office, "actor-gs-olewig") if lk.type == "MEMBER_OF"]
    assert [str(lk.until) for lk in olewig] == ["2025-06-30"]
    assert_clean(office)
