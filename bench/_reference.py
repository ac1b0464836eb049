"""Exact betweenness of a benchmark network, computed once and kept on disk.

Exact betweenness of 50,000 actors takes minutes even in igraph's C kernel on all cores
(:func:`netzwerk.graph.analysis.centrality.betweenness_estimate` with ``exact=True``), so
the reference the sampled estimate is scored against is cached under
``build/bench-cache/``, keyed by the network's size and seed (the planted networks are
deterministic per seed).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import networkx as nx

from netzwerk.graph.analysis import centrality

CACHE = Path(__file__).resolve().parents[1] / "build" / "bench-cache"


def exact_betweenness(g: nx.Graph, key: str) -> dict[str, float]:
    """Exact normalised betweenness (as networkx normalises it) of ``g``, cached under
    ``key`` (e.g. ``"planted-50000-250000-seed7"``)."""
    path = CACHE / f"betweenness-{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    started = time.perf_counter()
    print(f"exact betweenness of {key} on all cores …", file=sys.stderr, flush=True)
    values = centrality.betweenness_estimate(g, exact=True).values
    print(f"… {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({str(v): x for v, x in values.items()}))
    return {str(v): x for v, x in values.items()}
