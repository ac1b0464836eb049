"""Islands: parts of the network that no cooperation connects, and communities inside it.

* A **component** (Teilnetz) is a group of actors connected to each other, directly or via
  others, but to nobody outside the group. Everything outside the largest component is an
  island: information from the main network does not reach it.
* A **community** (Arbeitszusammenhang) is a group of actors that cooperate much more with
  each other than with the rest (Louvain modularity, fixed seed so the result is
  reproducible). Two communities without a single cooperation between them are worlds that
  do not meet — often a city district and a VG, or the school world and adult education.

What to do: invite an island to a network meeting, and bring one actor from each of two
unconnected communities together on a shared topic.

Above ``louvain_limit`` actors the communities come from label propagation (networkx's
deterministic semi-synchronous variant), which is much faster and gives coarser groups;
the page says which method was used.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

LOUVAIN_LIMIT = 2000
SEED = 42


@dataclass
class Community:
    """A group of actors that cooperate mostly among themselves."""

    index: int
    members: list[Any]
    label: str
    """A human name: the most common region and actor kind of its members."""
    internal_links: int = 0


@dataclass
class Islands:
    components: list[list[Any]]
    """Connected components with at least two actors, largest first (isolated actors are
    reported by :mod:`.isolation`)."""
    communities: list[Community]
    method: str
    """``louvain`` or ``label_propagation``."""
    unconnected_pairs: list[tuple[int, int]] = field(default_factory=list)
    """Pairs of community indexes with no cooperation between them, largest pairs first."""
    links_between: dict[tuple[int, int], int] = field(default_factory=dict)


def components(g: nx.Graph) -> list[list[Any]]:
    """Connected components with at least two actors, largest first.

    Examples
    --------
    >>> g = nx.Graph([(1, 2), (2, 3), (4, 5)]); g.add_node(6)
    >>> components(g)
    [[1, 2, 3], [4, 5]]
    """
    comps = [sorted(c, key=str) for c in nx.connected_components(g) if len(c) > 1]
    return sorted(comps, key=lambda c: (-len(c), str(c[0])))


def _label(g: nx.Graph, members: list[Any]) -> str:
    regions = Counter(g.nodes[m].get("region_name") or "" for m in members)
    kinds = Counter(g.nodes[m].get("kind") or "" for m in members)
    parts = [r for r, _ in regions.most_common(1) if r] + [k for k, _ in kinds.most_common(1) if k]
    return " · ".join(parts) or f"{len(members)} Akteure"


def communities(
    g: nx.Graph, *, seed: int = SEED, louvain_limit: int = LOUVAIN_LIMIT, min_size: int = 3
) -> Islands:
    """Components, communities (of at least ``min_size`` actors) and the community pairs
    that no cooperation connects.

    Examples
    --------
    Two triangles joined by one link are two communities, connected by that link:

    >>> g = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> isl = communities(g)
    >>> sorted(sorted(c.members) for c in isl.communities), isl.unconnected_pairs
    ([[1, 2, 3], [4, 5, 6]], [])
    """
    linked = g.subgraph([n for n in g if g.degree(n) > 0])
    method = "louvain" if linked.number_of_nodes() <= louvain_limit else "label_propagation"
    if linked.number_of_edges() == 0:
        groups: list[set[Any]] = []
    elif method == "louvain":
        groups = nx.community.louvain_communities(linked, seed=seed)
    else:
        groups = list(nx.community.label_propagation_communities(linked))
    groups = sorted(
        (sorted(c, key=str) for c in groups if len(c) >= min_size),
        key=lambda c: (-len(c), str(c[0])),
    )
    comms = [Community(i, members, _label(g, members)) for i, members in enumerate(groups)]
    where = {m: c.index for c in comms for m in c.members}
    between: Counter[tuple[int, int]] = Counter()
    for u, v in g.edges():
        cu, cv = where.get(u), where.get(v)
        if cu is None or cv is None:
            continue
        if cu == cv:
            comms[cu].internal_links += 1
        else:
            between[(min(cu, cv), max(cu, cv))] += 1
    unconnected = [
        (a.index, b.index) for a, b in combinations(comms, 2) if (a.index, b.index) not in between
    ]
    unconnected.sort(key=lambda p: (-(len(comms[p[0]].members) + len(comms[p[1]].members)), p))
    return Islands(components(g), comms, method, unconnected, dict(between))
