"""Gap analyses on small constructed graphs with known answers."""

from __future__ import annotations

import doctest
import random

import networkx as nx
import pytest

from netzwerk.graph.analysis import (
    _util,
    border,
    centrality,
    communities,
    coverage,
    fragility,
    holes,
    isolation,
    overview,
    reach,
    suggestions,
    transitions,
)
from netzwerk.graph.network.snapshot import Vocabulary


@pytest.mark.parametrize(
    "module",
    [
        isolation,
        fragility,
        communities,
        coverage,
        transitions,
        reach,
        suggestions,
        border,
        overview,
    ],
)
def test_docstring_examples_hold(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_isolated_weak_and_passive() -> None:
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    g.add_node("z")
    for n, als in {"a": {"x"}, "b": set(), "c": {"x"}, "d": {"x"}, "z": set()}.items():
        g.nodes[n]["alliances"] = als
        g.nodes[n]["name"] = n.upper()
    assert isolation.isolated(g) == ["z"]
    assert isolation.weakly_tied(g) == [("a", ["b"]), ("d", ["c"])]
    # a is in alliance x but only cooperates with b (not a member): passive; c–d cooperate
    assert [(p.actor, p.alliance) for p in isolation.passive_members(g)] == [("a", "x")]


def test_path_middle_is_articulation_point_cutting_off_one() -> None:
    cps, brs = fragility.cut_points_and_bridges(nx.path_graph(["l", "m", "r"]))
    assert [(c.actor, c.cut_off) for c in cps] == [("m", 1)]
    assert len(brs) == 2


def test_two_cliques_joined_by_one_edge() -> None:
    g = nx.complete_graph(5)
    g.add_edges_from((a + 5, b + 5) for a, b in nx.complete_graph(5).edges())
    g.add_edge(4, 5)
    cps, brs = fragility.cut_points_and_bridges(g)
    assert [(b.u, b.v, b.cut_off) for b in brs] in ([(4, 5, 5)], [(5, 4, 5)])
    assert {c.actor for c in cps} == {4, 5} and all(c.cut_off == 4 for c in cps)
    isl = communities.islands(g)
    assert sorted(sorted(c.members) for c in isl.communities) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert isl.links_between == {(0, 1): 1} and isl.unconnected_pairs == []
    b = fragility.brokers(g, top=2)
    assert set(b.top) == {4, 5}
    # without 4 and 5, each remaining actor keeps its 3 clique partners and loses the 4 others
    assert b.dependence == pytest.approx(4 / 7)


def test_unconnected_communities_are_reported() -> None:
    g = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    isl = communities.islands(g)
    assert len(isl.communities) == 2 and isl.unconnected_pairs == [(0, 1)]
    assert [len(c) for c in isl.components] == [4, 4]


def test_cut_points_match_networkx_on_random_graphs() -> None:
    for seed in range(60):
        g = nx.gnm_random_graph(30, 34, seed=seed)
        cps, brs = fragility.cut_points_and_bridges(g)
        assert {c.actor for c in cps} == set(nx.articulation_points(g))
        assert {frozenset((b.u, b.v)) for b in brs} == {frozenset(e) for e in nx.bridges(g)}
        for c in cps:
            rest = g.subgraph(nx.node_connected_component(g, c.actor) - {c.actor})
            parts = sorted(len(p) for p in nx.connected_components(rest))
            assert c.cut_off == sum(parts[:-1]) and c.pieces == len(parts)
        for b in brs:
            cut: nx.Graph[str] = nx.Graph(g.subgraph(nx.node_connected_component(g, b.u)))
            cut.remove_edge(b.u, b.v)
            assert b.cut_off == min(len(p) for p in nx.connected_components(cut))


def test_betweenness_matches_networkx_exact_and_sampled_is_reproducible() -> None:
    g = nx.connected_watts_strogatz_graph(60, 4, 0.2, seed=3)
    ours = fragility.brokers(g).centrality
    ref = nx.betweenness_centrality(g)
    assert max(abs(ours[n] - ref[n]) for n in g) < 1e-9
    big = nx.connected_watts_strogatz_graph(300, 4, 0.2, seed=3)
    a = centrality.betweenness_estimate(big, work=1, seed=7, seconds=0, cap=False)
    b = centrality.betweenness_estimate(big, work=1, seed=7, seconds=0, cap=False)
    assert not a.exact and a.samples > 0 and a.values == b.values


def _vocab() -> Vocabulary:
    return Vocabulary(
        stages={"k": "frühkindlich", "p": "Primarstufe", "s1": "Sekundarstufe I"},
        stage_order={"k": 1, "p": 2, "s1": 3},
        topics={"mint": "MINT", "lesen": "Lesen"},
        regions={"city": "Stadt", "n": "Nord", "s": "Süd", "kr": "Kreis", "vg": "VG Ost"},
        region_kind={
            "city": "Stadt",
            "n": "Stadtteil",
            "s": "Stadtteil",
            "kr": "Landkreis",
            "vg": "Verbandsgemeinde",
        },
        region_parent={"n": "city", "s": "city", "vg": "kr"},
    )


def _node(g: nx.Graph, n: str, region: str, stages: set[str], **extra: set[str]) -> None:
    v = g.graph["vocabulary"]
    g.add_node(
        n,
        name=n,
        region=region,
        region_name=v.regions[region],
        area=v.area_of(region),
        stages=frozenset(stages),
        topics=frozenset(extra.pop("topics", set())),
        target_groups=frozenset(),
        active_in=frozenset(extra.pop("active_in", set())),
        alliances=frozenset(),
        projects=frozenset(extra.pop("projects", set())),
        kind="Schule",
    )


def test_coverage_known_empty_cell_and_wide_actors() -> None:
    g: nx.Graph[str] = nx.Graph(vocabulary=_vocab())
    _node(g, "kita-n", "n", {"k"}, topics={"mint"}, projects={"proj"})
    _node(g, "gs-n", "n", {"p"})
    _node(g, "gs-s", "s", {"p"})
    _node(g, "kreis", "n", {"k", "p", "s1"}, active_in={"kr"})
    _node(g, "vg-kita", "vg", {"k"})
    prof = {"proj": _util.Profile("proj", "Project", "P", stages=frozenset({"k"}))}
    cov = coverage.coverage(g, "stage", prof)
    assert [r.id for r in cov.rows] == ["city", "n", "s", "kr", "vg"]
    assert cov.cell("s", "k").empty  # no early-years actor in Süd
    assert cov.cell("city", "k").actors == ["kita-n", "kreis"]
    assert cov.cell("vg", "p").empty and cov.cell("vg", "p").wide == 1  # Kreis serves from above
    assert cov.cell("n", "k").projects == ["proj"]
    gaps = {(c.region, c.column) for c in cov.gaps()}
    assert ("s", "k") in gaps and ("n", "k") not in gaps
    assert cov.cell("n", "p").level == 5 and cov.cell("s", "k").level == 0


def test_transitions_exclude_generalists_and_find_missing_links() -> None:
    g: nx.Graph[str] = nx.Graph(vocabulary=_vocab())
    _node(g, "kita", "n", {"k"})
    _node(g, "gs", "n", {"p"})
    _node(g, "amt", "n", {"k", "p", "s1", "x"})  # covers more than three stages
    g.add_edge("kita", "amt")
    g.add_edge("gs", "amt")
    tr = transitions.transitions(g)
    assert tr.pairs == [("k", "p"), ("p", "s1")]
    assert tr.cell("n", "k", "p").status == "unverbunden"
    assert tr.cell("n", "p", "s1").status == "Stufe fehlt"
    g.add_edge("kita", "gs")
    assert transitions.transitions(g).cell("n", "k", "p").links == [("kita", "gs")]


def test_default_transitions_follow_the_education_path() -> None:
    v = Vocabulary(
        stages={
            "a": "frühkindlich",
            "b": "Primarstufe",
            "c": "Sekundarstufe I",
            "d": "Sekundarstufe II",
            "e": "Berufliche Bildung",
            "f": "Hochschule",
            "g": "Weiterbildung/Erwachsenenbildung",
        }
    )
    pairs = _util.stage_transitions(v)
    assert ("c", "d") in pairs and ("c", "e") in pairs and ("e", "g") in pairs
    assert ("d", "e") not in pairs and len(pairs) == 8


def test_suggestion_ranking_has_known_order_and_reasons() -> None:
    v = _vocab()
    g: nx.Graph[str] = nx.Graph(vocabulary=v)
    _node(g, "a", "n", {"s1"}, topics={"mint"})
    _node(g, "b", "n", {"s1"}, topics={"mint"})  # same topic, stage, Stadtteil
    _node(g, "c", "s", set(), topics={"mint"})  # same topic, same Stadt
    _node(g, "d", "vg", set(), topics={"lesen"})  # nothing shared
    _node(g, "hub", "s", set())
    g.add_edges_from([("a", "hub"), ("c", "hub")])
    found = suggestions.suggest_for(g, "a")
    assert [(s.a, s.b) for s in found] == [("a", "c"), ("a", "b")]
    # a–c: MINT (2) + same area (0.5) + common partner with degree 2 (3 / ln 2)
    assert found[0].score == pytest.approx(2.5 + 3 / 0.6931471805599453, abs=1e-3)
    assert found[1].score == 5.0 and found[1].reasons == "beide: MINT, Sekundarstufe I; Nord"
    assert found[0].reasons == "beide: MINT; 1 gemeinsamer Partner"
    assert suggestions.suggest_for(g, "a", dismissed=[("c", "a")])[0].b == "b"


def test_alliance_reach_and_overlap() -> None:
    g: nx.Graph[str] = nx.Graph(vocabulary=_vocab())
    for n in "mxyz":
        _node(g, n, "n", {"p"}, topics={"mint"} if n != "z" else {"lesen"})
    g.nodes["m"]["alliances"] = frozenset({"al", "other"})
    g.nodes["x"]["alliances"] = frozenset({"other"})
    g.add_edge("m", "y")
    prof = {
        "al": _util.Profile(
            "al", "Alliance", "A", topics=frozenset({"mint"}), stages=frozenset({"p"})
        )
    }
    (r,) = reach.alliance_reach(g, prof)
    assert [(c.actor, c.links_to_members) for c in r.candidates] == [("y", 1), ("x", 0)]
    (o,) = reach.alliance_overlap(g)
    assert (o.a, o.b, o.shared, o.jaccard) == ("al", "other", 1, 0.5)


def test_border_counts_and_parts_without_link() -> None:
    g: nx.Graph[str] = nx.Graph(vocabulary=_vocab())
    _node(g, "c1", "n", set())
    _node(g, "c2", "s", set())
    _node(g, "k1", "vg", set())
    g.add_edges_from([("c1", "c2"), ("c1", "k1")])
    b = border.border(g)
    assert b.within == {"city": 1, "kr": 0} and b.across == 1 and b.share == 0.5
    assert b.crossers == [("c1", 1), ("k1", 1)] and b.parts_without_link == ["s"]


def test_key_figures_and_chart() -> None:
    from datetime import date

    g: nx.Graph[int] = nx.Graph()
    g.add_edge(1, 2, since=date(2020, 1, 1))
    g.add_edge(2, 3, since=date(2022, 5, 1))
    g.add_edge(3, 4, since=None)
    k = overview.key_figures(g)
    assert k.per_year == [(2020, 1), (2021, 0), (2022, 1)] and k.undated == 1
    svg = overview.bar_chart_svg(k.per_year, title="<Jahr>")
    assert "style=" not in svg and "&lt;Jahr&gt;" in svg and svg.count("<rect") == 3


def test_full_report_on_random_graph_is_consistent() -> None:
    from netzwerk.graph.analysis import report, tables

    rnd = random.Random(1)
    v = _vocab()
    g: nx.Graph[str] = nx.Graph(vocabulary=v)
    for i in range(40):
        _node(
            g,
            f"a{i}",
            rnd.choice(["n", "s", "vg"]),
            {rnd.choice(["k", "p", "s1"])},
            topics={"mint"},
        )
    for _ in range(50):
        a, b = rnd.sample(range(40), 2)
        g.add_edge(f"a{a}", f"a{b}")
    rep = report.gap_report(g)
    assert set(rep.isolated) == {n for n in g if g.degree(n) == 0}
    assert rep.timings["total"] >= 0 and rep.main_gaps(g)
    t = tables.tables(rep, g)
    assert set(t) == set(tables.SECTIONS)
    assert len(t["isoliert"]) == len(rep.isolated) + 1


def test_report_pauses_the_cycle_collector_only_while_it_runs(monkeypatch) -> None:
    """The report runs without the cyclic collector (its full walks of a large graph's
    objects found nothing to free) and switches it back on, also after an error."""
    import gc

    from netzwerk.graph.analysis import report

    g = nx.karate_club_graph()
    seen: list[bool] = []
    real = report.holes.holes

    def watched(h: nx.Graph) -> holes.Holes:
        seen.append(gc.isenabled())
        return real(h)

    monkeypatch.setattr(report.holes, "holes", watched)
    assert gc.isenabled()
    report.gap_report(g)
    assert seen == [False] and gc.isenabled()

    def broken(h: nx.Graph) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(report.holes, "holes", broken)
    with pytest.raises(RuntimeError):
        report.gap_report(g)
    assert gc.isenabled()
    gc.disable()  # a process that runs without the collector keeps it off
    try:
        monkeypatch.setattr(report.holes, "holes", real)
        report.gap_report(g)
        assert not gc.isenabled()
    finally:
        gc.enable()
