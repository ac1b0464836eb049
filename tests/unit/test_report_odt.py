"""The Netzwerkbericht's ODT writer, read back with odfpy: headings in order, tables with
their rows and repeated header, findings with "Was tun?", pictures as SVG with a PNG
fallback, A4 and any text kept verbatim."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from odf import teletype
from odf.dc import Language
from odf.draw import Frame, Image
from odf.namespaces import TEXTNS
from odf.opendocument import load
from odf.style import PageLayoutProperties, TableColumnProperties
from odf.table import Table, TableHeaderRows, TableRow
from odf.text import H, List, P

from netzwerk.graph.formats import document_odt
from netzwerk.graph.formats.document import Document, Finding, Section, Text
from netzwerk.graph.formats.document import Table as Tbl
from tests.conftest import HOSTILE_STRINGS
from tests.unit.test_report_document import _document as one_chapter


def _document(text: str) -> Document:
    """The PDF and DOCX tests' document, with a second finding and a second chapter."""
    doc = one_chapter(text)
    doc.sections[0].blocks.insert(3, Finding(2, "Zweiter Befund", "Nachfragen", "Was tun?"))
    doc.sections.append(Section("Zweites Kapitel", [Text("Schluss")]))
    return doc


def _read(document: Document):
    return load(io.BytesIO(document_odt.write_odt(document)))


def _texts(doc, element) -> list[str]:
    return [teletype.extractText(e) for e in doc.text.getElementsByType(element)]


def _style(e) -> str:
    return str(e.getAttrNS(TEXTNS, "style-name") or "")


def test_headings_findings_tables_pictures_and_a4() -> None:
    doc = _read(_document("Euren"))
    assert _texts(doc, H) == ["Kapitel Euren", "Zweites Kapitel"]
    assert all(h.getAttrNS(TEXTNS, "outline-level") == "1" for h in doc.text.getElementsByType(H))
    paragraphs = [(_style(p), teletype.extractText(p)) for p in doc.text.getElementsByType(P)]
    assert paragraphs[0] == ("Title", "Netzwerkbericht")
    assert ("Note", "Euren") in paragraphs and ("Caption", "Euren") in paragraphs
    # both findings in one numbered list, each followed by its "Was tun?"
    (findings,) = doc.text.getElementsByType(List)
    assert findings.getAttrNS(TEXTNS, "style-name") == "Befunde"
    items = [teletype.extractText(p) for p in findings.getElementsByType(P)]
    assert items == ["Euren", "Was tun? Tun: Euren", "Zweiter Befund", "Was tun? Nachfragen"]
    (table,) = doc.text.getElementsByType(Table)
    (head,) = table.getElementsByType(TableHeaderRows)  # repeated on every page
    assert [teletype.extractText(c) for c in head.getElementsByType(P)] == ["Akteur", "Zahl"]
    rows = [[teletype.extractText(p) for p in r.getElementsByType(P)] for r in table.childNodes]
    assert rows[-1:] == [["Euren", "1.234"]]
    widths = [
        float(c.getAttribute("columnwidth").removesuffix("cm"))
        for c in doc.automaticstyles.getElementsByType(TableColumnProperties)
    ]
    assert len(widths) == 2 and abs(sum(widths) - 17) < 0.05  # the text width, by content
    (frame,) = doc.text.getElementsByType(Frame)
    kinds = [i.getAttribute("href").rsplit(".", 1)[1] for i in frame.getElementsByType(Image)]
    assert kinds == ["svg", "png"] and frame.getAttribute("width") == "17.00cm"
    (page,) = doc.automaticstyles.getElementsByType(PageLayoutProperties)
    assert (page.getAttribute("pagewidth"), page.getAttribute("pageheight")) == ("21cm", "29.7cm")
    assert doc.meta.getElementsByType(Language)[0].childNodes[0].data == "de"


def test_the_package_holds_the_pictures_and_is_valid_zip() -> None:
    body = document_odt.write_odt(_document("Bild"))
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        assert z.namelist()[0] == "mimetype"
        assert z.read("mimetype").decode() == document_odt.MIMETYPE
        names = set(z.namelist())
        assert {"Pictures/bild1.svg", "Pictures/bild1.png", "content.xml", "meta.xml"} <= names
        assert z.read("Pictures/bild1.png")[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in z.read("Pictures/bild1.svg")


def test_any_text_is_kept_verbatim() -> None:
    for text in HOSTILE_STRINGS:
        clean = document_odt._clean(text)
        doc = _read(_document(text))
        paragraphs = _texts(doc, P)
        assert paragraphs.count(clean) >= 4, text[:40]  # text, note, finding, caption, cell
        assert f"Was tun? Tun: {clean}" in paragraphs
        assert f"Kapitel {clean}" in _texts(doc, H)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.text(max_size=20), min_size=1, max_size=4).map(tuple), min_size=1, max_size=8
    )
)
def test_tables_keep_every_row_and_cell(rows: list[tuple[str, ...]]) -> None:
    doc = _read(Document("T", "", [Section("S", [Tbl(rows)])]))
    (table,) = doc.text.getElementsByType(Table)
    read = [
        [teletype.extractText(p) for p in r.getElementsByType(P)]
        for r in table.getElementsByType(TableRow)
    ]
    width = max(len(r) for r in rows)
    assert read == [[document_odt._clean(c) for c in r] + [""] * (width - len(r)) for r in rows]
