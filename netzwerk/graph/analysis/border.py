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
    within = {a: 0 for a in area_ids}
    across = unassigned = 0
    crossing: Counter[Any] = Counter()
    linked_parts: set[str] = set()
    area = dict(g.nodes(data="area"))
    for u, w in g.edges():
        au, aw = area[u], area[w]
        if au not in within or aw not in within:
            unassigned += 1
        elif au == aw:
            within[au] += 1
        else:
            across += 1
            crossing[u] += 1
            crossing[w] += 1
            linked_parts.update(
                p for p in (g.nodes[u].get("region"), g.nodes[w].get("region")) if p
            )
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
