"""Which Neo4j is used: environment beats the local instance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netzwerk import settings


def test_external_server_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USER", "reader")
    monkeypatch.setenv("NEO4J_PASSWORD", "geheim")
    monkeypatch.setenv("NEO4J_DATABASE", "bildung")
    conn = settings.resolve()
    assert conn.external and conn.database == "bildung" and conn.user == "reader"
    assert "geheim" not in conn.redacted()


def test_local_instance_from_connection_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("NETZWERK_HOME", str(tmp_path))
    monkeypatch.setenv("NETZWERK_INSTANCE", "demo")
    with pytest.raises(settings.SettingsError, match="netzwerk db start"):
        settings.resolve()
    folder = tmp_path / "instances" / "demo"
    folder.mkdir(parents=True)
    (folder / "connection.json").write_text(
        json.dumps({"uri": "bolt://127.0.0.1:7777", "user": "neo4j", "password": "pw"})
    )
    conn = settings.resolve()
    assert conn.uri == "bolt://127.0.0.1:7777" and not conn.external


def test_instance_name_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETZWERK_INSTANCE", "../../etc")
    with pytest.raises(ValueError):
        settings.instance_name()
