"""Centralities of every actor: betweenness, closeness, eigenvector, two-step reach.

* **Betweenness** (Vermittlerrolle): the share of shortest connections between other actors
  that run through the actor. Exact (Brandes' algorithm in igraph's C kernel) as long as
  the work — start actors × cooperations — stays within :data:`WORK`; that covers networks
  up to about 3,000 actors with 20,000 cooperations in well under a second.
  Above, it is **estimated by KADABRA** [6]_ (networkit's parallel C++ kernel): random
  pairs of actors are drawn and one shortest path between them is sampled by a balanced
  bidirectional search, adaptively until every value is within ε of the exact one with
  probability :data:`CONFIDENCE`, or until the top :data:`TOP` are separated. ε is set
  from the network: a pilot run estimates the 20th-highest value, and ε is
  :data:`ERROR_SHARE` of it (at least :data:`MIN_ERROR`), so the bound means the same at
  every size. ε is returned and shown on the page as the estimate's stated accuracy
  (:attr:`Betweenness.error`). Measured against exact betweenness on planted-community
  networks it finds 18–20 of the exact top 20 at 5,000 and at 50,000 actors
  (docs/PERFORMANCE.md); source sampling (Brandes–Pich [2]_) within the same time found
  5–7 of 20 at 50,000, because the hubs there are nearly tied.
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
.. [6] M. Borassi and E. Natale, "KADABRA is an ADaptive Algorithm for Betweenness via
   Random Approximation", ACM Journal of Experimental Algorithmics 24, 2019.
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
"""Budget of actors × cooperations: exact below (≈ 0.5 s here), estimated above."""
TOP = 20
SEED = 42
CONFIDENCE = 0.9
"""Probability with which every estimated value is within :attr:`Betweenness.error`."""
ERROR_SHARE = 0.15
"""ε as a share of the 20th-highest value (measured at 50,000 actors over three seeds:
0.4 found 16–18 of the exact top 20, 0.2 found 17–19, 0.15 found 18 every time)."""
PILOT_ERROR = 0.05
MIN_ERROR = 0.001
"""Smallest ε (normalised): bounds the time on networks far larger than an office's."""
CLOSENESS_SOURCES = 256


@dataclass(frozen=True)
class Betweenness:
    """Normalised betweenness (0–1, as networkx normalises it) and how it was computed."""

    values: dict[Hashable, float]
    exact: bool
    samples: int
    """Estimated only: shortest paths sampled (0 when exact)."""
    error: float | None
    """Estimated only: ε — with probability :data:`CONFIDENCE` every value is within ε of
    the exact one (same units as the values)."""
    top: int = TOP


_nk_lock = threading.Lock()
"""networkit's random generator is process-wide: one seeded estimate at a time."""


def _kadabra(ix: Indexed, seed: int, top: int) -> Betweenness:
    """KADABRA in top-``top`` mode, ε from a pilot run (see the module's description)."""
    import networkit as nk  # loaded only for networks above the exact budget (≈ 0.5 s)

    n = ix.n
    graph = nk.Graph(n)
    if len(ix.edges):
        graph.addEdges((ix.edges[:, 0].astype(np.uint64), ix.edges[:, 1].astype(np.uint64)))
    # KADABRA's values are 4·b / (n(n-1)); networkx normalises to 2·b / ((n-1)(n-2)).
    scale = n / (2 * (n - 2))
    delta = 1 - CONFIDENCE
    with _nk_lock:
        nk.engineering.setSeed(seed, False)
        pilot = nk.centrality.KadabraBetweenness(graph, PILOT_ERROR, delta, True, top)
        pilot.run()
        found = sorted(pilot.topkScoresList(), reverse=True)
        twentieth = found[min(top, len(found)) - 1] if found else 0.0
        error = max(ERROR_SHARE * twentieth, MIN_ERROR / scale)
        nk.engineering.setSeed(seed, False)
        run = nk.centrality.KadabraBetweenness(graph, error, delta, True, top)
        run.run()
        scores = np.asarray(run.scores()) * scale
        samples = int(run.getNumberOfIterations())
    values = {v: float(scores[i]) for i, v in enumerate(ix.nodes)}
    return Betweenness(values, False, samples, error * scale, top)


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
    exact: bool = False,
) -> Betweenness:
    """Betweenness of every actor, exact within ``work`` (or if ``exact``), else estimated
    by KADABRA with the stated error :attr:`Betweenness.error`.

    Examples
    --------
    Every path between two leaves of a star runs through the centre:

    >>> b = betweenness_estimate(nx.star_graph(4))
    >>> b.exact, b.values[0], b.values[1]
    (True, 1.0, 0.0)

    A budget too small for the exact values gives a reproducible estimate:

    >>> g = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=1)
    >>> a = betweenness_estimate(g, work=1)
    >>> a.exact, a.samples > 0, a.error is not None, a == betweenness_estimate(g, work=1)
    (False, True, True, True)
    """

    def compute() -> Betweenness:
        ix = indexed(g)
        n, m = ix.n, ix.h.ecount()
        if n < 3 or m == 0:
            return Betweenness(dict.fromkeys(ix.nodes, 0.0), True, 0, None, top)
        if exact:
            return Betweenness(_normalise(ix, _exact_on_all_cores(ix)), True, 0, None, top)
        if n * m <= work:
            return Betweenness(_normalise(ix, np.asarray(ix.h.betweenness())), True, 0, None, top)
        return _kadabra(ix, seed, top)

    return per_graph(g, ("betweenness", work, seed, top, exact), compute)


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
