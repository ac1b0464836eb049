"""`netzwerk import` and `netzwerk export workbook` against the test database."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph import imports
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.records import history


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_partner_list_values_and_review_on_the_command_line(
    store: graph.Store, tmp_path: Path
) -> None:
    graph.create_record(
        store,
        graph.Actor(id="actor-jmd", name="Jugendmigrationsdienst Trier", postcode="54290"),
        user="t",
    )
    f = tmp_path / "partner.csv"
    f.write_bytes(
        (
            "Name;Art;PLZ;Ort;Ansprechperson;Funktion\r\n"
            "Jugendmigrationsdienst Trier;Beratung;54292;Trier;Eva Klein;Leitung\r\n"
            "Haus der Jugend;Jugendhaus;54290;Trier;;\r\n"
        ).encode("cp1252")
    )
    dry = run("import", str(f), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Importart: Partnerliste" in dry.output
    assert "Beratung" in dry.output and "→ Beratungsstelle (Synonym" in dry.output
    assert "Prüfung 1 (Zeile 2): „Jugendmigrationsdienst Trier“ – Entscheidung: offen" in dry.output
    assert (
        "actor-jmd: Jugendmigrationsdienst Trier – gleicher Name, andere PLZ (54290)" in dry.output
    )
    assert "Art: „Jugendhaus“ wird nicht übernommen" in dry.output
    refused = run("import", str(f))
    assert refused.exit_code != 0 and "unsichere Zuordnungen" in refused.output
    done = run(
        "import", str(f), "--match", "1=actor-jmd", "--value", "Art:Jugendhaus=Verein/Initiative"
    )
    assert done.exit_code == 0, done.output
    assert "2 angelegt, 1 aktualisiert, 2 Verknüpfungen neu" in done.output
    actors = {a.name: a for a in graph.list_nodes(store, graph.Actor).items}
    assert actors["Haus der Jugend"].kind == "Verein/Initiative"
    assert actors["Jugendmigrationsdienst Trier"].postcode == "54290", "kept without --overwrite"
    user = next(e.user for e in history.recent(store) if e.action == "import")
    saved = imports.load_values(store, user, "partners")
    assert saved["kind"]["jugendhaus"] == "Verein/Initiative", "the choice is remembered"
    batch = done.output.rsplit("import-undo ", 1)[1].strip()
    undone = run("import-undo", batch)
    assert undone.exit_code == 0 and "2 Einträge entfernt, 1 zurückgesetzt" in undone.output


def test_export_workbook_edit_and_import_back(store: graph.Store, tmp_path: Path) -> None:
    seed_mod.load(store)
    out = tmp_path / "netzwerk.xlsx"
    exported = run("export", "workbook", "-o", str(out), "--region", "Stadt Trier")
    assert exported.exit_code == 0 and "protokolliert" in exported.output
    assert out.stat().st_mode & 0o777 == 0o600
    untouched = run("import", str(out), "--dry-run")
    assert "Arbeitsmappe von netzwerk" in untouched.output
    assert "0 neu, 0 zu aktualisieren" in untouched.output
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    ws = wb["Akteure"]
    ws.cell(row=2, column=[c.value for c in ws[1]].index("Notizen") + 1, value="geprüft")
    wb.save(out)
    done = run("import", str(out))
    assert done.exit_code == 0 and "0 angelegt, 1 aktualisiert" in done.output
    template = tmp_path / "vorlage.xlsx"
    assert run("export", "workbook", "--template", "-o", str(template)).exit_code == 0
    assert "Hinweise" in load_workbook(template).sheetnames
    bad = run("export", "workbook", "--region", "Atlantis")
    assert bad.exit_code != 0 and "Atlantis" in bad.output
