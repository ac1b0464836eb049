"""Value and trust of the cooperations in a network (an alliance, as the filter chooses it).

Partners rate each cooperation in a survey on two 1–4 scales (stored as ``value`` and
``trust`` on the cooperation, :data:`netzwerk.graph.core.model.SCALE`). PARTNER's question
is not how many ties an alliance has but whether they are worth something and reliable: a
dense alliance of low-value, low-trust ties needs other work than a sparse one of strong
ties. This module reads the ratings off the filtered graph: one row per tie, the actor ×
actor matrix of the rated ties, each actor's averages and the network's.

References
----------
Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions of
connectivity in public health collaboratives. *Journal of Public Health Management and
Practice*, 14(5), E1–E7.
Varda, D. M. (2011). Data-driven management strategies in public health collaboratives.
*Journal of Public Health Management and Practice*, 17(2), 122–132.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from statistics import fmean

import networkx as nx

MEASURES = ("value", "trust")


@dataclass(frozen=True)
class Tie:
    """One cooperation with its ratings (None: not rated)."""

    a: Hashable
    b: Hashable
    kind: str
    value: int | None
    trust: int | None

    @property
    def rated(self) -> bool:
        return self.value is not None or self.trust is not None


@dataclass(frozen=True)
class Average:
    """The mean of the given ratings of one measure and how many there are."""

    mean: float | None
    count: int


def _average(values: list[int | None]) -> Average:
    given = [v for v in values if v is not None]
    return Average(fmean(given) if given else None, len(given))


@dataclass
class ValueTrust:
    ties: list[Tie]
    """Every cooperation of the network, rated or not (sorted by the actors' names)."""
    overall: dict[str, Average]
    """Per measure, the mean over the rated ties."""
    by_actor: dict[Hashable, dict[str, Average]]
    """Per actor with a rated tie, per measure, the mean over its rated ties."""
    actors: list[Hashable] = field(default_factory=list)
    """The actors of the matrix: those with at least one rated tie, by name."""

    @property
    def rated(self) -> int:
        return sum(t.rated for t in self.ties)

    def cell(self, a: Hashable, b: Hashable) -> Tie | None:
        """The tie between two actors of the matrix (either order), if any."""
        return self._pairs.get((a, b))

    def __post_init__(self) -> None:
        self._pairs: dict[tuple[Hashable, Hashable], Tie] = {}
        for t in self.ties:
            self._pairs[(t.a, t.b)] = self._pairs[(t.b, t.a)] = t


def _scale(raw: object) -> int | None:
    """A stored rating if it is one of the scale's values (older or foreign data is not)."""
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 4 else None


def value_trust(g: nx.Graph) -> ValueTrust:
    """The ratings of the cooperations of ``g`` (a filtered cooperation graph)."""

    def name(v: Hashable) -> str:
        return str(g.nodes[v].get("name", v)).casefold()

    ties = []
    for a, b, d in g.edges(data=True):
        first, second = sorted((a, b), key=lambda v: (name(v), str(v)))
        ties.append(
            Tie(first, second, d.get("kind", ""), _scale(d.get("value")), _scale(d.get("trust")))
        )
    ties.sort(key=lambda t: (name(t.a), name(t.b), str(t.a), str(t.b)))
    rated = [t for t in ties if t.rated]
    overall = {m: _average([getattr(t, m) for t in rated]) for m in MEASURES}
    per: dict[Hashable, list[Tie]] = {}
    for t in rated:
        per.setdefault(t.a, []).append(t)
        per.setdefault(t.b, []).append(t)
    by_actor = {
        v: {m: _average([getattr(t, m) for t in own]) for m in MEASURES} for v, own in per.items()
    }
    actors = sorted(per, key=lambda v: (name(v), str(v)))
    return ValueTrust(ties, overall, by_actor, actors)
