"""The office's partner list in one pass: detection, value mapping, matching with review,
contact persons, topics, memberships and regions — against a real Neo4j."""

from __future__ import annotations

import re

import pytest

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.core.values import name_form
from netzwerk.graph.records import history
from netzwerk.web.kinds import record_url
from tests.conftest import HOSTILE_STRINGS

HEADER = "Name;Art;Straße;PLZ;Ort;E-Mail;Telefon;Themen;Bündnis;Rolle;Ansprechperson;Funktion"


def _world(store: graph.Store) -> None:
    for node in (
        graph.Topic(id="topic-mint", name="MINT"),
        graph.Topic(id="topic-digital", name="Digitale Bildung"),
        graph.Topic(id="topic-alpha", name="Alphabetisierung & Grundbildung"),
        graph.Region(id="region-trier", name="Stadt Trier", kind="Stadt"),
        graph.Region(id="region-ehrang", name="Ehrang/Quint", kind="Stadtteil"),
        graph.Alliance(id="alliance-mint", name="MINT-Initiativkreis Trier"),
        graph.Actor(id="actor-jmd", name="Jugendmigrationsdienst Trier", postcode="54290"),
        graph.Actor(
            id="actor-ehrang",
            name="Gymnasium Ehrang",
            kind="Schule",
            postcode="54293",
            town="Trier",
        ),
    ):
        graph.create_record(store, node, user="test")
    graph.create_link(
        store,
        graph.Link(type="LOCATED_IN", from_id="actor-ehrang", to_id="region-ehrang"),
        user="t",
    )


def _plan(store: graph.Store, text: str, choices: imports.Choices | None = None, **kw):
    data = text.encode(kw.pop("encoding", "cp1252"))
    table = imports.read_table(data, kw.pop("name", "partner.csv"))
    kind = imports.detect_kind(table.headers)
    return imports.dry_run(store, table, kind, imports.guess(table.headers, kind), choices=choices)


ROWS = (
    f"{HEADER}\r\n"
    "Volkshochschule Trier;VHS;Domfreihof 1;54290;Trier;vhs@trier.example;0651 1;"
    '"MINT, Digitalisierung";MINT-Initiativkreis Trier;Koordination;'
    '"Dr. Eva Schmidt\nJan Klein";"Leitung\nSekretariat"\r\n'
    "Kita Löwenzahn;Kindertagesstätte;Kyllstraße 3;54293;Trier;;;Alpha;;;Ida Groß;Leitung\r\n"
    "Kita Löwenzahn;Kindertagesstätte;;54293;Trier;;;;;;Paul Weber;Erzieher\r\n"
)


def test_issue_header_is_a_partner_list_not_persons(store: graph.Store) -> None:
    table = imports.read_table(f"{HEADER};Stufe\r\nVHS Trier;VHS\r\n".encode("cp1252"))
    assert imports.detect_kind(table.headers) == "partners"
    assert imports.guess(table.headers, "partners")[:3] == ["name", "kind", "street"]
    assert imports.detect_kind(["Vorname", "Nachname", "Einrichtung"]) == "persons"
    assert imports.detect_kind(["Einrichtung", "Ansprechpartner", "PLZ"]) == "partners"


def test_one_sheet_brings_actors_persons_topics_memberships_and_regions(
    store: graph.Store,
) -> None:
    _world(store)
    plan = _plan(store, ROWS)
    assert plan.kind == "partners" and not plan.errors and not plan.reviews
    proposals = {(f, p.value): (p.target_name, p.how) for f, ps in plan.values.items() for p in ps}
    assert proposals[("kind", "VHS")] == ("VHS/Weiterbildung", "Synonym")
    assert proposals[("kind", "Kindertagesstätte")] == ("Kita", "Synonym")
    assert proposals[("topics", "Digitalisierung")] == ("Digitale Bildung", "Synonym")
    assert proposals[("topics", "Alpha")] == ("Alphabetisierung & Grundbildung", "Synonym")
    assert [r.action for r in plan.results] == ["create", "create", "create"]
    result = operations.commit_import(store, plan, user="redaktion")
    assert (result.created, result.links_created) == (6, 14)

    actors = {a.name: a for a in graph.list_nodes(store, graph.Actor).items}
    vhs, kita = actors["Volkshochschule Trier"], actors["Kita Löwenzahn"]
    assert (vhs.kind, kita.kind) == ("VHS/Weiterbildung", "Kita")
    vhs_links = graph.links_of(store, "Actor", vhs.id)
    by_type: dict[str, set[str]] = {}
    for lk in vhs_links:
        other = lk.from_name if lk.to_id == vhs.id else lk.to_name
        by_type.setdefault(lk.type, set()).add(other)
    assert by_type["WORKS_ON"] == {"MINT", "Digitale Bildung"}
    assert by_type["MEMBER_OF"] == {"MINT-Initiativkreis Trier"}
    assert by_type["CONTACT_FOR"] == by_type["WORKS_AT"] == {"Schmidt", "Klein"}
    assert by_type["LOCATED_IN"] == {"Stadt Trier"}, "town Trier names the region"
    member = next(lk for lk in vhs_links if lk.type == "MEMBER_OF")
    assert member.role == "Koordination"
    eva = next(
        p
        for p in graph.list_nodes(store, graph.Person, order_by="last_name").items
        if p.last_name == "Schmidt"
    )
    assert (eva.title, eva.first_name, eva.function) == ("Dr.", "Eva", "Leitung")
    kita_links = graph.links_of(store, "Actor", kita.id)
    assert {lk.from_name for lk in kita_links if lk.type == "WORKS_AT"} == {
        "Groß",
        "Weber",
    }
    seat = [lk.to_id for lk in kita_links if lk.type == "LOCATED_IN"]
    assert seat == ["region-ehrang"], "postcode 54293 is where stored actors are located"
    assert len(history.of_batch(store, result.batch)) == 6 + 2 * 14

    again = _plan(store, ROWS)
    assert again.writes == 0, "re-import changes nothing"
    assert {r.action for r in again.results} == {"unchanged"}


def test_repeated_organisation_without_new_content_is_a_duplicate(store: graph.Store) -> None:
    plan = _plan(store, "Name;Ort\r\nLeseclub;Trier\r\nleseclub ;Trier\r\n")
    assert [r.action for r in plan.results] == ["create", "duplicate"]
    assert plan.results[1].duplicate_of == 2


def test_same_name_other_postcode_is_reviewed_never_silently_duplicated(
    store: graph.Store,
) -> None:
    _world(store)
    text = f"{HEADER}\r\nJugendmigrationsdienst Trier;Beratung;;54292;Trier;;;;;;;\r\n"
    plan = _plan(store, text)
    (review,) = plan.reviews
    assert review.open and review.label == "Actor"
    assert [c.id for c in review.candidates] == ["actor-jmd"]
    assert "andere PLZ (54290)" in review.candidates[0].reasons[0]
    assert plan.results[0].action == "review" and plan.undecided
    with pytest.raises(operations.ImportBlockedError, match="unsichere"):
        operations.commit_import(store, plan, user="u")

    same = _plan(store, text, imports.Choices(decisions={review.key: "actor-jmd"}))
    assert same.results[0].record_id == "actor-jmd"
    (diff,) = [d for d in same.differences if d.field == "postcode"]
    assert (diff.stored, diff.proposed, diff.taken) == ("54290", "54292", False), "kept unasked"
    ticked = imports.Choices(decisions={review.key: "actor-jmd"}, take={diff.key})
    same = _plan(store, text, ticked)
    assert same.results[0].action == "update"
    assert same.results[0].changes["postcode"] == ["54290", "54292"]
    skip = _plan(store, text, imports.Choices(decisions={review.key: imports.SKIP}))
    assert skip.results[0].action == "skipped" and skip.writes == 0
    new = _plan(store, text, imports.Choices(decisions={review.key: imports.NEW}))
    operations.commit_import(store, new, user="u")
    names = [a.name for a in graph.list_nodes(store, graph.Actor).items]
    assert names.count("Jugendmigrationsdienst Trier") == 2, "two, because the user said so"


def test_similar_name_without_legal_form_and_same_mail_domain_are_candidates(
    store: graph.Store,
) -> None:
    graph.create_record(
        store,
        graph.Actor(id="a1", name="Verein für Lesen e.V.", kind="Verein/Initiative"),
        user="t",
    )
    graph.create_record(
        store,
        graph.Actor(id="a2", name="Caritas Trier", kind="Sonstige", email="info@caritas-trier.de"),
        user="t",
    )
    plan = _plan(
        store,
        "Name;E-Mail\r\nLesen Verein;\r\nCaritasverband Trier;beratung@caritas-trier.de\r\n",
    )
    first, second = plan.reviews
    assert first.candidates[0].id == "a1" and "ähnlicher Name" in first.candidates[0].reasons[0]
    assert second.candidates[0].id == "a2"
    assert any("caritas-trier.de" in r for r in second.candidates[0].reasons)


def test_unknown_kind_names_the_value_and_a_value_choice_fixes_it(store: graph.Store) -> None:
    plan = _plan(store, "Name;Art\r\nHaus der Jugend;Jugendhaus\r\n")
    (row,) = plan.results
    assert row.action == "create" and not plan.errors, "the value is left out, not the row"
    assert "„Jugendhaus“ wird nicht übernommen" in row.warnings[0]
    (proposal,) = plan.values["kind"]
    assert (proposal.how, proposal.target) == ("unbekannt", "")
    choices = imports.Choices(values={"kind": {proposal.key: "Verein/Initiative"}})
    fixed = _plan(store, "Name;Art\r\nHaus der Jugend;Jugendhaus\r\n", choices)
    assert not fixed.errors and fixed.values["kind"][0].how == "gespeichert"


def test_value_choices_are_saved_with_the_mapping_and_proposed_next_time(
    store: graph.Store,
) -> None:
    headers = ["Name", "Themen"]
    operations.save_import_mapping(
        store, "redaktion", "partners", headers, ["name", "topics"], {"topics": {"kunst": ""}}
    )
    assert imports.load_values(store, "redaktion", "partners") == {"topics": {"kunst": ""}}
    assert imports.load_saved(store, "redaktion", "partners") == {
        "name": "name",
        "themen": "topics",
    }
    choices = imports.Choices(values=imports.load_values(store, "redaktion", "partners"))
    plan = _plan(store, "Name;Themen\r\nMalschule;Kunst\r\n", choices)
    assert plan.values["topics"][0].how == "gespeichert"
    assert "wird nicht übernommen" in plan.results[0].warnings[0]


def test_new_alliance_by_editor_new_topic_only_by_admin(store: graph.Store) -> None:
    text = "Name;Themen;Bündnis\r\nMalschule;Kunst;Kulturnetz Trier\r\n"
    editor = _plan(store, text)
    assert editor.values["alliances"][0].target == imports.NEW
    assert editor.values["topics"][0].target == ""
    admin = _plan(store, text, imports.Choices(role="admin"))
    assert admin.values["topics"][0].target == imports.NEW
    operations.commit_import(store, admin, user="admin")
    assert [t.name for t in graph.list_nodes(store, graph.Topic).items] == ["Kunst"]
    assert [a.name for a in graph.list_nodes(store, graph.Alliance).items] == ["Kulturnetz Trier"]


def test_a_contact_person_with_the_same_name_elsewhere_is_reviewed(store: graph.Store) -> None:
    graph.create_record(store, graph.Actor(id="a1", name="Schule A", kind="Schule"), user="t")
    graph.create_record(
        store, graph.Person(id="p1", first_name="Anna", last_name="Müller"), user="t"
    )
    graph.create_link(store, graph.Link(type="WORKS_AT", from_id="p1", to_id="a1"), user="t")
    plan = _plan(
        store, "Name;Ansprechperson;E-Mail Ansprechperson\r\nSchule B;Anna Müller;a@b.de\r\n"
    )
    (review,) = plan.reviews
    assert review.label == "Person" and review.candidates[0].id == "p1"
    assert review.candidates[0].details["arbeitet bei"] == "Schule A"
    decided = _plan(
        store,
        "Name;Ansprechperson;E-Mail Ansprechperson\r\nSchule B;Anna Müller;a@b.de\r\n",
        imports.Choices(decisions={review.key: "p1"}),
    )
    operations.commit_import(store, decided, user="u")
    jobs = {lk.to_name for lk in graph.links_of(store, "Person", "p1") if lk.type == "WORKS_AT"}
    assert jobs == {"Schule A", "Schule B"}, "the same person now works at both"


def test_a_bad_cell_is_left_out_and_the_rest_of_the_row_kept(store: graph.Store) -> None:
    text = (
        "Name;Ansprechperson;E-Mail Ansprechperson\r\n"
        "Gute Schule;Eva Gut;eva@gut.de\r\n"
        "Halbe Schule;Jan Halb;keine-mail\r\n"
        ";Ida Ohne;ida@ohne.de\r\n"
    )
    plan = _plan(store, text)
    assert [r.action for r in plan.results] == ["create", "create", "error"]
    assert "E-Mail: „keine-mail“" in plan.results[1].warnings[0]
    assert "nicht übernommen" in plan.results[1].warnings[0]
    operations.commit_import(store, plan, user="u", only_valid=True)
    assert [a.name for a in graph.list_nodes(store, graph.Actor).items] == [
        "Gute Schule",
        "Halbe Schule",
    ]
    people = graph.list_nodes(store, graph.Person, order_by="last_name").items
    assert [(p.last_name, p.email) for p in people] == [("Gut", "eva@gut.de"), ("Halb", "")]


def test_hostile_cells_in_a_partner_list_are_stored_verbatim_or_refused(
    store: graph.Store,
) -> None:
    cells = [s for s in HOSTILE_STRINGS if ";" not in s and '"' not in s and "\n" not in s]
    lines = [f"Partner {i} {s};{s};{s};Trier" for i, s in enumerate(cells)]
    plan = _plan(store, "Name;Themen;Ansprechperson;Ort\r\n" + "\r\n".join(lines), encoding="utf-8")
    assert len(plan.results) == len(cells) and not plan.reviews
    operations.commit_import(store, plan, user="u", only_valid=True)
    stored = {a.name for a in graph.list_nodes(store, graph.Actor, limit=500).items}
    for r, s in zip(plan.results, cells, strict=True):
        # Names are kept in their name form (no zero-width or bidi characters), notes verbatim.
        assert (name_form(f"Partner {cells.index(s)} {s}") in stored) == (r.action != "error")
    assert (
        _plan(
            store, "Name;Themen;Ansprechperson;Ort\r\n" + "\r\n".join(lines), encoding="utf-8"
        ).writes
        == 0
    )


def test_an_import_stores_one_history_entry_per_record_and_each_history_reads_as_before(
    store: graph.Store, app, make_client
) -> None:
    """A bulk write folds what it changes on one record into one stored entry; the record's
    history, the changeset's entries and the page still list every field and link change."""
    _world(store)
    result = operations.commit_import(store, _plan(store, ROWS), user="redaktion")
    stored, _, _ = store.driver.execute_query(
        "MATCH (c:Change {batch: $batch}) WHERE c.action <> 'import' "
        "RETURN c.record_id AS id, count(*) AS n",
        batch=result.batch,
        database_=store.database,
    )
    per_record = {r["id"]: r["n"] for r in stored}
    unfolded = history.of_batch(store, result.batch)
    assert len(unfolded) == 6 + 2 * 14, "one entry per record and per link end, as before"
    assert {e.record_id for e in unfolded if e.action != "import"} == set(per_record)
    assert set(per_record.values()) == {1}, per_record
    assert len(per_record) < len(unfolded) / 2

    vhs = next(a for a in graph.list_nodes(store, graph.Actor).items if a.name.startswith("Volks"))
    entries = [e for e in history.for_record(store, vhs.id) if e.batch == result.batch]
    links = {lk.id for lk in graph.links_of(store, "Actor", vhs.id)}
    assert [e.action for e in entries].count("create") == 1
    assert {str((e.link or {}).get("id")) for e in entries if e.action == "link"} == links
    member = next(e for e in entries if (e.link or {}).get("type") == "MEMBER_OF")
    assert member.fields["role"] == [None, "Koordination"]

    with app.test_request_context():
        url = record_url("Actor", vhs.id)
    page = make_client("viewer").get(url).get_data(as_text=True)
    text = re.sub(r"<[^>]+>", "", page)
    assert "Volkshochschule Trier ist Mitglied in MINT-Initiativkreis Trier" in text
    assert "Volkshochschule Trier arbeitet zum Thema MINT" in text
    assert f"/aenderungen/{result.batch}" in page

    operations.undo_import(store, result.batch, user="redaktion")
    mint = history.for_record(store, "topic-mint")
    assert [e.action for e in mint][:2] == ["unlink", "link"], "newest first, also folded"
