"""The ``netzwerk`` command: database life cycle, schema, demo data and the web server."""

from __future__ import annotations

import os

import click

from netzwerk import graph, localdb, settings
from netzwerk.cli import accounts as account_commands
from netzwerk.cli import contacts as contact_commands
from netzwerk.cli import gaps as gap_commands
from netzwerk.cli import imports as import_commands
from netzwerk.cli import indicators as indicator_commands
from netzwerk.cli import operations as operation_commands
from netzwerk.cli import survey as survey_commands
from netzwerk.cli._common import CliGroup
from netzwerk.cli._common import progress_bar as _progress_bar
from netzwerk.cli._common import store as _store
from netzwerk.graph import operations
from netzwerk.graph.admin import backup
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.core import schema


@click.group(cls=CliGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """netzwerk – Netzwerk- und Akteursgraph für Bildungsbüros."""


@main.group()
def db() -> None:
    """Lokale Neo4j-Datenbank verwalten (start, stop, status)."""


@db.command("start")
def db_start() -> None:
    """Neo4j laden (einmalig), konfigurieren und starten; wartet, bis Bolt antwortet."""
    try:
        localdb.start(say=click.echo)
    except localdb.LocalDbError as exc:
        raise click.ClickException(str(exc)) from exc


@db.command("stop")
def db_stop() -> None:
    """Lokale Neo4j-Datenbank stoppen."""
    localdb.stop(say=click.echo)


@db.command("status")
def db_status() -> None:
    """Version, Adresse und Anzahl der Knoten und Beziehungen anzeigen."""
    with _store() as store:
        info = graph.server_info(store)
        c = graph.counts(store)
        click.echo(f"{info.name} {info.version} ({info.edition}) – {store.description}")
        click.echo("Knoten:")
        for label, n in c.nodes.items():
            click.echo(f"  {label:<12} {n:>8}")
        click.echo("Beziehungen:")
        for type_name, n in c.links.items():
            click.echo(f"  {type_name:<16} {n:>8}")


@main.command("init")
def init() -> None:
    """Schema anlegen und ausstehende Migrationen ausführen; beliebig oft ausführbar."""
    with _store() as store:
        click.echo(_upgrade(store))


def _upgrade(store: graph.Store) -> str:
    """Apply schema and pending migrations; one German line saying what was done."""
    before = schema.status(store)
    if before.unknown:
        raise click.ClickException(
            "Die Datenbank wurde schon von einer neueren netzwerk-Version aktualisiert ("
            + ", ".join(before.unknown)
            + "). Bitte diese neuere Version verwenden."
        )
    n = graph.apply_schema(store)
    migrations = [step for step in before.pending if step.startswith("migrations/")]
    done = f", Migrationen ausgeführt: {', '.join(migrations)}" if migrations else ""
    return f"Schema angewendet ({n} Anweisungen){done}."


@main.command("seed")
@click.option("--if-empty", is_flag=True, help="Nur laden, wenn die Datenbank leer ist.")
def seed(if_empty: bool) -> None:
    """Demoregion „Bildungsregion Trier“ laden (fiktive Personen; idempotent)."""
    with _store() as store:
        if if_empty and not graph.is_empty(store):
            click.echo("Datenbank enthält bereits Daten – Demodaten werden nicht geladen.")
            return
        graph.apply_schema(store)
        bar, update = _progress_bar("Demodaten laden")
        with bar:
            result = seed_mod.load(store, progress=update)
    click.echo(f"Demoregion geladen: {result.created} neu angelegt, vorhandene unverändert.")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host: str, port: int, threads: int) -> None:
    """Web-Oberfläche mit dem Produktionsserver (waitress) ausliefern."""
    # Flask, the app and waitress load only for this command: every other command starts
    # without them.
    from waitress import serve as waitress_serve

    from netzwerk.web import create_app, deployment, warm_up

    deployment.configure_logging()
    with _store() as store:  # an upgraded release migrates its database before serving
        click.echo(_upgrade(store))
    app = create_app()
    warm_up(app)
    # Changesets a killed process or a lost database left half done are finished here.
    operations.Watcher(graph.connect()).start()
    click.echo(f"netzwerk läuft auf http://{host}:{port}/ (Beenden mit Strg+C)")
    waitress_serve(app, host=host, port=port, threads=threads, ident="netzwerk")


@main.command("reset")
@click.option("--yes", is_flag=True, help="Ohne Rückfrage löschen.")
def reset(yes: bool) -> None:
    """ALLE Daten der Datenbank löschen (nur für Test- und Demoinstanzen gedacht)."""
    if not yes and not click.confirm(
        f"Wirklich alle Daten in Instanz {os.environ.get('NETZWERK_INSTANCE', 'default')} löschen?"
    ):
        raise click.Abort()
    folder = settings.backup_dir()
    with _store() as store:
        safety = backup.save_safety_copy(store, folder, "vor-zuruecksetzen")
        n = graph.wipe(store)
    click.echo(f"{n} Knoten gelöscht.")
    if safety:
        click.echo(f"Der vorherige Stand ist gesichert in {safety}.")


main.add_command(account_commands.user)
main.add_command(gap_commands.gaps)
main.add_command(survey_commands.survey)
for _command in (
    *contact_commands.COMMANDS,
    *import_commands.COMMANDS,
    *indicator_commands.COMMANDS,
    *operation_commands.COMMANDS,
):
    main.add_command(_command)

if __name__ == "__main__":
    main()
