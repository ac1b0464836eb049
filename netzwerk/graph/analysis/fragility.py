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
the budget, otherwise adaptively sampled with a stated top-20 agreement.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from netzwerk.graph.analysis import centrality
from netzwerk.graph.analysis._kernel import indexed

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


def _index(g: nx.Graph) -> tuple[list[Any], list[list[int]]]:
    nodes = list(g)
    pos = {n: i for i, n in enumerate(nodes)}
    adj = [[pos[m] for m in g.neighbors(n) if m != n] for n in nodes]
    return nodes, adj


def cut_points_and_bridges(g: nx.Graph) -> tuple[list[CutPoint], list[Bridge]]:
    """Articulation points and bridges, each with how many actors its loss would cut off.

    One depth-first search (Hopcroft–Tarjan, iterative so large networks do not hit Python's
    recursion limit) with subtree sizes: when a child's subtree cannot reach above its
    parent, removing the parent separates exactly that subtree.

    Examples
    --------
    A path 1–2–3: the middle actor is a cut point cutting off one actor; both links are
    bridges.

    >>> cps, brs = cut_points_and_bridges(nx.path_graph([1, 2, 3]))
    >>> [(c.actor, c.cut_off, c.pieces) for c in cps]
    [(2, 1, 2)]
    >>> sorted((b.u, b.v, b.cut_off) for b in brs)
    [(1, 2, 1), (2, 3, 1)]
    """
    nodes, adj = _index(g)
    n = len(nodes)
    disc = [-1] * n
    low = [0] * n
    size = [1] * n
    cut_points: list[CutPoint] = []
    bridges: list[Bridge] = []
    timer = 0
    for root in range(n):
        if disc[root] != -1:
            continue
        parent = {root: -1}
        disc[root] = low[root] = timer
        timer += 1
        stack = [(root, iter(adj[root]))]
        separated: dict[int, list[int]] = {}
        raw_bridges: list[tuple[int, int]] = []
        while stack:
            v, it = stack[-1]
            advanced = False
            for w in it:
                if disc[w] == -1:
                    parent[w] = v
                    disc[w] = low[w] = timer
                    timer += 1
                    stack.append((w, iter(adj[w])))
                    advanced = True
                    break
                if w != parent[v]:
                    low[v] = min(low[v], disc[w])
            if advanced:
                continue
            stack.pop()
            p = parent[v]
            if p != -1:
                low[p] = min(low[p], low[v])
                size[p] += size[v]
                if low[v] >= disc[p]:
                    separated.setdefault(p, []).append(size[v])
                if low[v] > disc[p]:
                    raw_bridges.append((p, v))
        total = size[root]
        for v, subtrees in separated.items():
            if v == root:
                if len(subtrees) < 2:
                    continue
                pieces = subtrees
            else:
                pieces = [*subtrees, total - 1 - sum(subtrees)]
            cut_points.append(CutPoint(nodes[v], total - 1 - max(pieces), len(pieces)))
        for p, v in raw_bridges:
            bridges.append(Bridge(nodes[p], nodes[v], min(size[v], total - size[v])))
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
    """Number of start actors used (all actors when not sampled)."""
    top: list[Any]
    dependence: float
    """Share of connected actor pairs (from up to :data:`DEPENDENCE_SOURCES` start actors)
    whose shortest connection gets longer or breaks without the ``top`` brokers."""
    agreement: int | None = None
    """Sampled only: top-20 agreement of the two independent half-samples (see
    :mod:`.centrality`)."""


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
    return Brokers(values, not est.exact, est.sources, ranked, dependence, est.agreement)


def _dependence(g: nx.Graph, removed: list[Any]) -> float:
    """Share of connected pairs (start actor, other) whose distance grows once ``removed``
    go; start actors are all actors up to :data:`DEPENDENCE_SOURCES`, else a fixed sample
    of that many (each with every other actor: enough pairs for a share shown in whole
    percent)."""
    if not removed:
        return 0.0
    ix = indexed(g)
    gone = sorted(ix.index[v] for v in removed)
    keep = np.ones(ix.n, dtype=bool)
    keep[gone] = False
    kept = np.flatnonzero(keep)
    rest = ix.h.induced_subgraph(kept.tolist())  # vertex i of ``rest`` is kept[i]
    position = np.full(ix.n, -1)
    position[kept] = np.arange(len(kept))
    sources = kept.tolist()
    if len(sources) > DEPENDENCE_SOURCES:
        sources = sorted(random.Random(SEED).sample(sources, DEPENDENCE_SOURCES))
    hit = pairs = 0
    for start in range(0, len(sources), 16):
        chunk = sources[start : start + 16]
        before = np.asarray(ix.h.distances(source=chunk), dtype=float)[:, kept]
        after = np.asarray(rest.distances(source=position[chunk].tolist()), dtype=float)
        connected = np.isfinite(before) & (before > 0)
        pairs += int(connected.sum())
        hit += int((connected & (after > before)).sum())
    return hit / pairs if pairs else 0.0
