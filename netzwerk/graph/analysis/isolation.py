"""Isolated and weakly tied actors, and passive alliance members.

For a network manager these are the first people to call: an actor with no recorded
cooperation is either missing data or really outside the network, and an actor with a
single cooperation depends on one relationship (if that contact person leaves, the actor
is out). A "passive member" belongs to an alliance but cooperates with no other member of
it: the membership exists on paper, not in practice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx


def isolated(g: nx.Graph) -> list[Any]:
    """Actors without any cooperation (degree 0), sorted by name.

    Examples
    --------
    >>> g = nx.Graph([(1, 2)]); g.add_node(3)
    >>> isolated(g)
    [3]
    """
    return sorted(nx.isolates(g), key=lambda n: str(g.nodes[n].get("name", n)).casefold())


def weakly_tied(g: nx.Graph, max_links: int = 1) -> list[tuple[Any, list[Any]]]:
    """Actors with at least one but at most ``max_links`` cooperations, with their partners.

    The partner is the one relationship the actor hangs on; if it ends, the actor is isolated.

    Examples
    --------
    >>> weakly_tied(nx.Graph([(1, 2), (2, 3)]))
    [(1, [2]), (3, [2])]
    """
    out = [(n, sorted(g.neighbors(n), key=str)) for n in g if 0 < g.degree(n) <= max_links]
    return sorted(out, key=lambda item: str(g.nodes[item[0]].get("name", item[0])).casefold())


@dataclass(frozen=True)
class PassiveMember:
    """A member of ``alliance`` with no cooperation to any other member of it."""

    actor: Any
    alliance: str
    members: int
    """How many members the alliance has in the (filtered) graph."""
    links: int
    """How many cooperations the actor has at all (outside the alliance)."""


def passive_members(g: nx.Graph) -> list[PassiveMember]:
    """Alliance members who cooperate with no other member of the same alliance.

    Uses the node attribute ``alliances`` (ids of alliances the actor belongs to on the
    filter's date). Alliances with a single member are skipped: nobody to cooperate with.
    Under a filter on one alliance only that alliance is judged: the part holds only some
    members of the others, so "passive" there would be an artefact of the filter.

    Examples
    --------
    >>> g = nx.Graph([(1, 2), (3, 4)])
    >>> nx.set_node_attributes(g, {1: {"a"}, 2: {"a"}, 3: {"a"}, 4: set()}, "alliances")
    >>> [(p.actor, p.alliance, p.members) for p in passive_members(g)]
    [(3, 'a', 3)]
    >>> from netzwerk.graph.network.filters import Filter
    >>> g.graph["filter"] = Filter(alliance="b")
    >>> passive_members(g)
    []
    """
    only = str(getattr(g.graph.get("filter"), "alliance", "") or "")
    members: dict[str, set[Any]] = defaultdict(set)
    for n, data in g.nodes(data=True):
        for alliance in data.get("alliances", ()):
            if not only or alliance == only:
                members[alliance].add(n)
    out = []
    for alliance, group in members.items():
        if len(group) < 2:
            continue
        for n in group:
            if not any(m in group for m in g.neighbors(n)):
                out.append(PassiveMember(n, alliance, len(group), g.degree(n)))
    return sorted(out, key=lambda p: (p.alliance, str(g.nodes[p.actor].get("name", p.actor))))
