"""CLI for imports and the network workbook (registered in ``netzwerk.cli``).

netzwerk import partner.csv --dry-run                  # what would happen, row by row
netzwerk import partner.csv --value "Art:Jugendhaus=Verein/Initiative" --match 1=neu
netzwerk import netzwerk.xlsx                           # an edited workbook back in
netzwerk import-undo import-1a2b3c…                     # the whole import as one step
netzwerk export workbook -o netzwerk.xlsx [--region "Stadt Trier"] [--template]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click

from netzwerk import graph
from netzwerk.cli._common import (
    acting_user,
    filter_by_names,
    kind_option,
    output_option,
    progress_bar,
    store,
)
from netzwerk.cli.contacts import export_group
from netzwerk.graph import imports, operations, workbook
from netzwerk.graph.core.values import fold
from netzwerk.graph.records import changesets

_DECISIONS = {
    "neu": imports.NEW,
    "new": imports.NEW,
    "überspringen": imports.SKIP,
    "skip": imports.SKIP,
}


def _field(plan: imports.ImportPlan, name: str) -> str:
    """A list field by key or German title ("Art", "Themen")."""
    for f in plan.values:
        if fold(name) in (fold(f), fold(imports.field_title(f))):
            return f
    raise click.BadParameter(
        f"„{name}“ ist keine Listen-Spalte dieser Datei.", param_hint="--value"
    )


def _choices(
    plan: imports.ImportPlan,
    base: imports.Choices,
    values: tuple[str, ...],
    matches: tuple[str, ...],
    every: str | None,
) -> imports.Choices:
    """The user's --value/--match/--matches as choices for the next dry run."""
    out = imports.Choices(
        values={f: dict(c) for f, c in base.values.items()},
        decisions=dict(base.decisions),
        role=base.role,
        ended=base.ended,
    )
    for item in values:
        head, _, target = item.partition("=")
        name, _, value = head.partition(":")
        if not value:
            raise click.BadParameter(
                f"„{item}“: bitte als „Feld:Wert=Eintrag“", param_hint="--value"
            )
        f = _field(plan, name)
        options = {fold(t): k for k, t in plan.options.get(f, []) if t} | {
            k: k for k, _ in plan.options.get(f, [])
        }
        wanted = {"neu": imports.NEW, "weglassen": ""}.get(
            fold(target), options.get(fold(target), options.get(target))
        )
        if wanted is None:
            raise click.BadParameter(
                f"„{target}“ ist kein Eintrag für {imports.field_title(f)}.", param_hint="--value"
            )
        out.values.setdefault(f, {})[fold(value) or value] = wanted
    for item in matches:
        number, _, decision = item.partition("=")
        try:
            review = plan.reviews[int(number) - 1]
        except (ValueError, IndexError) as exc:
            raise click.BadParameter(
                f"„{item}“: keine Prüfung Nr. {number}", param_hint="--match"
            ) from exc
        out.decisions[review.key] = _DECISIONS.get(fold(decision), decision)
    if every:
        for r in plan.reviews:
            out.decisions.setdefault(r.key, _DECISIONS[every])
    return out


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return "–" if value in (None, "") else str(value)[:60]


def _readings(plan: imports.ImportPlan) -> None:
    """How cells were read and what was left out, per row (the first 100 rows)."""
    for r in [r for r in plan.results if r.readings or r.warnings][:100]:
        for line in [*r.readings, *r.warnings][:8]:
            click.echo(f"  Zeile {r.number}: {line}")


def _report(plan: imports.ImportPlan) -> None:
    c = plan.counts
    click.echo(
        f"Probelauf: {c['create']} neu, {c['update']} zu aktualisieren, {c['unchanged']} "
        f"unverändert, {c['duplicate']} doppelt, {c['review']} zu prüfen, {c['skipped']} "
        f"übersprungen, {c['error']} fehlerhaft"
    )
    for w in plan.warnings:
        click.echo(f"  Hinweis: {w}")
    for f, props in plan.values.items():
        click.echo(f"Werte in „{imports.field_title(f)}“:")
        for p in props[:40]:
            target = {imports.NEW: f"neu anlegen: {p.value}", "": "– wird nicht übernommen –"}.get(
                p.target, p.target_name
            )
            click.echo(f"  {p.value[:40]:<40} → {target[:60]} ({p.how}, {p.rows}×)")
    for i, review in enumerate(plan.reviews, start=1):
        state = {"": "offen", imports.NEW: "neu", imports.SKIP: "überspringen"}.get(
            review.decision, review.decision
        )
        rows = ", ".join(map(str, review.rows[:5]))
        click.echo(f"Prüfung {i} (Zeile {rows}): „{review.name[:60]}“ – Entscheidung: {state}")
        for cand in review.candidates:
            click.echo(f"    {cand.id}: {cand.name[:60]} – {'; '.join(cand.reasons)}")
    if plan.differences:
        click.echo(
            f"{len(plan.differences)} gespeicherte Werte weichen ab und bleiben "
            "(überschreiben: --overwrite):"
        )
    for d in plan.differences[:40]:
        state = "wird überschrieben" if d.taken else "bleibt"
        click.echo(
            f"  Zeile {d.row}: {d.name[:40]} · {d.title}: „{str(d.stored)[:40]}“ {state} "
            f"(Datei: „{str(d.proposed)[:40]}“)"
        )
    for r in plan.errors[:50]:
        where = f"{r.sheet} " if r.sheet else ""
        click.echo(f"  {where}Zeile {r.number}: {'; '.join(r.messages())}")
    if len(plan.errors) > 50:
        click.echo(f"  … und {len(plan.errors) - 50} weitere fehlerhafte Zeilen")
    shown = [r for r in plan.results if r.action in ("create", "update")][:50]
    _readings(plan)
    for r in shown:
        where = f"{r.sheet} " if r.sheet else ""
        click.echo(f"  {where}Zeile {r.number} {r.name[:40]} ({r.action_title}):")
        for part in [p for p in r.parts if p.action != "unchanged"][:10]:
            pairs = "; ".join(
                f"{imports.field_title(k)}: {_shown(old)} → {_shown(new)}"
                for k, (old, new) in part.fields.items()
            )
            click.echo(
                f"    {part.what} „{part.name[:40]}“ {part.action_title}"
                f"{': ' + pairs if pairs else ''}"
            )


@dataclass(frozen=True)
class _Reading:
    """Which table of the file to read: the sheet and the header row (None: found)."""

    sheet: str | None = None
    header_row: int | None = None


def _plan(
    st: graph.Store,
    data: bytes,
    name: str,
    kind: str | None,
    user: str,
    extra: imports.Choices,
    reading: _Reading = _Reading(),
) -> tuple[imports.ImportPlan, imports.Choices, imports.Table | None, list[str]]:
    """The dry run of a file (a workbook or a table) with the user's saved value choices
    and ``extra`` choices; also returns the choices used, the table and its mapping."""
    if imports.is_workbook(data):
        sheets = imports.read_workbook(data, name)
        click.echo(f"{name}: Arbeitsmappe von netzwerk ({', '.join(sheets)})")
        plan = imports.dry_run_workbook(st, sheets, name, choices=extra)
        return plan, extra, None, []
    table = imports.read_table(data, name, sheet=reading.sheet, header_row=reading.header_row)
    kind = kind or imports.detect_kind(table.headers)
    mapping = imports.guess(table.headers, kind, imports.load_saved(st, user, kind))
    where = f", Blatt „{table.sheet}“" if table.sheet else ""
    click.echo(
        f"{name}{where}: {len(table.rows)} Zeilen, {table.encoding}, Überschriften in Zeile "
        f"{table.header_row}, Importart: {imports.KINDS[kind]}"
    )
    if imports.sheet_role(table.sheet) == "former" and extra.ended is None:
        click.echo(
            f"  Hinweis: Blatt „{table.sheet}“ sieht nach ehemaligen Partnern aus – mit "
            "--ended DATUM enden ihre Mitgliedschaften und Projektrollen an diesem Datum."
        )
    for header, target in zip(table.headers, mapping, strict=True):
        shown = imports.FIELDS[kind].get(target, "– wird ignoriert –")
        click.echo(f"  {header[:40]:<40} → {shown}")
    values = imports.load_values(st, user, kind)
    for f, chosen in extra.values.items():
        values.setdefault(f, {}).update(chosen)
    choices = imports.Choices(
        values=values,
        decisions=extra.decisions,
        role=extra.role,
        take=extra.take,
        ended=extra.ended,
    )
    return imports.dry_run(st, table, kind, mapping, choices=choices), choices, table, mapping


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(list(imports.TABLE_KINDS)),
    default=None,
    help="Was die Tabelle enthält (Standard: aus den Überschriften erkannt).",
)
@click.option("--dry-run", is_flag=True, help="Nur prüfen und berichten, nichts speichern.")
@click.option("--only-valid", is_flag=True, help="Fehlerhafte Zeilen überspringen.")
@click.option(
    "--value",
    "values",
    multiple=True,
    metavar="FELD:WERT=EINTRAG",
    help="Einen Wert einer Listen-Spalte zuordnen (EINTRAG: Name, ID, „neu“ oder „weglassen“).",
)
@click.option(
    "--match",
    "matches",
    multiple=True,
    metavar="N=ID|neu|überspringen",
    help="Unsichere Zuordnung Nr. N (wie im Probelauf) entscheiden.",
)
@click.option(
    "--matches",
    "every",
    type=click.Choice(["neu", "überspringen"]),
    default=None,
    help="Alle offenen unsicheren Zuordnungen so entscheiden.",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Abweichende gespeicherte Werte (auch Namen) durch die der Datei ersetzen.",
)
@click.option("--sheet", default=None, help="Tabellenblatt (Standard: das erste mit Daten).")
@click.option(
    "--header-row",
    type=click.IntRange(min=1),
    default=None,
    help="Zeile mit den Spaltenüberschriften (Standard: erkannt).",
)
@click.option(
    "--ended",
    type=click.DateTime(formats=["%d.%m.%Y", "%Y-%m-%d"]),
    default=None,
    help="Liste ehemaliger Partner: Mitgliedschaften und Projektrollen enden an diesem Datum.",
)
@click.option("--user", default=None, help="Name im Änderungsverlauf (Standard: cli:<login>).")
def import_file(
    file: Path,
    kind: str | None,
    dry_run: bool,
    only_valid: bool,
    values: tuple[str, ...],
    matches: tuple[str, ...],
    every: str | None,
    overwrite: bool,
    sheet: str | None,
    header_row: int | None,
    ended: datetime | None,
    user: str | None,
) -> None:
    """Partnerliste, Akteure, Personen, Kooperationen oder eine Arbeitsmappe importieren
    (CSV, XLSX oder ODS).

    Gespeicherte Einträge, denen eine Zeile zugeordnet wird, bekommen leere Felder gefüllt;
    abweichende gespeicherte Werte bleiben, außer mit --overwrite."""
    data = file.read_bytes()
    who = acting_user(user)
    reading = _Reading(sheet, header_row)
    base = imports.Choices(role="admin", ended=ended.date() if ended else None)
    with store() as st:
        plan, used, table, mapping = _plan(st, data, file.name, kind, who, base, reading)
        if values or matches or every or (overwrite and plan.differences):
            wanted = _choices(plan, used, values, matches, every)
            if overwrite:
                wanted.take = {d.key for d in plan.differences}
            plan, used, table, mapping = _plan(st, data, file.name, kind, who, wanted, reading)
        _report(plan)
        if dry_run:
            return
        if plan.undecided:
            raise click.ClickException(
                f"Nichts importiert: {len(plan.open_reviews)} unsichere Zuordnungen sind offen "
                "(--match N=ID|neu|überspringen oder --matches neu)."
            )
        if plan.blocking and not only_valid:
            raise click.ClickException(
                "Nichts importiert: Datei korrigieren oder --only-valid angeben."
            )
        bar, update = progress_bar("Importieren")
        with bar:
            result = operations.commit_import(
                st, plan, user=who, only_valid=only_valid, progress=update
            )
        if table is not None:
            operations.save_import_mapping(
                st, who, plan.kind, table.headers, mapping, imports.as_choices(plan.values)
            )
    click.echo(
        f"Importiert: {result.created} angelegt, {result.updated} aktualisiert, "
        f"{result.links_created} Verknüpfungen neu, {result.links_updated} geändert, "
        f"{result.links_removed} entfernt, {result.skipped_rows} Zeilen übersprungen."
    )
    click.echo(f"Rückgängig machen: netzwerk import-undo {result.batch}")


@click.command("import-undo")
@click.argument("batch")
@click.option("--user", default=None, help="Name im Änderungsverlauf (Standard: cli:<login>).")
def import_undo(batch: str, user: str | None) -> None:
    """Einen Import als Ganzes rückgängig machen (Kennung steht nach dem Import)."""
    with store() as st:
        result = operations.undo_import(st, batch, user=acting_user(user))
    click.echo(
        f"Rückgängig gemacht: {result.removed} Einträge entfernt, {result.reverted} "
        f"zurückgesetzt, {result.links_removed} Verknüpfungen entfernt, "
        f"{result.links_reverted} zurückgesetzt, {result.links_restored} wiederhergestellt."
    )
    if result.rebased:
        click.echo(
            f"  {result.rebased} Felder behalten den Wert eines späteren Änderungspakets "
            "(dessen Rückgängigmachen stellt den alten Wert her)."
        )
    for c in result.conflicts:
        what = f"{c['name']}: {c['field']}" if c["field"] else c["name"]
        click.echo(f"  nicht angetastet (seitdem von jemand anderem geändert): {what}")


@click.group("changesets", invoke_without_command=True)
@click.pass_context
def changesets_group(ctx: click.Context) -> None:
    """Änderungspakete (Importe, Arbeitsmappen …) auflisten und Unterbrochene fortsetzen."""
    if ctx.invoked_subcommand is not None:
        return
    with store() as st:
        page = changesets.recent(st, limit=50)
    if not page.items:
        click.echo("Noch keine Änderungspakete.")
    for cs in page.items:
        when = cs.created.strftime("%d.%m.%Y %H:%M") if cs.created else ""
        conflicts = cs.counts.get("conflicts", 0)
        click.echo(
            f"{cs.id}  {when}  {cs.author}  {cs.title}  – {cs.state_title}"
            + (f", {conflicts} Konflikte" if conflicts else "")
        )


@changesets_group.command("resume")
@click.option(
    "--stale", default=0, show_default=True, help="Nur Pakete ohne Lebenszeichen seit N s."
)
def changesets_resume(stale: int) -> None:
    """Unterbrochene Änderungspakete zu Ende führen (oder vollständig zurückrollen)."""
    with store() as st:
        done = operations.resume(st, stale_seconds=stale)
    if not done:
        click.echo("Kein unterbrochenes Änderungspaket.")
    for cs_id, state in done:
        click.echo(f"{cs_id}: {state}")


@export_group.command("workbook")
@output_option("Zieldatei, .xlsx oder .ods (Standard: netzwerk-arbeitsmappe-DATUM.xlsx).")
@click.option("--template", is_flag=True, help="Leere Vorlage mit allen Blättern und Spaltenhilfe.")
@click.option("--alliance", default="", help="Nur Akteure dieses Bündnisses (ID oder Name).")
@click.option("--topic", default="", help="Nur Akteure zu diesem Thema (ID oder Name).")
@click.option(
    "--region", default="", help="Nur Akteure dieser Region inkl. Teilregionen (ID oder Name)."
)
@kind_option()
@click.option("--user", default=None, help="Name im Exportprotokoll.")
def export_workbook(
    output: Path | None,
    template: bool,
    alliance: str,
    topic: str,
    region: str,
    kinds: tuple[str, ...],
    user: str | None,
) -> None:
    """Das Netzwerk (oder einen Ausschnitt) als Arbeitsmappe zum Bearbeiten und Re-Import."""
    path = output or Path(workbook.filename(template=template))
    fmt = "ods" if path.suffix.lower() == ".ods" else "xlsx"
    if template:
        path.write_bytes(workbook.template(fmt))
        click.echo(f"Leere Vorlage nach {path} geschrieben.")
        return
    with store() as st:
        flt = filter_by_names(st, alliance=alliance, topic=topic, region=region, kinds=kinds)
        path.write_bytes(operations.export_workbook(st, flt, user=acting_user(user), fmt=fmt))
    path.chmod(0o600)
    click.echo(
        f"Arbeitsmappe nach {path} geschrieben (enthält personenbezogene Daten; protokolliert)."
    )


COMMANDS = (import_file, import_undo, changesets_group)
