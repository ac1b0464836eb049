"""Centralities of every actor: betweenness, closeness, eigenvector, two-step reach.

* **Betweenness** (Vermittlerrolle): the share of shortest connections between other actors
  that run through the actor. Exact (Brandes' algorithm [1]_ in igraph's C kernel) or
  **estimated from random shortest paths** (:mod:`._paths`: random pairs of actors, one
  shortest path between them drawn uniformly by a balanced bidirectional search, as
  Riondato–Kornaropoulos [7]_ and KADABRA [6]_ sample), whichever the **predicted cost**
  favours (:func:`betweenness_estimate`):

  - exact costs one breadth-first search per actor, whatever the shape: start actors ×
    (actors + cooperations). Below :data:`WORK` it is simply computed (well under a
    second); above, a few searches are timed and the cost is predicted from them.
  - the estimate costs samples × seconds per sample, both measured as it runs: a sample
    explores a few hundred links at 5,000 actors and about 1,300 at 50,000 (4 µs and
    28 µs of CPU), more on hub-heavy networks, whose 20th value is also lower.
  - every actor's count is binomial, so Bernstein's inequality [8]_ bounds every actor's
    deviation at once (:func:`deviation`, :func:`spread`: no diameter is needed, unlike
    KADABRA's and Riondato–Kornaropoulos' bounds, whose exact diameter cost networkit
    14 s of CPU at 50,000 actors grown by preferential attachment). The samples grow,
    towards what the bound predicts, until the stated ε (:func:`stated_error`) is
    :data:`ERROR_SHARE` of the 20th-highest value, so the bound means the same at every
    size. When the **budget** of the page (:func:`budget`: :data:`BUDGET_PER_LINK` CPU
    seconds per cooperation) cannot buy that, the samples stop at what it buys and the
    page states the larger ε those samples guarantee (:attr:`Betweenness.error`,
    :attr:`Betweenness.capped`).

  Exact is chosen when its predicted cost fits the budget, the estimate otherwise.
  Measured against exact betweenness on planted-community, preferential-attachment and
  Pareto-weighted networks (docs/PERFORMANCE.md), the estimate's top 20 are the exact top
  20 up to near-ties; source sampling (Brandes–Pich [2]_) within the same CPU time found
  fewer (16–19 of 20 at 5,000 actors against 19–20), so path sampling stays.

  The estimate runs on one core: the samples depend only on the seed, the CPU seconds the
  budget counts are those of the requesting thread, and a web server keeps its other
  cores for the other requests.
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
.. [7] M. Riondato and E. M. Kornaropoulos, "Fast approximation of betweenness centrality
   through sampling", Data Mining and Knowledge Discovery 30(2), 438–475, 2016 (the
   path sampling the estimate uses).
.. [8] S. Boucheron, G. Lugosi and P. Massart, "Concentration Inequalities: A Nonasymptotic
   Theory of Independence", Oxford University Press, 2013 (Bernstein's inequality, 2.8).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import threading
import time
from collections.abc import Hashable
from dataclasses import dataclass

import igraph as ig
import networkx as nx
import numpy as np

from netzwerk.graph.analysis._kernel import Indexed, adjacency, indexed, per_graph

WORK = 6e7
"""Actors × cooperations below which exact betweenness is computed without predicting its
cost (≈ 0.5 s here)."""
TOP = 20
SEED = 42
CONFIDENCE = 0.9
"""Probability with which every estimated value is within :attr:`Betweenness.error`."""
ERROR_SHARE = 0.15
"""Wanted ε as a share of the 20th-highest value (measured at 50,000 actors over three
seeds: 0.4 found 16–18 of the exact top 20, 0.2 found 17–19, 0.15 found 18 every time)."""
FIRST_SAMPLES = 2000
"""Samples before the first check: enough to time one and to see the top values."""
CHECKS = 16
"""Most checks of the stopping rule (the samples at least double between two, so 16 allow
for 65 million); the stated confidence holds over all of them."""
CANDIDATES = 4
"""Actors per place of the top that the pilot sample names candidates (:func:`spread`)."""
PILOT_STREAM = 0x5EED
"""Offset of the pilot's seed: its samples are independent of the counted ones."""
MIN_ERROR = 0.001
"""Smallest ε (normalised): bounds the time on networks far larger than an office's."""
BUDGET_PER_LINK = 16e-6
"""CPU seconds the betweenness of a page may cost per cooperation: 0.4 s at 25,000
cooperations, 4 s at 250,000, so that the whole gap report stays within its targets
(1 s at 5,000 actors, 10 s at 50,000)."""
MIN_BUDGET = 0.2
TIMED_SOURCES = 4
"""Breadth-first searches timed to predict the cost of exact betweenness."""
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
    the exact one (same units as the values), except the highest ones that are certainly
    among the top: their place is settled, their values may deviate more (within their
    own interval, :func:`stated_error`)."""
    top: int = TOP
    capped: bool = False
    """Estimated only: the budget capped the samples, ε is larger than the wanted
    :data:`ERROR_SHARE` of the 20th value."""


def budget(m: int) -> float:
    """CPU seconds betweenness may take on a network of ``m`` cooperations."""
    return max(MIN_BUDGET, BUDGET_PER_LINK * m)


def spread(actors: int, candidates: np.ndarray) -> np.ndarray:
    """L = ln(2 / δ_v) of every actor: δ = 1 − :data:`CONFIDENCE` shared out by a union
    bound over at most :data:`CHECKS` checks, half of it among all ``actors``, half among
    the few ``candidates`` for the top (chosen from an independent pilot sample, so the
    choice does not depend on the samples it bounds). Most actors have tiny values whose
    intervals are narrow anyway; giving the candidates a larger share of δ narrows the
    intervals that matter (KADABRA [6]_ balances δ between actors for the same reason)."""
    half = (1 - CONFIDENCE) / 2
    out = np.full(actors, np.log(2 * actors * CHECKS / half))
    out[candidates] = np.log(2 * max(len(candidates), 1) * CHECKS / half)
    return out


def deviation(shares: np.ndarray, samples: int, spread: np.ndarray | float) -> np.ndarray:
    """Every actor's half-width: with probability 1 − δ_v its estimated share is within it
    of the exact one (``spread`` is L = ln(2 / δ_v), see :func:`spread`).

    An actor's count is binomial (N samples, mean p), so Bernstein's inequality [8]_ gives
    P(|p̂ − p| ≥ x) ≤ 2 exp(−N x² / (2p + 2x/3)). With p ≤ p̂ + x the deviation x solves
    N x² = L (2p̂ + 8x/3), so the bound needs no diameter and narrows with the share
    itself: the actors with the lowest values, most of them, are the most exact.

    Examples
    --------
    >>> w = deviation(np.array([0.0, 0.01, 0.1]), 100_000, 10.0)
    >>> bool(w[0] < w[1] < w[2]), round(float(w[2] / 0.1), 3)
    (True, 0.046)
    """
    a = 8 * np.asarray(spread) / 3
    return (a + np.sqrt(a * a + 8 * samples * np.asarray(spread) * np.maximum(shares, 0.0))) / (
        2 * samples
    )


def stated_error(shares: np.ndarray, width: np.ndarray, top: int) -> tuple[float, float]:
    """The ε a page states, and the ``top``-th highest share.

    ε is the widest interval of every actor except those certainly among the ``top``: the
    ones whose lower end lies above the upper end of every actor outside the ``top`` (their
    place at the top is settled, their own values may deviate more, by up to their own
    interval).

    Examples
    --------
    One clear leader, then two actors within each other's reach: the leader is certain,
    the widest of the rest is stated.

    >>> stated_error(np.array([0.5, 0.2, 0.19, 0.0]), np.array([0.05, 0.03, 0.03, 0.0]), 2)
    (0.03, 0.2)
    """
    order = np.argsort(-shares, kind="stable")
    k = min(top, len(shares))
    head, rest = order[:k], order[k:]
    ceiling = float(np.max(shares[rest] + width[rest])) if len(rest) else -np.inf
    settled = head[shares[head] - width[head] > ceiling]
    open_ = np.ones(len(shares), dtype=bool)
    open_[settled] = False
    error = float(width[open_].max()) if open_.any() else 0.0
    return error, float(shares[order[k - 1]]) if k else 0.0


def _sampled(g: nx.Graph, seed: int, top: int, seconds: float | None) -> Betweenness:
    """Random shortest paths (:mod:`._paths`) until the stated ε is at most
    :data:`ERROR_SHARE` of the ``top``-th value, the number of samples growing towards
    what the bound predicts (ε shrinks as 1/√N); within ``seconds`` of CPU if given, else
    capped at the samples the budget still buys, ``capped`` and the ε those samples
    guarantee stated."""
    from netzwerk.graph.analysis._paths import PathSampler, compile_now  # numba: ≈ 0.6 s

    compile_now()
    ix = indexed(g)
    n = ix.n
    scale = n / (n - 2)  # p(v) over ordered pairs → networkx's normalisation
    started = time.thread_time()
    rows = adjacency(g)
    pilot = PathSampler(rows, seed + PILOT_STREAM)
    pilot.draw(FIRST_SAMPLES)
    candidates = np.argsort(-pilot.shares(), kind="stable")[: CANDIDATES * top]
    spreads = spread(n, candidates)
    sampler = PathSampler(rows, seed)
    batch, capped = FIRST_SAMPLES, False
    for _ in range(CHECKS):
        sampler.draw(batch)
        shares = sampler.shares()
        error, kth = stated_error(shares, deviation(shares, sampler.samples, spreads), top)
        wanted = max(ERROR_SHARE * kth, MIN_ERROR / scale)
        if error <= wanted or capped:
            break
        drawn = sampler.samples
        batch = int(min(max(drawn * (error / wanted) ** 2 * 1.1, 2 * drawn), 16 * drawn)) - drawn
        if seconds is not None:
            spent = time.thread_time() - started
            # seconds per sample so far, setup and pilot included: on the safe side
            affordable = int(max(seconds - spent, 0.0) / spent * (drawn + FIRST_SAMPLES))
            if affordable < batch:
                batch, capped = affordable, True
                if batch < 1:
                    break
    values = {v: float(x) * scale for v, x in zip(ix.nodes, sampler.shares(), strict=True)}
    return Betweenness(values, False, sampler.samples, error * scale, top, capped)


def exact_seconds(ix: Indexed, seed: int = SEED, *, beyond: float = np.inf) -> float:
    """Predicted CPU seconds of exact betweenness: :data:`TIMED_SOURCES` breadth-first
    searches timed, times the number of actors. One search is timed first: when it alone
    predicts more than ``beyond`` (ten times the budget, say; 2,500 s against 4 s at
    50,000 actors), that prediction is returned, since three more searches cannot bring
    it under the budget (they cost 0.15 s there)."""
    k = min(TIMED_SOURCES, ix.n)
    sources = random.Random(seed).sample(range(ix.n), k)
    started = time.thread_time()
    ix.h.betweenness(sources=sources[:1])
    first = (time.thread_time() - started) * ix.n
    if first > beyond:
        return first
    started = time.thread_time()
    ix.h.betweenness(sources=sources)
    return (time.thread_time() - started) / k * ix.n


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
    seconds: float | None = None,
    cap: bool = True,
) -> Betweenness:
    """Betweenness of every actor: exact within ``work``, if ``exact``, or if its predicted
    cost fits the CPU budget ``seconds`` (default :func:`budget`); else estimated from
    random shortest paths with the stated error :attr:`Betweenness.error`, the samples
    capped by the budget unless ``cap`` is false. An uncapped estimate is the same every
    time for the same ``seed`` (a capped one draws what the machine's speed buys).

    Examples
    --------
    Every path between two leaves of a star runs through the centre:

    >>> b = betweenness_estimate(nx.star_graph(4))
    >>> b.exact, b.values[0], b.values[1]
    (True, 1.0, 0.0)

    Without time for the exact values an estimate; uncapped it is reproducible:

    >>> g = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=1)
    >>> a = betweenness_estimate(g, work=1, seconds=0, cap=False)
    >>> a.exact, a.samples > 0, a.error is not None, a.capped
    (False, True, True, False)
    >>> a == betweenness_estimate(g, work=1, seconds=0, cap=False)
    True
    """

    def compute() -> Betweenness:
        ix = indexed(g)
        n, m = ix.n, ix.h.ecount()
        if n < 3 or m == 0:
            return Betweenness(dict.fromkeys(ix.nodes, 0.0), True, 0, None, top)
        if exact:
            return Betweenness(_normalise(ix, _exact_on_all_cores(ix)), True, 0, None, top)
        limit = budget(m) if seconds is None else seconds
        if n * m <= work or exact_seconds(ix, seed, beyond=10 * limit) < limit:
            return Betweenness(_normalise(ix, np.asarray(ix.h.betweenness())), True, 0, None, top)
        return _sampled(g, seed, top, limit if cap else None)

    key = ("betweenness", work, seed, top, exact, seconds, cap)
    return per_graph(g, key, compute)


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
