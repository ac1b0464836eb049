"""The contact and DSGVO CLI commands against the test database (click's CliRunner)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph.admin import backup
from netzwerk.graph.personal import contacts
from tests.integration.test_contacts import build


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def test_export_contacts_by_names(store: graph.Store, tmp_path: Path) -> None:
    build(store)
    out = tmp_path / "liste.csv"
    result = run(
        "export",
        "contacts",
        "--purpose",
        "newsletter",
        "--region",
        "stadt trier",
        "--format",
        "csv",
        "--delimiter",
        ",",
        "-o",
        str(out),
        "--user",
        "tester",
    )
    assert result.exit_code == 0, result.output
    assert "ausgelassen: keine Einwilligung in den Newsletter" in result.output
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert [r[2] for r in rows[1:]] == ["Anders", "Dahm"]
    entries, _ = contacts.export_log(store)
    assert entries[0].user == "tester" and entries[0].filter == {"region": "r-trier"}
    bad = run("export", "contacts", "--purpose", "contact", "--region", "Atlantis")
    assert bad.exit_code != 0 and "Region „Atlantis“ gibt es nicht" in bad.output


def test_import_dry_run_then_import(store: graph.Store, tmp_path: Path) -> None:
    f = tmp_path / "akteure.csv"
    f.write_bytes("Einrichtung;PLZ\r\nBücherei Süd;54290\r\n;99\r\n".encode("cp1252"))
    dry = run("import", str(f), "--dry-run")
    assert dry.exit_code == 0 and "1 neu" in dry.output and "Zeile 3" in dry.output
    assert graph.counts(store).nodes["Actor"] == 0
    refused = run("import", str(f))
    assert refused.exit_code != 0 and "--only-valid" in refused.output
    done = run("import", str(f), "--only-valid")
    assert done.exit_code == 0 and "1 angelegt" in done.output
    assert graph.counts(store).nodes["Actor"] == 1
    hostile = tmp_path / "bild.csv"
    hostile.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("import", str(hostile))
    assert result.exit_code != 0 and "Binärdaten" in result.output


def test_backup_restore_and_person_commands(store: graph.Store, tmp_path: Path) -> None:
    build(store)
    digest = backup.checksum(store)
    f = tmp_path / "sicherung.json"
    assert run("backup", str(f)).exit_code == 0
    refused = run("restore", str(f))
    assert refused.exit_code != 0 and "bereits Daten" in refused.output
    assert run("restore", str(f), "--replace", input="y\n").exit_code == 0
    assert backup.checksum(store) == digest

    report = run("person-report", "p-public", "--json")
    assert json.loads(report.output)["person"]["last_name"] == "Behrens"
    assert "Rechtsgrundlage: öffentliche Aufgabe" in run("person-report", "p-public").output
    erased = run("person-erase", "p-public", "--yes")
    assert erased.exit_code == 0 and "Verknüpfungen entfernt" in erased.output
    missing = run("person-report", "p-public")
    assert missing.exit_code != 0 and "nicht gefunden" in missing.output
