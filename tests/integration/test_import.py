"""Import against real Neo4j: dry-run numbers, commit, idempotence, interrupted import."""

from __future__ import annotations

import pytest

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.records import history

ACTORS_CP1252 = (
    "Einrichtung;Art;Straße;PLZ;Ort;E-Mail\r\n"
    "Bücherei Süd;Bibliothek;Saarstraße 1;54290;Trier;info@buecherei.example\r\n"
    "Grundschule Ehrang;schule;Kyllstraße 2;54293;Trier;\r\n"
    "Kita Löwenzahn;Kita;;;54294 Trier;\r\n"
    "Bücherei  süd;Bibliothek;;54290;Trier;\r\n"
    ";Kita;;;;\r\n"
    "Verein Ödland;Raumschiff;;12;Trier;keine-mail\r\n"
)


def run(store: graph.Store, data: bytes, kind: str | None = None) -> imports.ImportPlan:
    table = imports.read_table(data, "test.csv")
    kind = kind or imports.detect_kind(table.headers)
    return imports.dry_run(store, table, kind, imports.guess(table.headers, kind))


def test_cp1252_actor_file_dry_run_numbers_and_commit(store: graph.Store) -> None:
    plan = run(store, ACTORS_CP1252.encode("cp1252"))
    assert plan.kind == "actors"
    assert plan.counts == {
        "create": 4,
        "update": 0,
        "unchanged": 0,
        "duplicate": 1,
        "review": 0,
        "skipped": 0,
        "error": 1,
    }
    dup = next(r for r in plan.results if r.action == "duplicate")
    assert (dup.number, dup.duplicate_of) == (5, 2)
    errors = {r.number: r.errors for r in plan.errors}
    assert errors[6] == {"name": ["ist ein Pflichtfeld"]}
    # an invalid cell is left out with a warning, the rest of the row is kept
    odd = next(r for r in plan.results if r.number == 7)
    assert odd.action == "create" and not odd.errors
    said = " ".join(odd.warnings)
    assert "„Raumschiff“ wird nicht übernommen" in said
    assert "PLZ: „12“" in said and "E-Mail: „keine-mail“" in said
    assert graph.counts(store).nodes["Actor"] == 0, "the dry run writes nothing"

    with pytest.raises(operations.ImportBlockedError):
        operations.commit_import(store, plan, user="redaktion")
    assert graph.counts(store).nodes["Actor"] == 0, "blocked import writes nothing"

    result = operations.commit_import(store, plan, user="redaktion", only_valid=True)
    assert (result.created, result.updated, result.skipped_rows) == (4, 0, 1)
    stored = {a.name: a for a in graph.list_nodes(store, graph.Actor).items}
    assert set(stored) == {"Bücherei Süd", "Grundschule Ehrang", "Kita Löwenzahn", "Verein Ödland"}
    assert (stored["Verein Ödland"].postcode, stored["Verein Ödland"].email) == ("", "")
    assert stored["Grundschule Ehrang"].kind == "Schule"
    assert (stored["Kita Löwenzahn"].postcode, stored["Kita Löwenzahn"].town) == ("54294", "Trier")

    again = run(store, ACTORS_CP1252.encode("cp1252"))
    assert again.counts["create"] == 0 and again.counts["unchanged"] == 4
    operations.commit_import(store, again, user="redaktion", only_valid=True)
    assert graph.counts(store).nodes["Actor"] == 4, "re-import changes nothing"


def test_update_only_overwrites_with_non_empty_cells(store: graph.Store) -> None:
    graph.create_record(
        store,
        graph.Actor(id="a1", name="VHS Trier", kind="VHS/Weiterbildung", phone="0651 1"),
        user="test",
    )
    plan = run(store, b"Name;Ort;Telefon\nVHS Trier;Trier;\n")
    assert plan.counts["update"] == 1
    assert plan.results[0].changed == ["Ort"]
    operations.commit_import(store, plan, user="u")
    vhs = graph.get(store, graph.Actor, "a1")
    assert (vhs.town, vhs.phone, vhs.version) == ("Trier", "0651 1", 2)


def test_persons_with_employer_and_similar_names(store: graph.Store) -> None:
    graph.create_record(
        store, graph.Actor(id="a-vhs", name="Volkshochschule Trier", kind="Sonstige"), user="test"
    )
    graph.create_record(
        store, graph.Person(id="p-old", first_name="Eva", last_name="Schmitt"), user="test"
    )
    csv_text = (
        "Name;Einrichtung;E-Mail;Funktion;Newsletter;Datum Einwilligung Newsletter\n"
        "Dr. Eva Schmidt;Volkshochschule Trier;eva@vhs.example;Leitung;ja;01.02.2024\n"
        "Jan Klein;Unbekannte Schule;;;;\n"
        "Ida Groß;volkshochschule trier;;;ja;\n"
        "Eva Schmidt;Volkshochschule Trier;EVA@vhs.example;;;\n"
    )
    plan = run(store, csv_text.encode("utf-8"))
    assert plan.kind == "persons"
    assert plan.counts == {
        "create": 2,
        "update": 0,
        "unchanged": 0,
        "duplicate": 1,
        "review": 0,
        "skipped": 0,
        "error": 1,
    }
    first = plan.results[0]
    assert any("Eva Schmitt" in w for w in first.warnings)
    # an unknown employer is left out with a warning, the person is kept
    assert plan.results[1].action == "create"
    assert any("ohne Arbeitsstelle" in w for w in plan.results[1].warnings)
    errors = {r.number: r.errors for r in plan.errors}
    assert "consent_newsletter_date" in errors[4]
    operations.commit_import(store, plan, user="u", only_valid=True)
    links = graph.links_of(store, "Person", first.record_id, ["WORKS_AT"])
    assert [(lk.to_id, lk.function) for lk in links] == [("a-vhs", "Leitung")]
    eva = graph.get(store, graph.Person, first.record_id)
    assert (eva.title, eva.first_name, eva.consent_newsletter) == ("Dr.", "Eva", True)
    assert str(eva.consent_newsletter_date) == "2024-02-01"


def test_ambiguous_employer_is_left_out_not_guessed(store: graph.Store) -> None:
    graph.create_record(
        store, graph.Actor(id="a1", name="Grundschule", kind="Schule", town="Trier"), user="test"
    )
    graph.create_record(
        store, graph.Actor(id="a2", name="Grundschule", kind="Schule", town="Konz"), user="test"
    )
    plan = run(store, b"Vorname;Nachname;Einrichtung\nEva;Klein;Grundschule\n")
    (row,) = plan.results
    assert not plan.errors and not [p for p in row.parts if p.what == "arbeitet bei"]
    said = " ".join(row.warnings)
    assert "„Grundschule“ ist mehrdeutig: 2 Akteure" in said and "Konz, Trier" in said


def test_a_person_list_cell_naming_two_persons_makes_two(store: graph.Store) -> None:
    graph.create_record(
        store, graph.Actor(id="a-gs", name="Grundschule Ehrang", kind="Schule"), user="test"
    )
    csv_text = (
        "Name;Einrichtung;E-Mail;Funktion\n"
        "Frau Dr. Anna Klein / Herr Emre Demir;Grundschule Ehrang;"
        '"klein@gs.example; demir@gs.example";Sekretariat\n'
        "Herr und Frau Weber;Grundschule Ehrang;;\n"
        "Ida Groß;Grundschule Ehrang;;\n"
    )
    plan = run(store, csv_text.encode("utf-8"))
    assert plan.kind == "persons" and not plan.errors
    assert plan.counts["create"] == 3
    operations.commit_import(store, plan, user="u", only_valid=True)
    people = {
        (p.salutation, p.title, p.first_name, p.last_name, p.email, p.function)
        for p in graph.list_nodes(store, graph.Person, limit=100, order_by="last_name").items
    }
    assert ("Frau", "Dr.", "Anna", "Klein", "klein@gs.example", "Sekretariat") in people
    assert ("Herr", "", "Emre", "Demir", "demir@gs.example", "Sekretariat") in people
    assert {(p[0], p[3]) for p in people if p[3] == "Weber"} == {
        ("Herr", "Weber"),
        ("Frau", "Weber"),
    }
    for pid in (r.record_id for r in plan.results):
        assert [lk.to_id for lk in graph.links_of(store, "Person", pid, ["WORKS_AT"])] == ["a-gs"]
    assert len(people) == 5
    # the same file again changes nothing
    again = run(store, csv_text.encode("utf-8"))
    assert again.counts["create"] == 0 and again.counts["update"] == 0


def test_cooperations_by_actor_names(store: graph.Store) -> None:
    for aid, name in (("a1", "VHS Trier"), ("a2", "Stadtbibliothek"), ("a3", "Kita Sonne")):
        graph.create_record(store, graph.Actor(id=aid, name=name, kind="Sonstige"), user="test")
    text = (
        "Akteur 1,Akteur 2,Art,Intensität\n"
        "VHS Trier,Stadtbibliothek,Projektpartnerschaft,eng\n"
        "Stadtbibliothek,VHS Trier,Projektpartnerschaft,2\n"
        "VHS Trier,Nirgendwo,Gremienarbeit,\n"
        "Kita Sonne,VHS Trier,Kaffeeklatsch,\n"
    )
    plan = run(store, text.encode())
    assert plan.kind == "cooperations"
    assert plan.counts == {
        "create": 1,
        "update": 0,
        "unchanged": 0,
        "duplicate": 1,
        "review": 0,
        "skipped": 0,
        "error": 2,
    }
    operations.commit_import(store, plan, user="u", only_valid=True)
    coops = graph.list_links(store, "COOPERATES_WITH").items
    assert [(c.kind, c.intensity) for c in coops] == [("Projektpartnerschaft", 3)]
    again = run(store, text.encode())
    assert again.counts["unchanged"] == 1 and again.counts["create"] == 0


def _persons_file(n: int) -> bytes:
    lines = ["Vorname;Nachname;E-Mail"]
    lines += [f"Vorname{i};Nachname{i};p{i}@example.org" for i in range(n)]
    return "\n".join(lines).encode()


def test_interrupted_import_writes_nothing_and_rerun_completes(store: graph.Store) -> None:
    """The commit is one transaction: a failure half-way leaves no half import behind."""
    data = _persons_file(250)
    plan = run(store, data)
    assert plan.counts["create"] == 250

    def fail_after_first_batch(done: int, total: int) -> None:
        if 0 < done < total:
            raise RuntimeError("Verbindung verloren")

    with pytest.raises(RuntimeError):
        operations.commit_import(
            store, plan, user="u", batch_size=100, progress=fail_after_first_batch
        )
    assert graph.counts(store).nodes.get("Person", 0) == 0, "all or nothing"

    rerun = run(store, data)
    assert (rerun.counts["unchanged"], rerun.counts["create"]) == (0, 250)
    operations.commit_import(store, rerun, user="u", batch_size=100)
    assert graph.counts(store).nodes["Person"] == 250
    final = run(store, data)
    assert final.counts["unchanged"] == 250


def test_bad_mapping_is_a_validation_error(store: graph.Store) -> None:
    table = imports.read_table(b"Vorname;Mail\nEva;e@x.de\n")
    with pytest.raises(graph.ValidationError) as err:
        imports.dry_run(store, table, "persons", ["first_name", "email"])
    assert "Nachname" in str(err.value)


def test_saved_mapping_round_trip(store: graph.Store) -> None:
    operations.save_import_mapping(
        store, "redaktion", "actors", ["Bezeichnung", "Mail"], ["name", ""]
    )
    saved = imports.load_saved(store, "redaktion", "actors")
    assert imports.guess(["Bezeichnung", "Mail"], "actors", saved) == ["name", ""]
    assert imports.load_saved(store, "admin", "actors") == {}


def test_hostile_cells_are_validated_not_stored_half(store: graph.Store) -> None:
    from netzwerk.graph.core.validation import validate_node
    from tests.conftest import HOSTILE_STRINGS

    def valid(name: str) -> bool:
        try:
            validate_node(graph.Actor(name=name, kind="Sonstige", town="Trier"))
        except graph.ValidationError:
            return False
        return True

    cells = [*HOSTILE_STRINGS, "y" * 5_001, "Tab\tim Namen"]
    rows = "\n".join(f'"{s.replace(chr(34), chr(34) * 2)}";Trier' for s in cells)
    plan = run(store, f"Name;Ort\n{rows}\n".encode())
    # the import agrees with the graph's own validation, row by row, with row numbers
    assert plan.counts["duplicate"] == 0
    assert [r.action == "create" for r in plan.results] == [valid(c) for c in cells]
    assert plan.results[-2].errors["name"] == ["ist zu lang (5001 Zeichen, höchstens 5000)"]
    assert plan.results[-1].errors["name"] == ["enthält unzulässige Steuerzeichen"]
    assert [r.number for r in plan.results] == list(range(2, len(cells) + 2))
    assert any("Formeln" in w for w in plan.warnings)
    operations.commit_import(store, plan, user="u", only_valid=True)
    names = {a.name for a in graph.list_nodes(store, graph.Actor, limit=1000).items}
    assert len(names) == plan.counts["create"]
    assert '=HYPERLINK("http://evil.example","klick")' in names


def test_large_import_in_several_transactions_rolls_back_as_a_whole(store: graph.Store) -> None:
    """Above ``single_transaction`` records and links the commit uses several transactions;
    a failure in a later one takes back the earlier ones, history included."""
    plan = run(store, _persons_file(250))

    def fail_late(done: int, total: int) -> None:
        if done >= 200:
            raise RuntimeError("Verbindung verloren")

    with pytest.raises(RuntimeError):
        operations.commit_import(
            store, plan, user="u", batch_size=50, single_transaction=100, progress=fail_late
        )
    assert graph.counts(store).nodes.get("Person", 0) == 0, "all or nothing"
    assert history.recent(store, limit=10) == [], "no trace left"

    result = operations.commit_import(store, plan, user="u", batch_size=50, single_transaction=100)
    assert result.transactions == 5 and result.created == 250
    assert graph.counts(store).nodes["Person"] == 250
    undone = operations.undo_import(store, result.batch, user="u")
    assert undone.removed == 250 and graph.counts(store).nodes.get("Person", 0) == 0


def test_imported_consent_goes_into_the_ledger_and_undo_takes_it_back(
    store: graph.Store,
) -> None:
    from netzwerk.graph.personal import consent

    data = "Vorname;Nachname;E-Mail;Newsletter;Datum Einwilligung Newsletter\n"
    plan = run(store, (data + "Eva;Klein;eva@example.org;ja;01.02.2024\n").encode())
    result = operations.commit_import(store, plan, user="u")
    pid = plan.results[0].record_id
    (record,) = consent.for_person(store, pid)
    assert (record.purpose, record.type, str(record.date)) == ("newsletter", "opt-in", "2024-02-01")
    assert record.source == "Import: test.csv"
    operations.undo_import(store, result.batch, user="u")
    assert consent.for_person(store, pid) == [], "the ledger goes with the person"

    graph.create_record(
        store,
        graph.Person(id="p1", first_name="Jan", last_name="Groß", email="jan@example.org"),
        user="t",
    )
    plan = run(store, (data + "Jan;Groß;jan@example.org;ja;01.03.2024\n").encode())
    result = operations.commit_import(store, plan, user="u")
    assert [c.type for c in consent.for_person(store, "p1")] == ["opt-in"]
    operations.undo_import(store, result.batch, user="u")
    assert graph.get(store, graph.Person, "p1").consent_newsletter is False
    ledger = consent.for_person(store, "p1")
    assert ledger == [], "the import's opt-in goes with the undo: ledger and fields agree"
