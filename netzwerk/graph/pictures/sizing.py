"""Node sizes from a metric of the metric table (:mod:`netzwerk.graph.analysis.metrics`):
the picture's "Größe: Vermittlerrolle" is the report's betweenness, computed once per graph."""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import networkx as nx

from netzwerk.graph.analysis.metrics import METRICS, metric_table
from netzwerk.graph.core.cache import Cache

_metrics: Cache[tuple[Any, ...], dict[Hashable, float]] = Cache(64)


def metric(
    g: nx.Graph, name: str, cache_key: tuple[Any, ...] | None = None
) -> dict[Hashable, float]:
    """Node sizes: any numeric metric of :data:`METRICS` (``none``: all alike)."""

    def compute() -> dict[Hashable, float]:
        values: dict[Hashable, float] = dict.fromkeys(g, 0.0)
        if name in METRICS and METRICS[name].numeric:
            table = metric_table(g, keys=[name])
            for v in g:
                x = table.get(v, {}).get(name, 0.0)
                values[v] = float(x) if isinstance(x, int | float) and not math.isnan(x) else 0.0
        return values

    if cache_key is None:
        return compute()
    return _metrics.get_or_compute(
        (*cache_key, name), compute, lambda hit: len(hit) == len(g) and all(v in hit for v in g)
    )


def sizes(
    values: dict[Hashable, float], low: float = 10.0, high: float = 34.0
) -> dict[Hashable, float]:
    top = max(values.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, low + 4)
    return {v: round(low + (high - low) * math.sqrt(x / top), 1) for v, x in values.items()}
