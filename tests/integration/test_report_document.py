"""The Netzwerkbericht as PDF and DOCX on the demo region: every PDF page rendered to PNG
(``build/report-pages/``, to be looked at), the DOCX read back with python-docx."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from docx import Document as read_docx

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.analysis import source
from netzwerk.graph.formats import report_content
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from tests.conftest import csrf_token

PAGES = Path(__file__).resolve().parents[2] / "build" / "report-pages"


@pytest.fixture
def demo(store: graph.Store) -> graph.Store:
    seed.load(store)
    return store


def _pages(pdf: bytes, stem: str) -> list[tuple[str, float]]:
    """(text, share of the page's height in use) per page; each page saved as PNG."""
    PAGES.mkdir(parents=True, exist_ok=True)
    doc = pypdfium2.PdfDocument(pdf)
    out = []
    for i, page in enumerate(doc, start=1):
        picture = page.render(scale=1.5).to_pil()
        picture.save(PAGES / f"{stem}-{i}.png")
        image = picture.convert("L")
        width, height = image.size
        body = image.crop((0, 0, width, int(height * 0.93)))  # without the page number
        inked = [
            y for y in range(body.height) if body.crop((0, y, width, y + 1)).getextrema()[0] < 200
        ]
        text = page.get_textpage().get_text_range()
        out.append((text, (max(inked) / height) if inked else 0.0))
    doc.close()
    return out


def test_pdf_of_the_demo_region_has_pictures_findings_and_no_half_empty_page(
    demo: graph.Store, make_client
) -> None:
    client = make_client("viewer")
    resp = client.get("/bericht.pdf?as_of=2025-06-30")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert "netzwerkbericht-2025-06-30.pdf" in resp.headers["Content-Disposition"]
    pages = _pages(resp.data, "bericht")
    text = "\n".join(t for t, _ in pages)
    data, rep = source.report(demo, Filter(as_of=_day("2025-06-30")))
    findings = rep.findings(data.graph)
    assert len(findings) >= 5 and text.count("Was tun?") == len(findings)
    for finding in findings:
        assert graph_text(finding.todo) in graph_text(text), finding.key
    # German formats: decimal comma, dates as 30.06.2025, the running year said
    assert re.search(r"Dichte\s+\d+,\d %", text) and "Stichtag 30.06.2025" in text
    assert "2025 läuft noch, Stand 30.06.2025." in text
    alliances = report_content.alliances_in(data.graph, snapshot.current(demo))
    assert len(alliances) >= 3 and all(
        graph_text(name) in graph_text(text) for _, name in alliances
    )
    # no half-empty page: every page but the last is used to at least 60 % of its height
    used = [round(share, 2) for _, share in pages]
    assert len(pages) >= 4 and all(share >= 0.6 for share in used[:-1]), used


def graph_text(text: str) -> str:
    """Text as PDFium extracts it: line breaks and hyphenation are whitespace."""
    return re.sub(r"\s+", " ", text.replace("\r", " ")).strip()


def _day(text: str):
    from datetime import date

    return date.fromisoformat(text)


def test_docx_is_an_editable_document_with_headings_tables_and_pictures(
    demo: graph.Store, make_client
) -> None:
    client = make_client("viewer")
    resp = client.get("/bericht.docx")
    assert resp.status_code == 200
    assert resp.mimetype.endswith("wordprocessingml.document")
    doc = read_docx(io.BytesIO(resp.data))
    section = doc.sections[0]
    width, height = section.page_width, section.page_height
    assert width is not None and height is not None
    assert (round(width.mm), round(height.mm)) == (210, 297)  # A4
    headings = [p.text for p in doc.paragraphs if _style(p).startswith("Heading")]
    for title in ("Kennzahlen", "Netzwerkbild", "Die wichtigsten Lücken", "Bündnisse"):
        assert title in headings, headings
    assert _style(doc.paragraphs[0]) == "Title"
    assert doc.core_properties.title == "Netzwerkbericht Bildungsregion Trier"  # two offices
    data, rep = source.report(demo, Filter())
    alliances = report_content.alliances_in(data.graph, snapshot.current(demo))
    # overview, the bar chart and one picture per alliance, each with its caption
    assert len(doc.inline_shapes) == 2 + len(alliances)
    captions = [p.text for p in doc.paragraphs if _style(p) == "Caption"]
    assert [name for _, name in alliances] == captions[-len(alliances) :]
    todos = [p for p in doc.paragraphs if p.text.startswith("Was tun? ")]
    assert len(todos) == len(rep.findings(data.graph)) and todos[0].runs[0].bold
    figures = doc.tables[0]
    assert figures.cell(0, 0).text == "Akteure"
    assert figures.cell(0, 1).text == f"{data.graph.number_of_nodes():,}".replace(",", ".")


def _style(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def test_report_page_pictures_and_an_alliance_report(demo: graph.Store, make_client) -> None:
    client = make_client("viewer")
    page = client.get("/bericht").get_data(as_text=True)
    assert 'href="/bericht.pdf' in page and 'href="/bericht.docx' in page
    assert page.count('src="/bericht/bild.svg') >= 4 and page.count("Was tun?") >= 5
    svg = client.get("/bericht/bild.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    body = svg.get_data(as_text=True)
    assert "<title>Netzwerkbild</title>" in body and "font-family: Vera;" not in body
    assert "DejaVu Sans" in body and "default-src 'none'" in svg.headers["Content-Security-Policy"]
    assert client.get("/bericht/bild.svg?bild=nope").status_code == 404
    assert client.get("/bericht.rtf").status_code == 404
    assert 'href="/bericht.odt' in page
    offline = client.get("/bericht.html").get_data(as_text=True)
    assert (
        offline.count('src="data:image/svg+xml;base64,') >= 4 and "/bericht/bild.svg" not in offline
    )
    # a report on one alliance: its picture is the overview, no alliance section
    snap = snapshot.current(demo)
    aid, name = next(iter(snap.vocabulary.alliances.items()))
    pdf = client.get(f"/bericht.pdf?alliance={aid}")
    text = "\n".join(t for t, _ in _pages(pdf.data, "bericht-buendnis"))
    assert f"Bündnis: {name}" in graph_text(text) and "Bündnisse" not in text


def test_picture_export_for_print_titles_and_large_selections(
    demo: graph.Store, make_client
) -> None:
    client = make_client("viewer")
    page = client.get("/netzwerk").get_data(as_text=True)
    assert 'name="title" maxlength="120" value="Kooperationsnetz"' in page
    token = csrf_token(client, "/netzwerk")
    form = {
        "csrf_token": token,
        "format": "svg",
        "title": "  MINT  im Überblick ",
        "subtitle": "Bildungsausschuss am 12.03.2027",
    }
    svg = client.post("/netzwerk/export", data=form).get_data(as_text=True)
    assert "<title>MINT im Überblick</title>" in svg and "Bildungsausschuss am 12.03.2027" in svg
    assert "Für den Druck: die 80 am stärksten vernetzten von 169 Akteuren" in svg
    whole = client.post("/netzwerk/export", data={**form, "layout": "all"}).get_data(as_text=True)
    assert "Für den Druck" not in whole and whole.count("<text") > svg.count("<text")
    untitled = client.post("/netzwerk/export", data={**form, "title": " "}).get_data(as_text=True)
    assert "<title>Kooperationsnetz</title>" in untitled
    for paper, shown in (("A4", 80), ("A3", 160)):
        pdf = client.post("/netzwerk/export", data={**form, "format": "pdf", "paper": paper})
        text, _used = _pages(pdf.data, f"netzwerk-{paper.lower()}")[0]
        assert f"die {shown} am stärksten vernetzten" in graph_text(text), paper
