"""CLI for contact lists and DSGVO requests (registered in ``netzwerk.cli``).

netzwerk export contacts --purpose contact --format xlsx --region "Stadt Trier" -o k.xlsx
netzwerk person-report person-0001 --json
netzwerk person-erase person-0001 --yes
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from netzwerk.cli._common import acting_user, filter_by_names, kind_option, output_option, store
from netzwerk.graph import formats, operations
from netzwerk.graph.admin import backup as backup_mod
from netzwerk.graph.personal import contacts, privacy

_store = store


@click.group("export")
def export_group() -> None:
    """Kontaktlisten und Netzwerkdaten exportieren."""


@export_group.command("contacts")
@click.option(
    "--purpose",
    type=click.Choice(list(contacts.PURPOSES)),
    required=True,
    help="Zweck: contact (Kontakt-Einwilligung oder öffentliche Aufgabe) oder newsletter.",
)
@click.option(
    "--format", "fmt", type=click.Choice(list(formats.FORMATS)), default="csv", show_default=True
)
@click.option("--delimiter", type=click.Choice([";", ","]), default=";", show_default=True)
@click.option("--alliance", default="", help="Bündnis (ID oder Name).")
@click.option("--project", default="", help="Projekt (ID oder Name).")
@click.option("--topic", default="", help="Thema (ID oder Name).")
@click.option("--stage", default="", help="Bildungsstufe (ID oder Name).")
@click.option("--region", default="", help="Region inkl. Teilregionen (ID oder Name).")
@kind_option()
@click.option("--function", default="", help="Funktion enthält diesen Text.")
@output_option("Zieldatei (Standard: Name nach Format und Datum).")
@click.option("--user", default=None, help="Name im Exportprotokoll.")
def export_contacts(
    purpose: str,
    fmt: str,
    delimiter: str,
    alliance: str,
    project: str,
    topic: str,
    stage: str,
    region: str,
    kinds: tuple[str, ...],
    function: str,
    output: Path | None,
    user: str | None,
) -> None:
    """Gefilterte Kontaktliste exportieren (wird protokolliert)."""
    with _store() as store:
        flt = filter_by_names(
            store,
            alliance=alliance,
            project=project,
            topic=topic,
            stage=stage,
            region=region,
            kinds=kinds,
            function=function,
        )
        data, sel, entry = operations.export_contacts(
            store, flt, purpose=purpose, fmt=fmt, user=acting_user(user), delimiter=delimiter
        )
        names = contacts.filter_names(store, [flt.describe()])
    path = output or Path(contacts.filename(fmt, purpose, flt, names))
    path.write_bytes(data)
    click.echo(f"{len(sel.rows)} Kontakte nach {path} exportiert ({formats.FORMATS[fmt]}).")
    for reason, n in sel.reasons():
        click.echo(f"  {n} ausgelassen: {reason}")
    for row, reason in sel.left_out_named():
        click.echo(f"    {row.name or row.person_id} ({row.email or 'ohne E-Mail'}): {reason}")
    if sel.duplicates:
        click.echo(f"  {sel.duplicates} Doppelungen zusammengeführt")
    click.echo(f"Protokolliert als {entry.id}.")


@export_group.command("graphml")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_graphml(file: Path) -> None:
    """Kooperationsnetz und Zugehörigkeiten als GraphML (für Gephi), ohne Personen."""
    with _store() as store:
        file.write_bytes(backup_mod.graphml(store))
    click.echo(f"GraphML nach {file} geschrieben.")


@click.command("person-report")
@click.argument("person_id")
@click.option("--json", "as_json", is_flag=True, help="Als JSON ausgeben.")
def person_report(person_id: str, as_json: bool) -> None:
    """DSGVO-Auskunft nach Artikel 15: alles, was über eine Person gespeichert ist."""
    with _store() as store:
        report = privacy.person_report(store, person_id)
    if as_json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        click.echo()
        return
    click.echo(f"Auskunft über {person_id} (erstellt {report['generated']})")
    click.echo("Gespeicherte Angaben:")
    for k, v in report["fields"].items():
        shown = {True: "ja", False: "nein"}.get(v, v) if isinstance(v, bool) else v
        click.echo(f"  {k}: {shown}")
    click.echo("Verknüpfungen:")
    for lk in report["links"]:
        click.echo(f"  {lk['title']}: {lk['other_name']} ({lk['other_label']})")
    click.echo(f"Änderungsverlauf: {len(report['history'])} Einträge")
    for h in report["history"]:
        click.echo(f"  {h['at']} {h['user']}: {h['action_title']}")
    click.echo(f"Exporte, die die Person enthielten: {len(report['exports'])}")
    for e in report["exports"]:
        click.echo(f"  {e['at']} {e['user']}: {e['purpose_title']} ({e['format']})")


@click.command("person-erase")
@click.argument("person_id")
@click.option("--yes", is_flag=True, help="Ohne Rückfrage löschen.")
@click.option("--user", default=None, help="Name im Änderungsverlauf.")
def person_erase(person_id: str, yes: bool, user: str | None) -> None:
    """DSGVO-Löschung nach Artikel 17: Person und Verknüpfungen endgültig löschen."""
    if not yes and not click.confirm(
        f"Person {person_id} endgültig löschen (keine Wiederherstellung)?", default=False
    ):
        raise click.Abort()
    with _store() as store:
        counts = operations.erase_person(store, person_id, user=acting_user(user))
    click.echo(
        f"Gelöscht: {counts['links']} Verknüpfungen entfernt, "
        f"{counts['history']} Verlaufseinträge geschwärzt."
    )


COMMANDS = (
    export_group,
    person_report,
    person_erase,
)
