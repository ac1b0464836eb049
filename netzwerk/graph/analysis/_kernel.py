"""The compiled kernels behind the analyses: a networkx graph as an igraph graph, and a
per-graph cache of everything expensive.

networkx stays the API of :mod:`netzwerk.graph.analysis` (graphs in, plain Python out);
the heavy loops (shortest paths for betweenness and closeness, Leiden, cores, triangles)
run in igraph's C library, which measured 20 to 100 times faster than the pure-Python or
numpy versions on the 5,000- and 50,000-actor benchmark networks (docs/PERFORMANCE.md).

**Caching.** The network pages get their graphs from :func:`netzwerk.graph.network.snapshot.select`,
which hands every request with the same filter the same *frozen* graph. Results are kept
per frozen graph (a weak reference: they go when the graph goes), so the picture, the
report and the metric table compute betweenness or communities once. Graphs that can still
change (built by hand in tests, benchmarks) are never cached: a stale answer would be
worse than a slow one.

**Randomness.** igraph draws from one process-wide generator. :func:`seeded` installs a
generator seeded with a fixed value for the duration of one call, under a lock, so results
are reproducible even when several requests compute at once.
"""

from __future__ import annotations

import random
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar

import igraph as ig
import networkx as nx
import numpy as np

T = TypeVar("T")


@dataclass(frozen=True)
class Indexed:
    """``g``'s nodes numbered 0…n-1 in iteration order, and the same graph in igraph."""

    nodes: list[Hashable]
    index: dict[Hashable, int]
    h: ig.Graph
    edges: np.ndarray
    """The cooperations as rows (u, v) of node numbers, u < v, in igraph's edge order."""

    @property
    def n(self) -> int:
        return len(self.nodes)


_lock = threading.Lock()
_cache: weakref.WeakKeyDictionary[nx.Graph, dict[Any, Any]] = weakref.WeakKeyDictionary()


def per_graph(g: nx.Graph, key: Any, compute: Callable[[], T]) -> T:
    """``compute()``, remembered for ``g`` under ``key`` if ``g`` is frozen.

    Two threads asking at once may both compute; the first result stored wins, so every
    caller sees the same object afterwards.
    """
    if not nx.is_frozen(g):
        return compute()
    with _lock:
        hit = _cache.get(g, {}).get(key, _lock)
    if hit is not _lock:
        return hit
    value = compute()
    with _lock:
        return _cache.setdefault(g, {}).setdefault(key, value)


def indexed(g: nx.Graph) -> Indexed:
    """The igraph form of ``g`` (undirected, simple: self-loops dropped).

    The cooperations are numbered in networkx's order (each once, from its end that comes
    first among the nodes), read without a Python loop per cooperation: every node's
    neighbours in one flat array (``map`` and ``np.fromiter`` run in C), each kept where it
    comes after the node. At 50,000 actors this takes 0.15 s where a loop over
    ``g.edges()`` took 0.6 s."""

    def build() -> Indexed:
        nodes = list(g)
        index = {v: i for i, v in enumerate(nodes)}
        rows = [nbrs for _, nbrs in g.adjacency()]  # plain dicts, in the order of ``nodes``
        degree = np.fromiter(map(len, rows), dtype=np.int64, count=len(nodes))
        ends = np.fromiter(
            map(index.__getitem__, chain.from_iterable(rows)),
            dtype=np.int64,
            count=int(degree.sum()),
        )
        starts = np.repeat(np.arange(len(nodes), dtype=np.int64), degree)
        later = starts < ends  # each cooperation once; self-loops carry no path
        pairs = np.column_stack([starts[later], ends[later]])
        # igraph reads a list of tuples much faster than an array
        h = ig.Graph(n=len(nodes), edges=list(map(tuple, pairs.tolist())))
        return Indexed(nodes, index, h, pairs)

    return per_graph(g, "indexed", build)


def adjacency(g: nx.Graph) -> tuple[np.ndarray, np.ndarray]:
    """``g`` as compressed rows (``indptr``, ``indices``; node numbers of :func:`indexed`,
    each node's neighbours in ascending order): what the compiled kernels (:mod:`._paths`)
    walk, built once per graph. The neighbours are 32-bit numbers: half the memory a
    search reads at random, which made a sample 10–15 % faster at 50,000 actors."""

    def build() -> tuple[np.ndarray, np.ndarray]:
        ix = indexed(g)
        ends = np.concatenate([ix.edges, ix.edges[:, ::-1]]) if len(ix.edges) else ix.edges
        ends = ends.reshape(-1, 2).astype(np.int64)
        order = np.lexsort((ends[:, 1], ends[:, 0]))
        indices = np.ascontiguousarray(ends[order, 1], dtype=np.int32)
        indptr = np.zeros(ix.n + 1, np.int64)
        np.cumsum(np.bincount(ends[:, 0], minlength=ix.n), out=indptr[1:])
        return indptr, indices

    return per_graph(g, "adjacency", build)


_rng_lock = threading.Lock()


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Run igraph calls inside with a generator seeded with ``seed`` (reproducible)."""
    with _rng_lock:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def triangles(g: nx.Graph) -> np.ndarray:
    """Every triangle of ``g`` once, as rows of three node numbers (see :func:`indexed`)."""

    def compute() -> np.ndarray:
        found = indexed(g).h.list_triangles()
        return np.asarray(found, dtype=np.int64).reshape(-1, 3)

    return per_graph(g, "triangles", compute)


def edge_array(g: nx.Graph) -> np.ndarray:
    """The cooperations of ``g`` as rows (u, v) of node numbers, u < v, in igraph's order."""
    return indexed(g).edges


def edge_ids(g: nx.Graph, pairs: np.ndarray) -> np.ndarray:
    """igraph's edge number of every row (u, v) of ``pairs`` (each must be a cooperation).

    Vectorised lookup: each edge as the number u·n + v (u < v), sorted once per graph.
    """
    ix = indexed(g)

    def table() -> tuple[np.ndarray, np.ndarray]:
        keys = ix.edges[:, 0] * ix.n + ix.edges[:, 1]
        order = np.argsort(keys, kind="stable")
        return keys[order], order

    keys, order = per_graph(g, "edge-keys", table)
    lo, hi = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    return order[np.searchsorted(keys, lo * ix.n + hi)]
