"""Random shortest paths between random pairs of actors, compiled: the sampler behind the
betweenness estimate (:mod:`.centrality`).

One sample is the path-sampling step of Riondato and Kornaropoulos [1]_ with the balanced
bidirectional search of KADABRA [2]_: draw an ordered pair (s, t) of distinct actors,
search from both ends level by level (always expanding the side whose next level has the
fewer links to look at, so hubs are expanded at most once and late), count the shortest
paths σ on each side, then draw one shortest s–t path uniformly (the meeting actor w with
probability σ_s(w) σ_t(w) / σ_st, then each predecessor u with σ(u) / σ(w)) and count
every actor strictly inside it. An actor's count over N samples is binomial with mean
N · p(v), p(v) the share of ordered pairs whose shortest paths run through v, weighted by
the share of those paths; betweenness normalised as networkx does is p(v) · n / (n − 2).

Why here and not networkit's KADABRA: networkit computes the exact vertex diameter before
it samples (its ω bound needs it), and on hub-heavy networks that costs more than all the
samples together (13.9 s CPU at 50,000 actors grown by preferential attachment, against
1.4 s for 50,000 samples here); the stopping rule of :mod:`.centrality` needs no diameter.

The generator is splitmix64 [3]_ on a state the caller holds, so the samples depend only
on the seed, whatever else runs in the process; the sampler runs without the GIL, so the
web server's other requests go on meanwhile. Compiled by numba on first use and cached
on disk where it can be (:func:`_cache_on_disk`): about 4 CPU seconds once, then 0.6 s to
load.

References
----------
.. [1] M. Riondato and E. M. Kornaropoulos, "Fast approximation of betweenness centrality
   through sampling", Data Mining and Knowledge Discovery 30(2), 438–475, 2016.
.. [2] M. Borassi and E. Natale, "KADABRA is an ADaptive Algorithm for Betweenness via
   Random Approximation", ACM Journal of Experimental Algorithmics 24, 2019.
.. [3] G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number
   generators", OOPSLA 2014, 453–472.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numba
import numpy as np


def _cache_on_disk() -> bool:
    """Whether numba can keep the compiled sampler on disk: in ``NUMBA_CACHE_DIR`` if set
    (the service sets it to its state folder, deploy/netzwerk.env), else beside this file
    if that is writable. numba refuses to import a function to be cached where it can
    write nowhere (a read-only installation, ``ProtectSystem=strict``); it is then
    compiled once per process instead (3–5 s of CPU on the first estimate)."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return True
    here = Path(__file__).parent
    cache = here / "__pycache__"
    return os.access(cache if cache.exists() else here, os.W_OK)


_CACHE = _cache_on_disk()
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


@numba.njit(cache=_CACHE)
def _uniform(state: Any) -> float:
    """A float in [0, 1) from splitmix64; advances ``state[0]``."""
    state[0] += _GOLDEN
    z = state[0]
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    z = z ^ (z >> np.uint64(31))
    return float(z >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@numba.njit(cache=_CACHE)
def _level(
    indptr: Any,
    indices: Any,
    side: Any,
    size: int,
    dist: Any,
    sigma: Any,
    other: Any,
    nxt: Any,
    touched: Any,
    nt: int,
) -> tuple[int, int, bool]:
    """Expand one search side by a level: ``side[:size]`` is its last level; the new level
    goes to ``nxt``. Returns its size, the touched count and whether it reached actors the
    other side (distances ``other``) had reached."""
    found = 0
    met = False
    for i in range(size):
        u = side[i]
        du = dist[u]
        for j in range(indptr[u], indptr[u + 1]):
            w = indices[j]
            if dist[w] < 0:
                dist[w] = du + 1
                sigma[w] = sigma[u]
                nxt[found] = w
                found += 1
                touched[nt] = w
                nt += 1
                met = met or other[w] >= 0
            elif dist[w] == du + 1:
                sigma[w] += sigma[u]
    return found, nt, met


@numba.njit(cache=_CACHE)
def _back(
    indptr: Any, indices: Any, w: int, dist: Any, sigma: Any, counts: Any, state: Any
) -> None:
    """Walk from ``w`` to the side's start, each predecessor u drawn with σ(u) / σ(w),
    counting every actor passed but the start."""
    while dist[w] > 0:
        r = _uniform(state) * sigma[w]
        acc = 0.0
        chosen = w
        for j in range(indptr[w], indptr[w + 1]):
            u = indices[j]
            if dist[u] == dist[w] - 1:
                acc += sigma[u]
                chosen = u
                if acc > r:
                    break
        w = chosen
        if dist[w] > 0:
            counts[w] += 1


@numba.njit(cache=_CACHE)
def _meet(
    level: Any, size: int, dist_s: Any, sig_s: Any, dist_t: Any, sig_t: Any, state: Any
) -> int:
    """The actor where the path crosses from one side to the other, drawn among the new
    level's actors that both sides reached, with probability σ_s σ_t / σ_st."""
    total = 0.0
    for i in range(size):
        w = level[i]
        if dist_t[w] >= 0 and dist_s[w] >= 0:
            total += sig_s[w] * sig_t[w]
    r = _uniform(state) * total
    acc = 0.0
    chosen = level[0]
    for i in range(size):
        w = level[i]
        if dist_t[w] >= 0 and dist_s[w] >= 0:
            acc += sig_s[w] * sig_t[w]
            chosen = w
            if acc > r:
                break
    return int(chosen)


@numba.njit(cache=_CACHE, nogil=True)
def _sample(indptr: Any, indices: Any, samples: int, counts: Any, state: Any) -> None:
    """Draw ``samples`` pairs and one shortest path each; add the inner actors to
    ``counts``. A pair in different parts of the network has no path and adds nothing."""
    n = len(indptr) - 1
    degree = indptr[1:] - indptr[:-1]
    dist = np.full((2, n), -1, np.int32)
    sigma = np.zeros((2, n))
    level = np.empty((2, n), np.int32)
    nxt = np.empty(n, np.int32)
    touched = np.empty(2 * n, np.int32)
    for _ in range(samples):
        s = int(_uniform(state) * n)
        t = int(_uniform(state) * (n - 1))
        t += int(t >= s)
        ends = (s, t)
        size = np.ones(2, np.int64)
        links = np.zeros(2, np.int64)
        for k in range(2):
            dist[k, ends[k]] = 0
            sigma[k, ends[k]] = 1.0
            level[k, 0] = ends[k]
            touched[k] = ends[k]
            links[k] = degree[ends[k]]
        nt = 2
        met = False
        k = 0
        while size[0] > 0 and size[1] > 0 and not met:
            k = 0 if links[0] <= links[1] else 1
            found, nt, met = _level(
                indptr,
                indices,
                level[k],
                size[k],
                dist[k],
                sigma[k],
                dist[1 - k],
                nxt,
                touched,
                nt,
            )
            size[k] = found
            links[k] = 0
            for i in range(found):
                level[k, i] = nxt[i]
                links[k] += degree[nxt[i]]
        if met:
            w = _meet(level[k], size[k], dist[0], sigma[0], dist[1], sigma[1], state)
            if w != s and w != t:
                counts[w] += 1
            _back(indptr, indices, w, dist[0], sigma[0], counts, state)
            _back(indptr, indices, w, dist[1], sigma[1], counts, state)
        for i in range(nt):
            w = touched[i]
            dist[0, w] = -1
            dist[1, w] = -1
            sigma[0, w] = 0.0
            sigma[1, w] = 0.0


@numba.njit(cache=_CACHE)
def _distances(indptr: Any, indices: Any, source: int, keep: Any, dist: Any, queue: Any) -> None:
    """Steps from ``source`` to every actor (-1: not reached), through the actors of
    ``keep`` only: a breadth-first search."""
    dist[:] = -1
    dist[source] = 0
    queue[0] = source
    head, tail = 0, 1
    while head < tail:
        u = queue[head]
        head += 1
        for j in range(indptr[u], indptr[u + 1]):
            w = indices[j]
            if dist[w] < 0 and keep[w]:
                dist[w] = dist[u] + 1
                queue[tail] = w
                tail += 1


@numba.njit(cache=_CACHE, nogil=True)
def detours(indptr: Any, indices: Any, sources: Any, keep: Any) -> tuple[int, int]:
    """For each of ``sources`` (actors of ``keep``) and every other actor of ``keep`` it
    reaches: how many such pairs there are, and in how many the distance grows (or the
    connection breaks) once the actors outside ``keep`` are gone. Two breadth-first
    searches per source, nothing but two counts leaves the compiled code (the same
    figure from igraph's distance lists cost 0.9 s of CPU at 50,000 actors, this 0.3 s)."""
    n = len(indptr) - 1
    everyone = np.ones(n, np.bool_)
    before = np.empty(n, np.int32)
    after = np.empty(n, np.int32)
    queue = np.empty(max(n, 1), np.int64)
    pairs = 0
    hit = 0
    for s in sources:
        _distances(indptr, indices, s, everyone, before, queue)
        _distances(indptr, indices, s, keep, after, queue)
        for v in range(n):
            if keep[v] and before[v] > 0:
                pairs += 1
                if after[v] < 0 or after[v] > before[v]:
                    hit += 1
    return pairs, hit


def compile_now() -> None:
    """Compile (or load from the disk cache) the sampler and :func:`detours` on a
    two-actor network, so that a caller timing them does not time the compiler."""
    indptr, indices = np.array([0, 1, 2], np.int64), np.array([1, 0], np.int32)
    _sample(indptr, indices, 1, np.zeros(2, np.int64), np.zeros(1, np.uint64))
    detours(indptr, indices, np.zeros(1, np.int64), np.ones(2, np.bool_))


class PathSampler:
    """Random shortest paths of one network (its compressed rows,
    :func:`._kernel.adjacency`), drawn in batches; :attr:`counts` holds how often each
    actor (igraph's numbering) was inside a drawn path."""

    def __init__(self, rows: tuple[np.ndarray, np.ndarray], seed: int) -> None:
        self.indptr, self.indices = rows
        self.counts = np.zeros(len(self.indptr) - 1, np.int64)
        self.samples = 0
        self.state = np.array([seed], dtype=np.uint64)

    def draw(self, samples: int) -> None:
        """Draw ``samples`` more paths (continuing the same random sequence)."""
        if samples > 0:
            _sample(self.indptr, self.indices, samples, self.counts, self.state)
            self.samples += samples

    def shares(self) -> np.ndarray:
        """The estimate of p(v) for every actor: its count over the samples drawn."""
        return self.counts / max(self.samples, 1)
