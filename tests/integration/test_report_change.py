"""The Netzwerkbericht's chapter "Was hat sich verändert?" and its ODT, on the demo region
with a few changes made through the write path: a new actor with a cooperation and a
membership, a deleted actor, a removed cooperation and a removed membership; the chapter
names each in the PDF, the DOCX and the ODT."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from docx import Document as read_docx
from odf import teletype
from odf.draw import Frame
from odf.opendocument import load as read_odt
from odf.table import Table as OdfTable
from odf.table import TableRow
from odf.text import H, P

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.analysis import source, turnover
from netzwerk.graph.formats import report_content
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.records import links as link_records
from tests.integration.test_report_document import _pages

NEW = "Lernwerkstatt Zewen"
PARTNER = "actor-kbm-trier"
ALLIANCE = "alliance-alpha-trier"


@pytest.fixture
def changed(store: graph.Store) -> dict[str, str]:
    """The demo region, then five changes as an editor makes them today."""
    seed.load(store)
    names = {a.id: a.name for a in graph.list_nodes(store, graph.Actor, limit=500).items}
    new = graph.Actor(id="actor-lernwerkstatt", name=NEW, kind="Verein/Initiative")
    graph.create_record(store, new, user="test")
    graph.create_link(
        store,
        graph.Link(
            type="COOPERATES_WITH", from_id=new.id, to_id=PARTNER, kind="Gemeinsames Angebot"
        ),
        user="test",
    )
    graph.create_link(
        store, graph.Link(type="MEMBER_OF", from_id=new.id, to_id=ALLIANCE), user="test"
    )
    graph.delete_record(store, graph.Actor, "actor-0009", user="test")
    graph.delete_link(store, "COOPERATES_WITH", "coop-0001", user="test")
    (membership,) = [
        lk
        for lk in link_records.links_of(store, "Actor", "actor-0002", ["MEMBER_OF"])
        if lk.to_id == ALLIANCE
    ]
    graph.delete_link(store, "MEMBER_OF", membership.id, user="test")
    return {
        "deleted": names["actor-0009"],
        "ended": " – ".join(sorted((names["actor-0111"], names["actor-0112"]), key=str.casefold)),
        "left": names["actor-0002"],
        "partner": names[PARTNER],
    }


WHOLE = Filter()


def _between(
    store: graph.Store, earlier: date, later: date, flt: Filter = WHOLE
) -> turnover.Turnover:
    before = source.report(store, Filter(as_of=earlier, alliance=flt.alliance))[0].graph
    now = source.report(store, Filter(as_of=later, alliance=flt.alliance))[0].graph
    return source.turnover(store, (earlier, before), (later, now), flt)


def test_the_turnover_names_what_was_recorded_and_what_the_dates_say(
    store: graph.Store, changed: dict[str, str]
) -> None:
    today = date.today()
    t = _between(store, today - timedelta(days=365), today)
    assert NEW in t.actors_added and changed["deleted"] in t.actors_ended
    assert tuple(sorted((NEW, changed["partner"]), key=str.casefold)) in t.links_added
    assert tuple(changed["ended"].split(" – ")) in t.links_ended
    alpha = next(m for m in t.memberships if m.alliance.startswith("Trierer Bündnis für Alpha"))
    assert NEW in alpha.joined and changed["left"] in alpha.left
    # nothing was recorded before yesterday: a window that ends then sees only the dates
    earlier = _between(store, today - timedelta(days=730), today - timedelta(days=365))
    assert NEW not in earlier.actors_added and not earlier.actors_ended
    # the seed's dated memberships: who joined alliances between two past days
    seeded = _between(store, date(2024, 1, 1), date(2024, 12, 31))
    alpha_2024 = next(m for m in seeded.memberships if m.alliance == alpha.alliance)
    assert alpha_2024.joined and not seeded.actors_added
    # a filtered report cannot tell whom a deleted actor belonged to: none named
    filtered = _between(store, today - timedelta(days=365), today, Filter(alliance=ALLIANCE))
    assert NEW in filtered.actors_added and not filtered.actors_ended


def _chapter(texts: list[str]) -> str:
    """The text from the chapter's first paragraph on."""
    body = "\n".join(texts)
    return body[body.index("Vergleich des Netzes am") :]


def test_the_chapter_is_in_pdf_docx_and_odt(changed: dict[str, str], make_client) -> None:
    client = make_client("viewer")
    today = date.today()
    year_ago = date(today.year - 1, today.month, min(today.day, 28 if today.month == 2 else 31))
    expected = [NEW, changed["deleted"], changed["left"], "neu erfasst", "gelöscht"]
    # ODT: read back with odfpy
    resp = client.get(f"/bericht.odt?von={year_ago.isoformat()}")
    assert resp.status_code == 200 and resp.mimetype == "application/vnd.oasis.opendocument.text"
    assert "netzwerkbericht-" in resp.headers["Content-Disposition"]
    odt = read_odt(io.BytesIO(resp.data))
    headings = [teletype.extractText(h) for h in odt.text.getElementsByType(H)]
    # after the findings (the region report puts the chapter on the office border between)
    assert headings.index("Was hat sich verändert?") > headings.index("Die wichtigsten Lücken")
    cells = [teletype.extractText(p) for p in odt.text.getElementsByType(P)]
    chapter = _chapter(cells)
    for text in expected:
        assert text in chapter, text
    assert f"Stand am {year_ago.strftime('%d.%m.%Y')}" in chapter  # German dates
    # a day that is no date, or not before the report's day: the default, named in the text
    for bad in ("kaputt", "2999-01-01", "0001-01-01"):
        odt = read_odt(io.BytesIO(client.get(f"/bericht.odt?von={bad}").data))
        body = "\n".join(teletype.extractText(p) for p in odt.text.getElementsByType(P))
        assert f"Stand am {year_ago.strftime('%d.%m.%Y')}" in body, bad
    # DOCX: the same chapter with the same rows
    doc = read_docx(io.BytesIO(client.get("/bericht.docx").data))  # default: a year before
    texts = [p.text for p in doc.paragraphs] + [
        c.text for t in doc.tables for row in t.rows for c in row.cells
    ]
    for text in expected:
        assert text in texts, text
    # PDF: the chapter's names as PDFium extracts them
    pages = _pages(client.get("/bericht.pdf").data, "bericht-veraenderung")  # to look at
    extracted = re.sub(r"\s+", " ", " ".join(text for text, _used in pages))
    assert "Was hat sich verändert?" in extracted and NEW in extracted


def test_odt_of_the_demo_region_matches_the_docx(
    store: graph.Store, changed: dict[str, str], make_client
) -> None:
    client = make_client("viewer")
    odt = read_odt(io.BytesIO(client.get("/bericht.odt").data))
    doc = read_docx(io.BytesIO(client.get("/bericht.docx").data))
    odt_headings = [teletype.extractText(h) for h in odt.text.getElementsByType(H)]
    docx_headings = [p.text for p in doc.paragraphs if p.style and p.style.name == "Heading 1"]
    assert odt_headings == docx_headings and odt_headings[:2] == ["Netzwerkbild", "Kennzahlen"]
    # the pictures: overview, bar chart and one per alliance, as in the DOCX
    data, rep = source.report(store, Filter())
    alliances = report_content.alliances_in(data.graph, snapshot.current(store))
    assert len(odt.text.getElementsByType(Frame)) == len(doc.inline_shapes) == 2 + len(alliances)
    # every table with the DOCX's rows
    odt_tables = odt.text.getElementsByType(OdfTable)
    assert len(odt_tables) == len(doc.tables)
    for ours, theirs in zip(odt_tables, doc.tables, strict=True):
        rows = [
            [teletype.extractText(p) for p in row.getElementsByType(P)]
            for row in ours.getElementsByType(TableRow)
        ]
        assert rows == [[c.text for c in r.cells] for r in theirs.rows]
    todos = [
        t
        for t in map(teletype.extractText, odt.text.getElementsByType(P))
        if t.startswith("Was tun? ")
    ]
    assert len(todos) == len(rep.findings(data.graph))
