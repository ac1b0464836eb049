"""Change over time: the network on two dates, for the Bildungsbericht.

Cooperations and memberships carry since/until, so the network can be rebuilt as it was on
any day (:func:`netzwerk.graph.network.snapshot.select` with ``as_of``). Comparing two days shows
what a funding period or a programme changed:

* **new and ended cooperations** (by their record: a cooperation renewed under a new
  record counts as ended and new);
* **actors that joined or fell out**: "im Netz" means having at least one cooperation on
  that day (an actor recorded but without any cooperation is not part of the network yet);
* **every key figure with its delta**: size, density, components, isolated actors, key
  actors, communities, openness between sectors (E–I index), the innermost core, empty
  coverage cells and unconnected transitions, cooperation across the city/district border.

Pure: two graphs and their gap reports in, a :class:`Change` out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from netzwerk.graph.analysis.report import GapReport
from netzwerk.graph.core.i18n import N_


@dataclass(frozen=True)
class Delta:
    key: str
    title: str
    """German title."""
    before: float | int
    after: float | int
    percent: bool = False
    """Shown as a percentage (shares and densities)."""

    @property
    def delta(self) -> float | int:
        return self.after - self.before


@dataclass
class Change:
    earlier: date
    later: date
    figures: list[Delta]
    new_links: list[tuple[Any, Any]] = field(default_factory=list)
    ended_links: list[tuple[Any, Any]] = field(default_factory=list)
    joined: list[Any] = field(default_factory=list)
    """Actors with a cooperation on the later day but none on the earlier."""
    left: list[Any] = field(default_factory=list)
    """Actors with a cooperation on the earlier day but none on the later."""


def _ei(rep: GapReport, by: str) -> float:
    mix = rep.mixing.get(by)
    return mix.ei if mix is not None and mix.ei is not None else 0.0


FIGURES: list[tuple[str, str, bool, Any]] = [
    ("actors", N_("Akteure im Netz (mit Kooperation)"), False, None),
    ("cooperations", N_("Kooperationen"), False, lambda r: r.figures.cooperations),
    ("density", N_("Dichte"), True, lambda r: r.figures.density),
    (
        "average_degree",
        N_("Kooperationen je Akteur (Durchschnitt)"),
        False,
        lambda r: r.figures.average_degree,
    ),
    (
        "components",
        N_("Teilnetze (mit mindestens zwei Akteuren)"),
        False,
        lambda r: len(r.islands.components),
    ),
    ("largest", N_("Größtes Teilnetz (Akteure)"), False, lambda r: r.figures.largest_component),
    ("isolated", N_("Akteure ohne Kooperation"), False, lambda r: len(r.isolated)),
    ("weak", N_("Akteure mit nur einer Kooperation"), False, lambda r: len(r.weak)),
    ("cut_points", N_("Schlüsselakteure"), False, lambda r: len(r.cut_points)),
    ("bridges", N_("Einzige Verbindungen"), False, lambda r: len(r.bridges)),
    (
        "dependence",
        N_("Abhängigkeit von den 5 wichtigsten Vermittlern"),
        True,
        lambda r: r.brokers.dependence,
    ),
    ("communities", N_("Arbeitszusammenhänge"), False, lambda r: len(r.islands.communities)),
    ("ei_kind", N_("Offenheit zwischen Akteursarten (E–I)"), False, lambda r: _ei(r, "kind")),
    (
        "ei_area",
        N_("Offenheit zwischen Stadt und Landkreis (E–I)"),
        False,
        lambda r: _ei(r, "area"),
    ),
    ("core_k", N_("Innerer Kern: Kooperationen je Mitglied (k)"), False, lambda r: r.cores.k),
    ("core_size", N_("Innerer Kern: Akteure"), False, lambda r: len(r.cores.core)),
    (
        "coverage_gaps",
        N_("Leere Felder Region × Stufe"),
        False,
        lambda r: len(r.coverage_stage.gaps()),
    ),
    (
        "transition_gaps",
        N_("Bildungsübergänge ohne Kooperation"),
        False,
        lambda r: len(r.transitions.gaps()),
    ),
    ("border", N_("Anteil über die Grenze Stadt/Landkreis"), True, lambda r: r.border.share),
]


def _in_network(g: nx.Graph) -> set[Any]:
    return {v for v in g if g.degree(v) > 0}


def _links(g: nx.Graph) -> dict[Any, tuple[Any, Any]]:
    return {
        d.get("id") or (min(u, v, key=str), max(u, v, key=str)): (u, v)
        for u, v, d in g.edges(data=True)
    }


def compare(
    earlier: tuple[date, nx.Graph, GapReport], later: tuple[date, nx.Graph, GapReport]
) -> Change:
    """What changed between the ``earlier`` and the ``later`` (day, graph, report).

    Examples
    --------
    >>> from netzwerk.graph.analysis.report import gap_report
    >>> before = nx.Graph(); before.add_edge("a", "b", id="c1"); before.add_node("c")
    >>> after = nx.Graph(); after.add_edge("b", "c", id="c2"); after.add_node("a")
    >>> ch = compare((date(2023, 1, 1), before, gap_report(before)),
    ...              (date(2025, 1, 1), after, gap_report(after)))
    >>> ch.new_links, ch.ended_links, ch.joined, ch.left
    ([('b', 'c')], [('a', 'b')], ['c'], ['a'])
    >>> next((d.before, d.after, d.delta) for d in ch.figures if d.key == "isolated")
    (1, 1, 0)
    """
    (day_a, g_a, rep_a), (day_b, g_b, rep_b) = earlier, later
    figures = []
    for key, title, percent, get in FIGURES:
        if get is None:
            before, after = len(_in_network(g_a)), len(_in_network(g_b))
        else:
            before, after = get(rep_a), get(rep_b)
        figures.append(Delta(key, title, before, after, percent))
    links_a, links_b = _links(g_a), _links(g_b)

    def ordered(pairs: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
        return sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))

    new = ordered([links_b[k] for k in links_b.keys() - links_a.keys()])
    ended = ordered([links_a[k] for k in links_a.keys() - links_b.keys()])
    net_a, net_b = _in_network(g_a), _in_network(g_b)
    return Change(
        day_a,
        day_b,
        figures,
        new,
        ended,
        sorted(net_b - net_a, key=str),
        sorted(net_a - net_b, key=str),
    )
