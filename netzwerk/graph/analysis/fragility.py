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

Cut-off counts are exact. Betweenness is exact up to ``exact_limit`` actors; above that it
is estimated from ``k`` shortest-path trees started at randomly chosen actors (fixed seed,
so the result is reproducible) — the ranking of the top brokers is stable, the values are
estimates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

EXACT_LIMIT = 1000
SAMPLE_K = 96
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


# ---------------------------------------------------------------------------------------
# Betweenness: Brandes' algorithm, batched over many sources with numpy.
# ---------------------------------------------------------------------------------------


class _Csr:
    """The graph as sorted edge arrays, so "sum over neighbours" is one numpy reduction."""

    def __init__(self, nodes: list[Any], adj: list[list[int]]):
        self.n = len(nodes)
        dst = np.fromiter((w for ws in adj for w in ws), dtype=np.int64)
        src = np.repeat(np.arange(self.n), [len(ws) for ws in adj])
        order = np.argsort(dst, kind="stable")
        self.src = src[order]
        self.dst = dst[order]
        self.targets, self.starts = np.unique(self.dst, return_index=True)

    def spread(self, values: np.ndarray) -> np.ndarray:
        """For every node, the sum of ``values`` over its neighbours (rows = nodes)."""
        out = np.zeros_like(values)
        if len(self.src):
            out[self.targets] = np.add.reduceat(values[self.src], self.starts, axis=0)
        return out


def _batches(items: list[int], size: int) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _bfs(csr: _Csr, sources: list[int], removed: np.ndarray | None = None) -> np.ndarray:
    """Distances (n × len(sources), -1 = unreachable), optionally without ``removed`` nodes."""
    b = len(sources)
    dist = np.full((csr.n, b), -1, dtype=np.int32)
    cols = np.arange(b)
    dist[sources, cols] = 0
    frontier = np.zeros((csr.n, b), dtype=np.float32)
    frontier[sources, cols] = 1
    level = 0
    while frontier.any():
        level += 1
        reached = csr.spread(frontier) > 0
        reached &= dist == -1
        if removed is not None:
            reached[removed] = False
        dist[reached] = level
        frontier = reached.astype(np.float32)
    return dist


def _brandes(csr: _Csr, sources: list[int]) -> np.ndarray:
    """Dependency sums of Brandes' algorithm for a batch of sources (one column each)."""
    b = len(sources)
    cols = np.arange(b)
    dist = np.full((csr.n, b), -1, dtype=np.int32)
    sigma = np.zeros((csr.n, b), dtype=np.float64)
    dist[sources, cols] = 0
    sigma[sources, cols] = 1.0
    frontier = sigma.copy()
    level = 0
    while True:
        counts = csr.spread(frontier)
        new = (counts > 0) & (dist == -1)
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma[new] = counts[new]
        frontier = np.where(new, sigma, 0.0)
    delta = np.zeros_like(sigma)
    safe = np.where(sigma > 0, sigma, 1.0)
    for d in range(level, 0, -1):
        coeff = np.where(dist == d, (1.0 + delta) / safe, 0.0)
        back = csr.spread(coeff)
        delta += np.where(dist == d - 1, sigma * back, 0.0)
    delta[sources, cols] = 0.0
    return delta.sum(axis=1)


@dataclass
class Brokers:
    """Betweenness of every actor and how it was computed."""

    centrality: dict[Any, float]
    """Normalised betweenness (0–1): share of shortest paths between other actors that
    pass through the actor."""
    sampled: bool
    k: int
    """Number of start actors used (all actors when not sampled)."""
    top: list[Any]
    dependence: float
    """Share of connected actor pairs (among the start actors' pairs) whose shortest
    connection gets longer or breaks without the ``top`` brokers."""


def brokers(
    g: nx.Graph,
    top: int = 5,
    *,
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLE_K,
    seed: int = SEED,
    batch: int = 48,
) -> Brokers:
    """Betweenness centrality (normalised like networkx), the top brokers and the network's
    dependence on them.

    Above ``exact_limit`` actors, ``k`` start actors are drawn with ``random.Random(seed)``
    and the sums are scaled by n/k, as networkx does for its ``k=`` parameter.

    Examples
    --------
    In a star every path between two leaves runs through the centre.

    >>> b = brokers(nx.star_graph(4), top=1)
    >>> b.top, round(b.centrality[0], 2), b.dependence
    ([0], 1.0, 1.0)
    """
    nodes, adj = _index(g)
    n = len(nodes)
    if n < 3:
        return Brokers({v: 0.0 for v in nodes}, False, n, [], 0.0)
    csr = _Csr(nodes, adj)
    sampled = n > exact_limit
    sources = sorted(random.Random(seed).sample(range(n), min(k, n))) if sampled else list(range(n))
    total = np.zeros(n)
    for chunk in _batches(sources, batch):
        total += _brandes(csr, chunk)
    scale = 1.0 / ((n - 1) * (n - 2))
    if sampled:
        scale *= n / len(sources)
    values = total * scale
    centrality = {nodes[i]: float(values[i]) for i in range(n)}
    ranked = [i for i in np.argsort(-values, kind="stable")[:top] if values[i] > 0]
    dependence = _dependence(csr, sources, ranked, batch)
    return Brokers(centrality, sampled, len(sources), [nodes[i] for i in ranked], dependence)


def _dependence(csr: _Csr, sources: list[int], removed: list[int], batch: int) -> float:
    """Share of connected pairs (source, other) whose distance grows once ``removed`` go."""
    if not removed:
        return 0.0
    gone = np.zeros(csr.n, dtype=bool)
    gone[removed] = True
    keep_sources = [s for s in sources if not gone[s]]
    hit = pairs = 0
    for chunk in _batches(keep_sources, batch):
        before = _bfs(csr, chunk)
        after = _bfs(csr, chunk, removed=gone)
        connected = before > 0
        connected[gone] = False
        pairs += int(connected.sum())
        hit += int((connected & ((after == -1) | (after > before))).sum())
    return hit / pairs if pairs else 0.0
