"""Across the border: cooperation between Stadt Trier and Landkreis Trier-Saarburg.

City and district form one education region, but their offices, school authorities and
networks are separate. This counts cooperations inside the city, inside the district and
across the border (by where each actor is located), names the **border-crossers** — the
actors who carry most cross-border links — and the Verbandsgemeinden (or Stadtteile) with
no link into the other area at all.

Note: an actor is assigned to the area it is located in. A Kreisverwaltung located in the
city but active in the district counts as a city actor here; the page lists such actors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from netzwerk.graph.analysis._kernel import indexed
from netzwerk.graph.analysis._util import region_rows, vocab


@dataclass
class Border:
    areas: list[tuple[str, str]]
    """(id, name) of the areas compared, city first."""
    within: dict[str, int]
    """Cooperations with both partners in the area."""
    across: int
    unassigned: int
    """Cooperations with a partner outside both areas (or without a region)."""
    crossers: list[tuple[Any, int]]
    """Actors with cross-border cooperations and how many, most first."""
    parts_without_link: list[str] = field(default_factory=list)
    """Parts (VGs, Stadtteile) with actors but none linked into the other area."""
    located_elsewhere: list[Any] = field(default_factory=list)
    """Actors located in one area but active only in the other (counted where located)."""

    @property
    def share(self) -> float:
        total = self.across + sum(self.within.values())
        return self.across / total if total else 0.0


def _links_by_area(
    g: nx.Graph, area_ids: list[str]
) -> tuple[dict[str, int], int, int, Counter[Any], set[str]]:
    """Links within each area, across, with an end in no area; how many links across each
    actor has, and the parts (Stadtteile/VGs) of their ends. Counted on the numbered
    cooperations (:func:`._kernel.indexed`) with numpy, where a loop over ``g.edges()``
    cost 0.6 s at 250,000 cooperations; self-loops, which that form leaves out, lie in
    one area or none and are counted apart."""
    ix = indexed(g)
    where: dict[Any, int] = {a: k for k, a in enumerate(area_ids)}
    code = np.fromiter(
        (where.get(d, -1) for _, d in g.nodes(data="area")), dtype=np.int64, count=ix.n
    )
    cu, cw = code[ix.edges[:, 0]], code[ix.edges[:, 1]]
    placed = (cu >= 0) & (cw >= 0)
    inside = np.bincount(cu[placed & (cu == cw)], minlength=len(area_ids))
    ends = ix.edges[placed & (cu != cw)]
    unassigned = int(len(ix.edges) - placed.sum())
    for u, _ in nx.selfloop_edges(g):
        if code[ix.index[u]] >= 0:
            inside[code[ix.index[u]]] += 1
        else:
            unassigned += 1
    within = {a: int(inside[k]) for k, a in enumerate(area_ids)}
    per_actor = np.bincount(ends.ravel(), minlength=ix.n)
    crossing = Counter({ix.nodes[i]: int(per_actor[i]) for i in np.flatnonzero(per_actor)})
    region = [d for _, d in g.nodes(data="region")]
    linked_parts = {p for i in np.unique(ends).tolist() if (p := region[i])}
    return within, len(ends), unassigned, crossing, linked_parts


def border(g: nx.Graph) -> Border:
    """Cooperation within and across the areas (Stadt / Landkreis).

    Examples
    --------
    >>> from netzwerk.graph.network.snapshot import Vocabulary
    >>> v = Vocabulary(regions={"s": "Stadt", "k": "Kreis", "vg": "VG"},
    ...     region_kind={"s": "Stadt", "k": "Landkreis", "vg": "Verbandsgemeinde"},
    ...     region_parent={"vg": "k"})
    >>> g = nx.Graph(vocabulary=v)
    >>> g.add_nodes_from([(1, {"area": "s", "region": "s"}), (2, {"area": "s", "region": "s"}),
    ...                   (3, {"area": "k", "region": "vg"})])
    >>> g.add_edges_from([(1, 2), (2, 3)])
    >>> b = border(g)
    >>> b.within, b.across, b.crossers
    ({'s': 1, 'k': 0}, 1, [(2, 1), (3, 1)])
    """
    v = vocab(g)
    rows = region_rows(v)
    areas = [(r.id, r.name) for r in rows if r.level == 0]
    area_ids = [a for a, _ in areas]
    within, across, unassigned, crossing, linked_parts = _links_by_area(g, area_ids)
    parts_with_actors = {d.get("region") for _, d in g.nodes(data=True) if d.get("region")}
    parts = [r for r in rows if r.level == 1 and r.id in parts_with_actors]
    without = [r.id for r in parts if r.id not in linked_parts]
    elsewhere = [
        n
        for n, d in g.nodes(data=True)
        if d.get("area") in within
        and d.get("active_in")
        and all(v.area_of(p) not in ("", d["area"]) for p in d["active_in"])
    ]
    crossers = sorted(crossing.items(), key=lambda c: (-c[1], str(c[0])))
    return Border(areas, within, across, unassigned, crossers, without, elsewhere)
