"""Numbers that do not mislead: under a filter the figures say "im Ausschnitt" beside the
whole network's, an actor connected only outside the part is not "ohne jede Kooperation",
"vor Ort" counts those who offer a stage (administrations apart), decimals in German."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph.admin import seed
from netzwerk.graph.analysis import source
from netzwerk.graph.analysis.scope import scope
from netzwerk.graph.core.bulk import merge_links, merge_nodes
from netzwerk.graph.formats.document import Finding as DocFinding
from netzwerk.graph.formats.report_content import report_document
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter

Link = graph.Link


def _build(store: graph.Store) -> None:
    merge_nodes(
        store,
        [
            graph.Region(id="r-city", name="Stadt Trier", kind="Stadt"),
            graph.Region(id="r-mitte", name="Trier-Mitte", kind="Stadtteil"),
            graph.Region(id="r-nord", name="Trier-Nord", kind="Stadtteil"),
            graph.Stage(id="s-prim", name="Primarstufe", order=2),
            graph.Alliance(id="al-mint", name="MINT-Initiativkreis"),
            graph.Alliance(id="al-lesen", name="Lesebündnis"),
            graph.Actor(id="a-gs", name="Grundschule Tarforst", kind="Schule"),
            graph.Actor(id="a-lone", name="Grundschule Allein", kind="Schule"),
            graph.Actor(id="a-vhs", name="VHS Trier", kind="VHS/Weiterbildung"),
            graph.Actor(id="a-lib", name="Stadtbibliothek", kind="Bibliothek"),
            graph.Actor(id="a-amt", name="Schulamt", kind="Verwaltung"),
            graph.Actor(id="a-jc", name="Jobcenter Trier", kind="Jobcenter/Agentur für Arbeit"),
        ],
    )
    merge_links(
        store,
        [
            Link(type="PART_OF", from_id="r-mitte", to_id="r-city"),
            Link(type="PART_OF", from_id="r-nord", to_id="r-city"),
            Link(type="MEMBER_OF", from_id="a-gs", to_id="al-mint"),
            Link(type="MEMBER_OF", from_id="a-lone", to_id="al-mint"),
            Link(type="MEMBER_OF", from_id="a-gs", to_id="al-lesen"),
            Link(type="MEMBER_OF", from_id="a-lone", to_id="al-lesen"),
            Link(type="COOPERATES_WITH", from_id="a-gs", to_id="a-vhs", kind="Verweisberatung"),
            Link(type="COOPERATES_WITH", from_id="a-gs", to_id="a-lib", kind="Verweisberatung"),
            Link(type="LOCATED_IN", from_id="a-gs", to_id="r-mitte"),
            Link(type="LOCATED_IN", from_id="a-amt", to_id="r-mitte"),
            Link(type="LOCATED_IN", from_id="a-jc", to_id="r-nord"),
            Link(type="COVERS", from_id="a-gs", to_id="s-prim"),
            Link(type="COVERS", from_id="a-amt", to_id="s-prim"),
            Link(type="COVERS", from_id="a-jc", to_id="s-prim"),
        ],
    )


def test_isolated_in_the_part_is_not_isolated_in_the_network(store: graph.Store) -> None:
    _build(store)
    flt = Filter(alliance="al-mint")
    data, rep = source.report(store, flt)
    assert sorted(rep.isolated) == ["a-gs", "a-lone"], "both isolated inside the alliance"
    whole = snapshot.select(data.snapshot, Filter())
    sc = scope(data.graph, whole, filtered=True)
    assert sc.split(rep.isolated) == (["a-lone"], ["a-gs"])
    assert sc.outside == {"a-gs": 2} and (sc.actors, sc.cooperations) == (6, 2)
    assert {p.alliance for p in rep.passive} == {"al-mint"}, "only the filtered alliance"
    _, whole_rep = source.report(store, Filter())
    assert {p.alliance for p in whole_rep.passive} == {"al-mint", "al-lesen"}
    gaps = rep.main_gaps(data.graph, sc)
    assert "1 Akteur ohne jede Kooperation." in gaps
    assert any("nur mit Akteuren außerhalb" in line for line in gaps)


def test_overview_under_a_filter_says_im_ausschnitt(store: graph.Store, make_client) -> None:
    _build(store)
    client = make_client("viewer")
    html = client.get("/luecken?alliance=al-mint").get_data(as_text=True)
    card = html.split('id="figure-actors"', 1)[1].split("</div></div>", 1)[0]
    assert "Akteure im Ausschnitt" in card and "ganzes Netz: 6" in card
    isolated = html.split('id="figure-isolated"', 1)[1].split("</section>", 1)[0]
    assert re.search(r'class="num">1<', isolated) and "im ganzen Netz: 3" in isolated
    elsewhere = html.split('id="nur-ausserhalb"', 1)[1].split("</ul>", 1)[0]
    assert "Grundschule Tarforst" in elsewhere and "2 Kooperationen außerhalb" in elsewhere
    alone = html.split('id="ohne-jede"', 1)[1].split("</ul>", 1)[0]
    assert "Grundschule Allein" in alone and "Tarforst" not in alone
    report = client.get("/bericht?alliance=al-mint").get_data(as_text=True)
    assert "Akteure im Ausschnitt" in report and "ganzes Netz: 6" in report
    whole = client.get("/luecken").get_data(as_text=True)
    assert "im Ausschnitt" not in whole and "ganzes Netz" not in whole


def test_vor_ort_counts_providers_and_names_administrations_apart(
    store: graph.Store, make_client
) -> None:
    _build(store)
    _, rep = source.report(store, Filter())
    mitte = rep.coverage_stage.cell("r-mitte", "s-prim")
    nord = rep.coverage_stage.cell("r-nord", "s-prim")
    assert mitte.actors == ["a-gs"] and mitte.administrations == ["a-amt"]
    assert nord.empty and nord.administrations == ["a-jc"], "an agency closes no gap"
    assert ("r-nord", "s-prim") in {(c.region, c.column) for c in rep.coverage_stage.gaps()}
    html = (
        make_client("viewer").get("/luecken/abdeckung?cell=r-mitte|s-prim").get_data(as_text=True)
    )
    assert "Anbieter vor Ort</h3>" not in html
    assert re.search(r"Anbieter vor Ort \(1\)", html) and "Schulamt" in html
    assert re.search(r"Verwaltung und Agenturen, zuständig \(nicht mitgezählt\) \(1\)", html)


def test_decimals_in_the_page_language(store: graph.Store, make_client) -> None:
    """The demo's gap overview writes its betweenness and Jaccard values with a decimal
    comma in German and a point in English."""
    seed.load(store)
    client = make_client("viewer")
    german = client.get("/luecken").get_data(as_text=True).split("<main", 1)[1]
    english = client.get("/luecken?lang=en").get_data(as_text=True).split("<main", 1)[1]
    decimal = r'<span class="muted">(\d+[.,]\d{3})</span>'
    assert re.findall(decimal, german) and all("," in x for x in re.findall(decimal, german))
    assert all("." in x for x in re.findall(decimal, english))
    assert "Jaccard 0," in german and "Jaccard 0." in english
    suggestions = client.get("/luecken/vorschlaege?lang=de").get_data(as_text=True)
    scores = re.findall(r'<td class="num">(\d+[.,]\d)</td>', suggestions)
    assert scores and all("," in s for s in scores)


def test_cli_report_under_a_filter_says_who_is_connected_outside(store: graph.Store) -> None:
    _build(store)
    result = CliRunner().invoke(main, ["gaps", "report", "--alliance", "al-mint", "--json"])
    assert result.exit_code == 0, result.output
    gaps = json.loads(result.output)["gaps"]
    assert "1 Akteur ohne jede Kooperation." in gaps
    assert "1 Akteur kooperiert im Ausschnitt mit niemandem, nur mit Akteuren außerhalb." in gaps


def test_report_document_says_the_same(store: graph.Store) -> None:
    """The PDF/DOCX Netzwerkbericht of a filtered part names the findings as the page does."""
    _build(store)
    flt = Filter(alliance="al-mint")
    data, rep = source.report(store, flt)
    doc = report_document(rep, data.graph, data.snapshot, flt, tr=str)
    texts = [b.text for s in doc.sections for b in s.blocks if isinstance(b, DocFinding)]
    assert "1 Akteur ohne jede Kooperation." in texts
    assert any("nur mit Akteuren außerhalb" in t for t in texts)
