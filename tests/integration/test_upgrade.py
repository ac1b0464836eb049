"""Upgrades: versioned schema steps and data migrations, recorded in the database, and a
database made by the previous release restored and migrated into a working current one."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from netzwerk import __version__, graph
from netzwerk.cli import main
from netzwerk.graph.admin import backup
from netzwerk.graph.core import schema
from tests.conftest import login

DATA = Path(__file__).parent.parent / "data"
RELEASES = sorted(DATA.glob("backup-release-*.json.gz"))


def _steps() -> list[str]:
    return [s.id for s in schema.steps("schema") + schema.steps("migrations")]


def test_a_fresh_database_has_every_step_pending_and_init_records_them(
    store: graph.Store,
) -> None:
    graph.wipe(store)  # the upgrade log goes with everything else
    assert schema.status(store).pending == _steps()
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    assert "migrations/010_dates_are_dates" in result.output
    state = schema.status(store)
    assert state.current and state.applied == len(_steps())
    log = schema.applied(store)
    assert {row["release"] for row in log.values()} == {__version__}
    # the log is not data: an initialised database still counts as empty
    assert graph.is_empty(store)
    again = CliRunner().invoke(main, ["init"])
    assert again.exit_code == 0 and "Migrationen ausgeführt" not in again.output
    assert schema.applied(store) == log  # first run's dates kept


def test_a_data_migration_runs_once_per_database(
    store: graph.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph.apply_schema(store)
    ran: list[str] = []
    real = schema._run

    def spy(st: graph.Store, todo: list[schema.Step]) -> int:
        ran.extend(s.id for s in todo if s.is_migration)
        return real(st, todo)

    monkeypatch.setattr(schema, "_run", spy)
    graph.apply_schema(store)
    assert ran == []
    store.driver.execute_query(
        "MATCH (m:SchemaMigration {id: 'migrations/010_dates_are_dates'}) DELETE m",
        database_=store.database,
    )
    assert schema.status(store).pending == ["migrations/010_dates_are_dates"]
    graph.apply_schema(store)
    assert ran == ["migrations/010_dates_are_dates"]


def test_a_changed_schema_file_is_pending_until_applied(store: graph.Store) -> None:
    graph.apply_schema(store)
    store.driver.execute_query(
        "MATCH (m:SchemaMigration {id: 'schema/030_indexes'}) SET m.checksum = 'alt'",
        database_=store.database,
    )
    assert schema.status(store).pending == ["schema/030_indexes"]
    graph.apply_schema(store)
    assert schema.status(store).current


def test_a_database_from_a_newer_release_is_refused_by_init_and_serve(
    store: graph.Store,
) -> None:
    graph.apply_schema(store)
    store.driver.execute_query(
        "CREATE (:SchemaMigration {id: 'migrations/999_aus_der_zukunft', checksum: 'x'})",
        database_=store.database,
    )
    assert schema.status(store).unknown == ["migrations/999_aus_der_zukunft"]
    for command in (["init"], ["serve", "--port", "1"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "neueren netzwerk-Version" in result.output
        assert "999_aus_der_zukunft" in result.output


@pytest.mark.parametrize("fixture", RELEASES, ids=[p.name for p in RELEASES])
def test_a_backup_of_the_previous_release_restores_into_a_working_current_database(
    store: graph.Store, app, fixture: Path
) -> None:
    data = backup.read_path(fixture)
    assert not any(n["labels"] == ["SchemaMigration"] for n in data["nodes"])
    graph.wipe(store)
    result = CliRunner().invoke(main, ["restore", str(fixture)])
    assert result.exit_code == 0, result.output
    assert f"Wiederhergestellt: {data['counts']['nodes']} Knoten" in result.output

    state = schema.status(store)
    assert state.current, state  # every schema step and migration ran and is recorded
    assert graph.counts(store).nodes["Actor"] == 171
    # records written by the old write path read back typed by the current codec
    actors = graph.list_nodes(store, graph.Actor, limit=500).items
    found = [a for a in actors if a.name == "Altschule Upgrade"]
    assert len(found) == 1 and isinstance(found[0].created, datetime.datetime)
    coop = graph.links_of(store, "Actor", found[0].id, ["COOPERATES_WITH"])
    assert [(lk.since, lk.intensity) for lk in coop] == [(datetime.date(2020, 5, 4), 2)]
    # an erasure made by the old release still holds
    assert "erika" not in str(backup.dump(store)).lower()

    # the old release's admin logs in and the pages work
    client = app.test_client()
    login(client, "admin-alt", "alt-Passwort-123")
    for path in ("/", f"/akteure/{found[0].id}", "/suche?q=Altschule", "/akteure"):
        assert client.get(path).status_code == 200, path
    assert "Alt-VHS Upgrade" in client.get(f"/akteure/{found[0].id}").get_data(as_text=True)
    # and writes through the current write path
    graph.update_record(store, found[0], user="admin-alt")
    # a second start changes nothing
    digest = backup.checksum(store)
    graph.apply_schema(store)
    assert backup.checksum(store) == digest
