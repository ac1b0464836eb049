"""The local server's configuration, without starting Java."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from netzwerk import localdb


def test_config_binds_to_loopback_only(tmp_path: Path) -> None:
    inst = localdb.Instance(name="x", root=tmp_path)
    localdb._write_conf(inst, 17687)
    conf = (tmp_path / "conf" / "neo4j.conf").read_text()
    assert "server.bolt.listen_address=127.0.0.1:17687" in conf
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "server.http.enabled=false" in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "dbms.usage_report.enabled=false" in conf


def test_only_a_test_instance_keeps_its_query_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inst = localdb.Instance(name="x", root=tmp_path)
    conf = tmp_path / "conf" / "neo4j.conf"
    monkeypatch.delenv("NETZWERK_NEO4J_FOR_TESTS", raising=False)
    localdb._write_conf(inst, 17687)
    assert "min_replan_interval" not in conf.read_text()  # a real server plans as Neo4j does
    monkeypatch.setenv("NETZWERK_NEO4J_FOR_TESTS", "1")
    localdb._write_conf(inst, 17687)
    assert "dbms.cypher.min_replan_interval=1h" in conf.read_text().splitlines()


def test_free_port_is_usable() -> None:
    port = localdb._free_port()
    assert 1024 < port < 65536 and localdb._port_free(port)


def test_stale_pid_file_is_ignored(tmp_path: Path) -> None:
    inst = localdb.Instance(name="x", root=tmp_path)
    inst.pid_file.write_text("999999999")
    assert localdb._read_pid(inst) is None


def test_external_server_is_never_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example:7687")
    said: list[str] = []
    conn = localdb.start(say=said.append)
    assert conn.external and "externen Server" in said[0]
    assert localdb.stop(say=said.append) is False


def test_unwritable_instance_folder_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the instance folder should be")
    monkeypatch.setenv("NETZWERK_HOME", str(blocker))
    with pytest.raises(localdb.LocalDbError, match="nicht beschreibbar"):
        localdb.start(say=lambda _: None)


def test_instances_started_at_once_download_the_server_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make test` starts one instance per test process side by side on a fresh machine:
    the first start downloads the jars, the others wait for it and find them complete."""
    monkeypatch.setenv("NETZWERK_HOME", str(tmp_path))
    downloads: list[int] = []

    def slow_download(lib: Path, marker: Path, say: localdb.Say) -> Path:
        downloads.append(threading.get_ident())
        time.sleep(0.3)  # the others arrive while this one downloads
        lib.mkdir(parents=True)
        marker.write_text(localdb.NEO4J_VERSION, encoding="utf-8")
        return lib

    monkeypatch.setattr(localdb, "_download_jars", slow_download)
    found: list[Path] = []
    starts = [
        threading.Thread(target=lambda: found.append(localdb.ensure_jars(say=lambda _: None)))
        for _ in range(4)
    ]
    for t in starts:
        t.start()
    for t in starts:
        t.join(timeout=10)
    assert len(downloads) == 1
    assert found == [localdb.lib_dir()] * 4
