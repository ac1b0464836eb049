"""Brokerage roles (Gould–Fernandez): who connects whom, inside or across sectors.

An actor *brokers* between two of its partners who do not cooperate with each other. What
kind of broker it is depends on the groups of the three (actor kind, earliest education
stage, or Stadt/Landkreis — see :data:`netzwerk.graph.analysis._util.GROUPINGS`):

=========================  ===================  =====================================
role                       groups (A – B – C)   meaning for the network
=========================  ===================  =====================================
coordinator                A = B = C            connects within its own sector
gatekeeper/representative  B = A ≠ C or A ≠ C   opens its sector to another (or
                           = B                  speaks for it outside)
itinerant (consultant)     A = C ≠ B            an outsider linking two of one sector
liaison                    A ≠ B ≠ C ≠ A        links sectors that are not its own
=========================  ===================  =====================================

Gould and Fernandez defined five roles for directed ties; gatekeeper (takes in from
outside) and representative (passes on to outside) differ only by direction. Cooperations
here have no direction, so every such triad is both, and the two are reported together.

What to do: liaisons and gatekeepers carry the exchange between sectors — if few actors
hold these roles for a pair of sectors, that exchange is fragile; ask them, and add a
second one. A sector whose brokerage is all coordination keeps to itself.

Counted for every actor at once: all pairs of partners by group (combinatorics on the
partner counts per group), minus the closed pairs (triangles, from igraph). Tested against
a direct enumeration of every open triad.

References
----------
.. [1] R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach to
   brokerage in transaction networks", Sociological Methodology 19, 89–126, 1989.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from netzwerk.graph.analysis._kernel import edge_array, indexed, per_graph, triangles
from netzwerk.graph.analysis._util import groups_of
from netzwerk.graph.core.i18n import N_

ROLES = ("coordinator", "gatekeeper", "itinerant", "liaison")
"""Role keys; ``gatekeeper`` stands for gatekeeper and representative together."""
ROLE_TITLES = {
    "coordinator": N_("Koordinator"),
    "gatekeeper": N_("Torwächter/Vertreter"),
    "itinerant": N_("Berater von außen"),
    "liaison": N_("Verbindungsglied"),
}


@dataclass
class Brokerage:
    by: str
    """The grouping (``kind``, ``stage`` or ``area``)."""
    counts: dict[Hashable, dict[str, int]]
    """Actor → role → open triads it brokers in that role (actors with a group only)."""
    role: dict[Hashable, str]
    """Actor → its most frequent role ("" if it brokers nothing)."""
    totals: dict[str, int] = field(default_factory=dict)
    by_group: dict[str, dict[str, int]] = field(default_factory=dict)
    """Group → role → triads brokered by members of that group."""

    def leaders(self, role: str, limit: int = 10) -> list[tuple[Hashable, int]]:
        """The actors brokering most in ``role``, most first."""
        ranked = sorted(
            ((n, c[role]) for n, c in self.counts.items() if c[role]),
            key=lambda nc: (-nc[1], str(nc[0])),
        )
        return ranked[:limit]


def _closed(ga: np.ndarray, gb: np.ndarray, gc: np.ndarray) -> np.ndarray:
    """Role index (0–3) of the pair (a, c) brokered by b, for arrays of known groups."""
    same_a, same_c = ga == gb, gc == gb
    return np.select(
        [same_a & same_c, same_a ^ same_c, ga == gc],
        [0, 1, 2],
        default=3,
    )


def brokerage(g: nx.Graph, by: str = "kind") -> Brokerage:
    """Gould–Fernandez brokerage counts of every actor, groups by ``by``.

    Examples
    --------
    Schule 2 links Kita 1 with Schule 3 and Schule 3 with Kita 4 (Kitas 1 and 4 cooperate,
    so 2 does not broker between them); Kita 1 links the two Schulen 2 and 5 (from
    outside) and Kita 4 with Schule 5:

    >>> g = nx.Graph([(1, 2), (2, 3), (2, 4), (1, 4), (1, 5)])
    >>> kinds = {1: "Kita", 2: "Schule", 3: "Schule", 4: "Kita", 5: "Schule"}
    >>> nx.set_node_attributes(g, kinds, "kind")
    >>> b = brokerage(g)
    >>> b.counts[2], b.role[2]
    ({'coordinator': 0, 'gatekeeper': 2, 'itinerant': 0, 'liaison': 0}, 'gatekeeper')
    >>> b.counts[1], b.role[3]
    ({'coordinator': 0, 'gatekeeper': 1, 'itinerant': 1, 'liaison': 0}, '')
    """

    def compute() -> Brokerage:
        ix = indexed(g)
        n = ix.n
        names = groups_of(g, by)
        labels = sorted(set(names.values()))
        code = {name: i for i, name in enumerate(labels)}
        group = np.full(n, -1, dtype=np.int64)
        for v, name in names.items():
            group[ix.index[v]] = code[name]
        k = max(len(labels), 1)
        edges = edge_array(g)
        src = np.concatenate([edges[:, 0], edges[:, 1]])
        dst = np.concatenate([edges[:, 1], edges[:, 0]])
        ok = group[dst] >= 0
        per = np.bincount(src[ok] * k + group[dst[ok]], minlength=n * k).reshape(n, k)
        known = per.sum(axis=1)
        own = np.where(group >= 0, per[np.arange(n), np.maximum(group, 0)], 0)
        pairs_same = (per * (per - 1) // 2).sum(axis=1)
        coord = own * (own - 1) // 2
        gate = own * (known - own)
        itin = pairs_same - coord
        liaison = known * (known - 1) // 2 - coord - gate - itin
        counts = np.stack([coord, gate, itin, liaison], axis=1)
        tri = triangles(g)
        for b, a, c in ((0, 1, 2), (1, 0, 2), (2, 0, 1)):
            gb, ga, gc = group[tri[:, b]], group[tri[:, a]], group[tri[:, c]]
            known_all = (gb >= 0) & (ga >= 0) & (gc >= 0)
            roles = _closed(ga[known_all], gb[known_all], gc[known_all])
            np.subtract.at(counts, (tri[known_all, b], roles), 1)
        counts[group < 0] = 0
        out_counts: dict[Hashable, dict[str, int]] = {}
        out_role: dict[Hashable, str] = {}
        by_group = {name: dict.fromkeys(ROLES, 0) for name in labels}
        for i, v in enumerate(ix.nodes):
            if group[i] < 0:
                continue
            row = {role: int(counts[i, r]) for r, role in enumerate(ROLES)}
            out_counts[v] = row
            best = int(np.argmax(counts[i]))
            out_role[v] = ROLES[best] if counts[i, best] > 0 else ""
            for role, value in row.items():
                by_group[labels[group[i]]][role] += value
        totals = {role: int(counts[:, r].sum()) for r, role in enumerate(ROLES)}
        return Brokerage(by, out_counts, out_role, totals, by_group)

    return per_graph(g, ("brokerage", by), compute)
