"""CLI for Bildungsmonitoring indicators (registered in ``netzwerk.cli``).

netzwerk indicators import bevoelkerung.csv --dry-run   # what would change, value by value
netzwerk indicators import bevoelkerung.csv             # as one changeset (import-undo …)
netzwerk indicators list [--region "Konz"] [--measure BEVSTD.ALT000B03]
"""

from __future__ import annotations

from pathlib import Path

import click

from netzwerk.cli._common import acting_user, store
from netzwerk.graph import indicators, operations
from netzwerk.graph.indicators.joined import german

_SHOWN = 20
"""Rows of a dry run printed per action (the counts say the rest)."""


@click.group("indicators")
def indicators_group() -> None:
    """Indikatoren des Bildungsmonitorings importieren und anzeigen."""


def _report(dry: indicators.IndicatorPlan) -> None:
    counts = dry.counts
    click.echo(
        f"Format: {dry.format}. {counts['create']} neu, {counts['update']} geändert, "
        f"{counts['unchanged']} unverändert; {len(dry.regions)} Regionen: "
        + ", ".join(sorted(dry.regions.values()))
    )
    for w in dry.warnings:
        click.echo(f"Hinweis: {w}")
    for row in [r for r in dry.plan.results if r.action in ("create", "update")][:_SHOWN]:
        click.echo(f"  Zeile {row.number}: {row.action_title}: {row.name}")
    for e in dry.errors[:_SHOWN]:
        click.echo(f"Fehler: {e}", err=True)
    if len(dry.errors) > _SHOWN:
        click.echo(f"… und {len(dry.errors) - _SHOWN} weitere Fehler.", err=True)


@indicators_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Nur prüfen und berichten, nichts speichern.")
@click.option("--user", default=None, help="Name im Änderungsverlauf (Standard: cli:<login>).")
def import_command(file: Path, dry_run: bool, user: str | None) -> None:
    """Eine Indikatorentabelle importieren: GENESIS-Flatfile (ffcsv) oder eigene Tabelle
    (CSV, XLSX, ODS mit Spalten Region/AGS, Jahr und je Merkmal einer Spalte)."""
    reading = indicators.read(file.read_bytes(), file.name)
    with store() as st:
        dry = indicators.plan_indicators(st, reading, file.name)
        _report(dry)
        if dry_run:
            return
        if dry.blocking:
            raise click.ClickException("Nichts importiert: bitte die Datei korrigieren.")
        result = operations.import_indicators(st, dry, user=acting_user(user))
    if not result.batch:
        click.echo("Nichts zu tun: alle Werte sind schon so gespeichert.")
        return
    click.echo(f"Importiert: {result.created} neu, {result.updated} geändert.")
    click.echo(f"Rückgängig machen: netzwerk import-undo {result.batch}")


@indicators_group.command("list")
@click.option("--region", default="", help="Nur diese Region (Name oder amtlicher Schlüssel).")
@click.option("--measure", default="", help="Nur dieses Merkmal (Code).")
def list_command(region: str, measure: str) -> None:
    """Die gespeicherten Indikatoren: Region, Jahr, Merkmal, Wert, Einheit, Quelle."""
    with store() as st:
        wanted: list[str] = []
        if region:
            match = indicators.stored_regions(st).match(
                region if region.isdigit() else "", "" if region.isdigit() else region
            )
            if not match.region:
                raise click.ClickException(f"Region „{region}“: {match.how}.")
            wanted = [match.region]
        rows = indicators.stored(st, regions=wanted, measures=[measure] if measure else [])
    if not rows:
        click.echo(
            "Keine Indikatoren gespeichert." if not (region or measure) else "Keine Treffer."
        )
        return
    for ind, name in rows:
        value = german(ind.value) if ind.value is not None else "–"
        mark = f" ({ind.quality})" if ind.quality else ""
        click.echo(
            f"{name or ind.region}\t{ind.year}\t{ind.measure}\t{ind.label}\t{value}{mark}\t"
            f"{ind.unit}\t{ind.source}"
        )
    click.echo(f"{len(rows)} Werte.")


COMMANDS = (indicators_group,)
