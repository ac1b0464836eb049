"""Alliance reach: who works on an alliance's topics but is not a member, and how much
alliances overlap.

An alliance (Bündnis) is only as strong as the actors it gathers. Actors that work on its
topics — and, if the alliance names stages or regions, on those stages and in those
regions — but are not members are **candidates**: people to invite. Candidates already
cooperating with members are the easiest to win (``links_to_members``).

**Overlap** (Jaccard index of the member sets: shared members / all members of either)
shows alliances that gather the same people: a chance to merge meetings, or a sign of
fatigue among the few who sit everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from netzwerk.graph.analysis._util import Profile, local_regions, vocab


@dataclass
class Candidate:
    actor: Any
    alliance: str
    shared_topics: list[str]
    shared_stages: list[str] = field(default_factory=list)
    links_to_members: int = 0

    @property
    def score(self) -> int:
        return len(self.shared_topics) * 2 + len(self.shared_stages) + self.links_to_members


@dataclass
class AllianceReach:
    alliance: str
    members: list[Any]
    candidates: list[Candidate]


def alliance_reach(g: nx.Graph, profiles: dict[str, Profile]) -> list[AllianceReach]:
    """Non-members matching each alliance's topics (and stages/regions if it names any).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("m", alliances={"al"}, topics={"mint"}, stages=set(), active_in=())
    >>> g.add_node("x", alliances=set(), topics={"mint"}, stages=set(), active_in=())
    >>> g.add_node("y", alliances=set(), topics={"kultur"}, stages=set(), active_in=())
    >>> g.add_edge("m", "x")
    >>> r = alliance_reach(g, {"al": Profile("al", "Alliance", "MINT", topics=frozenset({"mint"}))})
    >>> [(c.actor, c.shared_topics, c.links_to_members) for c in r[0].candidates]
    [('x', ['mint'], 1)]
    """
    v = vocab(g)
    out = []
    for prof in sorted(
        (p for p in profiles.values() if p.label == "Alliance"), key=lambda p: p.name.casefold()
    ):
        members = {n for n, d in g.nodes(data=True) if prof.id in d.get("alliances", ())}
        candidates = []
        if prof.topics:
            for n, d in g.nodes(data=True):
                if n in members:
                    continue
                topics = prof.topics & set(d.get("topics", ()))
                if not topics:
                    continue
                stages = prof.stages & set(d.get("stages", ()))
                if prof.stages and not stages:
                    continue
                if prof.active_in and not (prof.active_in & local_regions(v, d)):
                    continue
                links = sum(1 for m in g.neighbors(n) if m in members)
                candidates.append(Candidate(n, prof.id, sorted(topics), sorted(stages), links))
        candidates.sort(key=lambda c: (-c.score, str(g.nodes[c.actor].get("name", c.actor))))
        out.append(AllianceReach(prof.id, sorted(members, key=str), candidates))
    return out


@dataclass(frozen=True)
class Overlap:
    a: str
    b: str
    shared: int
    jaccard: float


def alliance_overlap(g: nx.Graph) -> list[Overlap]:
    """Jaccard overlap of alliance memberships for every pair with a shared member.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([(1, {"alliances": {"a", "b"}}), (2, {"alliances": {"a"}}),
    ...                   (3, {"alliances": {"b"}})])
    >>> [(o.a, o.b, o.shared, round(o.jaccard, 2)) for o in alliance_overlap(g)]
    [('a', 'b', 1, 0.33)]
    """
    members: dict[str, set[Any]] = {}
    for n, d in g.nodes(data=True):
        for al in d.get("alliances", ()):
            members.setdefault(al, set()).add(n)
    out = []
    for a, b in combinations(sorted(members), 2):
        shared = len(members[a] & members[b])
        if shared:
            out.append(Overlap(a, b, shared, shared / len(members[a] | members[b])))
    return sorted(out, key=lambda o: (-o.jaccard, o.a, o.b))
