"""Planted-community networks: synthetic education regions whose groups are known.

``planted(5_000, 25_000)`` gives actors in groups of 20–200 (a group is a local working
context: one Stadtteil or VG, one or two actor kinds), 80 % of the cooperations inside a
group and 20 % between groups, and a few hubs (0.5 % of the actors draw 20 times as many
cooperations, inside and outside their group, like a Kreisverwaltung or a VHS). Because
the groups are planted, a community method can be scored against them (NMI), and the
network is large and hub-heavy enough that sampled betweenness must be checked against the
exact one.

Deterministic per ``seed``; returned as a :class:`netzwerk.graph.network.snapshot.Snapshot` without
fingerprint, so :func:`netzwerk.graph.network.snapshot.select` builds the graph the pages use.

Real regions are more hub-heavy than 0.5 % of hubs at 20×: the Bildungsbüro, the VHS, the
Jobcenter cooperate with hundreds, and the degrees fall off like a power law. Two more
shapes, with the same planted groups (so communities are scored the same way), cover that:

* :func:`preferential` — preferential attachment within the groups (Barabási–Albert [1]_):
  actors join one by one and link to earlier actors with probability proportional to their
  links so far, 80 % inside the own group;
* :func:`pareto` — the endpoints of every cooperation drawn with Pareto-distributed weights
  (shape :data:`PARETO_SHAPE`, a few actors draw hundreds of times the median), the expected
  degrees of a Chung–Lu graph [2]_ with planted groups.

:data:`SHAPES` names all three; every analysis benchmark reports each.

References
----------
.. [1] A.-L. Barabási and R. Albert, "Emergence of scaling in random networks", Science
   286(5439), 509–512, 1999.
.. [2] F. Chung and L. Lu, "Connected components in random graphs with given expected
   degree sequences", Annals of Combinatorics 6, 125–145, 2002.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Any

from netzwerk.graph.network.snapshot import Snapshot, Vocabulary

STAGES = [
    "frühkindlich",
    "Primarstufe",
    "Sekundarstufe I",
    "Sekundarstufe II",
    "Berufliche Bildung",
    "Hochschule",
    "Weiterbildung/Erwachsenenbildung",
]
KINDS = [
    "Schule",
    "Kita",
    "Verein/Initiative",
    "Unternehmen",
    "Bibliothek",
    "VHS/Weiterbildung",
    "Beratungsstelle",
    "Migrantenorganisation",
]
INSIDE = 0.8
HUB_SHARE = 0.005
HUB_WEIGHT = 20.0
PARETO_SHAPE = 1.6
"""Tail of the endpoint weights: 1.6 gives a largest degree of about 1 % of all links at
5,000 actors (and 40× the median degree), as in measured inter-organisational networks."""


def vocabulary() -> Vocabulary:
    """Seven stages, twelve topics, a Stadt and a Landkreis with twelve parts each."""
    v = Vocabulary()
    for i, s in enumerate(STAGES):
        v.stages[f"stage-{i}"] = s
        v.stage_order[f"stage-{i}"] = i + 1
    v.topics = {f"topic-{i}": f"Thema {i}" for i in range(12)}
    v.target_groups = {f"tg-{i}": f"Zielgruppe {i}" for i in range(10)}
    v.alliances = {f"alliance-{i}": f"Bündnis {i}" for i in range(8)}
    v.projects = {f"project-{i}": f"Projekt {i}" for i in range(12)}
    for area, kind, part_kind in (
        ("stadt", "Stadt", "Stadtteil"),
        ("kreis", "Landkreis", "Verbandsgemeinde"),
    ):
        v.regions[f"region-{area}"] = f"{kind} Bench"
        v.region_kind[f"region-{area}"] = kind
        for j in range(12):
            rid = f"region-{area}-{j}"
            v.regions[rid] = f"{part_kind} {j}"
            v.region_kind[rid] = part_kind
            v.region_parent[rid] = f"region-{area}"
    return v


@dataclass
class Planted:
    snapshot: Snapshot
    groups: dict[str, int]
    """Actor id → planted group."""
    hubs: list[str]
    seed: int


def _pick(rnd: random.Random, items: list[str], cum: list[float]) -> str:
    return items[bisect(cum, rnd.random() * cum[-1])]


def _actors(
    rnd: random.Random, n: int, weigh: Callable[[random.Random], float], hub_share: float = 0.0
) -> tuple[list[dict[str, Any]], dict[str, int], list[list[str]], dict[str, float]]:
    """``n`` actors in planted groups of 20–200; a share ``hub_share`` of them are hubs of
    weight :data:`HUB_WEIGHT`, the others weigh what ``weigh`` draws. The actors, their
    groups, the members of each group and the weights."""
    v = vocabulary()
    parts = list(v.region_parent)
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(rnd.randint(20, 200))
    sizes[-1] -= sum(sizes) - n
    if sizes[-1] < 20 and len(sizes) > 1:  # fold a too-small rest into the previous group
        sizes[-2] += sizes.pop()
    actors: list[dict[str, Any]] = []
    groups: dict[str, int] = {}
    members: list[list[str]] = []
    weight: dict[str, float] = {}
    for gi, size in enumerate(sizes):
        part = rnd.choice(parts)
        kinds = rnd.sample(KINDS, 2)
        stage = rnd.randrange(len(STAGES))
        topics = rnd.sample(list(v.topics), 3)
        ids = []
        for _ in range(size):
            i = len(actors)
            aid = f"actor-{i:06d}"
            hub = rnd.random() < hub_share
            actors.append(
                {
                    "id": aid,
                    "name": f"Akteur {i}",
                    "short_name": "",
                    "kind": rnd.choice(kinds) if rnd.random() < 0.9 else rnd.choice(KINDS),
                    "sponsorship": "",
                    "town": "",
                    "located_in": part if rnd.random() < 0.9 else rnd.choice(parts),
                    "active_in": [v.region_parent[part]] if hub else [],
                    "topics": rnd.sample(topics, rnd.randint(1, 2)),
                    "stages": [f"stage-{stage}"]
                    + ([f"stage-{min(stage + 1, 6)}"] if rnd.random() < 0.3 else []),
                    "target_groups": rnd.sample(list(v.target_groups), rnd.randint(1, 2)),
                    "alliances": [
                        {"id": a, "role": "Mitglied", "since": None, "until": None}
                        for a in v.alliances
                        if rnd.random() < 0.03
                    ],
                    "projects": [
                        {"id": p, "role": "Partner", "since": None, "until": None}
                        for p in v.projects
                        if rnd.random() < 0.02
                    ],
                }
            )
            groups[aid] = gi
            weight[aid] = HUB_WEIGHT if hub else weigh(rnd)
            ids.append(aid)
        members.append(ids)
    return actors, groups, members, weight


def _cooperation(rnd: random.Random, number: int, a: str, b: str) -> dict[str, Any]:
    return {
        "id": f"coop-{number:07d}",
        "a": a,
        "b": b,
        "kind": "Informationsaustausch",
        "intensity": 1,
        "since": date(2010 + rnd.randrange(16), 1 + rnd.randrange(12), 1),
        "until": None,
        "source": "",
    }


def _weighted_links(
    rnd: random.Random,
    m: int,
    groups: dict[str, int],
    members: list[list[str]],
    weight: dict[str, float],
) -> list[dict[str, Any]]:
    """``m`` cooperations, both ends drawn by weight, :data:`INSIDE` of them in a group."""
    everyone = list(groups)
    cum_all = list(accumulate(weight[a] for a in everyone))
    cum_group = [list(accumulate(weight[a] for a in ids)) for ids in members]
    pairs: set[tuple[str, str]] = set()
    coops: list[dict[str, Any]] = []
    while len(coops) < m:
        a = _pick(rnd, everyone, cum_all)
        gi = groups[a]
        if rnd.random() < INSIDE:
            b = _pick(rnd, members[gi], cum_group[gi])
        else:
            b = _pick(rnd, everyone, cum_all)
            if groups[b] == gi:
                continue
        key = (min(a, b), max(a, b))
        if a == b or key in pairs:
            continue
        pairs.add(key)
        coops.append(_cooperation(rnd, len(coops), *key))
    return coops


def _hubs(coops: list[dict[str, Any]], n: int) -> list[str]:
    """The 0.5 % of actors with the most cooperations (at least one)."""
    degree: dict[str, int] = {}
    for c in coops:
        for end in (c["a"], c["b"]):
            degree[end] = degree.get(end, 0) + 1
    ranked = sorted(degree, key=lambda a: (-degree[a], a))
    return ranked[: max(1, int(n * HUB_SHARE))]


def planted(n: int, m: int, seed: int = 7) -> Planted:
    """A planted-community network of ``n`` actors and ``m`` cooperations (see module)."""
    rnd = random.Random(seed)

    actors, groups, members, weight = _actors(rnd, n, lambda r: r.uniform(0.5, 1.5), HUB_SHARE)
    coops = _weighted_links(rnd, m, groups, members, weight)
    hubs = [a for a in groups if weight[a] >= HUB_WEIGHT]
    return Planted(
        Snapshot(actors=actors, cooperations=coops, vocabulary=vocabulary()), groups, hubs, seed
    )


def pareto(n: int, m: int, seed: int = 7) -> Planted:
    """Planted groups, endpoints drawn with Pareto weights (Chung–Lu, see module)."""
    rnd = random.Random(seed)
    actors, groups, members, weight = _actors(rnd, n, lambda r: r.paretovariate(PARETO_SHAPE))
    coops = _weighted_links(rnd, m, groups, members, weight)
    snap = Snapshot(actors=actors, cooperations=coops, vocabulary=vocabulary())
    return Planted(snap, groups, _hubs(coops, n), seed)


def preferential(n: int, m: int, seed: int = 7) -> Planted:
    """Planted groups grown by preferential attachment (Barabási–Albert, see module): in a
    random order every actor links to about m/n earlier ones, each chosen with probability
    proportional to its links so far plus one, :data:`INSIDE` of them in its own group."""
    rnd = random.Random(seed)
    actors, groups, members, _ = _actors(rnd, n, lambda r: 1.0)
    order = list(groups)
    rnd.shuffle(order)
    per = m / n
    # every actor appears once per link plus once: a uniform pick from these lists is a
    # pick proportional to links + 1
    ends_all: list[str] = []
    ends_group: list[list[str]] = [[] for _ in members]
    pairs: set[tuple[str, str]] = set()
    coops: list[dict[str, Any]] = []
    for i, a in enumerate(order):
        gi = groups[a]
        want = int(per * (i + 1)) - int(per * i) if i else 0
        tries = 0
        while want and tries < 50 * want and len(coops) < m:
            tries += 1
            inside = rnd.random() < INSIDE and ends_group[gi]
            pool = ends_group[gi] if inside else ends_all
            if not pool:
                break
            b = rnd.choice(pool)
            key = (min(a, b), max(a, b))
            if a == b or key in pairs or (not inside and groups[b] == gi):
                continue
            pairs.add(key)
            coops.append(_cooperation(rnd, len(coops), *key))
            for end in (a, b):
                ends_all.append(end)
                ends_group[groups[end]].append(end)
            want -= 1
        ends_all.append(a)
        ends_group[gi].append(a)
    snap = Snapshot(actors=actors, cooperations=coops, vocabulary=vocabulary())
    return Planted(snap, groups, _hubs(coops, n), seed)


SHAPES: dict[str, Callable[..., Planted]] = {
    "planted": planted,
    "preferential": preferential,
    "pareto": pareto,
}
"""Every network shape the analysis benchmarks report, by name."""
