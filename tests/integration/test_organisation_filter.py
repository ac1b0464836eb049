"""The organisation filter on the demo region (two offices): whose partners, which links
cross the border, carried like every other filter (query, saved view, report).

The counts are checked by property, not by number: the two offices' partners together
are the region (less actors no office keeps), each office's part holds exactly the links
between its own actors, the links across have ends in two organisations, and inside plus
across is every link of the region.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pypdfium2
import pytest
from click.testing import CliRunner
from docx import Document as read_docx
from hypothesis import given
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.cli import main
from netzwerk.graph.admin import seed, users
from netzwerk.graph.analysis import offices, source
from netzwerk.graph.analysis.scope import of_selection
from netzwerk.graph.core.model import DEFAULT_ORG
from netzwerk.graph.formats import report_content
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import ACROSS, Filter, by_names
from netzwerk.graph.operations import sharing
from netzwerk.graph.personal import contacts
from netzwerk.graph.sharing import saved_views
from tests.conftest import PASSWORD, csrf_token, login

CITY, DISTRICT = "stadt-trier", "kreis-trier-saarburg"
DAY = date(2025, 6, 30)


@pytest.fixture
def demo(store: graph.Store) -> graph.Store:
    seed.load(store)
    return store


def _login(app: Any, store: graph.Store, name: str, role: str, org: str) -> Any:
    if users.find_user(store, name) is None:
        users.create_user(store, name, PASSWORD, role=role, org=org)
    client = app.test_client()
    login(client, name, PASSWORD)
    return client


def test_the_offices_partners_make_up_the_region(demo: graph.Store) -> None:
    snap = snapshot.current(demo)
    region = snapshot.select(snap, Filter(as_of=DAY))
    parts = {
        org: snapshot.select(snap, Filter(organisation=org, as_of=DAY)) for org in (CITY, DISTRICT)
    }
    kept = {n for n, d in region.nodes(data=True) if d["org"] != DEFAULT_ORG}
    assert set(parts[CITY]) | set(parts[DISTRICT]) >= kept
    assert parts[CITY] and parts[DISTRICT]  # both offices keep actors in the demo
    for org, part in parts.items():
        assert all(org in d["orgs"] for _, d in part.nodes(data=True)), org
        # the part is the region's network among the office's partners, no link less or more
        inside = {frozenset(e) for e in region.subgraph(part.nodes).edges}
        assert {frozenset(e) for e in part.edges} == inside, org


def test_links_across_the_border_have_ends_in_two_offices(demo: graph.Store) -> None:
    snap = snapshot.current(demo)
    region = snapshot.select(snap, Filter(as_of=DAY))
    across = snapshot.select(snap, Filter(organisation=ACROSS, as_of=DAY))
    assert across.number_of_edges() > 0
    owner = {n: d["org"] for n, d in region.nodes(data=True)}
    assert all(owner[a] != owner[b] for a, b in across.edges)
    assert all(across.degree(n) > 0 for n in across)  # only the actors at the links' ends
    crossing = {frozenset((a, b)) for a, b in region.edges if owner[a] != owner[b]}
    assert {frozenset(e) for e in across.edges} == crossing
    inside = sum(
        snapshot.select(snap, Filter(organisation=org, as_of=DAY)).number_of_edges()
        for org in (CITY, DISTRICT)
    )
    # no actor of the demo is co-owned, so inside and across partition the region's links
    assert inside + across.number_of_edges() == region.number_of_edges()
    found = offices.offices(region)
    assert found.across == across.number_of_edges()
    assert {r.org: r.inside for r in found.rows} == {
        org: snapshot.select(snap, Filter(organisation=org, as_of=DAY)).number_of_edges()
        for org in (CITY, DISTRICT)
    }


def test_numbers_under_the_filter_are_im_ausschnitt(demo: graph.Store) -> None:
    snap = snapshot.current(demo)
    region = snapshot.select(snap, Filter(as_of=DAY))
    flt = Filter(organisation=CITY, as_of=DAY)
    part = snapshot.select(snap, flt)
    scope = of_selection(snap, flt, part)
    assert scope.filtered and scope.actors == region.number_of_nodes()
    owner = {n: d["org"] for n, d in region.nodes(data=True)}
    # what a city actor has outside the city's part is exactly its links across the border
    for n in part:
        outside = sum(1 for m in region[n] if owner[m] != CITY)
        assert scope.outside.get(n, 0) == outside, n


def test_a_co_owned_actor_is_a_partner_of_both_offices(demo: graph.Store) -> None:
    snap = snapshot.current(demo)
    actor = next(a for a in snap.actors if a["org"] == CITY)
    shared = snapshot.Snapshot(
        actors=[{**a, "co_orgs": [DISTRICT]} if a["id"] == actor["id"] else a for a in snap.actors],
        cooperations=snap.cooperations,
        vocabulary=snap.vocabulary,
    )
    for org in (CITY, DISTRICT):
        assert actor["id"] in snapshot.select(shared, Filter(organisation=org)), org


@given(
    organisation=st.sampled_from(["", CITY, DISTRICT, ACROSS]),
    region=st.sampled_from(["", "region-stadt-trier"]),
    kinds=st.lists(st.sampled_from(["Schule", "Kita"]), unique=True, max_size=2),
)
def test_the_filter_is_described_and_read_back_with_its_organisation(
    organisation: str, region: str, kinds: list[str]
) -> None:
    flt = Filter(organisation=organisation, region=region, actor_kinds=tuple(kinds), as_of=DAY)
    assert Filter.from_description(flt.describe()) == flt
    assert ("organisation", organisation) in flt.params() or not organisation


def test_the_pages_offer_our_partners_and_carry_the_choice(app, demo: graph.Store) -> None:
    city = _login(app, demo, "red-stadt", "editor", CITY)
    page = city.get("/luecken").get_data(as_text=True)
    assert f'<option value="{CITY}" >unsere Partner (Stadt Trier)</option>' in page
    assert f'value="{DISTRICT}" >Partner: Landkreis Trier-Saarburg</option>' in page
    assert f'value="{ACROSS}" >Verbindungen über die Grenze</option>' in page
    chosen = city.get(f"/luecken?organisation={DISTRICT}").get_data(as_text=True)
    assert f'value="{DISTRICT}" selected>' in chosen and "im Ausschnitt" in chosen
    # the sub-navigation keeps the filter on every analysis page
    assert f"/struktur?organisation={DISTRICT}" in chosen
    picture = city.get(f"/netzwerk?organisation={ACROSS}").get_data(as_text=True)
    assert f'<option value="{ACROSS}" selected>' in picture
    data = city.get(f"/netzwerk/daten.json?organisation={ACROSS}").get_json()
    assert "Verbindungen über die Grenze" in data["caption"]
    unknown = city.get("/luecken?organisation=atlantis").get_data(as_text=True)
    assert "Netzwerk: „atlantis“ ist unbekannt und wurde ignoriert." in unknown


def test_a_saved_view_keeps_the_organisation(app, demo: graph.Store) -> None:
    city = _login(app, demo, "red-stadt", "editor", CITY)
    form = {
        "csrf_token": csrf_token(city, "/netzwerk"),
        "name": "Grenze",
        "query": f"organisation={ACROSS}&colour=region",
        "picture": "cooperation",
        "pins": "{}",
    }
    resp = city.post("/ansichten", data=form)
    assert resp.status_code == 302
    query = parse_qs(urlsplit(resp.headers["Location"]).query)
    assert query["organisation"] == [ACROSS]
    view = saved_views.get_view(demo, query["view"][0])
    assert view.filter.organisation == ACROSS
    gaps = city.get(f"/ansichten/{view.id}/luecken").headers["Location"]
    assert f"organisation={ACROSS}" in gaps
    # a share link shows what the view selected: the links across, nobody else
    _link, token = sharing.create_share_link(demo, view, user="red-stadt", days=5)
    shared = app.test_client().get(f"/geteilt/{token}/daten.json").get_json()
    across = snapshot.select(
        snapshot.current(demo), Filter(organisation=ACROSS, as_of=date.today())
    )
    assert {n["id"] for n in shared["nodes"]} == set(across)


def test_the_report_names_the_office_or_the_region(app, demo: graph.Store) -> None:
    city = _login(app, demo, "red-stadt", "editor", CITY)
    resp = city.get(f"/bericht.pdf?organisation={CITY}&as_of={DAY}")
    assert resp.status_code == 200
    assert f"netzwerkbericht-{CITY}-{DAY}.pdf" in resp.headers["Content-Disposition"]
    first = _first_page(resp.data)
    assert "Netzwerkbericht Stadt Trier" in first and "Partner: Stadt Trier" in first
    page = city.get(f"/bericht?organisation={CITY}").get_data(as_text=True)
    assert "<h1>Netzwerkbericht Stadt Trier</h1>" in page
    assert 'id="report-border"' not in page  # one office: its partners' links are inside
    whole = city.get("/bericht").get_data(as_text=True)
    assert 'id="report-border"' in whole and "gehen über die Grenze." in whole
    region = city.get("/bericht.docx")
    doc = read_docx(io.BytesIO(region.data))
    assert doc.core_properties.title == "Netzwerkbericht Bildungsregion Trier"
    headings = [p.text for p in doc.paragraphs if str(getattr(p.style, "name", "")) == "Heading 1"]
    assert "Verbindungen über die Grenze" in headings
    data, _rep = source.report(demo, Filter(as_of=date.today()))
    found = offices.offices(data.graph)
    table = next(t for t in doc.tables if t.cell(0, 0).text == "Organisation")
    rows = {table.cell(i, 0).text: table.cell(i, 3).text for i in range(1, len(table.rows))}
    names = snapshot.current(demo).vocabulary.organisations
    assert rows == {names[r.org]: f"{r.across:,}".replace(",", ".") for r in found.rows}
    # one office's report has no chapter on the border: its partners' links are inside
    office = report_content.report_document(*_report(demo, Filter(organisation=DISTRICT)), tr=str)
    assert office.title == "Netzwerkbericht Landkreis Trier-Saarburg"
    assert "Verbindungen über die Grenze" not in [s.title for s in office.sections]


def _report(store: graph.Store, flt: Filter) -> tuple[Any, Any, Any, Filter]:
    data, rep = source.report(store, flt)
    return rep, data.graph, data.snapshot, flt


def _first_page(pdf: bytes) -> str:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        text = str(doc[0].get_textpage().get_text_range())
    finally:
        doc.close()
    return " ".join(text.split())


def test_the_command_line_and_the_notebook_name_an_office(demo: graph.Store) -> None:
    vocab = snapshot.current(demo).vocabulary
    assert by_names(vocab, {"organisation": "stadt trier"}).organisation == CITY
    assert by_names(vocab, {"organisation": ACROSS}).organisation == ACROSS
    with pytest.raises(graph.ValidationError, match="Netzwerk „Atlantis“ gibt es nicht"):
        by_names(vocab, {"organisation": "Atlantis"})
    result = CliRunner().invoke(
        main, ["gaps", "report", "--organisation", "Landkreis Trier-Saarburg", "--json"]
    )
    assert result.exit_code == 0, result.output
    part = snapshot.select(
        snapshot.current(demo), Filter(organisation=DISTRICT, as_of=date.today())
    )
    assert json.loads(result.output)["figures"]["Akteure"] == part.number_of_nodes()


def test_a_contact_list_of_an_office_names_its_partners_only(demo: graph.Store) -> None:
    snap = snapshot.current(demo)
    everyone = contacts.select(demo, Filter(), "contact")
    for flt in (Filter(organisation=DISTRICT), Filter(organisation=ACROSS)):
        names = {d["name"] for _, d in snapshot.select(snap, flt.on(date.today())).nodes(data=True)}
        if flt.organisation == ACROSS:  # every actor with a current link across, linked or not
            names |= _with_link_across(snap)
        chosen = contacts.select(demo, flt, "contact")
        assert 0 < len(chosen.rows) < len(everyone.rows), flt
        assert all(set(row.organisations) & names for row in chosen.rows), flt


def _with_link_across(snap: snapshot.Snapshot) -> set[str]:
    region = snapshot.select(snap, Filter(as_of=date.today()))
    return {
        region.nodes[n]["name"]
        for a, b in region.edges
        if region.nodes[a]["org"] != region.nodes[b]["org"]
        for n in (a, b)
    }
