"""Picture data (nodes, edges, styles, legend, aggregates) built from a snapshot, no DB."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from netzwerk.graph import pictures
from netzwerk.graph.network.choices import filter_choices
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.network.snapshot import Snapshot, Vocabulary
from tests.conftest import HOSTILE_STRINGS


def actor(aid: str, kind: str = "Schule", region: str = "r-euren", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": aid,
        "name": f"Akteur {aid}",
        "short_name": "",
        "kind": kind,
        "sponsorship": "",
        "town": "",
        "located_in": region,
        "active_in": [],
        "topics": [],
        "stages": [],
        "target_groups": [],
        "alliances": [],
        "projects": [],
    }
    base.update(extra)
    return base


def member(aid: str, role: str = "Mitglied") -> dict:
    return {"id": aid, "role": role, "since": date(2020, 1, 1), "until": None}


def coop(i: int, a: str, b: str, kind: str = "Projektpartnerschaft", intensity: int = 2) -> dict:
    return {
        "id": f"c{i}",
        "a": a,
        "b": b,
        "kind": kind,
        "intensity": intensity,
        "since": date(2019, 1, 1),
        "until": None,
        "source": "",
    }


def snap(n: int = 12) -> Snapshot:
    vocab = Vocabulary(
        regions={"r-trier": "Stadt Trier", "r-euren": "Euren", "r-konz": "VG Konz"},
        region_kind={"r-trier": "Stadt", "r-euren": "Stadtteil", "r-konz": "Verbandsgemeinde"},
        region_parent={"r-euren": "r-trier"},
        alliances={"al-mint": "MINT-Initiativkreis", "al-alpha": "Alpha-Bündnis"},
        projects={"p-kitec": "KiTec"},
        topics={"t-mint": "MINT"},
    )
    kinds = ("Schule", "Kita", "Verein/Initiative", "Unternehmen")
    actors = [
        actor(
            f"a{i}",
            kinds[i % 4],
            "r-euren" if i % 2 else "r-konz",
            topics=["t-mint"],
            alliances=[member("al-mint")] + ([member("al-alpha")] if i % 3 == 0 else []),
            projects=[member("p-kitec", "Träger")] if i == 1 else [],
        )
        for i in range(n)
    ]
    actors.append(actor("lonely", "Stiftung"))
    coops = [coop(i, f"a{i}", f"a{(i + 1) % n}", intensity=i % 3 + 1) for i in range(n)]
    coops.append(coop(99, "a0", "a5", "Informationsaustausch", 3))
    return Snapshot(actors=actors, cooperations=coops, vocabulary=vocab, fingerprint=(n,))


def link(label: str, node_id: str) -> str:
    return f"/{label}/{node_id}"


def drill(params: dict[str, str]) -> str:
    return "/netzwerk?" + "&".join(f"{k}={v}" for k, v in params.items())


def picture(s: Snapshot, flt: Filter | None = None, **kw: Any) -> dict[str, Any]:
    return pictures.cooperation_picture(s, flt or Filter(), link=link, drill=drill, **kw)


def test_cooperation_picture_has_every_actor_link_style_and_legend() -> None:
    out = picture(snap())
    assert out["mode"] == "full"
    assert out["counts"] == {"nodes": 13, "edges": 13, "actors": 13}
    ids = {n["id"] for n in out["nodes"]}
    assert "lonely" in ids
    for n in out["nodes"]:
        assert n["g"] in out["styles"]["nodes"]
        assert n["url"] == f"/Actor/{n['id']}"
        assert all(isinstance(line, str) for line in n["tip"])
    for e in out["edges"]:
        assert e["from"] in ids and e["to"] in ids
        assert e["k"] in out["styles"]["edges"]
    assert out["styles"]["edges"]["Informationsaustausch"]["dashes"] == [2, 5]
    assert {e["w"] for e in out["edges"]} == {1.0, 2.5, 4.5}
    titles = [b["title"] for b in out["legend"]]
    assert titles[0] == "Farbe: Art des Akteurs"
    assert "Linie: Art der Kooperation" in titles
    json.dumps(out)  # JSON-ready


def test_kind_colours_are_fixed_and_distinguishable_by_colour_and_shape() -> None:
    styles = {pictures.KIND_STYLE[k] for k in pictures.ACTOR_KINDS}
    assert len(styles) == len(pictures.ACTOR_KINDS)
    out = picture(snap())
    school = out["styles"]["nodes"]["kind:Schule"]
    assert school["color"] == "#0077BB" and school["shape"] == "dot"
    assert out["styles"]["nodes"]["kind:Unternehmen"]["shape"] == "triangle"


@pytest.mark.parametrize("colour_by", pictures.COLOUR_BY)
@pytest.mark.parametrize("size_by", pictures.SIZE_BY)
def test_every_colouring_and_sizing_gives_styles_for_all_nodes(
    colour_by: str, size_by: str
) -> None:
    out = picture(snap(), colour_by=colour_by, size_by=size_by)
    assert all(n["g"] in out["styles"]["nodes"] for n in out["nodes"])
    assert out["legend"][0]["items"]
    sizes = {n["s"] for n in out["nodes"]}
    assert len(sizes) == 1 if size_by == "none" else len(sizes) > 1


def test_alliance_colouring_marks_actors_in_several_alliances() -> None:
    out = picture(snap(), colour_by="alliance")
    by_id = {n["id"]: n["g"] for n in out["nodes"]}
    assert by_id["a0"] == "alliance:*"  # MINT and Alpha
    assert by_id["a1"] == "alliance:al-mint"
    assert by_id["lonely"] == "alliance:"


def test_filters_change_the_picture() -> None:
    full = picture(snap())
    only_schools = picture(snap(), Filter(actor_kinds=("Schule",)))
    assert only_schools["counts"]["nodes"] == 3
    assert only_schools["counts"]["nodes"] < full["counts"]["nodes"]


def test_large_pictures_are_aggregated_with_drill_down_links() -> None:
    s = snap(40)
    out = picture(s, aggregate_above=20, group_by="region")
    assert out["mode"] == "aggregate"
    assert out["counts"]["actors"] == 41
    assert sum(n["members"] for n in out["nodes"]) == 41
    urls = {n["url"] for n in out["nodes"]}
    assert "/netzwerk?region=r-euren" in urls
    assert "20" not in out["notice"] and "41" in out["notice"]
    by_kind = picture(s, aggregate_above=20, group_by="kind")
    assert "/netzwerk?kind=Kita" in {n["url"] for n in by_kind["nodes"]}
    community = picture(s, aggregate_above=20, group_by="community")
    first = next(n for n in community["nodes"] if n["url"].endswith("community=0"))
    drilled = picture(s, community=0, aggregate_above=1000)
    assert drilled["counts"]["nodes"] == first["members"]
    forced = picture(s, aggregate_above=20, show_all=True)
    assert forced["mode"] == "full" and forced["counts"]["nodes"] == 41


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
def test_hostile_names_stay_plain_text_data(hostile: str) -> None:
    s = snap(4)
    s.actors[0]["name"] = hostile
    out = picture(s)
    node = next(n for n in out["nodes"] if n["id"] == "a0")
    assert node["name"] == hostile
    assert node["tip"][0] == hostile  # the browser sets it with textContent, never innerHTML
    assert len(node["label"]) <= 28


def test_ego_picture_depth_one_and_two() -> None:
    s = snap(12)
    one = pictures.ego_picture(s, "a0", depth=1, link=link)
    assert {n["id"] for n in one["nodes"]} == {"a0", "a1", "a11", "a5"}
    centre = next(n for n in one["nodes"] if n["cls"] == "centre")
    assert centre["id"] == "a0" and (centre["x"], centre["y"]) == (0.0, 0.0)
    two = pictures.ego_picture(s, "a0", depth=2, link=link)
    assert two["counts"]["nodes"] > one["counts"]["nodes"]
    with pytest.raises(KeyError):
        pictures.ego_picture(s, "missing", link=link)


def test_alliance_picture_and_overlaps() -> None:
    s = snap(12)
    out = pictures.alliance_picture(s, Filter(), link=link)
    kinds = {n["cls"] for n in out["nodes"]}
    assert {"actor", "alliance", "project"} <= kinds
    alliance = next(n for n in out["nodes"] if n["id"] == "al-mint")
    assert alliance["url"] == "/Alliance/al-mint"
    assert out["counts"]["without"] == 1  # "lonely"
    no_projects = pictures.alliance_picture(s, Filter(), projects=False, link=link)
    assert "project" not in {n["cls"] for n in no_projects["nodes"]}
    overlap = pictures.alliance_picture(s, Filter(), overlaps_only=True, link=link)
    actors = [n for n in overlap["nodes"] if n["cls"] == "actor"]
    assert {n["id"] for n in actors} == {"a0", "a1", "a3", "a6", "a9"}
    rows = pictures.alliance_overlaps(s, Filter())
    assert rows[0]["shared"] == 4
    assert {rows[0]["a_name"], rows[0]["b_name"]} == {"MINT-Initiativkreis", "Alpha-Bündnis"}


def test_suggested_edges_can_be_added_dashed() -> None:
    out = picture(snap())
    added = pictures.add_edges(out, [("a0", "a6", ["gleiche Themen"]), ("a0", "gone", [])])
    assert added == 1
    edge = out["edges"][-1]
    assert edge["cls"] == "suggested" and edge["dashes"] == [8, 6]
    assert out["styles"]["edges"]["suggested"]["dashes"] == [8, 6]
    assert out["legend"][-1]["items"][0]["label"] == "vorgeschlagene Kooperation"


def test_filter_choices_indent_the_region_tree() -> None:
    opts = filter_choices(snap().vocabulary)
    names = [name for _, name in opts.by_param()["region"]]
    assert names.index("Stadt Trier") < names.index("\u2003Euren")
    assert ("r-euren", "Euren", 1) in opts.regions
    assert ("Schule", "Schule") in opts.actor_kinds


def test_picture_metrics_are_the_reports_metrics() -> None:
    """One betweenness and one community method for picture and report."""
    from netzwerk.graph.analysis import metrics
    from netzwerk.graph.network.snapshot import select
    from netzwerk.graph.pictures import layout

    s = snap()
    g = select(s, Filter())
    out = picture(s, size_by="betweenness")
    from netzwerk.graph.pictures.sizing import sizes

    expected = sizes(metrics.betweenness(g))
    assert {n["id"]: n["s"] for n in out["nodes"]} == expected
    assert len(set(expected.values())) > 3
    assert layout.detect_communities(g) == metrics.communities(g)
    titles = [b["title"] for b in picture(s, colour_by="brokerage_role")["legend"]]
    assert titles[0] == "Farbe: Vermittlungsrolle (Gould–Fernandez)"
