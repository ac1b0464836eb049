"""Gap analyses on the demo region and the gap pages, downloads and suggestion actions."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from netzwerk import graph
from netzwerk.graph import seed, suggestions_store
from netzwerk.graph.analysis import source
from netzwerk.graph.network import NetworkFilter
from tests.conftest import csrf_token


@pytest.fixture
def demo(store: graph.Store) -> graph.Store:
    seed.load(store)
    return store


def _every_analysis_finds_something(demo: graph.Store) -> None:
    data, rep = source.report(demo, NetworkFilter())
    g = data.graph
    assert len(rep.isolated) >= 8
    assert len(rep.weak) >= 10
    assert rep.passive
    assert any(g.nodes[c.actor]["name"].endswith("Hermeskeil") for c in rep.cut_points)
    assert rep.bridges and rep.brokers.top and 0 < rep.brokers.dependence < 1
    assert [len(c) for c in rep.islands.components][:3] == [154, 4, 3]
    assert len(rep.islands.communities) >= 3
    gaps = {(c.region, c.column) for c in rep.coverage_stage.gaps()}
    assert ("region-vg-hermeskeil", "stage-hochschule") in gaps
    assert rep.transitions.gaps()
    assert any(r.candidates for r in rep.reach) and rep.overlap
    assert rep.suggestions and all(s.reasons for s in rep.suggestions)
    assert rep.border.across == 67 and rep.border.within == {
        "region-stadt-trier": 251,
        "region-landkreis-trier-saarburg": 82,
    }
    # the same key returns the cached report; a filter gives another one
    assert source.report(demo, NetworkFilter())[1] is rep
    city = source.report(demo, NetworkFilter(region="region-stadt-trier"))[1]
    assert city is not rep and city.figures.actors < rep.figures.actors


def test_demo_region_analyses_pages_and_downloads(demo: graph.Store, make_client) -> None:  # type: ignore[no-untyped-def]
    """Each analysis finds its planted gap in the demo region (one seed load for the whole
    module's checks); pages render without inline styles, bad filters give messages,
    downloads work."""
    _every_analysis_finds_something(demo)
    client = make_client("viewer")
    for url in (
        "/luecken",
        "/luecken/abdeckung?dim=topic&measure=projects",
        "/luecken/abdeckung?cell=region-vg-hermeskeil|stage-hochschule",
        "/luecken/uebergaenge",
        "/luecken/vorschlaege?actor=actor-vhs-trier",
        "/bericht",
    ):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert "style=" not in resp.get_data(as_text=True).replace('rel="stylesheet"', "")
    html = client.get("/luecken?as_of=31.02.2024&region=<script>&kind=xx").get_data(as_text=True)
    assert "kein gültiges Datum" in html and "<script>" not in html.split("<main")[1]
    drill = client.get("/luecken/abdeckung?cell=region-vg-hermeskeil|stage-hochschule")
    assert "Hier ist niemand vor Ort" in drill.get_data(as_text=True)
    report = client.get("/bericht").get_data(as_text=True)
    assert "<svg" in report and "Neue Kooperationen je Jahr" in report
    download = client.get("/bericht.html")
    assert "attachment" in download.headers["Content-Disposition"] and b"<style>" in download.data
    resp = client.get("/luecken/export.xlsx?region=region-landkreis-trier-saarburg")
    wb = load_workbook(io.BytesIO(resp.data))
    assert "Schlüsselakteure" in wb.sheetnames and wb["Isolierte Akteure"].max_row >= 2
    csv = client.get("/luecken/export.csv?section=vorschlaege")
    assert csv.data.startswith(b"\xef\xbb\xbf") and "Gründe" in csv.data.decode("utf-8-sig")
    assert client.get("/luecken/export.csv?section=nope").status_code == 404
    assert client.get("/luecken/export.pdf").status_code == 404


def test_suggestions_json_accept_and_dismiss(demo: graph.Store, make_client) -> None:  # type: ignore[no-untyped-def]
    viewer = make_client("viewer")
    data = viewer.get("/luecken/vorschlaege.json?actor=actor-vhs-trier&limit=3").get_json()
    first = data["suggestions"][0]
    assert len(data["suggestions"]) == 3 and first["reasons"] and first["score"] > 0
    assert "actor-vhs-trier" in (first["from"], first["to"])
    assert viewer.get("/luecken/vorschlaege.json?actor=nope").status_code == 404
    assert viewer.get("/luecken/vorschlaege.json?limit=x").status_code == 400
    token = csrf_token(viewer, "/luecken/vorschlaege")
    denied = viewer.post(
        "/luecken/vorschlaege/verwerfen",
        data={"a": first["from"], "b": first["to"], "csrf_token": token},
    )
    assert denied.status_code == 403

    editor = make_client("editor")
    token = csrf_token(editor, "/luecken/vorschlaege")
    resp = editor.post(
        "/luecken/vorschlaege/verwerfen",
        data={"a": first["to"], "b": first["from"], "csrf_token": token},
    )
    assert resp.status_code == 302
    assert suggestions_store.dismissed_pairs(demo) == {tuple(sorted((first["from"], first["to"])))}
    again = viewer.get("/luecken/vorschlaege.json?actor=actor-vhs-trier&limit=3").get_json()
    assert (first["from"], first["to"]) not in {(s["from"], s["to"]) for s in again["suggestions"]}

    second = again["suggestions"][0]
    resp = editor.post(
        "/luecken/vorschlaege/annehmen",
        data={
            "a": second["from"],
            "b": second["to"],
            "kind": "Gemeinsames Angebot",
            "csrf_token": token,
            "next": "//evil.example/",
        },
    )
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/luecken/vorschlaege")
    links = graph.links_of(demo, "Actor", second["from"], ["COOPERATES_WITH"])
    made = [lk for lk in links if {lk.from_id, lk.to_id} == {second["from"], second["to"]}]
    assert made and made[0].kind == "Gemeinsames Angebot" and made[0].source == "Partnervorschlag"
    from netzwerk.graph import history

    assert any(c.action == "link" and c.user == "editor" for c in history.recent(demo, limit=5))
    bad = editor.post(
        "/luecken/vorschlaege/annehmen",
        data={"a": second["from"], "b": second["from"], "kind": "x", "csrf_token": token},
        follow_redirects=True,
    )
    assert "nicht mit sich selbst" in bad.get_data(as_text=True)
    assert suggestions_store.restore(demo, first["from"], first["to"])
    assert json.dumps(suggestions_store.dismissed_pairs(demo), default=list) == "[]"
