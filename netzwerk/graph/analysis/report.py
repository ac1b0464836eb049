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
from babel.numbers import format_decimal

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
from netzwerk.graph.core import collector
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


def _same(text: str) -> str:
    return text


def _shown(value: Any, locale: str) -> Any:
    """A number as ``locale`` writes it (1.234 and 0,5 in German); text as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return format_decimal(value, format="#,##0.####", locale=locale)


@dataclass(frozen=True)
class Finding:
    """One finding (or method note) of the report: ``key`` names its kind, ``message`` is
    the German sentence with ``%(name)s`` placeholders (marked for translation) and
    ``params`` its values, so each reader gets the sentence in their language and
    number format (:meth:`say`); ``text`` is the German one."""

    key: str
    message: str
    params: tuple[tuple[str, Any], ...] = ()

    def say(self, tr: Callable[[str], str] = _same, locale: str = "de") -> str:
        """The sentence as ``tr`` translates it, numbers as ``locale`` writes them."""
        return tr(self.message) % {k: _shown(v, locale) for k, v in self.params}

    @property
    def text(self) -> str:
        return self.say()

    @property
    def todo(self) -> str:
        """What to do about it (German, marked for translation)."""
        return TODO[self.key]


def _found(key: str, message: str, **params: Any) -> Finding:
    return Finding(key, message, tuple(params.items()))


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
    notes: list[Finding] = field(default_factory=list)
    """Method notes for the reader (sampling, community method), key ``note``."""

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
        if len(alone) == 1:
            out.append(_found("isolated", N_("1 Akteur ohne jede Kooperation.")))
        elif alone:
            out.append(_found("isolated", N_("%(n)s Akteure ohne jede Kooperation."), n=len(alone)))
        if len(elsewhere) == 1:
            message = N_(
                "1 Akteur kooperiert im Ausschnitt mit niemandem, nur mit Akteuren außerhalb."
            )
            out.append(_found("isolated_elsewhere", message))
        elif elsewhere:
            message = N_(
                "%(n)s Akteure kooperieren im Ausschnitt mit niemandem, nur mit Akteuren außerhalb."
            )
            out.append(_found("isolated_elsewhere", message, n=len(elsewhere)))
        if self.weak:
            message = N_("%(n)s Akteure hängen an nur einer Kooperation.")
            out.append(_found("weak", message, n=len(self.weak)))
        if self.passive:
            message = N_("%(n)s Bündnismitglieder kooperieren mit keinem anderen Mitglied.")
            out.append(_found("passive", message, n=len({p.actor for p in self.passive})))
        out += self._structure_findings(g)
        gaps = self.coverage_stage.gaps()
        if gaps:
            sample = ", ".join(
                f"{v.stages.get(c.column, c.column)} in {v.regions.get(c.region, c.region)}"
                for c in gaps[:3]
            )
            message = N_("%(n)s leere Felder Region × Bildungsstufe, z. B. %(sample)s.")
            out.append(_found("coverage", message, n=len(gaps), sample=sample))
        tgaps = self.transitions.gaps()
        if tgaps:
            message = N_("%(n)s Bildungsübergänge ohne Kooperation in einer Region.")
            out.append(_found("transitions", message, n=len(tgaps)))
        b = self.border
        if b.areas and len(b.areas) > 1:
            message = N_(
                "%(n)s Kooperationen über die Grenze Stadt/Landkreis (%(share)s %%); "
                "%(parts)s Teilräume ohne Verbindung."
            )
            share = round(b.share * 100)
            out.append(
                _found("border", message, n=b.across, share=share, parts=len(b.parts_without_link))
            )
        return out

    def _structure_findings(self, g: nx.Graph) -> list[Finding]:
        """Islands, key actors and brokers: where the network hangs together by a thread."""
        out = []
        if len(self.islands.components) > 1:
            rest = sum(len(c) for c in self.islands.components[1:])
            message = N_(
                "%(n)s Teilnetze mit zusammen %(actors)s Akteuren sind vom Hauptnetz getrennt."
            )
            out.append(_found("islands", message, n=len(self.islands.components) - 1, actors=rest))
        if self.cut_points:
            top = self.cut_points[0]
            message = N_(
                "%(n)s Schlüsselakteure; ohne „%(name)s“ wären %(cut)s Akteure abgeschnitten."
            )
            name = g.nodes[top.actor]["name"]
            out.append(
                _found("cut_points", message, n=len(self.cut_points), name=name, cut=top.cut_off)
            )
        if self.brokers.top:
            message = N_(
                "%(share)s %% der Verbindungen werden ohne die %(n)s wichtigsten Vermittler "
                "länger oder reißen ab."
            )
            share = round(self.brokers.dependence * 100)
            out.append(_found("brokers", message, share=share, n=len(self.brokers.top)))
        return out


def _timed(timings: dict[str, float], key: str, fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    timings[key] = time.perf_counter() - start
    return result


def _sampling_notes(brk: fragility.Brokers) -> list[Finding]:
    """How exact the sampled broker values are (the estimate's guarantee), and whether the
    computing time cut the sampling short."""
    message = N_(
        "Vermittlerwerte sind geschätzt (fester Startwert): %(paths)s zufällig "
        "gezogene kürzeste Wege; mit %(confidence)s %% Wahrscheinlichkeit weicht jeder Wert "
        "höchstens %(error)s vom exakten ab (deutlich höhere Spitzenwerte stehen sicher vorn) "
        "– Vermittler, deren Werte näher beieinander liegen, können die Plätze tauschen."
    )
    confidence = round(centrality.CONFIDENCE * 100)
    notes = [_found("note", message, paths=brk.k, confidence=confidence, error=brk.error or 0)]
    if brk.capped:
        capped = N_("Die Rechenzeit war begrenzt; ohne Grenze wäre die Schätzung genauer.")
        notes.append(_found("note", capped))
    return notes


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
    # The report keeps hundreds of thousands of new objects (values per actor, the links
    # per transition cell, suggestion pools) while the graph it reads holds millions more:
    # at 50,000 actors the cycle collector walked them all 2–4 times per report (0.3–0.8 s
    # each, 1.5–1.8 s of CPU on the hub-heavy networks) and found nothing to free.
    with collector.paused():
        return _report(g, profiles or {}, dismissed, resolution, exact)


def _report(
    g: nx.Graph,
    profiles: dict[str, Profile],
    dismissed: Iterable[tuple[Any, Any]],
    resolution: float | None,
    exact: bool,
) -> GapReport:
    """The body of :func:`gap_report`."""
    t: dict[str, float] = {}
    notes: list[Finding] = []
    figures = _timed(t, "figures", lambda: overview.key_figures(g))
    iso = _timed(t, "isolated", lambda: isolation.isolated(g))
    weak = _timed(t, "weak", lambda: isolation.weakly_tied(g))
    passive = _timed(t, "passive", lambda: isolation.passive_members(g))
    cps, brs = _timed(t, "cut_points", lambda: fragility.cut_points_and_bridges(g))
    brk = _timed(t, "brokers", lambda: fragility.brokers(g, exact=exact))
    if brk.sampled:
        notes += _sampling_notes(brk)
    isl = _timed(t, "communities", lambda: communities.islands(g, resolution=resolution))
    message = N_(
        "Arbeitszusammenhänge nach dem Leiden-Verfahren (Modularität, Auflösung "
        "%(resolution)s, fester Startwert)."
    )
    notes.append(_found("note", message, resolution=isl.resolution))
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
