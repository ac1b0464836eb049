"""Centralities of every actor: betweenness, closeness, eigenvector, two-step reach.

* **Betweenness** (Vermittlerrolle): the share of shortest connections between other actors
  that run through the actor. Exact (Brandes' algorithm in igraph's C kernel) as long as
  the work — start actors × cooperations — stays within :data:`WORK`; that covers networks
  up to about 3,000 actors with 20,000 cooperations in well under a second.
  Above, it is **estimated by adaptive sampling**: shortest-path trees are grown from start
  actors in a fixed random order (seed :data:`SEED`), batch by batch alternately into two
  independent halves of the sample. From 128 start actors on, after every 64, the top 20
  of the two halves are compared; sampling stops once they share at least 18 of 20
  (:data:`AGREE`), or when the work budget is spent. The estimate uses both halves (twice
  the sample of either), and the halves' agreement is returned and shown on the page as
  its stated accuracy (:attr:`Betweenness.agreement`): measured against exact betweenness
  on planted-community networks, the estimate's own top-20 agreement was never more than
  one below the stated value, and mostly above it (docs/PERFORMANCE.md).
* **Closeness** (Nähe): how few steps the actor needs to reach everyone it can reach,
  scaled by the share it can reach at all (Wasserman–Faust, as networkx computes it, so
  small islands do not look central). Exact within the same budget; above, the distances
  of the giant component are estimated from 256 sampled start actors (Eppstein–Wang),
  small components are always exact.
* **Eigenvector** centrality: connected to those who are themselves well connected
  (scaled so that the highest actor has 1).
* **Two-step reach** (Reichweite): how many actors are partners or partners of partners.

References
----------
.. [1] U. Brandes, "A faster algorithm for betweenness centrality", Journal of
   Mathematical Sociology 25(2), 163–177, 2001.
.. [2] U. Brandes and C. Pich, "Centrality estimation in large networks", International
   Journal of Bifurcation and Chaos 17(7), 2303–2318, 2007.
.. [3] D. Eppstein and J. Wang, "Fast approximation of centrality", Journal of Graph
   Algorithms and Applications 8(1), 39–45, 2004.
.. [4] S. Wasserman and K. Faust, "Social Network Analysis: Methods and Applications",
   Cambridge University Press, 1994.
.. [5] P. Bonacich, "Power and centrality: a family of measures", American Journal of
   Sociology 92(5), 1170–1182, 1987.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import threading
from collections.abc import Hashable
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np

from netzwerk.graph.analysis._kernel import Indexed, indexed, per_graph

WORK = 6e7
"""Budget of start actors × cooperations: exact below, sampled above (≈ 0.5 s here)."""
TOP = 20
AGREE = 18
SEED = 42
BATCH = 32
"""Start actors per call into igraph; the two halves take turns, batch by batch."""
FIRST_CHECK = 128
"""The halves are first compared at this many start actors, then after every two batches."""
CLOSENESS_SOURCES = 256


@dataclass(frozen=True)
class Betweenness:
    """Normalised betweenness (0–1, as networkx normalises it) and how it was computed."""

    values: dict[Hashable, float]
    exact: bool
    sources: int
    """Start actors used (all actors when exact)."""
    agreement: int | None
    """Estimated only: how many of the top :data:`TOP` the two independent halves of the
    sample share (a lower bound for the estimate's own agreement)."""
    top: int = TOP


def _top(values: np.ndarray, k: int) -> set[int]:
    order = np.argsort(-values, kind="stable")[:k]
    return {int(i) for i in order if values[i] > 0}


def _estimate(ix: Indexed, work: float, seed: int, top: int, agree: int) -> Betweenness:
    n, m = ix.n, ix.h.ecount()
    limit = min(n, max(FIRST_CHECK, int(work / max(m, 1))))
    order = random.Random(seed).sample(range(n), n)
    halves = [np.zeros(n), np.zeros(n)]
    used, batch_no, agreement = 0, 0, 0
    while used < limit:
        chunk = order[used : min(used + BATCH, limit)]
        halves[batch_no % 2] += np.asarray(ix.h.betweenness(sources=chunk))
        used += len(chunk)
        batch_no += 1
        if (used >= FIRST_CHECK and batch_no % 2 == 0) or used >= limit:
            a, b = _top(halves[0], top), _top(halves[1], top)
            agreement = len(a & b) + max(0, top - max(len(a), len(b)))
            if agreement >= agree:
                break
    total = (halves[0] + halves[1]) * (n / used)
    exact = used >= n
    return Betweenness(_normalise(ix, total), exact, used, None if exact else agreement, top)


_WORKER_GRAPH: ig.Graph | None = None


def _worker_part(sources: list[int]) -> list[float]:
    assert _WORKER_GRAPH is not None  # set before the pool forks
    return list(_WORKER_GRAPH.betweenness(sources=sources))


def _exact_on_all_cores(ix: Indexed) -> np.ndarray:
    """Exact betweenness on every core, for explicit requests (``netzwerk gaps report
    --exact``, the benchmark's reference): igraph holds the GIL, so the start actors are
    split over forked processes whose partial sums add up to the exact values. Single
    process inside a multi-threaded program (the web server), where forking is unsafe,
    and for small networks, where starting processes costs more than it saves."""
    global _WORKER_GRAPH
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or ix.n < 2000 or threading.active_count() > 1:
        return np.asarray(ix.h.betweenness())
    step = workers * 8
    chunks = [list(range(i, ix.n, step)) for i in range(step)]
    _WORKER_GRAPH = ix.h
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_worker_part, chunks)
    finally:
        _WORKER_GRAPH = None
    return np.sum(np.asarray(parts), axis=0)


def _normalise(ix: Indexed, pair_counts: np.ndarray) -> dict[Hashable, float]:
    n = ix.n
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return {v: float(pair_counts[i]) * scale for i, v in enumerate(ix.nodes)}


def betweenness_estimate(
    g: nx.Graph,
    *,
    work: float = WORK,
    seed: int = SEED,
    top: int = TOP,
    agree: int = AGREE,
    exact: bool = False,
) -> Betweenness:
    """Betweenness of every actor, exact within ``work`` (or if ``exact``), else sampled
    until the top ``top`` of two independent half-samples agree on ``agree`` actors.

    Examples
    --------
    Every path between two leaves of a star runs through the centre:

    >>> b = betweenness_estimate(nx.star_graph(4))
    >>> b.exact, b.values[0], b.values[1]
    (True, 1.0, 0.0)

    A budget too small for the exact values gives a reproducible estimate:

    >>> g = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=1)
    >>> a = betweenness_estimate(g, work=1)
    >>> a.exact, a.sources < 300, a == betweenness_estimate(g, work=1)
    (False, True, True)
    """

    def compute() -> Betweenness:
        ix = indexed(g)
        n, m = ix.n, ix.h.ecount()
        if n < 3 or m == 0:
            return Betweenness(dict.fromkeys(ix.nodes, 0.0), True, n, None, top)
        if exact or n * m <= work:
            return Betweenness(_normalise(ix, np.asarray(ix.h.betweenness())), True, n, None, top)
        return _estimate(ix, work, seed, top, agree)

    return per_graph(g, ("betweenness", work, seed, top, agree, exact), compute)


def closeness(g: nx.Graph, *, work: float = WORK, seed: int = SEED) -> dict[Hashable, float]:
    """Closeness of every actor as networkx computes it (Wasserman–Faust scaling for
    networks in several parts); estimated for the giant component above ``work``.

    Examples
    --------
    >>> g = nx.path_graph(3); g.add_node(3)
    >>> {v: round(c, 3) for v, c in closeness(g).items()}
    {0: 0.444, 1: 0.667, 2: 0.444, 3: 0.0}
    """

    def compute() -> dict[Hashable, float]:
        ix = indexed(g)
        n = ix.n
        if n < 2:
            return dict.fromkeys(ix.nodes, 0.0)
        comps = [list(c) for c in ix.h.connected_components()]
        size = np.zeros(n)
        for comp in comps:
            size[comp] = len(comp)
        # igraph: (reached - 1) / distance sum within the component; networkx scales by
        # the reached share (r - 1) / (n - 1).
        raw = np.zeros(n)
        biggest = max(range(len(comps)), key=lambda i: len(comps[i]))
        big = comps[biggest]
        small = [v for i, comp in enumerate(comps) if i != biggest for v in comp]
        if small:
            raw[small] = np.nan_to_num(ix.h.closeness(vertices=small), nan=0.0)
        m = ix.h.ecount()
        if n * m <= work or len(big) < 3:
            raw[big] = np.nan_to_num(ix.h.closeness(vertices=big), nan=0.0)
        else:
            raw[big] = _sampled_closeness(ix, big, seed)
        values = raw * (size - 1) / (n - 1)
        return {v: float(values[i]) for i, v in enumerate(ix.nodes)}

    return per_graph(g, ("closeness", work, seed), compute)


def _sampled_closeness(ix: Indexed, members: list[int], seed: int) -> np.ndarray:
    """Mean distance to :data:`CLOSENESS_SOURCES` sampled start actors of the same
    component → closeness (igraph's within-component scaling). Distances vary by a few
    steps around their mean, so the mean over 256 start actors is within a few percent of
    the exact one (at worst 3.4 % on the 2,000-actor test network)."""
    k = min(len(members), CLOSENESS_SOURCES)
    sources = random.Random(seed).sample(members, k)
    total = np.zeros(ix.n)
    count = np.zeros(ix.n)
    for start in range(0, k, 16):
        chunk = sources[start : start + 16]
        dist = np.asarray(ix.h.distances(source=chunk), dtype=float)
        dist[~np.isfinite(dist)] = 0.0
        total += dist.sum(axis=0)
        count += (dist > 0).sum(axis=0)
    mean = np.divide(
        total[members], count[members], out=np.zeros(len(members)), where=count[members] > 0
    )
    return np.divide(1.0, mean, out=np.zeros(len(members)), where=mean > 0)


def eigenvector(g: nx.Graph) -> dict[Hashable, float]:
    """Eigenvector centrality within the largest component, its highest actor scaled to 1;
    0 outside it (there the measure has no meaning: no path leads to the centre).

    Examples
    --------
    >>> e = eigenvector(nx.star_graph(3))
    >>> e[0], round(e[1], 3)
    (1.0, 0.577)
    """

    def compute() -> dict[Hashable, float]:
        ix = indexed(g)
        values = np.zeros(ix.n)
        if ix.h.ecount():
            largest = max(ix.h.connected_components(), key=len)
            big = sorted(largest)
            found = np.abs(np.asarray(ix.h.induced_subgraph(big).eigenvector_centrality()))
            values[big] = found / found.max()
        return {v: float(values[i]) for i, v in enumerate(ix.nodes)}

    return per_graph(g, "eigenvector", compute)


def reach2(g: nx.Graph) -> dict[Hashable, int]:
    """How many other actors are partners or partners of partners.

    Examples
    --------
    >>> reach2(nx.path_graph(4))
    {0: 2, 1: 3, 2: 3, 3: 2}
    """

    def compute() -> dict[Hashable, int]:
        ix = indexed(g)
        sizes = ix.h.neighborhood_size(order=2)
        return {v: int(sizes[i]) - 1 for i, v in enumerate(ix.nodes)}

    return per_graph(g, "reach2", compute)
