"""Mixing: how closed are sectors, stages and the two areas?

The **E–I index** of a group is (E − I) / (E + I), with E its cooperations to actors of
other groups and I those inside it: −1 means the group keeps entirely to itself, +1 that
it only cooperates outside. Because a large group finds more partners inside by chance,
each value is shown beside the value **expected if partners were chosen at random**
(every actor of the network equally likely): a group far below its expected value is
closed, whatever its size. The **mixing matrix** counts cooperations between every pair
of groups; an empty cell between two large groups is a gap between two worlds (Kitas
and Unternehmen, the city and the district).

What to do: for a closed group, look at the matrix row for the groups it never meets, and
plan a format that brings them together (Fachtag, Hospitation, a shared project).

Groups as in :data:`netzwerk.graph.analysis._util.GROUPINGS` (actor kind, earliest stage,
Stadt/Landkreis); actors without a group are left out of the counts.

References
----------
.. [1] D. Krackhardt and R. N. Stern, "Informal networks and organizational crises: an
   experimental simulation", Social Psychology Quarterly 51(2), 123–140, 1988.
.. [2] M. E. J. Newman, "Mixing patterns in networks", Physical Review E 67, 026126, 2003.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from netzwerk.graph.analysis._kernel import edge_array, indexed
from netzwerk.graph.analysis._util import groups_of


@dataclass(frozen=True)
class GroupMixing:
    group: str
    actors: int
    internal: int
    """Cooperations with both partners in the group."""
    external: int
    """Cooperations from the group to another group."""
    expected: float
    """E–I index expected if partners were drawn at random from all grouped actors."""

    @property
    def ei(self) -> float | None:
        total = self.internal + self.external
        return (self.external - self.internal) / total if total else None


@dataclass
class Mixing:
    by: str
    groups: list[GroupMixing]
    """Largest group first."""
    matrix: dict[tuple[str, str], int] = field(default_factory=dict)
    """Cooperations between two groups, both orders filled (a, b) and (b, a)."""
    internal: int = 0
    external: int = 0
    expected: float = 0.0

    @property
    def ei(self) -> float | None:
        total = self.internal + self.external
        return (self.external - self.internal) / total if total else None

    def cell(self, a: str, b: str) -> int:
        return self.matrix.get((a, b), 0)


def mixing(g: nx.Graph, by: str = "kind") -> Mixing:
    """E–I index of the whole network and of every group, and the mixing matrix.

    Examples
    --------
    Two Kitas cooperate with each other and one with a Schule; the Schule also cooperates
    with a second Schule:

    >>> g = nx.Graph([("k1", "k2"), ("k1", "s1"), ("s1", "s2")])
    >>> nx.set_node_attributes(g, {"k1": "Kita", "k2": "Kita", "s1": "Schule",
    ...                            "s2": "Schule"}, "kind")
    >>> m = mixing(g)
    >>> m.internal, m.external, round(m.ei, 3), round(m.expected, 3)
    (2, 1, -0.333, 0.333)
    >>> [(x.group, x.internal, x.external, round(x.ei, 3)) for x in m.groups]
    [('Kita', 1, 1, 0.0), ('Schule', 1, 1, 0.0)]
    >>> m.cell("Kita", "Schule"), m.cell("Schule", "Kita"), m.cell("Kita", "Kita")
    (1, 1, 1)
    """
    names = groups_of(g, by)
    sizes = Counter(names.values())
    n = sum(sizes.values())
    labels = sorted(sizes)
    k = max(len(labels), 1)
    code = {name: i for i, name in enumerate(labels)}
    ix = indexed(g)
    group = np.full(ix.n, -1, dtype=np.int64)
    for v, name in names.items():
        group[ix.index[v]] = code[name]
    edges = edge_array(g)
    gu, gv = group[edges[:, 0]], group[edges[:, 1]]
    ok = (gu >= 0) & (gv >= 0)
    gu, gv = gu[ok], gv[ok]
    counts = np.bincount(gu * k + gv, minlength=k * k).reshape(k, k)
    counts = counts + counts.T - np.diag(np.diag(counts))  # both orders; inside once
    internal = {labels[i]: int(counts[i, i]) for i in range(len(labels))}
    external = {labels[i]: int(counts[i].sum() - counts[i, i]) for i in range(len(labels))}
    matrix = {
        (labels[i], labels[j]): int(counts[i, j])
        for i in range(len(labels))
        for j in range(len(labels))
        if counts[i, j]
    }
    across = int((gu != gv).sum())

    def expected_ei(inside_share: float) -> float:
        return 1.0 - 2.0 * inside_share

    groups = [
        GroupMixing(
            name,
            size,
            internal.get(name, 0),
            external.get(name, 0),
            expected_ei((size - 1) / (n - 1)) if n > 1 else 0.0,
        )
        for name, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    inside_pairs = sum(s * (s - 1) for s in sizes.values())
    overall = expected_ei(inside_pairs / (n * (n - 1))) if n > 1 else 0.0
    return Mixing(by, groups, matrix, sum(internal.values()), across, overall)
