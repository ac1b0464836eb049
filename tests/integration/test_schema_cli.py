"""Schema application and the `netzwerk` command against the real server."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph.core import schema
from tests.conftest import found


def test_schema_creates_every_constraint_and_index(store: graph.Store) -> None:
    graph.wipe(store)  # an empty database: every schema step and migration is pending
    assert graph.apply_schema(store) == len(schema.statements()) + len(
        schema.statements("migrations")
    )
    present = {r["name"] for r in store.read("stats/constraints") + store.read("stats/indexes")}
    expected, dropped = set(), set()
    for stmt in schema.statements():
        gone = re.match(r"DROP (?:CONSTRAINT|INDEX) (\w+) IF EXISTS", stmt)
        if gone:  # replaced by a later definition
            dropped.add(gone.group(1))
            continue
        m = re.match(r"CREATE (?:FULLTEXT )?(?:CONSTRAINT|INDEX) (\w+)", stmt)
        assert m, stmt
        expected.add(m.group(1))
    assert expected <= present
    assert not dropped & present
    graph.apply_schema(store)  # idempotent: a second run raises nothing


def test_id_uniqueness_is_enforced_by_the_database(store: graph.Store) -> None:
    graph.create_record(store, graph.Actor(id="actor-fixed", name="A", kind="Schule"), user="test")
    with pytest.raises(graph.ConflictError, match="existiert bereits"):
        graph.create_record(
            store, graph.Actor(id="actor-fixed", name="B", kind="Schule"), user="test"
        )
    assert graph.counts(store).nodes["Actor"] == 1


def test_fulltext_search_index_ignores_case_and_umlauts(store: graph.Store) -> None:
    graph.create_record(
        store, graph.Actor(name="Grundschule Müllerstraße", kind="Schule"), user="test"
    )
    rows = store.driver.execute_query(
        "CALL db.index.fulltext.queryNodes('search_records', $q) YIELD node "
        "RETURN node.name AS name",
        {"q": "muller*"},
        database_=store.database,
    ).records
    assert [r["name"] for r in rows] == ["Grundschule Müllerstraße"]


def test_actors_are_found_by_street_and_postcode_but_not_as_duplicates_by_them(
    store: graph.Store,
) -> None:
    """The list search and autocomplete find an organisation by its address; the duplicate
    check still compares the organisation's own words (a neighbour in the same street is
    not a duplicate candidate)."""
    from netzwerk.graph.records import duplicates, search

    park = graph.create_record(
        store,
        graph.Actor(
            name="Grundschule Am Park",
            kind="Schule",
            street="Bahnhofstraße 12",
            postcode="54290",
            town="Trier",
        ),
        user="test",
    )
    graph.create_record(store, graph.Actor(name="Kita Sonnenschein", kind="Kita"), user="test")
    for text in ("bahnhofstrasse", "Bahnhofstraße 12", "54290", "grundschule bahnhof"):
        found = search.search(store, graph.Actor, search.Filters(q=text))
        assert [h.node.id for h in found.items] == [park.id], text
    assert [s.id for s in search.suggest(store, "Bahnhofstr", ["Actor"])] == [park.id]
    assert [c.actor.id for c in duplicates.find_similar(store, "Grundschule am Park")] == [park.id]
    by_street = store.read(
        "records/similar",
        q=search.lucene_query("Bahnhofstraße", any_term=True),
        email=None,
        website=None,
        exclude=None,
        limit=10,
    )
    assert by_street == []


def test_cli_status_init_and_seed(store: graph.Store) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["seed"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["db", "status"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Neo4j Kernel 5\.26\.\d+", result.output)
    actors = int(found(r"Actor\s+(\d+)", result.output))
    assert actors == graph.counts(store).nodes["Actor"] >= 150
    again = runner.invoke(main, ["seed", "--if-empty"])
    assert "bereits Daten" in again.output


def test_cli_user_create_validates(store: graph.Store) -> None:
    runner = CliRunner()
    bad = runner.invoke(
        main, ["user", "create", "--username", "kurz", "--role", "admin", "--password", "123"]
    )
    assert bad.exit_code != 0 and "mindestens" in bad.output
    ok = runner.invoke(
        main,
        [
            "user",
            "create",
            "--username",
            "leitung",
            "--role",
            "admin",
            "--password",
            "ein-gutes-Passwort-1",
        ],
    )
    assert ok.exit_code == 0, ok.output
    from netzwerk.graph.admin import users

    assert users.authenticate(store, "Leitung", "ein-gutes-Passwort-1") is not None
    assert users.authenticate(store, "leitung", "falsch") is None
