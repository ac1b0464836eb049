"""Islands: parts of the network that no cooperation connects, and communities inside it.

* A **component** (Teilnetz) is a group of actors connected to each other, directly or via
  others, but to nobody outside the group. Everything outside the largest component is an
  island: information from the main network does not reach it.
* A **community** (Arbeitszusammenhang) is a group of actors that cooperate much more with
  each other than with the rest. Two communities without a single cooperation between them
  are worlds that do not meet — often a city district and a VG, or the school world and
  adult education.

What to do: invite an island to a network meeting, and bring one actor from each of two
unconnected communities together on a shared topic.

**One method at every size**: the Leiden algorithm (igraph's C implementation, iterated
until stable, fixed seed) maximising modularity with a resolution γ suited to the
network's size, :func:`default_resolution`. Plain modularity (γ = 1) cannot see groups
smaller than about √(2m) cooperations in a network of m (its *resolution limit*): on the
planted 50,000-actor benchmark it merged 455 planted groups into 266 (NMI 0.94). Raising γ
in proportion to m above :data:`REFERENCE_LINKS` keeps that limit where it is at that size,
so small networks keep plain modularity and large ones keep their local groups (NMI 0.99
at 5,000 and 50,000 actors, docs/PERFORMANCE.md). The page shows γ and lets the reader
change it: a higher γ gives more, smaller groups.

The same function colours and lays out the network pictures, so the picture and the report
always show the same groups.

References
----------
.. [1] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden: guaranteeing
   well-connected communities", Scientific Reports 9, 5233, 2019.
.. [2] S. Fortunato and M. Barthélemy, "Resolution limit in community detection",
   PNAS 104(1), 36–41, 2007.
.. [3] J. Reichardt and S. Bornholdt, "Statistical mechanics of community detection",
   Physical Review E 74, 016110, 2006.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np

from netzwerk.graph.analysis._kernel import edge_array, indexed, per_graph, seeded

SEED = 42
REFERENCE_LINKS = 12_500
"""Up to this many cooperations γ = 1 (plain modularity); above, γ = m / REFERENCE_LINKS."""
MIN_RESOLUTION, MAX_RESOLUTION = 0.05, 500.0


def default_resolution(links: int) -> float:
    """The resolution γ for a network of ``links`` cooperations.

    Examples
    --------
    >>> default_resolution(400), default_resolution(25_000), default_resolution(250_000)
    (1.0, 2.0, 20.0)
    """
    return max(1.0, links / REFERENCE_LINKS)


def resolution_for(links: int, resolution: float | None) -> float:
    """``resolution`` (or the default for ``links``), kept within the range the page allows.

    Examples
    --------
    >>> resolution_for(400, None), resolution_for(400, 0.0), resolution_for(400, 3)
    (1.0, 0.05, 3.0)
    """
    gamma = default_resolution(links) if resolution is None else float(resolution)
    return min(MAX_RESOLUTION, max(MIN_RESOLUTION, gamma))


def communities(
    g: nx.Graph, *, resolution: float | None = None, seed: int = SEED
) -> list[set[Hashable]]:
    """Every actor's community (isolated actors alone), largest first.

    Examples
    --------
    Two triangles joined by one link:

    >>> g = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> communities(g)
    [{1, 2, 3}, {4, 5, 6}]
    """
    ix = indexed(g)
    gamma = resolution_for(ix.h.ecount(), resolution)

    def compute() -> list[set[Hashable]]:
        if ix.n == 0:
            return []
        with seeded(seed):
            found = ix.h.community_leiden(
                objective_function="modularity", resolution=gamma, n_iterations=-1
            )
        groups = [{ix.nodes[i] for i in members} for members in found]
        return sorted(groups, key=lambda c: (-len(c), min(str(v) for v in c)))

    return [set(c) for c in per_graph(g, ("communities", gamma, seed), compute)]


@dataclass
class Community:
    """A group of actors that cooperate mostly among themselves."""

    index: int
    members: list[Any]
    label: str
    """A human name: the most common region and actor kind of its members (German)."""
    internal_links: int = 0
    region: str = ""
    """The most common region of its members (part of the label)."""
    kind: str = ""
    """The most common actor kind of its members (part of the label; pages translate it)."""


@dataclass
class Islands:
    components: list[list[Any]]
    """Connected components with at least two actors, largest first (isolated actors are
    reported by :mod:`.isolation`)."""
    communities: list[Community]
    resolution: float
    """The resolution γ used (see :func:`default_resolution`)."""
    unconnected_pairs: list[tuple[int, int]] = field(default_factory=list)
    """Pairs of community indexes with no cooperation between them, largest pairs first."""
    links_between: dict[tuple[int, int], int] = field(default_factory=dict)
    method: str = "leiden"


def components(g: nx.Graph) -> list[list[Any]]:
    """Connected components with at least two actors, largest first.

    Examples
    --------
    >>> g = nx.Graph([(1, 2), (2, 3), (4, 5)]); g.add_node(6)
    >>> components(g)
    [[1, 2, 3], [4, 5]]
    """
    ix = indexed(g)
    comps = [
        sorted((ix.nodes[i] for i in c), key=str) for c in ix.h.connected_components() if len(c) > 1
    ]
    return sorted(comps, key=lambda c: (-len(c), str(c[0])))


def _community(g: nx.Graph, index: int, members: list[Any]) -> Community:
    """A community named by the most common region and actor kind of its members."""
    regions = Counter(g.nodes[m].get("region_name") or "" for m in members)
    kinds = Counter(g.nodes[m].get("kind") or "" for m in members)
    region = next((r for r, _ in regions.most_common(1) if r), "")
    kind = next((k for k, _ in kinds.most_common(1) if k), "")
    label = " · ".join(p for p in (region, kind) if p) or f"{len(members)} Akteure"
    return Community(index, members, label, region=region, kind=kind)


def islands(
    g: nx.Graph, *, resolution: float | None = None, seed: int = SEED, min_size: int = 3
) -> Islands:
    """Components, communities (of at least ``min_size`` actors) and the community pairs
    that no cooperation connects.

    Examples
    --------
    Two triangles joined by one link are two communities, connected by that link:

    >>> g = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    >>> isl = islands(g)
    >>> sorted(sorted(c.members) for c in isl.communities), isl.unconnected_pairs
    ([[1, 2, 3], [4, 5, 6]], [])
    """
    groups = [
        sorted(c, key=str)
        for c in communities(g, resolution=resolution, seed=seed)
        if len(c) >= min_size
    ]
    groups.sort(key=lambda c: (-len(c), str(c[0])))
    comms = [_community(g, i, members) for i, members in enumerate(groups)]
    ix = indexed(g)
    where = np.full(ix.n, -1, dtype=np.int64)
    for c in comms:
        where[[ix.index[m] for m in c.members]] = c.index
    edges = edge_array(g)
    cu, cv = where[edges[:, 0]], where[edges[:, 1]]
    both = (cu >= 0) & (cv >= 0)
    cu, cv = cu[both], cv[both]
    for i, count in enumerate(np.bincount(cu[cu == cv], minlength=len(comms))):
        comms[i].internal_links = int(count)
    lo, hi = np.minimum(cu, cv)[cu != cv], np.maximum(cu, cv)[cu != cv]
    pairs, counts = np.unique(lo * len(comms) + hi, return_counts=True)
    between = {
        (int(p) // len(comms), int(p) % len(comms)): int(c)
        for p, c in zip(pairs, counts, strict=True)
    }
    unconnected = [
        (a.index, b.index) for a, b in combinations(comms, 2) if (a.index, b.index) not in between
    ]
    unconnected.sort(key=lambda p: (-(len(comms[p[0]].members) + len(comms[p[1]].members)), p))
    gamma = resolution_for(g.number_of_edges(), resolution)
    return Islands(components(g), comms, gamma, unconnected, between)
