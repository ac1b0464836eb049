"""Operations without the developers: online backups with rotation, the restore drill,
safety copies pruned (Löschkonzept), and ``netzwerk doctor``."""

from __future__ import annotations

import gzip
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from netzwerk import doctor, graph, settings
from netzwerk.cli import main
from netzwerk.graph import operations
from netzwerk.graph.admin import backup, rotation


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "sicherungen"
    monkeypatch.setenv("NETZWERK_BACKUP_DIR", str(target))
    for name in ("KEEP", "MAX_AGE_DAYS"):
        monkeypatch.delenv(f"NETZWERK_BACKUP_{name}", raising=False)
        monkeypatch.delenv(f"NETZWERK_SAFETY_{name}", raising=False)
    return target


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), input="y\n")
    assert result.exit_code == 0, result.output
    return result.output


def _stamped(folder: Path, prefix: str, when: datetime, body: bytes = b"{}") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{prefix}-{when:%Y%m%d-%H%M%S}-000000.json"
    path.write_bytes(body)
    return path


def _writer(store: graph.Store, stop: threading.Event, made: list[str]) -> None:
    """The application at work: actors and cooperations through the write path."""
    previous = None
    while not stop.is_set() and len(made) < 500:
        actor = graph.create_record(
            store, graph.Actor(name=f"Live {len(made)}", kind="Verein/Initiative"), user="live"
        )
        if previous is not None:
            graph.create_link(
                store,
                graph.Link(
                    type="COOPERATES_WITH",
                    from_id=previous,
                    to_id=actor.id,
                    kind="Informationsaustausch",
                ),
                user="live",
            )
        made.append(actor.id)
        previous = actor.id


def test_restore_drill_online_backup_of_a_live_instance_restores_identically(
    store: graph.Store, folder: Path
) -> None:
    for i in range(20):
        graph.create_record(store, graph.Actor(name=f"Bestand {i}", kind="Schule"), user="t")
    stop, made = threading.Event(), []  # type: ignore[var-annotated]
    worker = threading.Thread(target=_writer, args=(store, stop, made))
    worker.start()
    during, before = [], []
    try:
        while len(made) < 5 and worker.is_alive():
            stop.wait(0.05)
        assert worker.is_alive(), "the writer stopped early"
        for _ in range(2):
            before.append(set(made))
            during.append(backup.write_scheduled(store, folder, settings.backup_retention()))
    finally:
        stop.set()
        worker.join()
    assert len(made) > 5
    out = _run("backup")  # after the writes: the state the drill compares with
    assert "Gesichert:" in out
    live = backup.checksum(store)
    files = rotation.files(folder, rotation.SCHEDULED)
    assert len(files) == 3 and all(f.path.stat().st_mode & 0o777 == 0o600 for f in files)
    assert folder.stat().st_mode & 0o777 == 0o700

    for taken, committed in zip(during, before, strict=True):
        # each backup taken under writes holds what was committed when it began …
        data = backup.read_path(taken.path)
        ids = {n["properties"]["id"] for n in data["nodes"]}
        assert committed <= ids
        # … and is a whole graph of its own, restored identically
        graph.wipe(store)
        operations.restore_backup(store, data)
        assert backup.checksum(store) == data["checksum"]
        assert taken.nodes == len(data["nodes"])

    graph.wipe(store)  # the drill: an empty database, the newest backup, the same graph
    assert graph.is_empty(store)
    _run("restore", str(files[0].path))
    assert backup.checksum(store) == live
    names = {a.name for a in graph.list_nodes(store, graph.Actor, limit=1000).items}
    assert {f"Live {i}" for i in range(len(made))} <= names


def test_a_dump_that_saw_a_relationship_without_its_node_reads_again_or_leaves_it_out(
    store: graph.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = graph.create_record(store, graph.Actor(name="A", kind="Schule"), user="t")
    real, calls = backup._dump_once, []

    def moving(st: graph.Store) -> dict:
        data = real(st)
        calls.append(1)
        if len(calls) == 1:  # as if a node and its link were written between the two reads
            data["relationships"].append(
                {"type": "COOPERATES_WITH", "from": ["Actor", a.id], "to": ["Actor", "neu"]}
            )
        return data

    monkeypatch.setattr(backup, "_dump_once", moving)
    data = backup.dump(store)
    assert len(calls) == 2 and data["relationships"] == []
    calls.clear()  # a graph that keeps moving: the newer relationship waits for the next one
    monkeypatch.setattr(backup, "ATTEMPTS", 1)
    data = backup.dump(store)
    assert data["relationships"] == [] and data["counts"]["relationships"] == 0
    backup.validate(data)  # a whole, signed graph


def test_backups_rotate_by_count_and_age(
    store: graph.Store, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph.create_record(store, graph.Actor(name="A", kind="Schule"), user="t")
    now = datetime.now(UTC)
    old = [_stamped(folder, "sicherung", now - timedelta(days=d)) for d in (1, 2, 3, 40)]
    foreign = folder / "notizen.json"
    foreign.write_text("{}")
    out = _run("backup", "--keep", "3")
    # newest three kept (the new one and days 1 and 2), day 3 beyond the count, day 40 too old
    assert "2 ältere Sicherung(en) gelöscht." in out
    assert [p.exists() for p in old] == [True, True, False, False]
    assert foreign.exists()  # only the backup's own files are touched
    monkeypatch.setenv("NETZWERK_BACKUP_MAX_AGE_DAYS", "1")
    _run("backup")
    kept = rotation.files(folder, rotation.SCHEDULED)
    assert len(kept) == 2 and all(now - f.written < timedelta(days=1) for f in kept)
    with gzip.open(kept[0].path, "rt", encoding="utf-8") as fh:
        labels = {n["labels"][0] for n in backup.read(fh)["nodes"]}
    assert labels == {"Actor", "Change"}  # the record and its history
    monkeypatch.setenv("NETZWERK_BACKUP_KEEP", "null")
    result = CliRunner().invoke(main, ["backup"])
    assert result.exit_code == 1 and "NETZWERK_BACKUP_KEEP muss eine ganze Zahl" in result.output


def test_safety_copies_are_pruned_and_an_erasure_does_not_outlive_the_retention(
    store: graph.Store, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue of the Löschkonzept: safety copies from restores piled up and kept erased persons."""
    monkeypatch.setenv("NETZWERK_SAFETY_KEEP", "2")
    monkeypatch.setenv("NETZWERK_SAFETY_MAX_AGE_DAYS", "7")
    person = graph.create_record(
        store,
        graph.Person(first_name="Rita", last_name="Rest", email="rita.rest@example.org"),
        user="t",
    )
    single = folder.parent / "einzeln.json"
    _run("backup", str(single))
    for _ in range(3):  # each restore over data writes a safety copy holding Rita
        _run("restore", str(single), "--replace")
    safety = rotation.files(folder, rotation.SAFETY)
    assert len(safety) == 2  # count: the oldest of three went at once
    aged = safety[-1].path.rename(
        folder / f"vor-wiederherstellung-{datetime.now(UTC) - timedelta(days=8):%Y%m%d-%H%M%S}.json"
    )
    operations.erase_person(store, person.id, user="t")
    single.unlink()
    _run("backup")  # the nightly timer: prunes safety copies past their age as well
    assert not aged.exists()
    left = rotation.files(folder, rotation.SAFETY)
    assert len(left) == 1
    # what is left is younger than the retention; once it ages out, Rita is nowhere
    later = datetime.now(UTC) + timedelta(days=8)
    rotation.prune(folder, rotation.SAFETY, settings.safety_retention(), now=later)
    rotation.prune(folder, rotation.SCHEDULED, settings.Retention(1, 7), now=later)
    assert all(b"rita.rest" not in _content(path) for path in folder.iterdir())


def _content(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def _healthy_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key = tmp_path / "secret_key"
    key.write_text("k" * 64 + "\n")
    key.chmod(0o600)
    monkeypatch.setenv("NETZWERK_SECRET_KEY_FILE", str(key))
    monkeypatch.delenv("NETZWERK_SECRET_KEY", raising=False)
    monkeypatch.setenv("NETZWERK_BASE_URL", "https://netzwerk.example.de/")
    monkeypatch.setenv("NETZWERK_SECURE_COOKIES", "1")
    monkeypatch.setenv("NETZWERK_PROXY_HOPS", "1")
    monkeypatch.setenv("NETZWERK_A11Y_EMAIL", "barrierefreiheit@example.de")


def _doctor(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["doctor", "--min-free-gib", "0.001", *args])
    return result.exit_code, result.output


def test_doctor_is_ok_for_a_configured_installation_and_names_each_problem(
    store: graph.Store, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _healthy_env(monkeypatch, tmp_path)
    graph.apply_schema(store)
    _run("backup")
    code, out = _doctor()
    assert code == 0, out
    assert "Ergebnis: OK" in out and "Neo4j Kernel 5.26" in out and "WARNUNG" not in out

    # a backup three days old is a warning, ten days an error
    for path in folder.iterdir():
        path.unlink()
    _stamped(folder, "sicherung", datetime.now(UTC) - timedelta(hours=30))
    code, out = _doctor()
    assert code == 1 and "WARNUNG  Sicherung: letzte vor 30 Stunden" in out, out
    code, out = _doctor("--backup-max-hours", "8")
    assert code == 2 and "FEHLER   Sicherung" in out

    _run("backup")
    store.driver.execute_query(
        "MATCH (m:SchemaMigration {id: 'schema/030_indexes'}) DELETE m", database_=store.database
    )
    code, out = _doctor()
    assert code == 1 and "1 Schritt(e) ausstehend (schema/030_indexes)" in out

    graph.apply_schema(store)
    monkeypatch.setenv("NETZWERK_BASE_URL", "http://netzwerk.example.de")
    code, out = _doctor()
    assert code == 2 and "ohne HTTPS" in out

    monkeypatch.setenv("NETZWERK_BASE_URL", "https://netzwerk.example.de")
    monkeypatch.setenv("NETZWERK_SECRET_KEY_FILE", str(tmp_path / "fehlt"))
    code, out = _doctor()
    assert code == 2 and "NETZWERK_SECRET_KEY_FILE verweist auf" in out

    monkeypatch.delenv("NETZWERK_SECRET_KEY_FILE")
    code, out = _doctor()
    assert code == 2 and "FEHLER   Geheimer Schlüssel: nicht gesetzt" in out

    _healthy_env(monkeypatch, tmp_path)
    monkeypatch.delenv("NETZWERK_A11Y_EMAIL")
    code, out = _doctor()
    assert code == 1 and "WARNUNG  Barrierefreiheit: keine Kontaktstelle" in out, out
    monkeypatch.setenv("NETZWERK_A11Y_EMAIL", "kein Mail")
    code, out = _doctor()
    assert code == 2 and "NETZWERK_A11Y_EMAIL ist keine E-Mail-Adresse" in out, out

    _healthy_env(monkeypatch, tmp_path)
    result = CliRunner().invoke(main, ["doctor", "--min-free-gib", "1000000"])
    assert result.exit_code == 2 and "FEHLER   Speicherplatz" in result.output


def test_doctor_reports_an_unreachable_database_without_the_password(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _healthy_env(monkeypatch, tmp_path)
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "streng-geheim-4711")
    findings = doctor.run(doctor.Options(min_free_gib=0.001))
    lines = "\n".join(f.line() for f in findings)
    assert doctor.exit_code(findings) == 2
    assert "FEHLER   Neo4j: Neo4j ist nicht erreichbar" in lines
    assert "streng-geheim" not in lines
    assert os.environ["NEO4J_PASSWORD"] == "streng-geheim-4711"
