"""Exact betweenness of a benchmark network, computed once and kept on disk.

Exact betweenness of 50,000 actors takes many minutes even in igraph's C kernel, so the
reference the sampled estimate is scored against is cached under ``build/bench-cache/``,
keyed by the network's size and seed (the planted networks are deterministic per seed).
The sources are split over all cores with :mod:`multiprocessing` (igraph holds the GIL, so
threads would not help); the partial sums add up to the exact values.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

import igraph as ig
import networkx as nx

CACHE = Path(__file__).resolve().parents[1] / "build" / "bench-cache"

_GRAPH: ig.Graph | None = None


def _init(n: int, edges: list[tuple[int, int]]) -> None:
    global _GRAPH
    _GRAPH = ig.Graph(n=n, edges=edges)


def _partial(sources: list[int]) -> list[float]:
    assert _GRAPH is not None
    return list(_GRAPH.betweenness(sources=sources))


def exact_betweenness(g: nx.Graph, key: str) -> dict[str, float]:
    """Exact normalised betweenness (as networkx normalises it) of ``g``, cached under
    ``key`` (e.g. ``"planted-50000-250000-seed7"``)."""
    path = CACHE / f"betweenness-{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    nodes = list(g)
    pos = {v: i for i, v in enumerate(nodes)}
    edges = [(pos[u], pos[v]) for u, v in g.edges()]
    n = len(nodes)
    workers = max(1, min(os.cpu_count() or 1, 4))
    chunks = [list(range(i, n, workers * 8)) for i in range(workers * 8)]
    started = time.perf_counter()
    print(f"exact betweenness of {key} on {workers} processes …", file=sys.stderr, flush=True)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=_init, initargs=(n, edges)) as pool:
        total = [0.0] * n
        for part in pool.imap_unordered(_partial, chunks):
            total = [a + b for a, b in zip(total, part, strict=True)]
    # igraph counts each unordered pair once; networkx's normalisation for undirected graphs
    # divides the pair count by (n-1)(n-2)/2.
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    values = {str(v): total[i] * scale for i, v in enumerate(nodes)}
    print(f"… {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values))
    return values
