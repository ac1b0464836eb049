"""Filtering the cooperation network snapshot, without a database."""

from __future__ import annotations

from datetime import date
from typing import Any

from netzwerk.graph.network.filters import Filter
from netzwerk.graph.network.snapshot import (
    Snapshot,
    Vocabulary,
    affiliation_graph,
    select,
)


def actor(aid: str, kind: str = "Schule", region: str = "r-euren", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": aid,
        "name": aid.upper(),
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


def snap() -> Snapshot:
    vocab = Vocabulary(
        regions={
            "r-region": "Bildungsregion",
            "r-trier": "Stadt Trier",
            "r-euren": "Euren",
            "r-kreis": "Landkreis",
            "r-konz": "VG Konz",
        },
        region_kind={
            "r-region": "Region",
            "r-trier": "Stadt",
            "r-euren": "Stadtteil",
            "r-kreis": "Landkreis",
            "r-konz": "Verbandsgemeinde",
        },
        region_parent={
            "r-trier": "r-region",
            "r-euren": "r-trier",
            "r-kreis": "r-region",
            "r-konz": "r-kreis",
        },
        alliances={"al-mint": "MINT"},
        topics={"t-mint": "MINT"},
    )
    actors = [
        actor(
            "a",
            topics=["t-mint"],
            alliances=[
                {"id": "al-mint", "role": "Mitglied", "since": date(2020, 1, 1), "until": None}
            ],
        ),
        actor("b", kind="Kita"),
        actor(
            "c",
            region="r-konz",
            topics=["t-mint"],
            alliances=[
                {"id": "al-mint", "role": "Mitglied", "since": None, "until": date(2019, 12, 31)}
            ],
        ),
        actor("d", kind="Hochschule", region="r-konz"),
    ]
    coops = [
        {
            "id": "c1",
            "a": "a",
            "b": "b",
            "kind": "Gremienarbeit",
            "intensity": 2,
            "since": date(2018, 1, 1),
            "until": None,
            "source": "",
        },
        {
            "id": "c2",
            "a": "a",
            "b": "c",
            "kind": "Projektpartnerschaft",
            "intensity": 3,
            "since": date(2021, 1, 1),
            "until": None,
            "source": "",
        },
        {
            "id": "c3",
            "a": "c",
            "b": "d",
            "kind": "Gremienarbeit",
            "intensity": 1,
            "since": date(2015, 1, 1),
            "until": date(2019, 6, 30),
            "source": "",
        },
    ]
    return Snapshot(actors=actors, cooperations=coops, vocabulary=vocab)


def test_unfiltered_graph_has_everything_and_areas() -> None:
    g = select(snap())
    assert set(g) == {"a", "b", "c", "d"} and g.number_of_edges() == 3
    assert g.nodes["a"]["area"] == "r-trier" and g.nodes["d"]["area"] == "r-kreis"
    assert g.edges["a", "c"]["kind"] == "Projektpartnerschaft"


def test_region_filter_includes_subregions() -> None:
    assert set(select(snap(), Filter(region="r-trier"))) == {"a", "b"}
    assert set(select(snap(), Filter(region="r-region"))) == {"a", "b", "c", "d"}


def test_as_of_date_drops_ended_links_and_memberships() -> None:
    g = select(snap(), Filter(as_of=date(2020, 6, 1)))
    assert ("c", "d") not in g.edges and ("a", "c") not in g.edges and ("a", "b") in g.edges
    assert g.nodes["c"]["alliances"] == frozenset()
    assert g.nodes["a"]["alliances"] == frozenset({"al-mint"})
    old = select(snap(), Filter(as_of=date(2016, 1, 1)))
    assert set(old.edges) == {("c", "d")}


def test_attribute_filters_combine() -> None:
    assert set(select(snap(), Filter(topic="t-mint"))) == {"a", "c"}
    assert set(select(snap(), Filter(topic="t-mint", region="r-konz"))) == {"c"}
    assert set(select(snap(), Filter(actor_kinds=("Kita", "Hochschule")))) == {"b", "d"}
    assert set(select(snap(), Filter(alliance="al-mint"))) == {"a", "c"}
    today = Filter(alliance="al-mint", as_of=date(2024, 1, 1))
    assert set(select(snap(), today)) == {"a"}
    g = select(snap(), Filter(cooperation_kinds=("Gremienarbeit",)))
    assert set(g.edges) == {("a", "b"), ("c", "d")}


def test_affiliation_graph_is_bipartite() -> None:
    b = affiliation_graph(snap())
    assert b.nodes["al-mint"]["bipartite"] == 1 and b.nodes["a"]["bipartite"] == 0
    assert set(b["al-mint"]) == {"a", "c"}
    assert b.edges["a", "al-mint"]["role"] == "Mitglied"
