"""Ring layouts: one actor and its partners (radial), alliances and their members
(bipartite). Both place a few hundred nodes at most, directly, without forces between all
pairs; see :mod:`netzwerk.graph.pictures.layout` for the network picture's multilevel layout."""

from __future__ import annotations

import math
import time
from collections.abc import Hashable

import networkx as nx
import numpy as np

from netzwerk.graph.pictures.layout import (
    UNIT,
    Layout,
    Position,
    append_grid,
    group_layout,
    seeded_rng,
)


def radial_layout(g: nx.Graph, centre: Hashable, depth: int = 2) -> Layout:
    """Ego picture: the actor in the middle, partners on a ring, their partners outside,
    each next to the partner that links them (sectors sized by how many hang below)."""
    started = time.perf_counter()
    dist = nx.single_source_shortest_path_length(g, centre, cutoff=depth)
    ring1 = sorted(
        (v for v, d in dist.items() if d == 1), key=lambda v: str(g.nodes[v].get("name", v))
    )
    parent: dict[Hashable, Hashable] = {}
    for v in sorted((v for v, d in dist.items() if d == 2), key=str):
        parent[v] = min((u for u in g[v] if dist.get(u) == 1), key=lambda u: ring1.index(u))
    children: dict[Hashable, list[Hashable]] = {u: [] for u in ring1}
    for v, u in parent.items():
        children[u].append(v)
    positions: dict[Hashable, Position] = {centre: (0.0, 0.0)}
    total = sum(1 + len(children[u]) for u in ring1) or 1
    r1 = max(UNIT * 2.5, UNIT * 1.1 * len(ring1) / (2 * math.pi))
    r2 = r1 + max(UNIT * 2.5, UNIT * 0.9 * len(parent) / (2 * math.pi) - r1 * 0.3)
    angle = -math.pi / 2
    for u in ring1:
        share = 2 * math.pi * (1 + len(children[u])) / total
        mid = angle + share / 2
        positions[u] = (r1 * math.cos(mid), r1 * math.sin(mid))
        kids = sorted(children[u], key=lambda v: str(g.nodes[v].get("name", v)))
        for j, v in enumerate(kids):
            a = angle + share * (j + 0.5) / len(kids)
            rr = r2 + (j % 2) * UNIT * 0.9 if len(kids) * UNIT > share * r2 else r2
            positions[v] = (rr * math.cos(a), rr * math.sin(a))
        angle += share
    community = {v: d for v, d in dist.items()}
    return Layout(positions, community, time.perf_counter() - started)


def _sunflower(count: int, start: float, spacing: float = 1.0) -> np.ndarray:
    """``count`` points around a centre, evenly filling rings from radius ``start``."""
    i = np.arange(count)
    r = np.sqrt(start**2 + i * spacing**2 * 1.1)
    theta = i * 2.399963  # golden angle
    return np.column_stack((r * np.cos(theta), r * np.sin(theta)))


def bipartite_layout(b: nx.Graph, seed: int = 7) -> Layout:  # noqa: C901 (complexity 15: lower, never raise)
    """Alliances/projects (nodes with ``bipartite=1``) and their members: groups far apart,
    arranged by shared members; an actor in one group sits in a ring around it, actors in
    several groups sit between them, clustered by the exact set of groups they share."""
    started = time.perf_counter()
    groups = sorted((v for v, d in b.nodes(data=True) if d.get("bipartite") == 1), key=str)
    gi = {g: i for i, g in enumerate(groups)}
    single: dict[Hashable, list[Hashable]] = {g: [] for g in groups}
    multi: dict[tuple[int, ...], list[Hashable]] = {}
    lonely = []
    for v, d in sorted(b.nodes(data=True), key=lambda item: str(item[1].get("name", item[0]))):
        if d.get("bipartite") == 1:
            continue
        mine = tuple(sorted(gi[g] for g in b[v] if g in gi))
        if not mine:
            lonely.append(v)
        elif len(mine) == 1:
            single[groups[mine[0]]].append(v)
        else:
            multi.setdefault(mine, []).append(v)
    shared: dict[tuple[int, int], float] = {}
    for key, members in multi.items():
        for x in range(len(key)):
            for y in range(x + 1, len(key)):
                pair = (key[x], key[y])
                shared[pair] = shared.get(pair, 0) + len(members) / (len(key) - 1)
    # Groups on a ring, in the angular order a force layout of their overlaps gives (so
    # groups sharing members are neighbours); members of one group in a cluster outside
    # the ring, members of several groups inside, at the mean of their groups' places.
    rough = group_layout(len(groups), shared, iterations=150, rng=seeded_rng(seed, groups))
    order = sorted(range(len(groups)), key=lambda i: math.atan2(rough[i][1], rough[i][0]))
    cluster = [math.sqrt(len(single[g]) * 1.1) for g in groups]
    arcs = [2 * max(5.2, cluster[i] + 1.5) for i in order]
    radius = max(4.0, sum(arcs) / (2 * math.pi))
    centres = np.zeros((len(groups), 2))
    angle = -math.pi / 2
    for i, arc in zip(order, arcs, strict=True):
        mid = angle + arc / radius / 2 if len(groups) > 1 else angle
        r = radius
        centres[i] = (r * math.cos(mid), r * math.sin(mid)) if len(groups) > 1 else 0
        angle += arc / radius
    positions: dict[Hashable, Position] = {}
    for g in groups:
        c = centres[gi[g]]
        positions[g] = (float(c[0]) * UNIT, float(c[1]) * UNIT)
        norm = float(np.hypot(*c)) or 1.0
        outward = c / norm * (cluster[gi[g]] + 2.0) if len(groups) > 1 else np.array([0, 2.0])
        ring = _sunflower(len(single[g]), 0.0, 1.0) + c + outward
        for v, (x, y) in zip(single[g], ring, strict=True):
            positions[v] = (float(x) * UNIT, float(y) * UNIT)
    for key, members in sorted(multi.items()):
        c = centres[list(key)].mean(axis=0) * 0.6
        spot = _sunflower(len(members), 0.0, 0.9) + c
        for v, (x, y) in zip(members, spot, strict=True):
            positions[v] = (float(x) * UNIT, float(y) * UNIT)
    append_grid(positions, lonely)
    community = {v: -1 for v in b}
    for g in groups:
        community[g] = gi[g]
        for v in single[g]:
            community[v] = gi[g]
    return Layout(positions, community, time.perf_counter() - started)
