"""``netzwerk gaps …``: the cooperation gap analyses in the terminal and as files.

Examples::

    netzwerk gaps report --region region-landkreis-trier-saarburg
    netzwerk gaps report --exact            # exact betweenness however large the network
    netzwerk gaps export --format xlsx -o luecken.xlsx
    netzwerk gaps show vorschlaege --limit 20
    netzwerk gaps show rollen
    netzwerk gaps suggest actor-vhs-trier
    netzwerk gaps metrics -o kennzahlen.xlsx
    netzwerk gaps compare --from 2023-12-31 --as-of 2025-12-31
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from netzwerk.cli import _common
from netzwerk.graph.analysis import change, communities, metrics, source, suggestions, tables
from netzwerk.graph.analysis.report import GapReport
from netzwerk.graph.analysis.scope import of_selection
from netzwerk.graph.network.filters import ID_FIELDS, Filter

F = TypeVar("F", bound=Callable[..., Any])


def _filter_options(fn: F) -> F:
    options = [
        click.option(
            "--alliance", default="", help="Nur Mitglieder dieses Bündnisses (ID oder Name)."
        ),
        click.option(
            "--project", default="", help="Nur Beteiligte dieses Projekts (ID oder Name)."
        ),
        click.option("--topic", default="", help="Thema (ID oder Name)."),
        click.option("--stage", default="", help="Bildungsstufe (ID oder Name)."),
        click.option("--target-group", default="", help="Zielgruppe (ID oder Name)."),
        click.option("--region", default="", help="Region (ID oder Name, mit Teilregionen)."),
        click.option(
            "--organisation",
            default="",
            help="Nur die Partner dieses Büros (Kürzel oder Name); „grenze“: nur die "
            "Verbindungen über die Grenze zwischen zwei Büros.",
        ),
        click.option("--kind", multiple=True, help="Akteursart (mehrfach möglich)."),
        click.option("--coop-kind", multiple=True, help="Kooperationsart (mehrfach möglich)."),
        click.option(
            "--as-of",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            default=None,
            help="Stichtag JJJJ-MM-TT (Standard: heute).",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _filter(kw: dict[str, Any]) -> Filter:
    """The one filter from the options, records named by id or by name like in the other
    commands (:func:`netzwerk.cli._common.filter_by_names`); today unless ``--as-of``."""
    as_of = kw.pop("as_of", None)
    kinds = tuple(kw.pop("kind", ()))
    cooperation_kinds = tuple(kw.pop("coop_kind", ()))
    given = {name: kw.pop(name, "") for name in ID_FIELDS}
    with _common.store() as store:
        flt = _common.filter_by_names(store, kinds=kinds, **given)
    day = as_of.date() if isinstance(as_of, datetime) else date.today()
    return replace(flt, cooperation_kinds=cooperation_kinds, as_of=day)


def _run(flt: Filter, **options: Any) -> tuple[source.Loaded, GapReport]:
    with _common.store() as store:
        return source.report(store, flt, **options)


@click.group()
def gaps() -> None:
    """Kooperationslücken analysieren (isolierte Akteure, Brücken, Abdeckung, Vorschläge)."""


@gaps.command("report")
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Kennzahlen und Befunde als JSON.")
@click.option(
    "--exact",
    is_flag=True,
    help="Betweenness exakt statt geschätzt, auf allen Prozessorkernen (große Netze: Minuten).",
)
@click.option(
    "--resolution",
    type=click.FloatRange(communities.MIN_RESOLUTION, communities.MAX_RESOLUTION),
    default=None,
    help="Auflösung der Arbeitszusammenhänge (Standard: passend zur Netzgröße).",
)
def report_cmd(as_json: bool, exact: bool, resolution: float | None, **kw: Any) -> None:
    """Kennzahlen und die wichtigsten Lücken ausgeben."""
    data, rep = _run(_filter(kw), exact=exact, resolution=resolution)
    g = data.graph
    found = rep.main_gaps(g, of_selection(data.snapshot, data.flt, g))
    f = rep.figures
    figures = {
        "Akteure": f.actors,
        "Kooperationen": f.cooperations,
        "Dichte": round(f.density, 4),
        "Durchschnittliche Kooperationen je Akteur": f.average_degree,
        "Teilnetze": f.components,
        "Größtes Teilnetz": f.largest_component,
    }
    if as_json:
        click.echo(
            json.dumps(
                {
                    "figures": figures,
                    "gaps": found,
                    "notes": [note.text for note in rep.notes],
                    "seconds": round(rep.timings["total"], 3),
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return
    click.echo("Kennzahlen")
    for k, v in figures.items():
        click.echo(f"  {k:<45} {v}")
    click.echo("\nWichtigste Lücken")
    for line in found:
        click.echo(f"  – {line}")
    for note in rep.notes:
        click.echo(f"\nHinweis: {note.text}")
    click.echo(f"\nBerechnet in {rep.timings['total']:.2f} s.")


@gaps.command("show")
@click.argument("section", type=click.Choice(list(tables.SECTIONS)))
@_filter_options
@click.option("--limit", default=30, show_default=True, type=int)
def show_cmd(section: str, limit: int, **kw: Any) -> None:
    """Einen Abschnitt als Tabelle zeigen, z. B. `netzwerk gaps show isoliert`."""
    data, rep = _run(_filter(kw))
    table = tables.tables(rep, data.graph)[section]
    click.echo(tables.SECTIONS[section])
    click.echo(tables.to_text(table, limit=limit))


@gaps.command("export")
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx")
@click.option(
    "--section",
    type=click.Choice(list(tables.SECTIONS)),
    default=None,
    help="Bei CSV: welcher Abschnitt (Standard: alle in einzelne Dateien).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
def export_cmd(fmt: str, section: str | None, output: Path, **kw: Any) -> None:
    """Alle Analysen als XLSX (ein Blatt je Abschnitt) oder CSV exportieren."""
    data, rep = _run(_filter(kw))
    all_tables = tables.tables(rep, data.graph)
    if fmt == "xlsx":
        output.write_bytes(tables.to_xlsx(all_tables))
        click.echo(f"{output} geschrieben ({len(all_tables)} Blätter).")
        return
    if section:
        output.write_bytes(tables.to_csv(all_tables[section]))
        click.echo(f"{output} geschrieben.")
        return
    output.mkdir(parents=True, exist_ok=True)
    for key, table in all_tables.items():
        (output / f"{key}.csv").write_bytes(tables.to_csv(table))
    click.echo(f"{len(all_tables)} CSV-Dateien in {output} geschrieben.")


@gaps.command("suggest")
@click.argument("actor")
@_filter_options
@click.option("--limit", default=10, show_default=True, type=int)
def suggest_cmd(actor: str, limit: int, **kw: Any) -> None:
    """Partnervorschläge für einen Akteur (ID), mit Begründung."""
    data, _ = _run(_filter(kw))
    g = data.graph
    if actor not in g:
        raise click.ClickException(f"Akteur „{actor}“ ist nicht im (gefilterten) Netzwerk.")
    found = suggestions.suggest_for(g, actor, limit=limit, dismissed=data.in_pipeline)
    if not found:
        click.echo("Keine Vorschläge.")
    for s in found:
        other = s.b if s.a == actor else s.a
        click.echo(f"{s.score:>6.1f}  {g.nodes[other]['name']} ({other})\n        {s.reasons}")


@gaps.command("metrics")
@_filter_options
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="Datei: .xlsx oder .csv"
)
@click.option(
    "--by",
    type=click.Choice(["kind", "stage", "area"]),
    default="kind",
    show_default=True,
    help="Gruppierung der Vermittlungsrollen.",
)
def metrics_cmd(output: Path, by: str, **kw: Any) -> None:
    """Kennzahlen je Akteur (Betweenness, Closeness, Constraint, Kern, Rolle …) exportieren."""
    data, _rep = _run(_filter(kw))
    table = tables.metrics_table(data.graph, metrics.metric_table(data.graph, brokerage_by=by))
    if output.suffix.lower() == ".csv":
        output.write_bytes(tables.to_csv(table))
    else:
        output.write_bytes(tables.to_xlsx({"kennzahlen": table}, {"kennzahlen": "Kennzahlen"}))
    click.echo(f"{output} geschrieben ({len(table) - 1} Akteure).")


@gaps.command("compare")
@_filter_options
@click.option(
    "--from",
    "earlier",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    help="Früherer Tag JJJJ-MM-TT (verglichen mit --as-of, Standard heute).",
)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=int,
    help="Höchstens so viele Kooperationen und Akteure je Liste.",
)
def compare_cmd(earlier: datetime, limit: int, **kw: Any) -> None:
    """Das Netzwerk an zwei Tagen vergleichen: Kennzahlen mit Veränderung, neue und beendete
    Kooperationen, dazugekommene und herausgefallene Akteure."""
    later_flt = _filter(kw)
    day = earlier.date()
    if later_flt.as_of is None or day >= later_flt.as_of:
        raise click.ClickException("--from muss vor dem Stichtag (--as-of) liegen.")
    before_data, before_rep = _run(replace(later_flt, as_of=day))
    data, rep = _run(later_flt)
    ch = change.compare((day, before_data.graph, before_rep), (later_flt.as_of, data.graph, rep))
    names = {**dict(before_data.graph.nodes(data="name")), **dict(data.graph.nodes(data="name"))}
    click.echo(f"Kennzahl{'':<50} {day:%d.%m.%Y} {later_flt.as_of:%d.%m.%Y}  Veränderung")
    for d in ch.figures:
        fmt = (
            "{:>10.1%}" if d.percent else ("{:>10.3f}" if isinstance(d.after, float) else "{:>10}")
        )
        delta = (
            "{:>+10.1%}"
            if d.percent
            else ("{:>+10.3f}" if isinstance(d.delta, float) else "{:>+10}")
        )
        click.echo(
            f"  {d.title:<55}{fmt.format(d.before)} {fmt.format(d.after)} {delta.format(d.delta)}"
        )
    for title, pairs in (
        ("Neue Kooperationen", ch.new_links),
        ("Beendete Kooperationen", ch.ended_links),
    ):
        click.echo(f"\n{title} ({len(pairs)})")
        for a, b in pairs[:limit]:
            click.echo(f"  {names.get(a, a)} – {names.get(b, b)}")
    for title, actors in (("Dazugekommen", ch.joined), ("Herausgefallen", ch.left)):
        click.echo(f"\n{title} ({len(actors)})")
        for n in actors[:limit]:
            click.echo(f"  {names.get(n, n)} ({n})")
