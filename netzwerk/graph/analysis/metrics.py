"""Per-actor metrics: the one place the pictures, the metric table and the report get them.

:data:`METRICS` names every metric with its German title (for menus and legends) and
whether it is a number or a category. :func:`metric_table` gives actor → key → value for
all or some of them; :func:`betweenness` and :func:`communities` are *the* betweenness and
*the* community method of netzwerk — the picture's "Größe: Vermittlerrolle" and the
report's brokers are the same numbers, and the picture's colours are the report's groups.

Everything is computed once per (frozen) graph and kept with it (see :mod:`._kernel`), so
sizing a picture by betweenness after viewing the report costs nothing.

==================  ==============================================  ========================
key                 what                                            module
==================  ==============================================  ========================
degree              number of cooperations                          —
betweenness         share of shortest connections through the actor :mod:`.centrality`
closeness           few steps to everyone reachable                 :mod:`.centrality`
eigenvector         connected to the well-connected                 :mod:`.centrality`
reach2              partners and partners of partners               :mod:`.centrality`
constraint          Burt's constraint (boxed in, about 0–1)         :mod:`.holes`
effective_size      non-redundant partners                          :mod:`.holes`
core                core number (k-core)                            :mod:`.cores`
community           number of its community (1 = largest)           :mod:`.communities`
brokerage_role      most frequent Gould–Fernandez role              :mod:`.brokerage`
==================  ==============================================  ========================

Values: ``int`` or ``float`` for numeric metrics (``nan`` where a metric is undefined:
constraint and effective size of an actor without cooperation), ``str`` for categorical
ones (the role's German title, "" for no brokerage; the community's number as text, "1"
for the largest, "" for actors without cooperation).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from netzwerk.graph.analysis import brokerage, centrality, cores, holes
from netzwerk.graph.analysis.communities import communities
from netzwerk.graph.core.i18n import N_

__all__ = ["METRICS", "Metric", "betweenness", "communities", "metric_table", "ranked"]


@dataclass(frozen=True)
class Metric:
    key: str
    title: str
    """German title for menus and legends."""
    numeric: bool
    """False for categorical metrics (brokerage role, community)."""


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric("degree", N_("Kooperationen (Grad)"), True),
        Metric("betweenness", N_("Vermittlerrolle (Betweenness)"), True),
        Metric("closeness", N_("Nähe zu allen (Closeness)"), True),
        Metric("eigenvector", N_("Verbunden mit Zentralen (Eigenvektor)"), True),
        Metric("reach2", N_("Reichweite in zwei Schritten"), True),
        Metric("constraint", N_("Eingebundenheit (Burts Constraint)"), True),
        Metric("effective_size", N_("Nicht-redundante Kontakte (effektive Größe)"), True),
        Metric("core", N_("Kern (k-Kern)"), True),
        Metric("community", N_("Arbeitszusammenhang"), False),
        Metric("brokerage_role", N_("Vermittlungsrolle (Gould–Fernandez)"), False),
    )
}


def betweenness(g: nx.Graph) -> dict[Hashable, float]:
    """THE betweenness of netzwerk (normalised 0–1): exact where it fits the budget,
    otherwise adaptively sampled — see :mod:`.centrality` for the method and its accuracy.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    return centrality.betweenness_estimate(g).values


def _community_names(g: nx.Graph, resolution: float | None) -> dict[Hashable, str]:
    out: dict[Hashable, str] = dict.fromkeys(g, "")
    for i, members in enumerate(communities(g, resolution=resolution)):
        if len(members) > 1:
            for v in members:
                out[v] = str(i + 1)
    return out


def _columns(
    g: nx.Graph, *, resolution: float | None = None, brokerage_by: str = "kind"
) -> dict[str, Callable[[], dict[Hashable, Any]]]:
    return {
        "degree": lambda: dict(g.degree()),
        "betweenness": lambda: betweenness(g),
        "closeness": lambda: centrality.closeness(g),
        "eigenvector": lambda: centrality.eigenvector(g),
        "reach2": lambda: centrality.reach2(g),
        "constraint": lambda: holes.holes(g).constraint,
        "effective_size": lambda: holes.holes(g).effective_size,
        "core": lambda: cores.core_number(g),
        "community": lambda: _community_names(g, resolution),
        "brokerage_role": lambda: {
            v: brokerage.ROLE_TITLES.get(role, "")
            for v, role in brokerage.brokerage(g, brokerage_by).role.items()
        },
    }


def metric_table(
    g: nx.Graph,
    *,
    keys: Iterable[str] | None = None,
    resolution: float | None = None,
    brokerage_by: str = "kind",
) -> dict[Hashable, dict[str, float | int | str]]:
    """actor → metric key → value, for ``keys`` (default: all of :data:`METRICS`).

    ``resolution`` is the community resolution (see :mod:`.communities`), ``brokerage_by``
    the grouping of the brokerage roles (``kind``, ``stage``, ``area``). Each metric is
    computed only when asked for, and once per frozen graph.

    Examples
    --------
    >>> t = metric_table(nx.path_graph(3), keys=["degree", "betweenness", "core"])
    >>> t[1]
    {'degree': 2, 'betweenness': 1.0, 'core': 1}
    """
    wanted = list(METRICS) if keys is None else list(keys)
    unknown = [k for k in wanted if k not in METRICS]
    if unknown:
        raise ValueError(f"unknown metrics: {', '.join(unknown)}")
    columns = _columns(g, resolution=resolution, brokerage_by=brokerage_by)
    values = {key: columns[key]() for key in wanted}
    default = {key: "" if not METRICS[key].numeric else 0 for key in wanted}
    return {v: {key: values[key].get(v, default[key]) for key in wanted} for v in g}


Row = tuple[Hashable, dict[str, Any]]


def ranked(
    g: nx.Graph, table: dict[Hashable, dict[str, Any]], key: str, descending: bool = True
) -> list[Row]:
    """The rows of :func:`metric_table` in the metric page's order: by ``key``, undefined
    values (``nan``, "") last whichever the direction, ties by actor name.

    Examples
    --------
    >>> g = nx.path_graph(3)
    >>> [v for v, _ in ranked(g, metric_table(g, keys=["degree"]), "degree")]
    [1, 0, 2]
    """
    numeric = METRICS[key].numeric

    def rank(item: Row) -> tuple[Any, ...]:
        value = item[1][key]
        missing = value == "" or (isinstance(value, float) and math.isnan(value))
        if numeric and not missing:
            value = -value if descending else value
        name = str(g.nodes[item[0]].get("name", item[0])).casefold()
        return (missing, value if not missing else 0, name)

    rows = sorted(table.items(), key=rank)
    if not numeric and descending:
        filled = [r for r in rows if r[1][key] != ""]
        rows = filled[::-1] + [r for r in rows if r[1][key] == ""]
    return rows
