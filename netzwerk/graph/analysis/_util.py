"""Helpers shared by the analyses: names, the region tree as rows, stage transitions.

Everything here reads the ``vocabulary`` that
:func:`netzwerk.graph.network.snapshot.select` puts into
``g.graph``; a graph built by hand (tests, benchmarks) may carry a smaller vocabulary.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from netzwerk.graph.core.i18n import N_
from netzwerk.graph.network.snapshot import Vocabulary

AREA_KINDS = ("Stadt", "Landkreis")


def vocab(g: nx.Graph) -> Vocabulary:
    """The vocabulary of ``g`` (an empty one if the graph was built without it)."""
    v = g.graph.get("vocabulary")
    return v if isinstance(v, Vocabulary) else Vocabulary()


def name(g: nx.Graph, node: Any) -> str:
    """The display name of an actor: its name, else its id."""
    return str(g.nodes[node].get("name") or node) if node in g else str(node)


def names(mapping: dict[str, str], ids: Iterable[str]) -> list[str]:
    """Names for ids, sorted as a reader expects (alphabetically, case-insensitive)."""
    return sorted((mapping.get(i, i) for i in ids), key=str.casefold)


@dataclass(frozen=True)
class RegionRow:
    """A row of a region table: an area (Stadt/Landkreis, ``level`` 0) or a part of it."""

    id: str
    name: str
    level: int
    area: str
    kind: str


def region_rows(v: Vocabulary) -> list[RegionRow]:
    """Stadt Trier with its Stadtteile, then Landkreis Trier-Saarburg with its VGs, …

    Areas are the regions of kind Stadt or Landkreis; their direct parts follow them in
    alphabetical order. Regions outside any area (e.g. the whole Bildungsregion) are left out:
    they are not a place where a gap can be located.
    """
    rows: list[RegionRow] = []

    def by_name(region: str) -> str:
        return v.regions.get(region, region).casefold()

    areas = sorted(
        (r for r, k in v.region_kind.items() if k in AREA_KINDS),
        key=lambda r: (AREA_KINDS.index(v.region_kind[r]), v.regions.get(r, r)),
    )
    for area in areas:
        rows.append(RegionRow(area, v.regions.get(area, area), 0, area, v.region_kind[area]))
        parts = [r for r, p in v.region_parent.items() if p == area]
        for part in sorted(parts, key=by_name):
            rows.append(RegionRow(part, v.regions.get(part, part), 1, area, v.region_kind[part]))
    return rows


def local_regions(v: Vocabulary, data: dict[str, Any]) -> set[str]:
    """Regions where an actor is present: where it is located or active, and every region
    above those (an actor of Trier-West is also present in Stadt Trier)."""
    out: set[str] = set()
    for place in (data.get("region"), *data.get("active_in", ())):
        if place:
            out.update(v.region_ancestors(place))
    return out


def presence(v: Vocabulary) -> Callable[[dict[str, Any]], frozenset[str]]:
    """:func:`local_regions` for many actors: the region tree is walked once per distinct
    (location, active-in) combination instead of once per actor (50,000 actors share a few
    dozen places).

    Examples
    --------
    >>> v = Vocabulary(region_parent={"west": "stadt"})
    >>> present = presence(v)
    >>> sorted(present({"region": "west", "active_in": ()}))
    ['stadt', 'west']
    """
    memo: dict[tuple[Any, frozenset[str]], frozenset[str]] = {}

    def present(data: dict[str, Any]) -> frozenset[str]:
        key = (data.get("region"), frozenset(data.get("active_in", ())))
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = frozenset(local_regions(v, data))
        return hit

    return present


def wide_regions(v: Vocabulary, data: dict[str, Any], rows: Iterable[RegionRow]) -> set[str]:
    """Rows an actor serves from above: it is active in a region that contains the row
    (e.g. a Kreisverwaltung active in the whole Landkreis serves every VG) without being
    present in the row itself."""
    active = set(data.get("active_in", ()))
    if not active:
        return set()
    local = local_regions(v, data)
    return {
        r.id
        for r in rows
        if r.id not in local and active.intersection(v.region_ancestors(r.id)[1:])
    }


# Default transitions between education stages, by stage name: the path through the German
# system "frühkindlich → Primarstufe → Sekundarstufe I → Sekundarstufe II / Berufliche
# Bildung → Hochschule / Weiterbildung".
TRANSITION_LEVELS: tuple[tuple[str, ...], ...] = (
    ("frühkindlich",),
    ("Primarstufe",),
    ("Sekundarstufe I",),
    ("Sekundarstufe II", "Berufliche Bildung"),
    ("Hochschule", "Weiterbildung/Erwachsenenbildung"),
)


def stage_transitions(v: Vocabulary) -> list[tuple[str, str]]:
    """Pairs of adjacent stages (ids), earlier stage first.

    Stages named as in :data:`TRANSITION_LEVELS` follow that path; if the vocabulary uses
    other names, consecutive stages by their ``order`` are adjacent.
    """
    by_name = {n: sid for sid, n in v.stages.items()}
    levels = [[by_name[n] for n in level if n in by_name] for level in TRANSITION_LEVELS]
    levels = [lv for lv in levels if lv]
    known = {s for lv in levels for s in lv}
    if len(levels) < 2 or known != set(v.stages):
        ordered = v.stages_in_order()
        return list(itertools.pairwise(ordered))
    return [(a, b) for lo, hi in itertools.pairwise(levels) for a in lo for b in hi]


@dataclass(frozen=True)
class Profile:
    """What an alliance or project works on (loaded besides the graph; see ``source``)."""

    id: str
    label: str  # "Alliance" or "Project"
    name: str
    topics: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    active_in: frozenset[str] = frozenset()


GROUPINGS: dict[str, str] = {
    "kind": N_("Akteursart"),
    "stage": N_("Bildungsstufe"),
    "area": N_("Stadt/Landkreis"),
}
"""How actors can be grouped for brokerage roles and mixing (key → German title)."""


def groups_of(g: nx.Graph, by: str) -> dict[Any, str]:
    """Each actor's group name under ``by`` (see :data:`GROUPINGS`); actors without one are
    left out.

    ``stage`` is the actor's earliest education stage (a Gesamtschule covering Primarstufe
    and Sekundarstufe I counts as Primarstufe), because a group must be one value;
    ``area`` is the Stadt or Landkreis the actor is located in.

    Examples
    --------
    >>> from netzwerk.graph.network.snapshot import Vocabulary
    >>> v = Vocabulary(stages={"p": "Primarstufe", "s": "Sekundarstufe I"},
    ...                stage_order={"p": 2, "s": 3})
    >>> g = nx.Graph(vocabulary=v)
    >>> g.add_node(1, kind="Schule", stages={"s", "p"}); g.add_node(2, kind="", stages=set())
    >>> groups_of(g, "kind"), groups_of(g, "stage")
    ({1: 'Schule'}, {1: 'Primarstufe'})
    """
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    v = vocab(g)
    out: dict[Any, str] = {}
    for n, d in g.nodes(data=True):
        if by == "kind":
            value = d.get("kind") or ""
        elif by == "area":
            value = v.regions.get(d.get("area") or "", "")
        else:
            stages = sorted(d.get("stages", ()), key=lambda s: (v.stage_order.get(s, 99), s))
            value = v.stages.get(stages[0], stages[0]) if stages else ""
        if value:
            out[n] = value
    return out
