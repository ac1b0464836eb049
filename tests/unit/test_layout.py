"""Server-side layouts: complete, deterministic, readable (communities apart), stable."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from netzwerk.graph.pictures import layout, rings


def planted(groups: int = 4, size: int = 30, seed: int = 3) -> nx.Graph:
    """Dense groups with a few links between them (like regional sub-networks)."""
    g = nx.planted_partition_graph(groups, size, 0.3, 0.005, seed=seed)
    for v in g:
        g.nodes[v]["name"] = f"A{v:03d}"
    return g


def dist(p: tuple[float, float], q: tuple[float, float]) -> float:
    return math.hypot(p[0] - q[0], p[1] - q[1])


def test_every_node_gets_a_finite_position_and_the_result_is_deterministic() -> None:
    g = planted()
    g.add_nodes_from(["lonely-1", "lonely-2"])
    first = layout.compute_layout(g)
    second = layout.compute_layout(g)
    assert set(first.positions) == set(g)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.positions.values())
    assert first.positions == second.positions
    assert first.community["lonely-1"] == -1


def test_communities_are_drawn_apart_and_neighbours_close() -> None:
    g = planted()
    lay = layout.compute_layout(g)
    pos = lay.positions
    inside: list[float] = []
    across: list[float] = []
    for a in range(0, 120, 7):
        for b in range(a + 1, 120, 5):
            (inside if a // 30 == b // 30 else across).append(dist(pos[a], pos[b]))
    assert np.median(inside) * 1.5 < np.median(across)
    # linked actors end up a readable distance apart: not on top of each other
    gaps = [dist(pos[a], pos[b]) for a, b in g.edges()]
    assert np.median(gaps) > layout.UNIT * 0.5


def test_isolated_actors_are_set_aside_to_the_right_or_below() -> None:
    g = planted(2, 20)
    g.add_nodes_from(f"x{i}" for i in range(10))
    pos = layout.compute_layout(g).positions
    right_edge = max(pos[v][0] for v in range(40))
    bottom_edge = max(pos[v][1] for v in range(40))
    assert all(pos[f"x{i}"][0] > right_edge for i in range(10)) or all(
        pos[f"x{i}"][1] > bottom_edge for i in range(10)
    )


@pytest.mark.parametrize(("linked", "lonely"), [(0, 140), (6, 140), (40, 10), (300, 60)])
def test_the_picture_fills_a_wide_canvas_at_any_date(linked: int, lonely: int) -> None:
    """An early date leaves a few linked actors and many loose ones: the picture must still
    be about as wide as a screen, not a tiny cluster beside a long strip of dots."""
    g: nx.Graph[int | str] = nx.Graph()
    g.add_edges_from((i, i + 1) for i in range(linked - 1)) if linked > 1 else None
    g.add_nodes_from(range(linked))
    g.add_nodes_from(f"x{i}" for i in range(lonely))
    pos = np.array(list(layout.compute_layout(g).positions.values()))
    width, height = np.ptp(pos[:, 0]), np.ptp(pos[:, 1])
    assert 0.9 <= width / height <= 2.4, (width, height)


def test_extending_a_layout_keeps_unchanged_positions() -> None:
    g = planted(2, 20)
    old = layout.compute_layout(g)
    g.add_edge("new", 0)
    g.add_node("alone")
    new = layout.extend_layout(old, g)
    assert all(new.positions[v] == old.positions[v] for v in range(40))
    assert dist(new.positions["new"], old.positions[0]) < layout.UNIT
    assert new.reused == 40


def test_cache_reuses_a_layout_and_extends_it_after_small_edits() -> None:
    cache = layout.LayoutCache()
    g = planted(2, 20)
    calls = []

    def compute(graph: nx.Graph) -> layout.Layout:
        calls.append(graph.number_of_nodes())
        return layout.compute_layout(graph)

    a = cache.get("fp1", "key", g, compute)
    assert cache.get("fp1", "key", g, compute) is a
    g.add_edge("new", 3)
    b = cache.get("fp2", "key", g, compute)
    assert calls == [40]  # extended, not recomputed
    assert b.positions[3] == a.positions[3]
    h = nx.path_graph(5)
    cache.get("fp2", "other", h, compute)
    assert calls == [40, 5]


def test_large_graph_is_split_into_communities_quickly() -> None:
    g = planted(12, 120, seed=5)  # 1,440 nodes: multilevel path
    lay = layout.compute_layout(g)
    assert len(lay.positions) == 1440
    assert len(set(lay.community.values())) >= 8
    assert lay.seconds < 15


def test_radial_layout_puts_partners_on_rings() -> None:
    g = nx.Graph([("c", "a"), ("c", "b"), ("a", "x"), ("b", "y"), ("x", "far")])
    ego = nx.ego_graph(g, "c", radius=2)
    pos = rings.radial_layout(ego, "c", 2).positions
    assert pos["c"] == (0.0, 0.0)
    r1 = {round(math.hypot(*pos[v]), 3) for v in ("a", "b")}
    assert len(r1) == 1
    assert math.hypot(*pos["x"]) > next(iter(r1))
    assert "far" not in pos
    assert dist(pos["x"], pos["a"]) < dist(pos["x"], pos["b"])


def test_bipartite_layout_keeps_members_near_their_alliance() -> None:
    b: nx.Graph[str] = nx.Graph()
    for grp in ("g1", "g2", "g3"):
        b.add_node(grp, bipartite=1, name=grp)
    for i in range(30):
        v = f"a{i}"
        b.add_node(v, bipartite=0, name=v)
        b.add_edge(v, f"g{i % 3 + 1}")
    b.add_node("both", bipartite=0, name="both")
    b.add_edge("both", "g1")
    b.add_edge("both", "g2")
    pos = rings.bipartite_layout(b).positions
    assert set(pos) == set(b)
    for i in range(30):
        own = f"g{i % 3 + 1}"
        others = [g for g in ("g1", "g2", "g3") if g != own]
        assert all(dist(pos[f"a{i}"], pos[own]) < dist(pos[f"a{i}"], pos[o]) for o in others)
    assert dist(pos["both"], pos["g3"]) > dist(pos["both"], pos["g1"])
