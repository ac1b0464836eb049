"""CLI for running an installation: backups with rotation, restore, and ``doctor``
(registered in ``netzwerk.cli``; docs/OPERATIONS.md describes them for IT departments).

netzwerk backup                      # into the backup folder, rotated (systemd timer)
netzwerk backup sicherung.json       # one file, no rotation
netzwerk restore sicherung.json.gz --replace
netzwerk doctor                      # exit code 0/1/2 for monitoring
"""

from __future__ import annotations

from pathlib import Path

import click

from netzwerk import doctor as doctor_mod
from netzwerk import settings
from netzwerk.cli._common import progress_bar, store
from netzwerk.graph import operations
from netzwerk.graph.admin import backup as backup_mod
from netzwerk.graph.admin import rotation


@click.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--keep", type=click.IntRange(min=1), default=None, help="So viele Sicherungen behalten."
)
@click.option(
    "--max-age-days",
    type=click.IntRange(min=1),
    default=None,
    help="Ältere Sicherungen löschen (Löschkonzept).",
)
def backup_cmd(file: Path | None, keep: int | None, max_age_days: int | None) -> None:
    """Den ganzen Graphen sichern, auch im laufenden Betrieb (enthält personenbezogene Daten!).

    Ohne DATEI: komprimiert in den Sicherungsordner (NETZWERK_BACKUP_DIR) und ältere
    Sicherungen sowie abgelaufene Sicherheitskopien löschen (Vorgaben:
    NETZWERK_BACKUP_KEEP, NETZWERK_BACKUP_MAX_AGE_DAYS, NETZWERK_SAFETY_*).
    """
    configured = settings.backup_retention()
    safety = settings.safety_retention()
    if file is not None:
        with store() as st, file.open("w", encoding="utf-8") as fh:
            file.chmod(0o600)
            counts = backup_mod.write(st, fh)
        click.echo(
            f"Gesichert: {counts['nodes']} Knoten, {counts['relationships']} Beziehungen → {file}"
        )
        return
    retention = settings.Retention(keep or configured.keep, max_age_days or configured.max_age_days)
    folder = settings.backup_dir()
    with store() as st:
        done = backup_mod.write_scheduled(st, folder, retention)
    removed = done.removed + rotation.prune(folder, rotation.SAFETY, safety)
    click.echo(f"Gesichert: {done.nodes} Knoten, {done.relationships} Beziehungen → {done.path}")
    if removed:
        click.echo(f"{len(removed)} ältere Sicherung(en) gelöscht.")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Vorhandene Daten löschen und ersetzen.")
def restore_cmd(file: Path, replace: bool) -> None:
    """Eine Sicherung (.json oder .json.gz) wiederherstellen – nur in eine leere Datenbank,
    außer mit --replace. Ältere Sicherungen werden dabei auf den aktuellen Stand migriert."""
    data = backup_mod.read_path(file)
    if replace and not click.confirm(
        "Alle vorhandenen Daten werden gelöscht. Fortfahren?", default=False, err=True
    ):
        raise click.Abort()
    with store() as st:
        bar, update = progress_bar("Wiederherstellen")
        with bar:
            counts = operations.restore_backup(
                st, data, replace=replace, progress=update, safety_dir=settings.backup_dir()
            )
    click.echo(
        f"Wiederhergestellt: {counts['nodes']} Knoten, {counts['relationships']} Beziehungen."
    )
    if counts.get("safety_copy"):
        click.echo(f"Der vorherige Stand ist gesichert in {counts['safety_copy']}.")


@click.command("doctor")
@click.option(
    "--backup-max-hours",
    type=click.FloatRange(min=1),
    default=26.0,
    show_default=True,
    help="Ältere letzte Sicherung ist eine Warnung (dreimal so alt ein Fehler).",
)
@click.option(
    "--min-free-gib",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Weniger freier Speicher ist ein Fehler (fünfmal so viel eine Warnung).",
)
def doctor(backup_max_hours: float, min_free_gib: float) -> None:
    """Installation prüfen: Konfiguration, Schlüssel, Neo4j, Migrationen, Sicherung,
    Speicherplatz, Adresse/TLS. Exit-Code 0 = OK, 1 = Warnung, 2 = Fehler (wie Nagios)."""
    findings = doctor_mod.run(doctor_mod.Options(backup_max_hours, min_free_gib))
    for finding in findings:
        click.echo(finding.line())
    code = doctor_mod.exit_code(findings)
    click.echo(f"Ergebnis: {doctor_mod.LEVELS[code]}")
    raise SystemExit(code)


COMMANDS = (backup_cmd, restore_cmd, doctor)
