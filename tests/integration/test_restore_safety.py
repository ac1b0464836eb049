"""A restore never leaves a broken graph, and never revives what happened after the backup.

Each damaged file is refused before anything is touched; a load that fails anyway puts the
safety copy back. Logouts, revoked API tokens and DSGVO erasures made after the backup
survive a restore of that backup.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph import operations
from netzwerk.graph.admin import backup, users
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.operations import accounts
from netzwerk.graph.operations import restore as restore_op
from netzwerk.graph.records import history
from tests.conftest import PASSWORD, login


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away instance folder for safety copies (the real one stays untouched)."""
    monkeypatch.setenv("NETZWERK_BACKUP_DIR", str(tmp_path / "home"))
    return tmp_path


def _restore(path: Path):
    return CliRunner().invoke(main, ["restore", str(path), "--replace"], input="y\n")


def _data(store: graph.Store) -> dict[str, Any]:
    return json.loads(json.dumps(backup.dump(store)))


def _write(path: Path, data: dict[str, Any] | str) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _duplicate_id(d: dict[str, Any]) -> None:
    d["nodes"].append(json.loads(json.dumps(d["nodes"][3])))
    backup.sign(d)


def _dangling(d: dict[str, Any]) -> None:
    ends = {tuple(r["from"]) for r in d["relationships"]}
    d["nodes"] = [
        n for n in d["nodes"] if (n["labels"][0], n["properties"]["id"]) != next(iter(ends))
    ]
    backup.sign(d)


def _wrong_checksum(d: dict[str, Any]) -> None:
    d["nodes"][0]["properties"]["name"] = "manipuliert"


def _other_version(d: dict[str, Any]) -> None:
    d["version"] = 99


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_duplicate_id, "doppelt"),
        (_dangling, "fehlenden Knoten"),
        (_wrong_checksum, "Prüfsumme"),
        (None, "unvollständig oder beschädigt"),
        (_other_version, "Sicherungsversion"),
    ],
    ids=["duplicate-id", "dangling-relationship", "wrong-checksum", "truncated", "other-version"],
)
def test_a_damaged_backup_leaves_the_graph_exactly_as_it_was(
    store: graph.Store, instance: Path, damage: Any, message: str
) -> None:
    seed_mod.load(store)
    users.create_user(store, "admin", PASSWORD, role="admin")
    before = backup.checksum(store)
    data = _data(store)
    if damage is None:
        text = json.dumps(data)
        path = _write(instance / "kaputt.json", text[: len(text) // 2])
    else:
        damage(data)
        path = _write(instance / "kaputt.json", data)
    result = _restore(path)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert backup.checksum(store) == before


def test_a_load_that_fails_half_way_puts_the_previous_state_back(
    store: graph.Store, instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_mod.load(store)
    before = backup.checksum(store)
    other = _data(store)
    other["nodes"] = [
        n
        for n in other["nodes"]
        if n["labels"] != ["Person"]
        or not any(r["from"][1] == n["properties"]["id"] for r in other["relationships"])
    ]
    other["relationships"] = [r for r in other["relationships"] if r["from"][0] != "Person"]
    path = _write(instance / "anders.json", backup.sign(other))
    real_load, calls = restore_op._load, []

    def failing(store_: graph.Store, plan: backup.Plan, progress: Any, size: int) -> int:
        calls.append(1)
        if len(calls) == 1:  # the restore itself: write part of it, then the server goes away
            first = next(iter(plan.nodes))
            store_.write("backup/restore_nodes", {"label": first}, rows=plan.nodes[first][:5])
            raise graph.DatabaseUnavailableError("Verbindung verloren")
        return real_load(store_, plan, progress, size)

    monkeypatch.setattr(restore_op, "_load", failing)
    result = _restore(path)
    assert result.exit_code != 0 and "Sicherheitskopie" in result.output
    assert backup.checksum(store) == before
    copies = list((instance / "home").rglob("vor-wiederherstellung-*.json"))
    assert len(copies) == 1 and oct(copies[0].stat().st_mode)[-3:] == "600"


def test_reset_keeps_a_safety_copy_that_restores_the_graph(
    store: graph.Store, instance: Path
) -> None:
    seed_mod.load(store)
    before = backup.checksum(store)
    result = CliRunner().invoke(main, ["reset", "--yes"])
    assert result.exit_code == 0 and "gesichert in" in result.output
    assert graph.is_empty(store)
    (copy,) = (instance / "home").rglob("vor-zuruecksetzen-*.json")
    assert CliRunner().invoke(main, ["restore", str(copy)]).exit_code == 0
    assert backup.checksum(store) == before


def test_restoring_an_older_backup_keeps_logouts_revocations_and_erasures(
    app, store: graph.Store, instance: Path
) -> None:
    account = users.create_user(store, "redaktion", PASSWORD, role="editor")
    secret, token = users.create_token(store, account.id, "Skript")
    eva = graph.create_record(
        store, graph.Person(first_name="Eva", last_name="Vergessmich"), user="t"
    )
    client = app.test_client()
    login(client, "redaktion", PASSWORD)
    assert client.get("/akteure").status_code == 200
    old = _write(instance / "alt.json", _data(store))

    users.session_nonce(store, account.id, rotate=True)  # logout everywhere
    accounts.revoke_token(store, token.id, user="redaktion", owner_id=account.id)
    operations.erase_person(store, eva.id, user="admin")
    assert CliRunner().invoke(main, ["restore", str(old), "--replace"], input="y\n").exit_code == 0

    assert client.get("/akteure").status_code in (302, 401), "the old session stays logged out"
    api = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401, "the revoked token stays revoked"
    with pytest.raises(graph.NotFoundError):
        graph.get(store, graph.Person, eva.id)
    blob = json.dumps([c.__dict__ for c in history.for_record(store, eva.id)], default=str)
    assert "Vergessmich" not in blob
