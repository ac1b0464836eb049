"""Core and periphery: the closed circle of usual suspects, and who is left outside.

The **k-core** of a network is what remains after repeatedly removing every actor with
fewer than k cooperations: each actor of the k-core cooperates with at least k others of
it. An actor's **core number** is the largest k whose core still contains it. The
innermost core (largest k) is the circle of "usual suspects" who meet everywhere; actors
with core number 1 hang on the network by a thread or a chain.

Comparing the innermost core with the whole network shows who is *not* in the circle:
kinds of actors (Migrantenorganisationen, Unternehmen, …) or the district that are
present in the network but missing, or rare, among the usual suspects.

What to do: invite members of the missing kinds into the working groups the core runs;
give peripheral actors a second and third partner from the core.

Core numbers come from igraph's O(m) algorithm (the same values as
``networkx.core_number``, tested).

References
----------
.. [1] S. B. Seidman, "Network structure and minimum degree", Social Networks 5(3),
   269–287, 1983.
.. [2] V. Batagelj and M. Zaveršnik, "An O(m) algorithm for cores decomposition of
   networks", arXiv:cs/0310049, 2003.
.. [3] S. P. Borgatti and M. G. Everett, "Models of core/periphery structures", Social
   Networks 21(4), 375–395, 1999.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field

import networkx as nx

from netzwerk.graph.analysis._kernel import indexed, per_graph
from netzwerk.graph.analysis._util import groups_of


def core_number(g: nx.Graph) -> dict[Hashable, int]:
    """The core number of every actor (0 for actors without cooperation).

    Examples
    --------
    A triangle with a tail: the triangle is the 2-core, the tail is in the 1-core.

    >>> core_number(nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4)]))
    {1: 2, 2: 2, 3: 2, 4: 1}
    """

    def compute() -> dict[Hashable, int]:
        ix = indexed(g)
        return {v: int(c) for v, c in zip(ix.nodes, ix.h.coreness(), strict=True)}

    return per_graph(g, "core", compute)


@dataclass(frozen=True)
class Share:
    group: str
    in_core: int
    in_network: int
    core_size: int
    network_size: int

    @property
    def core_share(self) -> float:
        return self.in_core / self.core_size if self.core_size else 0.0

    @property
    def network_share(self) -> float:
        return self.in_network / self.network_size if self.network_size else 0.0

    @property
    def ratio(self) -> float:
        """Share in the core / share in the network (1 = as expected, 0 = missing)."""
        return self.core_share / self.network_share if self.network_share else 0.0


@dataclass
class Cores:
    k: int
    """Core number of the innermost core (0 if there are no cooperations)."""
    core: list[Hashable]
    """Members of the innermost core."""
    shells: list[tuple[int, int]]
    """(core number, actors with exactly that core number), innermost first."""
    periphery: list[Hashable]
    """Actors with core number 1: attached by a single chain of cooperations."""
    composition: dict[str, list[Share]] = field(default_factory=dict)
    """Grouping (``kind``, ``area``) → groups with their share of the core and of the
    network, least represented first."""

    def missing(self, by: str = "kind", below: float = 0.5) -> list[Share]:
        """Groups present in the network with at least 3 actors but in the core at less
        than ``below`` times their share of the network."""
        return [s for s in self.composition.get(by, []) if s.in_network >= 3 and s.ratio < below]


def cores(g: nx.Graph) -> Cores:
    """The innermost core, the shells and who is missing from the core.

    Examples
    --------
    >>> g = nx.complete_graph(4)
    >>> g.add_edges_from([(3, 4), (4, 5)])
    >>> nx.set_node_attributes(g, "Schule", "kind"); g.nodes[5]["kind"] = "Verein"
    >>> c = cores(g)
    >>> c.k, c.core, c.shells, c.periphery
    (3, [0, 1, 2, 3], [(3, 4), (1, 2)], [4, 5])
    >>> [(s.group, s.in_core, s.in_network) for s in c.missing("kind")]
    []
    """
    numbers = core_number(g)
    k = max(numbers.values(), default=0)
    core = sorted((v for v, c in numbers.items() if c == k and k > 0), key=str)
    counts = Counter(c for c in numbers.values() if c > 0)
    shells = sorted(counts.items(), reverse=True)
    periphery = sorted((v for v, c in numbers.items() if c == 1), key=str)
    composition: dict[str, list[Share]] = {}
    in_core = set(core)
    for by in ("kind", "area"):
        names = groups_of(g, by)
        total = Counter(names.values())
        inner = Counter(name for v, name in names.items() if v in in_core)
        core_size, size = sum(inner.values()), sum(total.values())
        shares = [Share(name, inner[name], t, core_size, size) for name, t in total.items()]
        composition[by] = sorted(shares, key=lambda s: (s.ratio, -s.in_network, s.group))
    return Cores(k, core, shells, periphery, composition)
