"""The public Bildungslandkarte's filters: what is listed is exactly what matches.

Random regions of actors (hypothesis) are stored in the real Neo4j; for every combination
of topic × stage × region (each also "all") the list holds every actor matching all three
and no other, the count shown beside each value of the form is the number listed when it
is chosen, and every project counted runs and covers what was chosen by its own topics and
stages. Hostile query strings are a German 400, never a 500.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta
from html import unescape
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph.core.model import Actor, Link, Project, Region, Stage, Topic
from netzwerk.graph.network import snapshot
from netzwerk.graph.operations import sharing
from netzwerk.graph.sharing import public_offers, public_tiles
from tests.conftest import HOSTILE_CORPUS, HOSTILE_URL_PARTS

TOPICS = ("topic-a", "topic-b", "topic-c")
STAGES = ("stage-1", "stage-2", "stage-3")
PARENT = {
    "region-all": "",
    "region-stadt": "region-all",
    "region-kreis": "region-all",
    "region-st-1": "region-stadt",
    "region-st-2": "region-stadt",
    "region-vg-1": "region-kreis",
    "region-vg-2": "region-kreis",
    "region-og-1": "region-vg-1",
}
KIND = {
    "region-all": "Region",
    "region-stadt": "Stadt",
    "region-kreis": "Landkreis",
    "region-og-1": "Ortsgemeinde",
}
PLACES = tuple(r for r in PARENT if r != "region-all")
TODAY = date.today()


def _ancestors(region: str) -> set[str]:
    out = set()
    while region:
        out.add(region)
        region = PARENT[region]
    return out


actors = st.lists(
    st.fixed_dictionaries(
        {
            "topics": st.sets(st.sampled_from(TOPICS)),
            "stages": st.sets(st.sampled_from(STAGES)),
            "located_in": st.one_of(st.none(), st.sampled_from(PLACES)),
            "active_in": st.sets(st.sampled_from(PLACES), max_size=2),
        }
    ),
    min_size=1,
    max_size=14,
)
projects = st.lists(
    st.fixed_dictionaries(
        {
            "topics": st.sets(st.sampled_from(TOPICS)),
            "stages": st.sets(st.sampled_from(STAGES)),
            "status": st.sampled_from(("laufend", "abgeschlossen", "geplant")),
            "ended": st.booleans(),
            "partners": st.sets(st.integers(0, 13), max_size=3),
        }
    ),
    max_size=5,
)


def _store_world(
    store: graph.Store, people: list[dict[str, Any]], work: list[dict[str, Any]]
) -> None:
    nodes: list[Any] = [Topic(id=t, name=f"Thema {t[-1].upper()}") for t in TOPICS]
    nodes += [Stage(id=s, name=f"Stufe {s[-1]}", order=int(s[-1])) for s in STAGES]
    nodes += [
        Region(id=r, name=r.removeprefix("region-"), kind=KIND.get(r, "Stadtteil")) for r in PARENT
    ]
    links = [Link(type="PART_OF", from_id=r, to_id=p) for r, p in PARENT.items() if p]
    for i, a in enumerate(people):
        aid = f"actor-{i:02d}"
        nodes.append(Actor(id=aid, name=f"Akteur {i:02d}", kind="Schule", postcode=""))
        links += [Link(type="WORKS_ON", from_id=aid, to_id=t) for t in a["topics"]]
        links += [Link(type="COVERS", from_id=aid, to_id=s) for s in a["stages"]]
        links += [Link(type="ACTIVE_IN", from_id=aid, to_id=r) for r in a["active_in"]]
        if a["located_in"]:
            links.append(Link(type="LOCATED_IN", from_id=aid, to_id=a["located_in"]))
    for j, p in enumerate(work):
        pid = f"project-{j}"
        end = TODAY - timedelta(days=3) if p["ended"] else None
        nodes.append(
            Project(
                id=pid, name=f"Projekt {j}", status=p["status"], start=date(2020, 1, 1), end=end
            )
        )
        links += [Link(type="WORKS_ON", from_id=pid, to_id=t) for t in p["topics"]]
        links += [Link(type="COVERS", from_id=pid, to_id=s) for s in p["stages"]]
        links += [
            Link(type="PARTICIPATES_IN", from_id=f"actor-{k:02d}", to_id=pid, role="Partner")
            for k in p["partners"]
            if k < len(people)
        ]
    graph.merge_nodes(store, nodes)
    graph.merge_links(store, links)


def _expected(people: list[dict[str, Any]], topic: str, stage: str, region: str) -> set[str]:
    """The actors a citizen must find: the definition, written out independently."""
    out = set()
    for i, a in enumerate(people):
        places = {a["located_in"], *a["active_in"]} - {None}
        where: set[str] = set().union(*(_ancestors(p) for p in places)) if places else set()
        if (
            (not topic or topic in a["topics"])
            and (not stage or stage in a["stages"])
            and (not region or region in where)
        ):
            out.add(f"Akteur {i:02d}")
    return out


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=actors, work=projects)
def test_the_list_holds_exactly_the_matching_actors_and_counts_say_so(
    store: graph.Store, people: list[dict[str, Any]], work: list[dict[str, Any]]
) -> None:
    graph.wipe(store)  # one database for every example
    _store_world(store, people, work)
    snap = snapshot.current(store)
    src = public_offers.sources(store, snap)
    vocab = snap.vocabulary
    for topic, stage, region in itertools.product(("", *TOPICS), ("", *STAGES), ("", *PARENT)):
        choice = public_offers.Choice(topic, stage, region)
        result = public_offers.find(snap, src, choice, TODAY)
        listed = [o.name for o in result.offers]
        assert len(listed) == len(set(listed))
        assert set(listed) == _expected(people, topic, stage, region), choice
        for name in public_offers.PARAMS:
            for f in result.facets[name]:
                chosen = public_offers.Choice(**{**choice.params(), name: f.value})
                assert f.actors == len(_expected(people, **{**_as_kw(chosen)})), (choice, f)
        for p in result.projects:
            spec = work[int(p.id.split("-")[1])]
            assert spec["status"] != "abgeschlossen" and not spec["ended"]
            assert (not topic or topic in spec["topics"]) and (not stage or stage in spec["stages"])
        assert {
            t.region: t.actors
            for m in public_tiles.tile_maps(vocab, result.region_counts)
            for t in m.tiles
        } == {
            r: len(_expected(people, topic, stage, r))
            for r in PLACES
            if PARENT[r] in ("region-stadt", "region-kreis")
        }


def _as_kw(choice: public_offers.Choice) -> dict[str, str]:
    return {"topic": choice.topic, "stage": choice.stage, "region": choice.region}


def _listed(html: str) -> set[str]:
    return {unescape(m) for m in re.findall(r'<li class="lk-offer">\s*<h3>([^<]*)</h3>', html)}


@pytest.fixture
def citizen(store: graph.Store, make_client):
    sharing.save_public_map(store, enabled=True, title="Bildungslandkarte", intro="", user="admin")
    return make_client(None)


def test_the_page_lists_what_the_filters_choose(store: graph.Store, citizen) -> None:
    people: list[dict[str, Any]] = [
        {
            "topics": {"topic-a"},
            "stages": {"stage-1"},
            "located_in": "region-og-1",
            "active_in": set(),
        },
        {
            "topics": {"topic-a", "topic-b"},
            "stages": set(),
            "located_in": "region-st-1",
            "active_in": {"region-vg-2"},
        },
        {"topics": set(), "stages": {"stage-2"}, "located_in": None, "active_in": {"region-kreis"}},
    ]
    _store_world(store, people, [])
    for query, names in {
        "": {"Akteur 00", "Akteur 01", "Akteur 02"},
        "?topic=topic-a": {"Akteur 00", "Akteur 01"},
        "?topic=topic-a&region=region-vg-1": {"Akteur 00"},
        "?region=region-kreis": {"Akteur 00", "Akteur 01", "Akteur 02"},
        "?region=region-vg-2&stage=stage-2": set(),
        "?ansicht=karte&region=region-stadt": {"Akteur 01"},
    }.items():
        for path in ("/bildungslandkarte", "/bildungslandkarte/einbetten"):
            page = citizen.get(path + query)
            assert page.status_code == 200, (path, query)
            assert _listed(page.get_data(as_text=True)) == names, (path, query)
    html = citizen.get("/bildungslandkarte?topic=topic-a").get_data(as_text=True)
    assert re.search(r'<option value="region-vg-1"[^>]*>[^<]*vg-1 \(1\)</option>', html)
    assert 'aria-label="vg-2: 1 Akteur"' in html  # a tile names its region and count


def test_a_project_counts_under_its_own_stages_only(store: graph.Store) -> None:
    """The stage row said "Projekte 0" everywhere: projects were counted by their partners."""
    people: list[dict[str, Any]] = [
        {
            "topics": set(),
            "stages": {"stage-1", "stage-2"},
            "located_in": "region-st-1",
            "active_in": set(),
        }
    ]
    work: list[dict[str, Any]] = [
        {
            "topics": {"topic-a"},
            "stages": {"stage-2"},
            "status": "laufend",
            "ended": False,
            "partners": {0},
        }
    ]
    _store_world(store, people, work)
    snap = snapshot.current(store)
    result = public_offers.find(
        snap, public_offers.sources(store, snap), public_offers.Choice(), TODAY
    )
    by_stage = {f.value: f.projects for f in result.facets["stage"]}
    assert by_stage == {"stage-1": 0, "stage-2": 1, "stage-3": 0}
    assert {f.value: f.projects for f in result.facets["region"]}["region-st-1"] == 1
    assert result.offers[0].projects == ("Projekt 0",)


def test_an_actor_without_region_is_placed_by_its_postcode(store: graph.Store) -> None:
    _store_world(store, [], [])
    graph.merge_nodes(
        store,
        [
            Actor(id="actor-k1", name="Grundschule Konz", postcode="54329"),
            Actor(id="actor-k2", name="Kita Konz", postcode="54329"),
            Actor(id="actor-k3", name="VHS ohne Region", postcode="54329"),
        ],
    )
    graph.merge_links(
        store,
        [Link(type="LOCATED_IN", from_id=a, to_id="region-vg-1") for a in ("actor-k1", "actor-k2")],
    )
    snap = snapshot.current(store)
    found = public_offers.find(
        snap, public_offers.sources(store, snap), public_offers.Choice(region="region-vg-1"), TODAY
    )
    assert [o.name for o in found.offers] == ["Grundschule Konz", "Kita Konz", "VHS ohne Region"]
    assert {o.place for o in found.offers} == {"vg-1"}


HOSTILE_QUERIES = [
    *(f"topic={v}" for v in HOSTILE_URL_PARTS),
    "region=region-all%27%22%3E%3Cscript%3E",
    "stage=stage-1&stage=stage-2",
    "topic=Thema%20A",  # a name, not an id
    "region=" + "r" * 5000,
    "ansicht=%3Cimg%20src%3Dx%3E",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_query_strings_are_a_german_400(store: graph.Store, citizen, query: str) -> None:
    _store_world(store, [], [])
    for path in ("/bildungslandkarte", "/bildungslandkarte/einbetten"):
        page = citizen.get(f"{path}?{query}")
        assert page.status_code == 400, (path, query)
        html = page.get_data(as_text=True)
        assert "Bitte prüfen Sie Ihre Auswahl" in html
        assert 'aria-invalid="true"' in html or "ansicht" in query
        assert "<script>" not in html and "<img src=x>" not in html


def test_hostile_values_of_every_filter_never_harm(store: graph.Store, citizen) -> None:
    _store_world(store, [], [])
    for value in HOSTILE_CORPUS:
        for name in (*public_offers.PARAMS, "ansicht"):
            page = citizen.get("/bildungslandkarte", query_string={name: value})
            expected = 200 if not value.strip() else 400
            assert page.status_code == expected, (name, value[:40])
            if expected == 400:
                assert "gibt es nicht" in page.get_data(as_text=True), (name, value[:40])


def test_a_long_list_is_paged_and_the_pages_hold_every_actor_once(
    store: graph.Store, citizen
) -> None:
    people: list[dict[str, Any]] = [
        {"topics": {"topic-a"}, "stages": set(), "located_in": "region-vg-2", "active_in": set()}
    ] * 61
    _store_world(store, people, [])
    seen: list[str] = []
    for number in (1, 2):
        page = citizen.get(f"/bildungslandkarte?topic=topic-a&seite={number}")
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "61 Akteure" in html
        seen += sorted(_listed(html))
    assert len(seen) == len(set(seen)) == 61
    assert 'href="/bildungslandkarte?topic=topic-a&amp;seite=2"' in citizen.get(
        "/bildungslandkarte?topic=topic-a"
    ).get_data(as_text=True)
    for hostile in ("-1", "92233720368547759", "x"):
        assert citizen.get(f"/bildungslandkarte?seite={hostile}").status_code == 200


def test_the_page_speaks_english_when_asked(store: graph.Store, citizen) -> None:
    people: list[dict[str, Any]] = [
        {"topics": {"topic-a"}, "stages": set(), "located_in": "region-vg-2", "active_in": set()}
    ]
    _store_world(store, people, [])
    html = citizen.get("/bildungslandkarte?lang=en&ansicht=karte").get_data(as_text=True)
    for english in ("All topics", "Reset the selection", "1 actor", "Map and list", "School"):
        assert english in html, english
    for german in ("Alle Themen", "Auswahl zurücksetzen", "Akteure", "Karte und Liste", "Schule"):
        assert german not in html, german
    bad = citizen.get("/bildungslandkarte?lang=en&topic=nix")
    assert bad.status_code == 400
    assert "There is no such topic" in bad.get_data(as_text=True)


def test_a_bad_value_leaves_the_good_ones_filtering(store: graph.Store, citizen) -> None:
    people: list[dict[str, Any]] = [
        {"topics": {"topic-a"}, "stages": set(), "located_in": "region-vg-2", "active_in": set()},
        {"topics": {"topic-b"}, "stages": set(), "located_in": "region-vg-2", "active_in": set()},
    ]
    _store_world(store, people, [])
    page = citizen.get("/bildungslandkarte?topic=topic-a&region=gibt-es-nicht")
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert _listed(html) == {"Akteur 00"}
    assert '<option value="topic-a" selected>' in html
    assert 'id="lk-region-error"' in html and 'id="lk-topic-error"' not in html
