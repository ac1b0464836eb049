"""Network picture pages and their JSON/HTML endpoints against the demo region in Neo4j."""

from __future__ import annotations

import re

from netzwerk import graph
from netzwerk.graph.admin import seed
from tests.conftest import HOSTILE_STRINGS


def test_pages_need_a_login(make_client) -> None:
    anon = make_client(None)
    for path in (
        "/netzwerk",
        "/netzwerk/daten.json",
        "/netzwerk/buendnisse",
        "/netzwerk/bild.html",
    ):
        resp = anon.get(path)
        assert resp.status_code == 302 and "/anmelden" in resp.headers["Location"], path


def test_views_of_the_demo_region(store: graph.Store, app, make_client) -> None:
    """One test on one seeded database (seeding takes ~15 s on the shared machines)."""
    seed.load(store)
    client = make_client("viewer")
    check_cooperation(store, client)
    check_bad_parameters(client)
    check_ego_and_alliances(client)
    check_old_bookmarks(client)
    app.config["NETWORK_AGGREGATE_ABOVE"] = 50
    check_aggregate(client)


def check_cooperation(store: graph.Store, client) -> None:
    counts = graph.counts(store)
    page = client.get("/netzwerk?region=region-stadt-trier")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-src="/netzwerk/daten.json?region=region-stadt-trier"' in html
    assert "/static/vendor/vis-network/vis-network.min.js" in html
    assert "<script>" not in html  # CSP: no inline script
    assert "cdn" not in html.lower()

    data = client.get("/netzwerk/daten.json").get_json()
    assert data["mode"] == "full"
    assert data["counts"]["nodes"] == counts.nodes["Actor"]
    assert data["counts"]["edges"] <= counts.links["COOPERATES_WITH"]
    city = client.get("/netzwerk/daten.json?region=region-stadt-trier").get_json()
    assert 0 < city["counts"]["nodes"] < data["counts"]["nodes"]
    schools = client.get("/netzwerk/daten.json?kind=Schule&kind=Kita").get_json()
    assert {n["g"] for n in schools["nodes"]} <= {"kind:Schule", "kind:Kita"}
    old = client.get("/netzwerk/daten.json?as_of=01.01.2012").get_json()
    assert old["counts"]["edges"] < data["counts"]["edges"]
    assert old["as_of"] == "2012-01-01"


def check_bad_parameters(client) -> None:
    resp = client.get(
        "/netzwerk/daten.json?as_of=31.02.2024&region=gibt-es-nicht&kind=Raumschiff"
        "&colour=lila&size=riesig&community=abc&coop_kind=%3Cscript%3E"
    )
    assert resp.status_code == 200
    data = resp.get_json()
    joined = " ".join(data["warnings"])
    assert "gültiges Datum" in joined and "Region" in joined and "Akteursart" in joined
    assert data["counts"]["nodes"] > 100
    page = client.get("/netzwerk?as_of=%3Cscript%3Ealert(1)%3C/script%3E")
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.get_data(as_text=True)
    assert client.get("/netzwerk/ego/gibt-es-nicht").status_code == 404
    assert client.get("/netzwerk/ego/gibt-es-nicht/daten.json").status_code == 404


def check_old_bookmarks(client) -> None:
    """URLs with the German parameter names of older versions open the same picture."""
    old = "/netzwerk?buendnis=alliance-mint-initiativkreis-trier&stufe=stage-primarstufe&art=Schule"
    resp = client.get(old + "&stichtag=01.01.2020&farbe=region&tiefe=2")
    assert resp.status_code == 302
    target = resp.headers["Location"]
    assert target.startswith("/netzwerk?alliance=alliance-mint-initiativkreis-trier")
    for part in ("stage=stage-primarstufe", "kind=Schule", "as_of=01.01.2020", "colour=region"):
        assert part in target
    assert "buendnis" not in target and "stichtag" not in target
    page = client.get(old, follow_redirects=True).get_data(as_text=True)
    assert 'value="alliance-mint-initiativkreis-trier" selected' in page
    # data and downloads answer old names directly (no redirect for a script to follow)
    same = client.get("/netzwerk/daten.json?art=Schule&stichtag=01.01.2012").get_json()
    assert same["as_of"] == "2012-01-01" and {n["g"] for n in same["nodes"]} == {"kind:Schule"}
    both = client.get("/netzwerk?stufe=gibt-es-nicht&stage=stage-primarstufe")
    assert "stage=stage-primarstufe" in both.headers["Location"]
    assert "gibt-es-nicht" not in both.headers["Location"]  # the current name wins
    mixed = client.get("/netzwerk/daten.json?stufe=gibt-es-nicht&stage=stage-primarstufe")
    assert mixed.status_code == 200 and not mixed.get_json()["warnings"]


def check_aggregate(client) -> None:
    data = client.get("/netzwerk/daten.json?colour=area").get_json()
    assert data["mode"] == "aggregate"
    assert data["group_by"] == "region"
    assert sum(n["members"] for n in data["nodes"]) == data["counts"]["actors"]
    target = max(data["nodes"], key=lambda n: n["members"])
    assert target["url"].startswith("/netzwerk?") and "region=" in target["url"]
    assert "colour=area" in target["url"]  # drill-down keeps the user's choices
    drilled = client.get(target["url"].replace("/netzwerk?", "/netzwerk/daten.json?")).get_json()
    assert drilled["counts"]["actors"] <= target["members"] or drilled["mode"] == "aggregate"
    forced = client.get(data["show_all_url"].replace("/netzwerk?", "/netzwerk/daten.json?"))
    assert forced.get_json()["mode"] == "full"


def check_ego_and_alliances(client) -> None:
    page = client.get("/netzwerk/ego/actor-kbm-trier?depth=2")
    assert page.status_code == 200
    assert "Kommunales Bildungsmanagement der Stadt Trier" in page.get_data(as_text=True)
    one = client.get("/netzwerk/ego/actor-kbm-trier/daten.json").get_json()
    two = client.get("/netzwerk/ego/actor-kbm-trier/daten.json?depth=2").get_json()
    assert one["centre"] == "actor-kbm-trier" and one["depth"] == 1
    assert one["counts"]["nodes"] == one["counts"]["partners"] + 1
    assert two["counts"]["nodes"] > one["counts"]["nodes"]

    alliances = client.get("/netzwerk/buendnisse/daten.json").get_json()
    classes = {n["cls"] for n in alliances["nodes"]}
    assert {"actor", "alliance", "project"} <= classes
    url = next(n["url"] for n in alliances["nodes"] if n["cls"] == "alliance")
    assert url.startswith("/buendnisse/")
    without = client.get("/netzwerk/buendnisse/daten.json?projects=0").get_json()
    assert "project" not in {n["cls"] for n in without["nodes"]}
    page = client.get("/netzwerk/buendnisse").get_data(as_text=True)
    assert 'id="alliance-overlaps"' in page


def test_offline_download_inlines_everything_and_escapes_names(
    store: graph.Store, make_client
) -> None:
    a = graph.create_record(store, graph.Actor(name=HOSTILE_STRINGS[5], kind="Schule"), user="test")
    b = graph.create_record(
        store, graph.Actor(name="</script><script>alert(2)</script>", kind="Kita"), user="test"
    )
    graph.create_link(
        store,
        graph.Link(
            type="COOPERATES_WITH", from_id=a.id, to_id=b.id, kind="Verweisberatung", intensity=2
        ),
        user="test",
    )
    client = make_client("viewer")
    resp = client.get("/netzwerk/bild.html")
    assert resp.status_code == 200
    assert "attachment" in resp.headers["Content-Disposition"]
    html = resp.get_data(as_text=True)
    assert "vis-network" in html and "@version 9.1.2" in html  # library inlined
    assert not re.search(r"<script[^>]+src=", html)  # nothing loaded from elsewhere
    assert "<link" not in html
    assert "<img src=x" not in html
    assert "</script><script>alert(2)" not in html
    # data, vis-network, network-labels.js, network-explore.js, network-keyboard.js,
    # network-table.js, network.js: nothing broke out
    assert html.count("</script>") == 7
    ego = client.get(f"/netzwerk/ego/{a.id}/bild.html")
    assert ego.status_code == 200 and "<img src=x" not in ego.get_data(as_text=True)
