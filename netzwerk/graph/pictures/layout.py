"""Server-side positions for network pictures that scale to tens of thousands of actors.

Why not ``networkx.spring_layout``? It needs ~6 s for 1,000 and ~74 s for 5,000 actors on
the project's machines, and a browser running vis-network's physics freezes the tab at that
size. Instead pictures are laid out here once, cached per filter and graph fingerprint, and
the browser only draws fixed positions (physics off).

The layout is multilevel ("communities first, then within"):

1. actors without any cooperation are set aside and placed in a tidy grid below the picture;
2. the rest is split into communities (netzwerk's one community method, Leiden, the same
   groups the report shows), the communities are laid out as discs sized by their member count
   (force-directed on the graph of communities, weighted by the links between them, then
   pushed apart until no discs overlap);
3. each community is laid out inside its disc, recursively if it is still large, with a
   vectorised Fruchterman–Reingold (numpy, O(n²) per step but n ≤ ``LEAF_MAX``).

Positions are in vis-network pixels; neighbouring actors end up roughly ``UNIT`` apart, so
labels stay readable when zoomed in. Everything is seeded: the same graph gives the same
picture, and :class:`LayoutCache` keeps the positions of unchanged actors when a few actors
or links are added, so the picture does not jump after every edit.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from netzwerk.graph.analysis.metrics import communities
from netzwerk.graph.core.cache import Cache

UNIT = 70.0
LEAF_MAX = 400
SPLIT_MIN = 50
Position = tuple[float, float]


@dataclass
class Layout:
    """Positions (pixels) and the community index of every node (0 = largest community;
    nodes without links share the index ``-1``)."""

    positions: dict[Hashable, Position]
    community: dict[Hashable, int] = field(default_factory=dict)
    seconds: float = 0.0
    reused: int = 0  # how many positions were kept from a previous layout
    edges: int = 0  # links of the graph it was made for (see LayoutCache.get)


def seeded_rng(seed: int, salt: Iterable[Hashable] = ()) -> np.random.Generator:
    digest = hashlib.blake2b(repr(sorted(map(str, salt))[:50]).encode(), digest_size=8)
    return np.random.default_rng(seed ^ int.from_bytes(digest.digest(), "big"))


def group_layout(
    n: int,
    weight: Mapping[tuple[int, int], float],
    *,
    iterations: int,
    rng: np.random.Generator,
    scale: Callable[[np.ndarray], np.ndarray] = np.asarray,
) -> np.ndarray:
    """A force layout of ``n`` groups drawn together by what they share: ``weight`` maps a
    pair of group indices to how much, ``scale`` eases it (e.g. ``np.log1p``), and the
    weights are divided by the largest so that any sizes of groups give the same forces."""
    edges = np.array(list(weight), dtype=int).reshape(-1, 2)
    w = scale(np.array(list(weight.values()), dtype=float))
    return force_layout(n, edges, w / (w.max() if len(w) else 1), iterations=iterations, rng=rng)


def detect_communities(g: nx.Graph, seed: int = 7) -> list[set[Hashable]]:
    """Communities of a graph, largest first: netzwerk's one community method
    (:func:`netzwerk.graph.analysis.metrics.communities`, Leiden), so the picture's groups
    are the report's groups."""
    return [set(c) for c in communities(g, seed=seed)]


def force_layout(
    n: int,
    edges: np.ndarray,
    weights: np.ndarray | None = None,
    *,
    pos: np.ndarray | None = None,
    iterations: int = 80,
    rng: np.random.Generator | None = None,
    gravity: float = 0.05,
) -> np.ndarray:
    """Fruchterman–Reingold on ``n`` points, vectorised with numpy.

    ``edges`` is an (m, 2) index array. The result lies roughly in a square of side
    ``sqrt(n)`` (neighbours about 1 apart). A weak pull to the centre keeps disconnected
    pieces together instead of drifting to the edge.
    """
    rng = rng or np.random.default_rng(7)
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    p = rng.random((n, 2)) if pos is None else np.array(pos, dtype=float)
    k = 1.0 / math.sqrt(n)
    w = np.ones(len(edges)) if weights is None else np.asarray(weights, dtype=float)
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.array([], int),) * 2
    temperature = 0.1
    cool = temperature / (iterations + 1)
    kk = k * k
    for _ in range(iterations):
        x, y = p[:, 0], p[:, 1]
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        f = dx * dx
        f += dy * dy
        np.maximum(f, 1e-6, out=f)
        np.divide(kk, f, out=f)
        disp = np.empty((n, 2))
        disp[:, 0] = (dx * f).sum(axis=1)
        disp[:, 1] = (dy * f).sum(axis=1)
        if len(src):
            e = p[src] - p[dst]
            d = np.sqrt(np.einsum("ij,ij->i", e, e))
            fe = e * (d * w / k)[:, None]
            np.add.at(disp, src, -fe)
            np.add.at(disp, dst, fe)
        disp -= (p - p.mean(axis=0)) * gravity
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp))
        np.maximum(length, 1e-9, out=length)
        p += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cool
    p -= p.mean(axis=0)
    return p * math.sqrt(n)


def _separate(centres: np.ndarray, radii: np.ndarray, gap: float = 1.0, rounds: int = 60) -> None:
    """Push discs apart (in place) until none overlap, keeping their arrangement."""
    k = len(centres)
    if k < 2:
        return
    need = radii[:, None] + radii[None, :] + gap
    np.fill_diagonal(need, 0)
    for _ in range(rounds):
        delta = centres[:, None, :] - centres[None, :, :]
        d = np.sqrt(np.einsum("ijk,ijk->ij", delta, delta))
        np.fill_diagonal(d, np.inf)
        overlap = need - d
        overlap[overlap < 0] = 0
        if not overlap.any():
            return
        d = np.where(d < 1e-9, 1e-9, d)
        # zero distance: push along a fixed direction so coincident discs separate
        delta[np.isinf(d)] = 0
        move = np.einsum("ijk,ij->ik", delta, overlap / d / 2)
        # average, not sum, over the discs a disc overlaps: summing overshoots wildly when
        # many discs start on top of each other
        crowd = np.maximum((overlap > 0).sum(axis=1), 1)[:, None]
        centres += move / np.sqrt(crowd) * 1.05


def _normalise(p: np.ndarray, radius: float) -> np.ndarray:
    """Centre ``p`` and scale it so that half of the points lie within 0.6 ``radius``."""
    if len(p) == 1:
        return np.zeros((1, 2))
    p = p - p.mean(axis=0)
    r = np.sqrt((p**2).sum(axis=1))
    # the median, not the maximum: force layouts put hubs' partners in a dense core and a
    # few leaves far out; scaling by the outliers would squeeze the core into a blob
    spread = float(np.quantile(r, 0.5)) or 1.0
    return p * (radius * 0.6 / spread)


def _disc_radius(size: int) -> float:
    return 0.9 * math.sqrt(size) if size > 1 else 0.0


def _place(
    g: nx.Graph,
    nodes: list[Hashable],
    seed: int,
    depth: int = 0,
    parts: list[set[Hashable]] | None = None,
) -> np.ndarray:
    """Positions (units) of ``nodes`` of ``g``: direct force layout or communities first
    (``parts``: the communities of ``nodes`` if already known)."""
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adj = g.adj
    # Top level: communities first from ~50 nodes on (clearer than one hairball);
    # below that, communities are split again only while they exceed LEAF_MAX.
    if (depth > 0 and n <= LEAF_MAX) or n <= SPLIT_MIN or depth >= 3:
        pairs = [(i, index[b]) for a, i in index.items() for b in adj[a] if index.get(b, -1) > i]
        edges = np.array(pairs, dtype=int).reshape(-1, 2)
        iters = 50 if n <= 1000 else 30
        p = force_layout(n, edges, iterations=iters, rng=seeded_rng(seed, nodes))
        return _normalise(p, _disc_radius(n) * 1.1) if n > 1 else p
    sub = g.subgraph(nodes).copy()  # a copy: algorithms on subgraph views are ~5x slower
    parts = parts or detect_communities(sub, seed)
    if len(parts) == 1:  # cannot split further: one (slow-ish) force layout
        return _place(g, nodes, seed, depth=3)
    part_of = {}
    for i, part in enumerate(parts):
        for v in part:
            part_of[v] = i
    weight: dict[tuple[int, int], int] = {}
    for a, b in sub.edges():
        pa, pb = part_of[a], part_of[b]
        if pa != pb:
            key = (min(pa, pb), max(pa, pb))
            weight[key] = weight.get(key, 0) + 1
    # lay out each community first, so discs are as large as the drawings really are
    members = [sorted(part, key=str) for part in parts]
    inner = [_place(g, m, seed, depth + 1) for m in members]
    radii = np.array([float(np.quantile(np.hypot(p[:, 0], p[:, 1]), 0.85)) + 0.6 for p in inner])
    centres = group_layout(
        len(parts), weight, iterations=120, rng=seeded_rng(seed, nodes), scale=np.log1p
    )
    centres = _normalise(centres, math.sqrt(n) * 0.1) if len(parts) > 1 else centres
    _separate(centres, radii, gap=0.8, rounds=300)
    out = np.zeros((n, 2))
    for i, (m, p) in enumerate(zip(members, inner, strict=True)):
        for v, xy in zip(m, p, strict=True):
            out[index[v]] = xy + centres[i]
    return out


def compute_layout(g: nx.Graph, seed: int = 7) -> Layout:
    """A fresh layout of ``g`` (see the module docstring); positions in pixels."""
    started = time.perf_counter()
    linked = sorted((v for v in g if g.degree(v) > 0), key=str)
    lonely = sorted(
        (v for v in g if g.degree(v) == 0), key=lambda v: str(g.nodes[v].get("name", v))
    )
    # isolated nodes come back as singletons; dropping them avoids copying a subgraph
    parts = [p for p in detect_communities(g, seed) if len(p) > 1 or g.degree(next(iter(p)))]
    positions: dict[Hashable, Position] = {}
    if linked:
        p = _landscape(_place(g, linked, seed, parts=parts)) * UNIT
        positions = {v: (float(x), float(y)) for v, (x, y) in zip(linked, p, strict=True)}
    append_grid(positions, lonely)
    community: dict[Hashable, int] = dict.fromkeys(lonely, -1)
    for i, part in enumerate(parts):
        for v in part:
            community[v] = i
    return Layout(positions, community, time.perf_counter() - started)


ASPECT = 1.45
"""Width : height the pictures aim at (a browser canvas beside the legend, a landscape page)."""


def _landscape(p: np.ndarray) -> np.ndarray:
    """Turn a drawing so that its longest extent runs across (principal axis horizontal):
    a long diagonal cluster otherwise leaves half of a wide canvas empty."""
    if len(p) < 3:
        return p
    centred = p - p.mean(axis=0)
    _, vecs = np.linalg.eigh(np.cov(centred.T))
    major = vecs[:, -1]
    angle = -math.atan2(major[1], major[0])
    c, s = math.cos(angle), math.sin(angle)
    return centred @ np.array([[c, s], [-s, c]])


def append_grid(positions: dict[Hashable, Position], extra: list[Hashable]) -> None:
    """Put ``extra`` nodes (actors without links) in a compact block beside or below
    everything already placed, shaped so that the whole picture comes closest to
    :data:`ASPECT` (a few linked actors and 140 loose ones must not make a long strip)."""
    if not extra:
        return
    step = UNIT * 1.4
    k = len(extra)
    if positions:
        xs = [x for x, _ in positions.values()]
        ys = [y for _, y in positions.values()]
        left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    else:
        left = right = top = bottom = 0.0
    width, height, gap = right - left, bottom - top, UNIT * 3 if positions else 0.0
    best: tuple[float, str, int] | None = None
    for cols in range(1, k + 1):
        rows = math.ceil(k / cols)
        gw, gh = (cols - 1) * step, (rows - 1) * step
        for side in ("right", "below"):
            if side == "right":
                w, h = width + gap + gw, max(height, gh)
            else:
                w, h = max(width, gw), height + gap + gh
            w, h = max(w, step), max(h, step)
            score = abs(math.log(w / h / ASPECT)) + 0.15 * math.log(w * h)
            if best is None or score < best[0]:
                best = (score, side, cols)
    assert best is not None
    _, side, cols = best
    rows = math.ceil(k / cols)
    if side == "right":
        x0, y0 = right + gap, (top + bottom) / 2 - (rows - 1) * step / 2
    else:
        x0, y0 = (left + right) / 2 - (cols - 1) * step / 2, bottom + gap
    for i, v in enumerate(extra):
        positions[v] = (x0 + (i % cols) * step, y0 + (i // cols) * step)


def extend_layout(previous: Layout, g: nx.Graph, seed: int = 7) -> Layout:
    """Keep ``previous`` positions for nodes still in ``g`` and place new nodes near their
    already placed neighbours (or in the grid of unlinked actors)."""
    started = time.perf_counter()
    positions = {v: previous.positions[v] for v in g if v in previous.positions}
    reused = len(positions)
    pending = [v for v in sorted(g, key=str) if v not in positions]
    lonely = []
    for v in pending:
        placed = [positions[u] for u in g[v] if u in positions]
        if not placed:
            lonely.append(v)
            continue
        cx = sum(x for x, _ in placed) / len(placed)
        cy = sum(y for _, y in placed) / len(placed)
        angle = (int(hashlib.blake2b(str(v).encode(), digest_size=4).hexdigest(), 16) % 360) * (
            math.pi / 180
        )
        positions[v] = (cx + UNIT * 0.8 * math.cos(angle), cy + UNIT * 0.8 * math.sin(angle))
    append_grid(positions, lonely)
    community = {v: previous.community.get(v, -1) for v in g}
    return Layout(positions, community, time.perf_counter() - started, reused)


class LayoutCache:
    """Layouts per (graph fingerprint, picture key), least recently used dropped first.

    When the fingerprint changes (someone edited the graph), the last layout of the same
    picture is extended rather than recomputed if most of its nodes are still there, so
    positions stay put for unchanged actors.
    """

    def __init__(self, size: int = 48, reuse_share: float = 0.8):
        self.reuse_share = reuse_share
        self._entries: Cache[tuple[Any, Any], Layout] = Cache(size)
        self._latest: Cache[Any, Layout] = Cache(size)

    def get(
        self,
        fingerprint: Any,
        key: Any,
        g: nx.Graph,
        compute: Callable[[nx.Graph], Layout] = compute_layout,
    ) -> Layout:
        hit = self._entries.get((fingerprint, key))
        if hit is not None and all(v in hit.positions for v in g):
            return hit
        previous = self._latest.get(key)
        if (
            previous is not None
            and g.number_of_nodes() > 0
            and sum(v in previous.positions for v in g) >= self.reuse_share * len(g)
            # many new or lost links change the shape: then a fresh layout, not a patch
            and abs(g.number_of_edges() - previous.edges)
            <= (1 - self.reuse_share) * max(previous.edges, g.number_of_edges())
        ):
            result = extend_layout(previous, g)
        else:
            result = compute(g)
        result.edges = g.number_of_edges()
        self._latest.put(key, result)
        return self._entries.put((fingerprint, key), result)
