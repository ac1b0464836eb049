"""Fragile points: actors and links whose loss splits the network, and brokers.

* An **articulation point** (Schlüsselakteur) is an actor whose departure splits its part of
  the network: some actors would no longer be connected, even indirectly, to the rest.
* A **bridge** (einzige Verbindung) is a cooperation that is the only link between two
  parts of the network.
* A **broker** (Vermittler) lies on many shortest paths between other actors (betweenness
  centrality). Brokers are valuable, but a network that runs through a handful of them is
  fragile: the **dependence** figure says what share of connections between actors would
  get longer or break if the top brokers dropped out.

What to do: secure these points with a second link (introduce the actors "behind" a key
actor to someone else in the main network), and share the brokers' load.

Cut-off counts are exact. Betweenness comes from :mod:`.centrality`: exact where it fits
the budget, otherwise estimated from random shortest paths with a stated error bound.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from netzwerk.graph.analysis import centrality
from netzwerk.graph.analysis._kernel import adjacency, edge_array, indexed

DEPENDENCE_SOURCES = 64
SEED = 42


@dataclass(frozen=True)
class CutPoint:
    """An actor whose loss splits its component."""

    actor: Any
    cut_off: int
    """Actors that would lose every connection to the largest remaining part."""
    pieces: int
    """Into how many parts its component would fall."""


@dataclass(frozen=True)
class Bridge:
    """A cooperation that is the only link between two parts of the network."""

    u: Any
    v: Any
    cut_off: int
    """Actors on the smaller side, who would be cut off without this link."""


def cut_points_and_bridges(g: nx.Graph) -> tuple[list[CutPoint], list[Bridge]]:  # noqa: C901 (complexity 13: lower, never raise)
    """Articulation points and bridges, each with how many actors its loss would cut off.

    igraph finds the blocks (biconnected components) and articulation points in C; the
    *block-cut tree* of each component (a node per block and per articulation point, linked
    where the point belongs to the block) then gives every cut-off count from one pass of
    subtree sizes: removing an articulation point separates exactly the subtrees below it
    from the rest, and a bridge is a block of two actors.

    Examples
    --------
    A path 1–2–3: the middle actor is a cut point cutting off one actor; both links are
    bridges.

    >>> cps, brs = cut_points_and_bridges(nx.path_graph([1, 2, 3]))
    >>> [(c.actor, c.cut_off, c.pieces) for c in cps]
    [(2, 1, 2)]
    >>> sorted((b.u, b.v, b.cut_off) for b in brs)
    [(1, 2, 1), (2, 3, 1)]

    References
    ----------
    .. [1] J. Hopcroft and R. Tarjan, "Algorithm 447: efficient algorithms for graph
       manipulation", Communications of the ACM 16(6), 372–378, 1973.
    """
    ix = indexed(g)
    h = ix.h
    blocks, points = h.biconnected_components(return_articulation_points=True)
    blocks = [list(b) for b in blocks]
    comp_size = np.bincount(h.connected_components().membership, minlength=1)
    comp_of = np.asarray(h.connected_components().membership) if ix.n else np.zeros(0, int)
    is_point = np.zeros(ix.n, dtype=bool)
    is_point[list(points)] = True
    nb = len(blocks)
    # tree nodes: block i -> i, articulation point v -> nb + v
    around: dict[int, list[int]] = {}
    for i, members in enumerate(blocks):
        for v in members:
            if is_point[v]:
                around.setdefault(i, []).append(nb + v)
                around.setdefault(nb + v, []).append(i)
    sub: dict[int, int] = {}
    parent: dict[int, int] = {}
    for root in range(nb):
        if root in parent:
            continue
        parent[root] = -1
        order, stack = [], [root]
        while stack:
            x = stack.pop()
            order.append(x)
            for y in around.get(x, ()):
                if y not in parent:
                    parent[y] = x
                    stack.append(y)
        for x in reversed(order):  # children before parents
            own = 1 if x >= nb else sum(1 for v in blocks[x] if not is_point[v])
            sub[x] = own + sum(sub[y] for y in around.get(x, ()) if parent.get(y) == x)
    cut_points = []
    for v in points:
        total = int(comp_size[comp_of[v]])
        below = [sub[b] for b in around[nb + v] if parent[b] == nb + v]
        pieces = [*below, total - 1 - sum(below)]
        cut_points.append(CutPoint(ix.nodes[v], total - 1 - max(pieces), len(pieces)))
    edges = edge_array(g)
    two = {frozenset(blocks[i]): i for i in range(nb) if len(blocks[i]) == 2}
    bridges = []
    for e in h.bridges():
        u, v = (int(x) for x in edges[e])
        i = two[frozenset((u, v))]
        total = int(comp_size[comp_of[u]])
        if parent[i] != -1:
            side = sub[i]
        else:
            w = v if is_point[v] else u
            side = sub[nb + w] if is_point[w] else 1
        bridges.append(Bridge(ix.nodes[u], ix.nodes[v], min(side, total - side)))
    cut_points.sort(key=lambda c: (-c.cut_off, str(c.actor)))
    bridges.sort(key=lambda b: (-b.cut_off, str(b.u), str(b.v)))
    return cut_points, bridges


@dataclass
class Brokers:
    """Betweenness of every actor, the top brokers and the network's dependence on them."""

    centrality: dict[Any, float]
    """Normalised betweenness (0–1): share of shortest paths between other actors that
    pass through the actor (:func:`netzwerk.graph.analysis.metrics.betweenness`)."""
    sampled: bool
    k: int
    """Sampled only: shortest paths sampled (0 when exact)."""
    top: list[Any]
    dependence: float
    """Share of connected actor pairs (from up to :data:`DEPENDENCE_SOURCES` start actors)
    whose shortest connection gets longer or breaks without the ``top`` brokers."""
    error: float | None = None
    """Sampled only: ε — with probability :data:`.centrality.CONFIDENCE` every value is
    within ε of the exact one, but for the clearly highest (see :mod:`.centrality`)."""
    capped: bool = False
    """Sampled only: the time budget limited the samples (ε is larger than wanted)."""


def brokers(g: nx.Graph, top: int = 5, *, exact: bool = False) -> Brokers:
    """The betweenness of :mod:`.centrality` (exact or adaptively sampled), the ``top``
    brokers and the network's dependence on them.

    Examples
    --------
    In a star every path between two leaves runs through the centre.

    >>> b = brokers(nx.star_graph(4), top=1)
    >>> b.top, round(b.centrality[0], 2), b.dependence
    ([0], 1.0, 1.0)
    """
    est = centrality.betweenness_estimate(g, exact=exact)
    values = est.values
    ranked = sorted((v for v in values if values[v] > 0), key=lambda v: -values[v])[:top]
    dependence = _dependence(g, ranked)
    return Brokers(values, not est.exact, est.samples, ranked, dependence, est.error, est.capped)


def _dependence(g: nx.Graph, removed: list[Any]) -> float:
    """Share of connected pairs (start actor, other) whose distance grows once ``removed``
    go; start actors are all actors up to :data:`DEPENDENCE_SOURCES`, else a fixed sample
    of that many (each with every other actor: enough pairs for a share shown in whole
    percent). The searches run compiled (:func:`._paths.detours`)."""
    if not removed:
        return 0.0
    from netzwerk.graph.analysis._paths import compile_now, detours  # numba: ≈ 0.6 s

    compile_now()
    ix = indexed(g)
    keep = np.ones(ix.n, dtype=bool)
    keep[[ix.index[v] for v in removed]] = False
    sources = np.flatnonzero(keep).tolist()
    if len(sources) > DEPENDENCE_SOURCES:
        sources = sorted(random.Random(SEED).sample(sources, DEPENDENCE_SOURCES))
    pairs, hit = detours(*adjacency(g), np.asarray(sources, dtype=np.int64), keep)
    return hit / pairs if pairs else 0.0
