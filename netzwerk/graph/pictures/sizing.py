"""Node sizes from a metric of the metric table (:mod:`netzwerk.graph.analysis.metrics`):
the picture's "Größe: Vermittlerrolle" is the report's betweenness, computed once per graph."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

import networkx as nx

from netzwerk.graph.analysis.metrics import METRICS, metric_table

_metrics_lock = threading.Lock()
_metrics: OrderedDict[tuple[Any, ...], dict[Hashable, float]] = OrderedDict()


def metric(
    g: nx.Graph, name: str, cache_key: tuple[Any, ...] | None = None
) -> dict[Hashable, float]:
    """Node sizes: any numeric metric of :data:`METRICS` (``none``: all alike)."""
    key = (*cache_key, name) if cache_key is not None else None
    if key is not None:
        with _metrics_lock:
            hit = _metrics.get(key)
            if hit is not None and len(hit) == len(g) and all(v in hit for v in g):
                return hit
    values: dict[Hashable, float] = dict.fromkeys(g, 0.0)
    if name in METRICS and METRICS[name].numeric:
        table = metric_table(g, keys=[name])
        for v in g:
            x = table.get(v, {}).get(name, 0.0)
            values[v] = float(x) if isinstance(x, int | float) and not math.isnan(x) else 0.0
    if key is not None:
        with _metrics_lock:
            _metrics[key] = values
            while len(_metrics) > 64:
                _metrics.popitem(last=False)
    return values


def sizes(
    values: dict[Hashable, float], low: float = 10.0, high: float = 34.0
) -> dict[Hashable, float]:
    top = max(values.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, low + 4)
    return {v: round(low + (high - low) * math.sqrt(x / top), 1) for v, x in values.items()}
