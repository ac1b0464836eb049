"""The full gap report: every analysis on one filtered graph, timed, cached.

:func:`gap_report` is pure (graph in, report out). :func:`cached_gap_report` keeps recent
reports keyed by the snapshot's fingerprint, the filter and the dismissed suggestions, so
a page reload or a CSV download after viewing the page costs nothing until the graph
changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netzwerk.graph.analysis import (
    border,
    brokerage,
    centrality,
    communities,
    cores,
    coverage,
    fragility,
    holes,
    isolation,
    mixing,
    overview,
    reach,
    suggestions,
    transitions,
)
from netzwerk.graph.analysis._util import GROUPINGS, Profile, vocab
from netzwerk.graph.analysis.reach import Overlap
from netzwerk.graph.analysis.scope import Scope
from netzwerk.graph.core.cache import Cache
from netzwerk.graph.core.i18n import N_

SUGGEST_MAX_LINKS = 2
"""The report suggests partners for actors with at most this many cooperations: they need
partners most (well-connected actors can ask for theirs on the suggestions page)."""


TODO: dict[str, str] = {
    "isolated": N_(
        "Die Liste durchgehen: fehlende Kooperationen nachtragen, sonst die Akteure zu einem "
        "passenden Bündnis einladen oder ihnen Partner vorschlagen."
    ),
    "isolated_elsewhere": N_(
        "Diese Akteure kooperieren nur mit Partnern außerhalb des Ausschnitts: prüfen, ob "
        "Kooperationen im Ausschnitt fehlen, sonst sie mit Partnern darin bekannt machen."
    ),
    "weak": N_(
        "Jedem dieser Akteure einen zweiten Partner vermitteln (Partnervorschläge), damit ein "
        "einziger Kontakt nicht alles trägt."
    ),
    "passive": N_(
        "Mit dem Bündnis klären, ob diese Mitglieder noch mitwirken, und gemeinsame Vorhaben "
        "mit anderen Mitgliedern anregen."
    ),
    "islands": N_(
        "Je Teilnetz einen Akteur mit einem gut vernetzten Akteur des Hauptnetzes zusammenbringen."
    ),
    "cut_points": N_(
        "Die Schlüsselakteure entlasten: ihre Partner untereinander bekannt machen, damit das "
        "Netz nicht an einer Stelle hängt."
    ),
    "brokers": N_(
        "Zweite Wege schaffen: Partner der wichtigsten Vermittler direkt miteinander ins "
        "Gespräch bringen."
    ),
    "coverage": N_(
        "Die Heatmap öffnen, ein leeres Feld anklicken und Partner aus Nachbarregionen oder "
        "kreisweit tätige Akteure ansprechen."
    ),
    "transitions": N_(
        "Einrichtungen beider Stufen einer Region zu einem Übergangsgespräch einladen (z. B. "
        "Kita und Grundschule)."
    ),
    "border": N_(
        "Die Grenzgänger als Brückenbauer einbinden; Teilräume ohne Verbindung gezielt ansprechen."
    ),
}
"""What the office can do about each kind of finding (German; pages translate it)."""


@dataclass(frozen=True)
class Finding:
    """One finding of the report: ``key`` names its kind, ``text`` says what was found."""

    key: str
    text: str

    @property
    def todo(self) -> str:
        """What to do about it (German, marked for translation)."""
        return TODO[self.key]


@dataclass
class GapReport:
    figures: overview.KeyFigures
    isolated: list[Any]
    weak: list[tuple[Any, list[Any]]]
    passive: list[isolation.PassiveMember]
    cut_points: list[fragility.CutPoint]
    bridges: list[fragility.Bridge]
    brokers: fragility.Brokers
    islands: communities.Islands
    coverage_stage: coverage.Coverage
    coverage_topic: coverage.Coverage
    transitions: transitions.Transitions
    reach: list[reach.AllianceReach]
    overlap: list[Overlap]  # not reach.Overlap: the field ``reach`` above hides the module
    suggestions: list[suggestions.Suggestion]
    border: border.Border
    brokerage: brokerage.Brokerage
    mixing: dict[str, mixing.Mixing]
    """E–I index and mixing matrix by actor kind, earliest stage and Stadt/Landkreis."""
    holes: holes.Holes
    cores: cores.Cores
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """Method notes for the reader (sampling, community method)."""

    def main_gaps(self, g: nx.Graph, scope: Scope | None = None) -> list[str]:
        """The most important findings as short German sentences, for the report."""
        return [f.text for f in self.findings(g, scope)]

    def findings(self, g: nx.Graph, scope: Scope | None = None) -> list[Finding]:
        """The most important findings, each with what the office can do about it; with the
        ``scope`` of a filtered part, an actor connected only outside it is not "ohne jede
        Kooperation"."""
        v = vocab(g)
        out = []
        alone, elsewhere = scope.split(self.isolated) if scope else (self.isolated, [])
        if alone:
            who = "1 Akteur" if len(alone) == 1 else f"{len(alone)} Akteure"
            out.append(Finding("isolated", f"{who} ohne jede Kooperation."))
        if elsewhere:
            who = (
                "1 Akteur kooperiert"
                if len(elsewhere) == 1
                else f"{len(elsewhere)} Akteure kooperieren"
            )
            out.append(
                Finding(
                    "isolated_elsewhere",
                    f"{who} im Ausschnitt mit niemandem, nur mit Akteuren außerhalb.",
                )
            )
        if self.weak:
            out.append(
                Finding("weak", f"{len(self.weak)} Akteure hängen an nur einer Kooperation.")
            )
        if self.passive:
            actors = len({p.actor for p in self.passive})
            out.append(
                Finding(
                    "passive",
                    f"{actors} Bündnismitglieder kooperieren mit keinem anderen Mitglied.",
                )
            )
        if len(self.islands.components) > 1:
            rest = sum(len(c) for c in self.islands.components[1:])
            out.append(
                Finding(
                    "islands",
                    f"{len(self.islands.components) - 1} Teilnetze mit zusammen {rest} Akteuren "
                    "sind vom Hauptnetz getrennt.",
                )
            )
        if self.cut_points:
            top = self.cut_points[0]
            out.append(
                Finding(
                    "cut_points",
                    f"{len(self.cut_points)} Schlüsselakteure; ohne „{g.nodes[top.actor]['name']}“ "
                    f"wären {top.cut_off} Akteure abgeschnitten.",
                )
            )
        if self.brokers.top:
            out.append(
                Finding(
                    "brokers",
                    f"{self.brokers.dependence * 100:.0f} % der Verbindungen werden ohne die "
                    f"{len(self.brokers.top)} wichtigsten Vermittler länger oder reißen ab.",
                )
            )
        gaps = self.coverage_stage.gaps()
        if gaps:
            sample = ", ".join(
                f"{v.stages.get(c.column, c.column)} in {v.regions.get(c.region, c.region)}"
                for c in gaps[:3]
            )
            out.append(
                Finding(
                    "coverage", f"{len(gaps)} leere Felder Region × Bildungsstufe, z. B. {sample}."
                )
            )
        tgaps = self.transitions.gaps()
        if tgaps:
            out.append(
                Finding(
                    "transitions",
                    f"{len(tgaps)} Bildungsübergänge ohne Kooperation in einer Region.",
                )
            )
        b = self.border
        if b.areas and len(b.areas) > 1:
            out.append(
                Finding(
                    "border",
                    f"{b.across} Kooperationen über die Grenze Stadt/Landkreis "
                    f"({b.share * 100:.0f} %); {len(b.parts_without_link)} Teilräume ohne "
                    "Verbindung.",
                )
            )
        return out


def _timed(timings: dict[str, float], key: str, fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    timings[key] = time.perf_counter() - start
    return result


def gap_report(
    g: nx.Graph,
    profiles: dict[str, Profile] | None = None,
    dismissed: Iterable[tuple[Any, Any]] = (),
    *,
    resolution: float | None = None,
    exact: bool = False,
) -> GapReport:
    """Run every analysis on ``g``; ``timings`` holds seconds per analysis.

    ``resolution`` is the community resolution (None: suited to the size, see
    :mod:`.communities`); ``exact`` computes betweenness exactly whatever the size (slow
    for large networks: minutes at 50,000 actors).
    """
    profiles = profiles or {}
    t: dict[str, float] = {}
    notes: list[str] = []
    figures = _timed(t, "figures", lambda: overview.key_figures(g))
    iso = _timed(t, "isolated", lambda: isolation.isolated(g))
    weak = _timed(t, "weak", lambda: isolation.weakly_tied(g))
    passive = _timed(t, "passive", lambda: isolation.passive_members(g))
    cps, brs = _timed(t, "cut_points", lambda: fragility.cut_points_and_bridges(g))
    brk = _timed(t, "brokers", lambda: fragility.brokers(g, exact=exact))
    if brk.sampled:
        paths = f"{brk.k:,}".replace(",", ".")
        error = f"{brk.error or 0:.4f}".replace(".", ",")
        notes.append(
            f"Vermittlerwerte sind geschätzt (KADABRA, fester Startwert): {paths} zufällig "
            f"gezogene kürzeste Wege; mit {centrality.CONFIDENCE * 100:.0f} % "
            f"Wahrscheinlichkeit weicht jeder Wert höchstens {error} vom exakten ab "
            "(deutlich höhere Spitzenwerte stehen sicher vorn) – Vermittler, deren Werte "
            "näher beieinander liegen, können die Plätze tauschen."
            + (
                " Die Rechenzeit war begrenzt; ohne Grenze wäre die Schätzung genauer."
                if brk.capped
                else ""
            )
        )
    isl = _timed(t, "communities", lambda: communities.islands(g, resolution=resolution))
    notes.append(
        f"Arbeitszusammenhänge nach dem Leiden-Verfahren (Modularität, Auflösung "
        f"{isl.resolution:g}, fester Startwert)."
    )
    cov_s = _timed(t, "coverage_stage", lambda: coverage.coverage(g, "stage", profiles))
    cov_t = _timed(t, "coverage_topic", lambda: coverage.coverage(g, "topic", profiles))
    trans = _timed(t, "transitions", lambda: transitions.transitions(g))
    rch = _timed(t, "reach", lambda: reach.alliance_reach(g, profiles))
    ovl = _timed(t, "overlap", lambda: reach.alliance_overlap(g))
    focus = [n for n in g if g.degree(n) <= SUGGEST_MAX_LINKS]
    sug = _timed(
        t, "suggestions", lambda: suggestions.suggest(g, focus, limit=100, dismissed=dismissed)
    )
    brd = _timed(t, "border", lambda: border.border(g))
    roles = _timed(t, "brokerage", lambda: brokerage.brokerage(g, "kind"))
    mix = _timed(t, "mixing", lambda: {by: mixing.mixing(g, by) for by in GROUPINGS})
    hol = _timed(t, "holes", lambda: holes.holes(g))
    core = _timed(t, "cores", lambda: cores.cores(g))
    t["total"] = sum(t.values())
    return GapReport(
        figures=figures,
        isolated=iso,
        weak=weak,
        passive=passive,
        cut_points=cps,
        bridges=brs,
        brokers=brk,
        islands=isl,
        coverage_stage=cov_s,
        coverage_topic=cov_t,
        transitions=trans,
        reach=rch,
        overlap=ovl,
        suggestions=sug,
        border=brd,
        brokerage=roles,
        mixing=mix,
        holes=hol,
        cores=core,
        timings=t,
        notes=notes,
    )


_reports: Cache[tuple[Any, ...], GapReport] = Cache(16)


def cached_gap_report(
    key: tuple[Any, ...],
    g: nx.Graph | Callable[[], nx.Graph],
    profiles: dict[str, Profile] | None = None,
    dismissed: Iterable[tuple[Any, Any]] = (),
    *,
    resolution: float | None = None,
    exact: bool = False,
) -> GapReport:
    """:func:`gap_report`, remembered under ``key`` (fingerprint, filter key, pipeline
    pairs), the community ``resolution`` and ``exact``.

    ``g`` may be a callable so that the graph is only built on a cache miss.
    """

    def compute() -> GapReport:
        graph = g() if callable(g) else g
        return gap_report(graph, profiles, dismissed, resolution=resolution, exact=exact)

    return _reports.get_or_compute((*key, resolution, exact), compute)


def clear_cache() -> None:
    """Forget every remembered report (a benchmark's cold run)."""
    _reports.clear()
