"""Gap analyses on the demo region and the gap pages, downloads and suggestion actions."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph import operations
from netzwerk.graph.admin import seed
from netzwerk.graph.analysis import source
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.operations import pipeline
from tests.conftest import HOSTILE_STRINGS, csrf_token


@pytest.fixture
def demo(store: graph.Store) -> graph.Store:
    seed.load(store)
    return store


def _every_analysis_finds_something(demo: graph.Store) -> None:
    data, rep = source.report(demo, Filter())
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
    assert source.report(demo, Filter())[1] is rep
    city = source.report(demo, Filter(region="region-stadt-trier"))[1]
    assert city is not rep and city.figures.actors < rep.figures.actors


def test_demo_region_analyses_pages_and_downloads(demo: graph.Store, make_client) -> None:
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
    assert "Hier bietet niemand vor Ort etwas an" in drill.get_data(as_text=True)
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


def test_suggestion_pipeline_from_suggested_to_agreed(demo: graph.Store, make_client) -> None:
    viewer = make_client("viewer")
    data = viewer.get("/luecken/vorschlaege.json?actor=actor-vhs-trier&limit=3").get_json()
    first = data["suggestions"][0]
    assert len(data["suggestions"]) == 3 and first["reasons"] and first["score"] > 0
    assert "actor-vhs-trier" in (first["from"], first["to"])
    assert viewer.get("/luecken/vorschlaege.json?actor=nope").status_code == 404
    assert viewer.get("/luecken/vorschlaege.json?limit=x").status_code == 400
    token = csrf_token(viewer, "/luecken/vorschlaege")
    for step in ("ansprechen", "verwerfen", "vereinbaren", "wiederherstellen"):
        denied = viewer.post(
            f"/luecken/vorschlaege/{step}",
            data={"a": first["from"], "b": first["to"], "csrf_token": token},
        )
        assert denied.status_code == 403, step

    editor = make_client("editor")
    token = csrf_token(editor, "/luecken/vorschlaege")
    pair = tuple(sorted((first["from"], first["to"])))

    def post(step: str, **form: str) -> str:
        resp = editor.post(
            f"/luecken/vorschlaege/{step}",
            data={"csrf_token": token, **form},
            follow_redirects=True,
        )
        assert resp.status_code == 200, step
        return resp.get_data(as_text=True)

    def cooperates(a: str, b: str) -> bool:
        links = graph.links_of(demo, "Actor", a, ["COOPERATES_WITH"])
        return any({lk.from_id, lk.to_id} == {a, b} for lk in links)

    # vorgeschlagen → vereinbart directly is refused: nothing is created
    html = post("vereinbaren", a=pair[0], b=pair[1])
    assert "nur, wer angesprochen wurde" in html and not cooperates(*pair)
    # → angesprochen (either order of the pair), with a note; no cooperation yet
    html = post("ansprechen", a=pair[1], b=pair[0], note="  Anruf bei der   VHS  ")
    assert "als angesprochen vermerkt" in html
    assert pipeline.pipeline_pairs(demo) == {pair: "angesprochen"}
    assert not cooperates(*pair)
    again = viewer.get("/luecken/vorschlaege.json?actor=actor-vhs-trier&limit=3").get_json()
    assert pair not in {tuple(sorted((s["from"], s["to"]))) for s in again["suggestions"]}
    page = viewer.get("/luecken/vorschlaege").get_data(as_text=True)
    assert "Anruf bei der VHS" in page and 'action="/luecken/vorschlaege/vereinbaren"' not in page
    assert "Anruf bei der VHS" in editor.get("/luecken/vorschlaege").get_data(as_text=True)
    # twice is a conflict, not a second record
    assert "Bitte die Seite neu laden" in post("ansprechen", a=pair[0], b=pair[1])
    # a bad date and an unknown kind are refused with a message, nothing created
    assert "kein gültiges Datum" in post("vereinbaren", a=pair[0], b=pair[1], since="31.02.2025")
    assert "keine bekannte Kooperationsart" in post(
        "vereinbaren", a=pair[0], b=pair[1], kind="Freundschaft"
    )
    assert not cooperates(*pair)
    # → vereinbart creates the cooperation from the agreed day, through the write path
    html = post(
        "vereinbaren",
        a=pair[0],
        b=pair[1],
        kind="Gemeinsames Angebot",
        since="2025-03-01",
        next="//evil.example/",
    )
    assert "Vereinbart: Kooperation" in html and "01.03.2025" in html
    links = graph.links_of(demo, "Actor", pair[0], ["COOPERATES_WITH"])
    made = [lk for lk in links if {lk.from_id, lk.to_id} == set(pair)]
    assert len(made) == 1 and made[0].kind == "Gemeinsames Angebot"
    assert made[0].source == "Partnervorschlag" and made[0].since == date(2025, 3, 1)
    from netzwerk.graph.records import history

    assert any(c.action == "link" and c.user == "editor" for c in history.recent(demo, limit=5))
    entry = next(e for e in pipeline.pipeline(demo) if (e.a, e.b) == pair)
    assert entry.status == "vereinbart" and entry.link_id == made[0].id
    assert [line.split(" ", 2)[2] for line in entry.log] == [
        "angesprochen (editor): Anruf bei der VHS",
        "vereinbart (editor)",
    ]
    # a vereinbart pair cannot be dismissed or agreed again
    assert "Bitte die Seite neu laden" in post("verwerfen", a=pair[0], b=pair[1])

    # another pair: dismissed, restored, dismissed again
    second = next(s for s in again["suggestions"])
    other = tuple(sorted((second["from"], second["to"])))
    assert "nicht mehr vorgeschlagen" in post("verwerfen", a=other[0], b=other[1])
    assert pipeline.pipeline_pairs(demo)[other] == "verworfen"
    assert "wieder vorgeschlagen" in post("wiederherstellen", a=other[0], b=other[1])
    assert other not in pipeline.pipeline_pairs(demo)
    assert "nicht mit sich selbst" in post("ansprechen", a=other[0], b=other[0])
    assert "gültigen Akteur" in post("ansprechen", a="<script>", b=other[0])
    assert "nicht gefunden" in post("ansprechen", a="actor-gibt-es-nicht", b=other[0])
    assert "höchstens 500 Zeichen" in post("ansprechen", a=other[0], b=other[1], note="x" * 501)
    assert other not in pipeline.pipeline_pairs(demo)


def test_dismissals_from_before_the_pipeline_count_as_dismissed(demo: graph.Store) -> None:
    """Databases written before the pipeline hold DISMISSED_SUGGESTION; they stay dismissed
    and are converted on their next step."""
    data, _rep = source.report(demo, Filter())
    a, b = sorted(data.graph)[:2]
    _legacy_dismissal(demo, a, b)
    assert pipeline.pipeline_pairs(demo) == {(a, b): "verworfen"}
    pipeline.step(demo, a, b, "vorgeschlagen", by="editor")
    assert pipeline.pipeline_pairs(demo) == {}
    assert pipeline.pipeline(demo) == []


def _legacy_dismissal(store: graph.Store, a: str, b: str) -> None:
    """What the dismiss query before the pipeline wrote (setup only)."""
    store.driver.execute_query(
        "MATCH (a:Actor {id: $a}), (b:Actor {id: $b}) "
        "MERGE (a)-[d:DISMISSED_SUGGESTION]->(b) SET d.by = 'alt', d.at = datetime()",
        {"a": a, "b": b},
        database_=store.database,
    )


def test_structure_metrics_and_change_pages(demo: graph.Store, make_client) -> None:
    client = make_client("viewer")
    for url in (
        "/luecken/struktur",
        "/luecken/struktur?gruppe=area",
        "/luecken/struktur?gruppe=stage&region=region-stadt-trier",
        "/luecken/kennzahlen",
        "/luecken/kennzahlen?sort=constraint&dir=asc&seite=2",
        "/luecken/kennzahlen?sort=brokerage_role&q=schule&gruppe=stage",
        "/luecken/veraenderung?von=2020-01-01&as_of=2025-12-31",
        "/bericht?von=2022-06-30",
        "/luecken?aufloesung=3",
    ):
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.get_data(as_text=True)
        assert "style=" not in html.replace('rel="stylesheet"', ""), url
    structure = client.get("/luecken/struktur").get_data(as_text=True)
    assert "Torwächter/Vertreter" in structure and "E–I" in structure
    assert "Innerer Kern" in structure and "effektive Größe" in structure
    table = client.get("/luecken/kennzahlen?sort=degree").get_data(as_text=True)
    assert "Vermittlerrolle (Betweenness)" in table and 'aria-sort="descending"' in table
    # bad parameters: messages, defaults, never an error page
    for url, message in (
        ("/luecken?aufloesung=abc", "Auflösung"),
        ("/luecken?aufloesung=1e9", "Auflösung"),
        ("/luecken/veraenderung?von=gestern", "kein gültiges Datum"),
        ("/luecken/veraenderung?von=2030-01-01&as_of=2025-01-01", "vor dem Stichtag"),
    ):
        resp = client.get(url)
        assert resp.status_code == 200 and message in resp.get_data(as_text=True), url
    for url in ("/luecken/kennzahlen?sort=nope&dir=x&seite=-3", "/luecken/struktur?gruppe=x"):
        assert client.get(url).status_code == 200, url
    change = client.get("/luecken/veraenderung?von=2015-01-01&as_of=2025-12-31")
    text = change.get_data(as_text=True)
    assert "Neue Kooperationen" in text and "Dazugekommen" in text
    report = client.get("/bericht?von=2015-01-01").get_data(as_text=True)
    assert "Veränderung seit dem 01.01.2015" in report and "bericht.html?von=2015-01-01" in report
    download = client.get("/bericht.html?von=2015-01-01").get_data(as_text=True)
    assert "Veränderung seit dem 01.01.2015" in download
    # downloads: the whole table, filtered and sorted like the page
    csv = client.get("/luecken/kennzahlen.csv?sort=degree&q=schule")
    text = csv.data.decode("utf-8-sig")
    rows = text.strip().split("\r\n")
    assert rows[0].startswith("Akteur;Art;Region;ID;Kooperationen (Grad)")
    assert len(rows) > 5 and all("chule" in r.split(";")[0] for r in rows[1:])
    wb = load_workbook(io.BytesIO(client.get("/luecken/kennzahlen.xlsx").data))
    data, _rep = source.report(demo, Filter())
    assert wb.worksheets[0].max_row == data.graph.number_of_nodes() + 1
    assert client.get("/luecken/kennzahlen.pdf").status_code == 404
    sheets = load_workbook(io.BytesIO(client.get("/luecken/export.xlsx").data)).sheetnames
    assert {"Vermittlungsrollen", "Offenheit E-I", "Strukturelle Löcher", "Kern und Rand"} <= set(
        sheets
    )


def test_cli_report_metrics_and_compare(demo: graph.Store, tmp_path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["gaps", "report", "--exact", "--resolution", "2", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["figures"]["Akteure"] > 150
    assert any("Auflösung 2" in note for note in out["notes"])
    bad = runner.invoke(main, ["gaps", "report", "--resolution", "0"])
    assert bad.exit_code != 0
    target = tmp_path / "kennzahlen.xlsx"
    result = runner.invoke(main, ["gaps", "metrics", "-o", str(target), "--by", "area"])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).worksheets[0]
    assert sheet.max_row > 150 and sheet.cell(1, 5).value == "Kooperationen (Grad)"
    result = runner.invoke(main, ["gaps", "show", "offenheit"])
    assert result.exit_code == 0 and "Akteursart" in result.output
    result = runner.invoke(
        main, ["gaps", "compare", "--from", "2015-01-01", "--as-of", "2025-12-31", "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "Neue Kooperationen" in result.output and "Akteure im Netz" in result.output
    wrong = runner.invoke(main, ["gaps", "compare", "--from", "2030-01-01"])
    assert wrong.exit_code != 0 and "vor dem Stichtag" in wrong.output
    # records by name or id, like every other command's filter options
    by_name = runner.invoke(main, ["gaps", "report", "--json", "--region", "Stadt Trier"])
    by_id = runner.invoke(main, ["gaps", "report", "--json", "--region", "region-stadt-trier"])
    assert by_name.exit_code == 0 and by_id.exit_code == 0, by_name.output + by_id.output
    name_figures = json.loads(by_name.output)["figures"]
    assert name_figures == json.loads(by_id.output)["figures"]
    assert 0 < name_figures["Akteure"] < out["figures"]["Akteure"]
    unknown = runner.invoke(main, ["gaps", "show", "isoliert", "--alliance", "Gibt es nicht"])
    assert unknown.exit_code != 0 and "„Gibt es nicht“ gibt es nicht" in unknown.output


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=st.one_of(st.sampled_from(HOSTILE_STRINGS), st.text(max_size=600)))
def test_pipeline_notes_go_round(store: graph.Store, note: str) -> None:
    """Any note comes back from the pipeline as typed (whitespace collapsed), or is refused
    whole when too long; the pair's state is unchanged by a refused step."""
    if not graph.counts(store).nodes.get("Actor"):
        for actor_id in ("actor-note-a", "actor-note-b"):
            graph.create_record(
                store, graph.Actor(id=actor_id, name=actor_id, kind="Schule"), user="t"
            )
    pair = ("actor-note-a", "actor-note-b")
    expected = " ".join(note.split())
    if len(expected) > pipeline.NOTE_MAX:
        with pytest.raises(graph.ValidationError):
            pipeline.step(store, *pair, "angesprochen", by="t", note=note)
        assert pair not in pipeline.pipeline_pairs(store)
        return
    pipeline.step(store, *pair, "angesprochen", by="t", note=note)
    entry = next(e for e in pipeline.pipeline(store) if (e.a, e.b) == pair)
    assert entry.status == "angesprochen"
    assert entry.note == expected or not expected  # an empty note keeps the earlier one
    assert entry.log[-1].endswith("angesprochen (t)" + (f": {expected}" if expected else ""))
    pipeline.step(store, *pair, "verworfen", by="t")
    pipeline.step(store, *pair, "vorgeschlagen", by="t")
    assert pair not in pipeline.pipeline_pairs(store)


def test_pipeline_survives_backup_and_restore(store: graph.Store) -> None:
    """Backups hold every relationship; the pipeline's must be restorable too."""
    from netzwerk.graph.admin import backup

    for actor_id in ("actor-bk-a", "actor-bk-b", "actor-bk-c"):
        graph.create_record(store, graph.Actor(id=actor_id, name=actor_id, kind="Kita"), user="t")
    pipeline.step(store, "actor-bk-a", "actor-bk-b", "angesprochen", by="t", note="x")
    _legacy_dismissal(store, "actor-bk-a", "actor-bk-c")
    before = pipeline.pipeline(store)
    data = backup.dump(store)
    backup.validate(data)  # raises on an unknown relationship type
    operations.restore_backup(store, data, replace=True)
    after = pipeline.pipeline(store)
    assert [(e.a, e.b, e.status, e.note, e.log) for e in after] == [
        (e.a, e.b, e.status, e.note, e.log) for e in before
    ]
    assert {e.status for e in after} == {"angesprochen", "verworfen"}


def test_deleting_an_actor_in_the_pipeline_and_undoing_it(store: graph.Store) -> None:
    """The pipeline's records go with a deleted actor and come back with its undo, with
    status, note, log and times as they were; a pair whose other actor is gone stays away."""
    from netzwerk.graph import operations
    from netzwerk.graph.records import history

    for actor_id in ("actor-del-a", "actor-del-b", "actor-del-c"):
        graph.create_record(store, graph.Actor(id=actor_id, name=actor_id, kind="Kita"), user="t")
    pipeline.step(store, "actor-del-a", "actor-del-b", "angesprochen", by="t", note="Anruf")
    pipeline.step(store, "actor-del-b", "actor-del-c", "verworfen", by="t")
    before = sorted((e.a, e.b, e.status, e.note, e.log, e.at) for e in pipeline.pipeline(store))
    assert len(before) == 2
    gone = operations.delete_record(store, graph.Actor, "actor-del-b", user="t")
    assert pipeline.pipeline(store) == []
    operations.undo(store, gone.trash_id, user="t", role="admin")
    assert graph.counts(store).nodes["Actor"] == 3
    after = sorted((e.a, e.b, e.status, e.note, e.log, e.at) for e in pipeline.pipeline(store))
    assert after == before
    restore = history.for_record(store, "actor-del-b")[0]
    assert restore.action == "restore" and restore.changes["suggestions_restored"] == [0, 2]
    # the other actor gone meanwhile: that pair stays away, the rest comes back
    gone = operations.delete_record(store, graph.Actor, "actor-del-b", user="t")
    operations.delete_record(store, graph.Actor, "actor-del-c", user="t")
    operations.undo(store, gone.trash_id, user="t", role="admin")
    assert [(e.a, e.b) for e in pipeline.pipeline(store)] == [("actor-del-a", "actor-del-b")]


def test_agreeing_is_both_or_neither(store: graph.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """*vereinbart* writes the cooperation and the step in one transaction: if the pair was
    moved by someone else after the check (simulated by a stale pre-check), the step is
    refused under the lock and the cooperation is rolled back with it."""
    for actor_id in ("actor-agree-a", "actor-agree-b"):
        graph.create_record(store, graph.Actor(id=actor_id, name=actor_id, kind="Kita"), user="t")
    stale = {("actor-agree-a", "actor-agree-b"): "angesprochen"}
    monkeypatch.setattr(pipeline, "pipeline_pairs", lambda _store: stale)
    with pytest.raises(graph.ConflictError):
        pipeline.agree(store, "actor-agree-a", "actor-agree-b", by="t")
    assert graph.list_links(store, "COOPERATES_WITH").items == []
    assert graph.links_of(store, "Actor", "actor-agree-a") == []
    monkeypatch.undo()
    pipeline.step(store, "actor-agree-a", "actor-agree-b", "angesprochen", by="t")
    link = pipeline.agree(store, "actor-agree-b", "actor-agree-a", by="t")
    (entry,) = pipeline.pipeline(store)
    assert entry.status == "vereinbart" and entry.link_id == link.id
    assert [lk.id for lk in graph.list_links(store, "COOPERATES_WITH").items] == [link.id]


def test_merging_actors_carries_the_duplicates_pipeline_over(store: graph.Store) -> None:
    """The duplicate's pipeline records move to the survivor (stored smaller id first); a
    pair the survivor already has keeps the survivor's record; a pair between the two goes."""
    for actor_id in ("actor-m-a", "actor-m-b", "actor-m-keep", "actor-m-x", "actor-m-z"):
        graph.create_record(store, graph.Actor(id=actor_id, name=actor_id, kind="Kita"), user="t")
    step = pipeline.step
    step(store, "actor-m-x", "actor-m-z", "angesprochen", by="t", note="vom Duplikat")
    step(store, "actor-m-a", "actor-m-x", "angesprochen", by="t", note="vom Duplikat")
    step(store, "actor-m-a", "actor-m-keep", "verworfen", by="t", note="eigener A")
    step(store, "actor-m-b", "actor-m-keep", "angesprochen", by="t", note="eigener B")
    step(store, "actor-m-keep", "actor-m-x", "verworfen", by="t")
    result = graph.merge_actors(store, "actor-m-keep", "actor-m-x", user="t")
    assert result.suggestions_moved == 1
    pairs = {(e.a, e.b): (e.status, e.note) for e in pipeline.pipeline(store)}
    assert pairs == {
        ("actor-m-keep", "actor-m-z"): ("angesprochen", "vom Duplikat"),
        ("actor-m-a", "actor-m-keep"): ("verworfen", "eigener A"),
        ("actor-m-b", "actor-m-keep"): ("angesprochen", "eigener B"),
    }
