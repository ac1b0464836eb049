"""``netzwerk survey create|links|status|close`` – run a Befragung from the command line.

netzwerk survey create --title "Netzwerk 2025" --closes 2025-06-30 --alliance "Bündnis …"
netzwerk survey links SURVEY -o links.xlsx --base-url https://netzwerk.example.org
netzwerk survey status SURVEY
netzwerk survey close SURVEY
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from netzwerk.cli._common import acting_user, filter_by_names, kind_option, output_option
from netzwerk.cli._common import store as _store
from netzwerk.graph import surveys as sv
from netzwerk.graph.core.validation import parse_date
from netzwerk.graph.surveys import compare, distribution, model, progress


@click.group("survey")
def survey() -> None:
    """Befragungen: anlegen, Links ausgeben, Rücklauf ansehen, abschließen."""


@survey.command("create")
@click.option("--title", required=True, help="Titel der Befragung.")
@click.option("--closes", required=True, help="Antwort bis (TT.MM.JJJJ oder JJJJ-MM-TT).")
@click.option("--intro", default="", help="Einleitung für die Befragten.")
@click.option("--alliance", default="", help="Mitglieder dieses Bündnisses (ID oder Name).")
@click.option("--project", default="", help="Beteiligte dieses Projekts (ID oder Name).")
@click.option("--region", default="", help="Akteure dieser Region inkl. Teilregionen.")
@click.option("--topic", default="", help="Akteure zu diesem Thema (ID oder Name).")
@click.option("--stage", default="", help="Akteure dieser Bildungsstufe (ID oder Name).")
@click.option("--target-group", default="", help="Akteure für diese Zielgruppe (ID oder Name).")
@kind_option()
@click.option("--actor", "actors", multiple=True, help="Ausgewählter Akteur (ID), mehrfach.")
@click.option(
    "--question",
    "questions",
    multiple=True,
    type=click.Choice(list(model.QUESTIONS)),
    help="Gestellte Fragen (Standard: alle).",
)
@click.option("--per-person", is_flag=True, help="Ein Link je Ansprechperson statt je Akteur.")
@click.option(
    "--per-person-if-several",
    is_flag=True,
    help="Ein Link je Ansprechperson, wo eine Einrichtung mehrere hat; sonst je Akteur.",
)
@click.option("--follows", default="", help="Folgt auf diese Befragung (ID): die nächste Welle.")
@click.option("--user", default=None, help="Name im Verlauf.")
def create(
    title: str,
    closes: str,
    intro: str,
    alliance: str,
    project: str,
    region: str,
    topic: str,
    stage: str,
    target_group: str,
    kinds: tuple[str, ...],
    actors: tuple[str, ...],
    questions: tuple[str, ...],
    per_person: bool,
    per_person_if_several: bool,
    follows: str,
    user: str | None,
) -> None:
    """Befragung anlegen; je Akteur (oder Ansprechperson) entsteht eine Einladung."""
    with _store() as store:
        flt = filter_by_names(
            store,
            alliance=alliance,
            project=project,
            region=region,
            topic=topic,
            stage=stage,
            target_group=target_group,
            kinds=kinds,
        )
        # the options combine (all must hold); the kind names how the scope reads
        kind = next((k for k in ("alliance", "project", "region") if getattr(flt, k)), "filter")
        kind = "actors" if actors else kind
        scope = sv.Scope(kind, flt, actors)
        created, n = sv.create_survey(
            store,
            sv.Survey(
                title=title,
                intro=intro,
                closes=parse_date(closes, "closes"),
                scope=scope,
                questions=questions or tuple(model.QUESTIONS),
                per="person" if per_person else "several" if per_person_if_several else "actor",
                follows=follows,
            ),
            user=acting_user(user),
        )
    click.echo(f"Befragung „{created.title}“ angelegt: {created.id} ({n} Einladungen).")
    click.echo(f"Links ausgeben: netzwerk survey links {created.id} -o links.xlsx")


@survey.command("links")
@click.argument("survey_id")
@output_option("Serienbrief-Liste (.csv oder .xlsx); Standard: Name nach Titel und Datum.")
@click.option(
    "--base-url",
    default=lambda: os.environ.get("NETZWERK_BASE_URL", ""),
    help="Adresse, unter der die Befragten netzwerk erreichen (oder NETZWERK_BASE_URL).",
)
@click.option(
    "--renew", is_flag=True, help="Alle Links neu ausstellen (die ausgegebenen werden ungültig)."
)
@click.option("--user", default=None, help="Name im Exportprotokoll.")
def links(
    survey_id: str, output: Path | None, base_url: str, renew: bool, user: str | None
) -> None:
    """Links der Einladungen als Serienbrief-Liste (mit Anrede), Einwilligungen beachtet.

    Jede weitere Liste enthält dieselben Links wie die erste; nur --renew stellt neue aus
    (dann öffnen die schon verteilten Links nicht mehr).
    """
    if not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("Bitte --base-url mit http:// oder https:// angeben.")
    fmt = "xlsx" if output and output.suffix.lower() == ".xlsx" else "csv"
    with _store() as store:
        s = sv.get_survey(store, survey_id)
        found = sv.renew_links(store, s.id) if renew else sv.links_of(store, s.id)
        issued = found.issued
        if found.lost:
            click.echo(
                f"{len(found.lost)} früher ausgegebene Links können nicht erneut angezeigt "
                "werden (vor dieser Version oder mit anderem Link-Schlüssel); --renew stellt "
                "neue aus.",
                err=True,
            )
        data, rows, left_out = distribution.mail_merge(
            store, s, issued, base_url=base_url, fmt=fmt, user=acting_user(user)
        )
    target = output or Path(distribution.filename(s, fmt))
    target.write_bytes(data)
    target.chmod(0o600)
    click.echo(
        f"{len(issued)} Links, {len(rows)} Zeilen in {target}; {left_out} Ansprechpersonen "
        "ohne Einwilligung ausgelassen."
    )


@survey.command("status")
@click.argument("survey_id")
def status(survey_id: str) -> None:
    """Rücklauf nach Region und Art, wer noch nicht geantwortet hat."""
    with _store() as store:
        s = sv.get_survey(store, survey_id)
        p = progress.progress(store, s.id)
    state = "läuft" if s.is_open() else "abgeschlossen"
    closes = s.closes.strftime("%d.%m.%Y") if s.closes else "–"
    click.echo(f"{s.title} ({state}, Antwort bis {closes})")
    click.echo(f"Rücklauf: {p.total.answered} von {p.total.invited} ({p.total.percent} %)")
    for title, rates in (("nach Region", p.by_region), ("nach Art", p.by_kind)):
        click.echo(f"{title}:")
        for r in rates:
            click.echo(f"  {r.title[:40]:<40} {r.answered:>4}/{r.invited:<4} {r.percent:>3} %")
    click.echo(f"Noch ohne Antwort ({len(p.missing)}):")
    for m in p.missing:
        click.echo(f"  {m['actor_name']} ({'begonnen' if m['saved'] else 'nicht begonnen'})")


@survey.command("close")
@click.argument("survey_id")
def close(survey_id: str) -> None:
    """Befragung abschließen (Links gelten nicht mehr) und vorher/nachher vergleichen."""
    with _store() as store:
        s = sv.close_survey(store, survey_id)
        cmp = compare.compare(store, s.before or {}, s.after or {})
    click.echo(f"Befragung „{s.title}“ abgeschlossen.")
    for title, before, after in cmp.rows:
        click.echo(f"  {title:<45} {before!s:>8} → {after!s:<8}")
    click.echo(f"Neue Kooperationen: {len(cmp.added)}, beendete: {len(cmp.removed)}")
