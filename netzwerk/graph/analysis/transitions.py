"""Transitions between education stages (Bildungsübergänge), region by region.

A child moving from Kita to Grundschule, a pupil from Sekundarstufe I into vocational
training: these transitions work better where the institutions on both sides cooperate.
For each pair of adjacent stages (frühkindlich → Primarstufe → Sekundarstufe I →
Sekundarstufe II / Berufliche Bildung → Hochschule / Weiterbildung) and each region, this
counts the actors on either side and the cooperations across the boundary.

A cooperation crosses the boundary A → B when one partner covers A and the other covers B.
Generalists that cover more than ``max_stages`` stages (administrations, counselling
services) are left out: they touch every stage, so their links would make every transition
look cared for. A cooperation belongs to a region when one partner is present there.

Gaps: both sides are present but not a single cooperation connects them
(``status == "unverbunden"``), or one side is missing altogether (``"Stufe fehlt"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netzwerk.graph.analysis._util import (
    RegionRow,
    presence,
    region_rows,
    stage_transitions,
    vocab,
)
from netzwerk.graph.core.i18n import N_

MAX_STAGES = 3


@dataclass
class TransitionCell:
    region: str
    lower: str
    upper: str
    lower_actors: int = 0
    upper_actors: int = 0
    links: list[tuple[Any, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.lower_actors or not self.upper_actors:
            return N_("Stufe fehlt")
        if not self.links:
            return N_("unverbunden")
        return N_("verbunden")

    @property
    def gap(self) -> bool:
        return self.status != "verbunden"


@dataclass
class Transitions:
    pairs: list[tuple[str, str]]
    rows: list[RegionRow]
    cells: dict[tuple[str, str, str], TransitionCell]
    max_stages: int

    def cell(self, region: str, lower: str, upper: str) -> TransitionCell:
        return self.cells[(region, lower, upper)]

    def gaps(self) -> list[TransitionCell]:
        """Unconnected transitions in the parts of an area where both sides exist."""
        return [
            c
            for c in self.cells.values()
            if c.status == "unverbunden" and self._level(c.region) > 0
        ]

    def _level(self, region: str) -> int:
        return next((r.level for r in self.rows if r.id == region), 0)


def transitions(g: nx.Graph, *, max_stages: int = MAX_STAGES) -> Transitions:
    """Actors and cooperations on both sides of each stage boundary, per region.

    Examples
    --------
    >>> from netzwerk.graph.network.snapshot import Vocabulary
    >>> v = Vocabulary(stages={"k": "frühkindlich", "p": "Primarstufe"},
    ...     stage_order={"k": 1, "p": 2}, regions={"c": "Stadt", "a": "Nord"},
    ...     region_kind={"c": "Stadt", "a": "Stadtteil"}, region_parent={"a": "c"})
    >>> g = nx.Graph(vocabulary=v)
    >>> g.add_node("kita", region="a", stages={"k"}, active_in=())
    >>> g.add_node("gs", region="a", stages={"p"}, active_in=())
    >>> transitions(g).cell("a", "k", "p").status
    'unverbunden'
    >>> g.add_edge("kita", "gs")
    >>> transitions(g).cell("a", "k", "p").status
    'verbunden'
    """
    v = vocab(g)
    rows = region_rows(v)
    pairs = stage_transitions(v)
    row_ids = {r.id for r in rows}
    cells = {(r.id, a, b): TransitionCell(r.id, a, b) for r in rows for a, b in pairs}
    where = presence(v)
    present = {n: where(d) & row_ids for n, d in g.nodes(data=True)}
    stages = {
        n: frozenset(d.get("stages", ())) if len(d.get("stages", ())) <= max_stages else frozenset()
        for n, d in g.nodes(data=True)
    }
    for n in g:
        for region in present[n]:
            for a, b in pairs:
                if a in stages[n]:
                    cells[(region, a, b)].lower_actors += 1
                if b in stages[n]:
                    cells[(region, a, b)].upper_actors += 1
    # few distinct stage sets and places: every actor gets the number of its (stages,
    # places) class, and which cells a link belongs to is worked out once per pair of
    # classes, not once per link (250,000 links at 50,000 actors)
    classes: dict[tuple[frozenset[str], frozenset[str]], int] = {}
    of = {n: classes.setdefault((stages[n], present[n]), len(classes)) for n in g}
    kinds = list(classes)
    targets: dict[tuple[int, int], list[TransitionCell]] = {}
    for u, w in g.edges():
        key = (of[u], of[w])
        found = targets.get(key)
        if found is None:
            found = targets[key] = _cells_of(kinds[key[0]], kinds[key[1]], pairs, cells)
        for cell in found:
            cell.links.append((u, w))
    return Transitions(pairs, rows, cells, max_stages)


def _cells_of(
    one: tuple[frozenset[str], frozenset[str]],
    other: tuple[frozenset[str], frozenset[str]],
    pairs: list[tuple[str, str]],
    cells: dict[tuple[str, str, str], TransitionCell],
) -> list[TransitionCell]:
    """The cells a link between actors of two (stages, places) classes counts in: every
    transition one side covers below and the other above, in every place of either."""
    (su, pu), (sw, pw) = one, other
    if not su or not sw:
        return []
    crossing = [(a, b) for a, b in pairs if (a in su and b in sw) or (b in su and a in sw)]
    regions = pu | pw
    return [cells[(r, a, b)] for a, b in crossing for r in regions]
