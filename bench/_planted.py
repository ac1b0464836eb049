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
"""

from __future__ import annotations

import random
from bisect import bisect
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


def planted(n: int, m: int, seed: int = 7) -> Planted:
    """A planted-community network of ``n`` actors and ``m`` cooperations (see module)."""
    rnd = random.Random(seed)
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
    hubs: list[str] = []
    for gi, size in enumerate(sizes):
        part = rnd.choice(parts)
        kinds = rnd.sample(KINDS, 2)
        stage = rnd.randrange(len(STAGES))
        topics = rnd.sample(list(v.topics), 3)
        ids = []
        for _ in range(size):
            i = len(actors)
            aid = f"actor-{i:06d}"
            hub = rnd.random() < HUB_SHARE
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
            weight[aid] = HUB_WEIGHT if hub else rnd.uniform(0.5, 1.5)
            if hub:
                hubs.append(aid)
            ids.append(aid)
        members.append(ids)
    everyone = [a["id"] for a in actors]
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
        coops.append(
            {
                "id": f"coop-{len(coops):07d}",
                "a": key[0],
                "b": key[1],
                "kind": "Informationsaustausch",
                "intensity": 1,
                "since": date(2010 + rnd.randrange(16), 1 + rnd.randrange(12), 1),
                "until": None,
                "source": "",
            }
        )
    snap = Snapshot(actors=actors, cooperations=coops, vocabulary=v)
    return Planted(snap, groups, hubs, seed)
