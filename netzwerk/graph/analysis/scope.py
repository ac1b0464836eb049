"""The filtered network against the whole: what a figure "im Ausschnitt" leaves out.

Under a filter (an alliance, a region, a kind) every analysis runs on the part that passes
it. That is what the office asked for, but a count read without the whole can mislead: a
school "without any cooperation" in the MINT-Initiativkreis may have three cooperations
with partners outside it. :func:`scope` puts the filtered figures beside the whole
network's on the same day, and tells for each actor isolated in the part how many
cooperations it has outside, so the pages can say "im Ausschnitt" and separate the really
isolated from those connected elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter


@dataclass(frozen=True)
class Scope:
    """Figures of the whole network beside a filtered part of it."""

    filtered: bool
    """The part is not the whole (a filter other than the day is set)."""
    actors: int
    cooperations: int
    isolated: int
    """Actors of the whole network without any cooperation."""
    outside: dict[Any, int] = field(default_factory=dict)
    """Cooperations outside the part, per actor of the part (only those that have some)."""

    def split(self, isolated: Iterable[Any]) -> tuple[list[Any], list[Any]]:
        """``isolated`` (actors without cooperation in the part) as (without any
        cooperation at all, with cooperations only outside the part), order kept."""
        alone: list[Any] = []
        elsewhere: list[Any] = []
        for n in isolated:
            (elsewhere if self.outside.get(n) else alone).append(n)
        return alone, elsewhere


def scope(part: nx.Graph, whole: nx.Graph, *, filtered: bool) -> Scope:
    """The whole network's figures and, per actor of ``part``, its cooperations outside.

    Examples
    --------
    >>> whole = nx.Graph([(1, 2), (3, 4)]); whole.add_node(5)
    >>> part = whole.subgraph([1, 3, 5])
    >>> s = scope(part, whole, filtered=True)
    >>> (s.actors, s.cooperations, s.isolated, s.outside)
    (5, 2, 1, {1: 1, 3: 1})
    >>> s.split([1, 3, 5])
    ([5], [1, 3])
    """
    outside = {}
    if filtered:
        for n in part:
            if n in whole:
                extra = whole.degree(n) - part.degree(n)
                if extra > 0:
                    outside[n] = extra
    return Scope(
        filtered=filtered,
        actors=whole.number_of_nodes(),
        cooperations=whole.number_of_edges(),
        isolated=nx.number_of_isolates(whole),
        outside=outside,
    )


def of_selection(snap: snapshot.Snapshot, flt: Filter, part: nx.Graph) -> Scope:
    """The :class:`Scope` of ``part``, the graph ``flt`` selected from ``snap``: the whole
    network is the same snapshot on the same day, unfiltered otherwise."""
    same_day = Filter(as_of=flt.as_of)
    if flt == same_day:
        return scope(part, part, filtered=False)
    return scope(part, snapshot.select(snap, same_day), filtered=True)
