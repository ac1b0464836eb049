"""Indicators: the demo tables import, again changes nothing, bad files change nothing, and
the demand-weighted coverage shows the figures computed by hand."""

from __future__ import annotations

import io
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzwerk import graph, notebook
from netzwerk.graph import indicators, operations
from netzwerk.graph.admin import seed
from netzwerk.graph.core import bulk
from netzwerk.graph.core.model import Actor, Indicator, Link, Region, Stage
from netzwerk.graph.formats import report_content
from netzwerk.graph.formats.document import Table
from netzwerk.graph.operations.imports import ImportBlockedError
from tests.conftest import csrf_token

DEMO = sorted(
    (e.name, e.read_bytes())
    for e in resources.files("netzwerk.seeddata").joinpath(seed.DATASET).iterdir()
    if e.name.startswith("indikatoren_")
)
HEADER = (
    "Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;"
    "1_Auspraegung_Code;1_Auspraegung_Label;KITA01__Kinder_in_Tageseinrichtungen__Anzahl;"
    "KITA01__Kinder_in_Tageseinrichtungen__q"
)


def _demo_regions(store: graph.Store) -> None:
    nodes, _ = seed.build(seed.read_dataset() | {"indicators": []})
    bulk.merge_nodes(store, [n for n in nodes if isinstance(n, Region)])


def _indicator_count(store: graph.Store) -> int:
    return graph.counts(store).nodes["Indicator"]


def _import(store: graph.Store, name: str, data: bytes) -> operations.CommitResult:
    dry = indicators.plan_indicators(store, indicators.read(data, name), name)
    assert not dry.errors, dry.messages()[:5]
    return operations.import_indicators(store, dry, user="test")


def _genesis(*cells: str) -> bytes:
    rows = [
        f"99999;Test;JAHR;Jahr;{2020 + i};KREISE;Kreise;07211;Trier, kreisfreie Stadt;{c};e"
        for i, c in enumerate(cells)
    ]
    return "\n".join([HEADER, *rows]).encode("utf-8")


def test_demo_files_import_and_import_again_changes_nothing(store: graph.Store) -> None:
    _demo_regions(store)
    assert len(DEMO) == 3
    created = 0
    for name, data in DEMO:
        result = _import(store, name, data)
        assert result.state == "applied" and result.created > 0, name
        created += result.created
    assert _indicator_count(store) == created
    trier = indicators.stored_regions(store).match("07211", "")
    assert trier.how == "Schlüssel"
    values = {(i.measure, i.year): i for i, _ in indicators.stored(store, regions=[trier.region])}
    assert values[("BEVSTD.ALT000B03", 2022)].unit == "Anzahl"
    assert values[("SGB2Q1", 2022)].unit == "Prozent"
    assert "erfundene Demodaten" in values[("SGB2Q1", 2022)].source
    recent = graph.counts(store).nodes
    for name, data in DEMO:
        again = _import(store, name, data)
        assert again.batch == "" and again.created == again.updated == 0, name
    assert graph.counts(store).nodes == recent


def test_the_demo_seed_loads_the_indicator_tables() -> None:
    nodes, _ = seed.build(seed.read_dataset())
    loaded = [n for n in nodes if isinstance(n, Indicator)]
    regions = {n.id for n in nodes if isinstance(n, Region) and n.ags}
    assert len(loaded) > 200
    assert {i.region for i in loaded} == regions  # Trier, the Landkreis and its six VGs
    assert len(regions) == 8


def test_a_changed_value_updates_and_undo_restores_it(store: graph.Store) -> None:
    _demo_regions(store)
    _import(store, "kita.csv", _genesis("4.508", "4.600"))
    changed = _import(store, "kita.csv", _genesis("4.508", "4.650,5"))
    assert (changed.created, changed.updated) == (0, 1)
    value = {i.year: i.value for i, _ in indicators.stored(store)}
    assert value == {2020: 4508.0, 2021: 4650.5}
    operations.undo_import(store, changed.batch, user="test")
    assert {i.year: i.value for i, _ in indicators.stored(store)} == {2020: 4508.0, 2021: 4600.0}


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cell=st.text(
        alphabet=st.characters(exclude_characters=';\r\n"\x00', exclude_categories=["Cs"]),
        min_size=1,
        max_size=30,
    ).filter(lambda t: t.strip() not in indicators.reader.MARKERS),
    row=st.integers(min_value=0, max_value=2),
)
def test_a_hostile_cell_gets_a_german_error_and_changes_nothing(
    store: graph.Store, cell: str, row: int
) -> None:
    _demo_regions(store)
    cells = ["1.234", "1.240", "1.250"]
    cells[row] = cell
    data = _genesis(*cells)
    try:
        indicators.reader.number(cell.strip())
    except ValueError:
        pass
    else:
        return  # the cell is a number after all: nothing to refuse
    before = graph.counts(store)
    dry = indicators.plan_indicators(store, indicators.read(data, "x.csv"), "x.csv")
    if not cell.strip():
        assert not dry.errors  # an empty cell is no value, not an error
        return
    assert dry.blocking
    message = dry.messages()[0]
    assert message.startswith(f"Zeile {row + 2}, Spalte „KITA01__")
    assert "ist keine Zahl" in message
    with pytest.raises(ImportBlockedError, match="nicht ausgeführt"):
        operations.import_indicators(store, dry, user="test")
    assert graph.counts(store) == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Region;Jahr;Kinder 0-6\nKonz;zwanzig;12\n", "Zeile 3, Spalte „Jahr“: kein Jahr"),
        ("Region;Jahr;Kinder 0-6\nAtlantis;2023;12\n", "Zeile 3: keine Region"),
        ("AGS;Jahr;Kinder 0-6\n0723X;2023;12\n", "ist kein amtlicher Schlüssel"),
        ("Region;Jahr;Kinder 0-6\nKonz;2023;12\nKonz;2023;13\n", "schon in Zeile 3"),
        ("Region;Jahr;Kinder 0-6\nKonz;2150;12\n", "Jahr: muss eine ganze Zahl"),
    ],
)
def test_malformed_office_tables_are_refused_whole(
    store: graph.Store, body: str, message: str
) -> None:
    _demo_regions(store)
    header, rest = body.split("\n", 1)
    good = "072355001;2023;760" if header.startswith("AGS") else "Hermeskeil;2023;760"
    data = f"{header}\n{good}\n{rest}".encode()
    dry = indicators.plan_indicators(store, indicators.read(data, "t.csv"), "t.csv")
    assert any(message in m for m in dry.messages()), dry.messages()
    with pytest.raises(ImportBlockedError):
        operations.import_indicators(store, dry, user="test")
    assert _indicator_count(store) == 0


def test_a_table_without_the_needed_columns_says_which() -> None:
    with pytest.raises(indicators.IndicatorFileError, match="Spalte „Jahr“"):
        indicators.read(b"Name;Wert\nKonz;12\n", "t.csv")


def _fixture(store: graph.Store) -> None:
    """Stadt A (AGS 07211000) with two parts; three Kitas and two primary schools in part 1,
    one Kita in part 2; the schools cooperate with a Kita, each other and an association."""
    nodes: list[graph.Node] = [
        Region(id="r-a", name="Stadt A", kind="Stadt", ags="07211000"),
        Region(id="r-a1", name="A-Nord", kind="Stadtteil"),
        Region(id="r-a2", name="A-Süd", kind="Stadtteil"),
        Stage(id="s-early", name="frühkindlich", order=1),
        Stage(id="s-primary", name="Primarstufe", order=2),
        *(Actor(id=f"kita{i}", name=f"Kita {i}", kind="Kita") for i in range(1, 5)),
        Actor(id="gs1", name="GS 1", kind="Schule"),
        Actor(id="gs2", name="GS 2", kind="Schule"),
        Actor(id="verein", name="Verein", kind="Verein/Initiative"),
    ]
    links = [
        Link(type="PART_OF", from_id="r-a1", to_id="r-a", id="p1"),
        Link(type="PART_OF", from_id="r-a2", to_id="r-a", id="p2"),
        *(
            Link(type="LOCATED_IN", from_id=a, to_id="r-a1", id=f"l-{a}")
            for a in ("kita1", "kita2", "kita3", "gs1", "gs2", "verein")
        ),
        Link(type="LOCATED_IN", from_id="kita4", to_id="r-a2", id="l-kita4"),
        *(
            Link(type="COVERS", from_id=f"kita{i}", to_id="s-early", id=f"c-kita{i}")
            for i in range(1, 5)
        ),
        Link(type="COVERS", from_id="gs1", to_id="s-primary", id="c-gs1"),
        Link(type="COVERS", from_id="gs2", to_id="s-primary", id="c-gs2"),
        Link(type="COOPERATES_WITH", from_id="gs1", to_id="kita1", id="k1", kind="Gremienarbeit"),
        Link(type="COOPERATES_WITH", from_id="gs1", to_id="gs2", id="k2", kind="Gremienarbeit"),
        Link(type="COOPERATES_WITH", from_id="gs2", to_id="verein", id="k3", kind="Gremienarbeit"),
        Link(type="COOPERATES_WITH", from_id="kita2", to_id="kita4", id="k4", kind="Gremienarbeit"),
    ]
    bulk.merge_nodes(store, nodes)
    result = bulk.merge_links(store, links)
    assert not result.missing


TABLE = (
    "AGS;Region;Jahr;Kinder 0-6 (Anzahl);Schulabgänger ohne Abschluss (Anzahl)\n"
    "07211000;Stadt A;2022;1.400;10\n"
    "07211;Stadt A;2023;1.600;16\n"
    ";A-Nord;2023;750;\n"
)


def test_weighted_coverage_is_computed_as_by_hand(store: graph.Store) -> None:
    _fixture(store)
    _import(store, "eigene.csv", TABLE.encode("utf-8"))
    view = indicators.joined_view(store)
    a, north, south = view.row("r-a"), view.row("r-a1"), view.row("r-a2")
    # Stadt A: 4 Kitas present (parts count for the whole), 1,600 children in 2023:
    # 4 × 1,000 / 1,600 = 2.5; cooperations of its primary schools: gs1–kita1, gs1–gs2,
    # gs2–verein = 3, per 100 of 16 leavers = 18.75.
    providers, coops = a.weighted
    assert (providers.count, providers.demand, providers.year) == (4, 1600.0, 2023)
    assert providers.ratio == pytest.approx(2.5)
    assert (coops.count, coops.demand, coops.year) == (3, 16.0, 2023)
    assert coops.ratio == pytest.approx(18.75)
    # A-Nord: 3 Kitas for 750 children = 4.0; no leavers figure: no ratio.
    assert north.weighted[0].ratio == pytest.approx(4.0)
    assert north.weighted[1].count == 3 and north.weighted[1].ratio is None
    assert south.weighted[0].count == 1 and south.weighted[0].demand is None
    assert (a.actors, a.cooperations) == (7, 4)
    trend = {s.measure: s.values for s in a.series}
    assert trend["kinder-0-6"] == {2022: 1400.0, 2023: 1600.0}


def test_the_page_previews_imports_and_shows_german_figures(
    store: graph.Store, make_client
) -> None:
    _fixture(store)
    editor = make_client("editor")
    token = csrf_token(editor, "/luecken/indikatoren")
    upload = {"csrf_token": token, "file": (io.BytesIO(TABLE.encode("utf-8")), "eigene.csv")}
    preview = editor.post("/luecken/indikatoren/pruefen", data=upload)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html[:2000]
    assert "5 neu" in html and _indicator_count(store) == 0  # a dry run writes nothing
    payload = html.split('name="payload" value="', 1)[1].split('"', 1)[0]
    done = editor.post(
        "/luecken/indikatoren/importieren",
        data={"csrf_token": token, "payload": payload, "filename": "eigene.csv"},
    )
    assert done.status_code == 302
    assert _indicator_count(store) == 5
    page = make_client("viewer").get("/luecken/indikatoren").get_data(as_text=True)
    assert "18,8" in page and "2,5" in page and "1.600" in page
    report = make_client("viewer").get("/bericht").get_data(as_text=True)
    chapter = report.split("Bildungsmonitoring: Abdeckung nach Bedarf", 1)[1]
    assert "18,8" in chapter and "2,5" in chapter
    # the worklist ranks the parts: A-Nord has 4,0 providers per 1.000 children
    assert "A-Nord</strong>: Aktive Anbieter je 1.000 Kinder von 0–6 4,0" in chapter
    bad = editor.post(
        "/luecken/indikatoren/pruefen",
        data={
            "csrf_token": token,
            "file": (io.BytesIO(b"Region;Jahr;Kinder\nA;2023;zwei\n"), "b.csv"),
        },
    )
    assert bad.status_code == 400
    assert "Zeile 2, Spalte „Kinder“" in bad.get_data(as_text=True)


def test_the_notebook_gives_the_indicator_table(store: graph.Store) -> None:
    _fixture(store)
    _import(store, "eigene.csv", TABLE.encode("utf-8"))
    rows = notebook.indicators(store=store, region="07211", frame=False)
    assert {(r["year"], r["measure"], r["value"]) for r in rows} == {
        (2022, "kinder-0-6", 1400.0),
        (2022, "schulabgaenger-ohne-abschluss", 10.0),
        (2023, "kinder-0-6", 1600.0),
        (2023, "schulabgaenger-ohne-abschluss", 16.0),
    }
    assert {r["region_name"] for r in rows} == {"Stadt A"}
    north = notebook.indicators(store=store, region=["A-Nord"], measure="kinder-0-6", frame=False)
    assert [(r["region"], r["year"], r["unit"]) for r in north] == [("r-a1", 2023, "Anzahl")]
    with pytest.raises(graph.ValidationError, match="Atlantis"):
        notebook.indicators(store=store, region="Atlantis")


def test_the_report_document_has_the_monitoring_chapter(store: graph.Store) -> None:
    _fixture(store)
    _import(store, "eigene.csv", TABLE.encode("utf-8"))
    chapter = report_content.monitoring(
        indicators.joined_view(store), report_content.Words("de"), str
    )
    assert chapter is not None and chapter.title.startswith("Bildungsmonitoring")
    table = next(b for b in chapter.blocks if isinstance(b, Table))
    assert ("Stadt A", "2,5", "18,8") in table.rows
    assert ("A-Nord", "4,0", "–") in table.rows
