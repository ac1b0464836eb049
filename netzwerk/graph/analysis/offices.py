"""Between the offices: what each organisation's partners do together and across the border.

One instance may hold the networks of several offices (city and district of a
Bildungsregion, or the Kommunen of a Land). Each actor belongs to the office that keeps it
(``org`` on the graph's nodes, see :mod:`netzwerk.graph.network.snapshot`); a cooperation
whose partners belong to two offices is a link across the border, the one place where
the offices' networks touch. Unlike :mod:`.border`, which splits by where an actor is
located, this splits by who keeps it: the question an office asks of a joint report is
"what do we share with our neighbours", not "where are the schools".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx


@dataclass(frozen=True)
class OfficeRow:
    """One organisation's part of the network."""

    org: str
    actors: int
    inside: int
    """Cooperations with both partners kept by this organisation."""
    across: int
    """Cooperations with the other partner kept by another organisation."""
    bridging: int
    """Actors of this organisation with at least one link across the border."""


@dataclass(frozen=True)
class Offices:
    rows: list[OfficeRow] = field(default_factory=list)
    """Per organisation, most actors first."""
    pairs: list[tuple[str, str, int]] = field(default_factory=list)
    """(organisation, organisation, cooperations across) for each pair that has some,
    most first; the two slugs in sorted order."""
    across: int = 0

    @property
    def shared(self) -> bool:
        """More than one organisation keeps actors here (else there is nothing to compare)."""
        return len(self.rows) > 1


def offices(g: nx.Graph) -> Offices:
    """Per organisation its actors and cooperations inside and across, and the pairs.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([(1, {"org": "a"}), (2, {"org": "a"}), (3, {"org": "b"})])
    >>> g.add_edges_from([(1, 2), (2, 3)])
    >>> o = offices(g)
    >>> [(r.org, r.actors, r.inside, r.across, r.bridging) for r in o.rows]
    [('a', 2, 1, 1, 1), ('b', 1, 0, 1, 1)]
    >>> o.pairs, o.across
    ([('a', 'b', 1)], 1)
    """
    org = nx.get_node_attributes(g, "org")
    actors = Counter(org.values())
    inside: Counter[str] = Counter()
    across: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    bridging: dict[str, set[object]] = {o: set() for o in actors}
    for a, b in g.edges():
        oa, ob = org.get(a, ""), org.get(b, "")
        if oa == ob:
            inside[oa] += 1
            continue
        across[oa] += 1
        across[ob] += 1
        bridging.setdefault(oa, set()).add(a)
        bridging.setdefault(ob, set()).add(b)
        first, second = sorted((oa, ob))
        pairs[(first, second)] += 1
    rows = [
        OfficeRow(o, n, inside[o], across[o], len(bridging.get(o, ())))
        for o, n in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    return Offices(rows, [(a, b, n) for (a, b), n in ranked], sum(pairs.values()))
