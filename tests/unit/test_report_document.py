"""The Netzwerkbericht's document: German numbers and dates, the running year, and the
PDF and DOCX writers with any text (read back with PDFium and python-docx)."""

from __future__ import annotations

import io
from datetime import date

import pypdfium2
from docx import Document as read_docx
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.shapes import Drawing, Rect

from netzwerk.graph.formats import document_docx, document_pdf
from netzwerk.graph.formats.document import Block, Document, Finding, Picture, Section, Table, Text
from netzwerk.graph.formats.report_content import Words, bar_chart, running_year_note
from tests.conftest import HOSTILE_STRINGS


def test_numbers_and_dates_are_written_for_the_reader() -> None:
    de, en = Words("de"), Words("en")
    assert de.num(1234.56, 1) == "1.234,6" and en.num(1234.56, 1) == "1,234.6"
    assert de.num(12) == "12" and de.signed(-0.684) == "−0,68" and de.signed(0.7) == "+0,70"
    assert de.signed(None) == "–"
    assert de.day(date(2026, 12, 7)) == "07.12.2026" and en.day(date(2026, 12, 7)) == "Dec 7, 2026"


def test_the_running_year_is_said_until_it_is_over() -> None:
    years = [(2024, 30), (2025, 31), (2026, 1)]
    note = running_year_note(years, date(2026, 12, 7), Words(), str)
    assert note == "2026 läuft noch, Stand 07.12.2026."
    assert running_year_note(years, date(2026, 12, 31), Words(), str) == ""
    assert running_year_note(years[:2], date(2026, 3, 1), Words(), str) == ""  # no 2026 bar
    assert running_year_note([], date(2026, 3, 1), Words(), str) == ""
    assert len(bar_chart(years, 2026).contents) == 1


def _document(text: str) -> Document:
    box = Drawing(200, 100)
    box.add(Rect(10, 10, 50, 50))
    return Document(
        "Netzwerkbericht",
        f"Stichtag 07.12.2026 · {text}",
        [
            Section(
                f"Kapitel {text}",
                [
                    Text(text),
                    Text(text, "note"),
                    Finding(1, text, f"Tun: {text}", "Was tun?"),
                    Table([(text, "1.234")], header=("Akteur", "Zahl"), numeric=frozenset({1})),
                    Picture(box, text),
                ],
            )
        ],
    )


def test_pdf_and_docx_carry_any_text_verbatim() -> None:
    for text in HOSTILE_STRINGS:
        pdf = pypdfium2.PdfDocument(document_pdf.write_pdf(_document(text)))
        extracted = "".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
        probe = text.strip()[:30]
        if probe.isascii():  # PDFium returns what the font draws; Vera has Latin only
            assert probe in extracted.replace("\r\n", " ").replace("\n", " ") or len(text) > 100
        doc = read_docx(io.BytesIO(document_docx.write_docx(_document(text))))
        paragraphs = [p.text for p in doc.paragraphs]
        assert paragraphs.count(text) == 4, text[:40]  # text, note, finding, caption
        assert f"Was tun? Tun: {text}" in paragraphs
        assert (
            doc.tables[0].cell(1, 0).text == text
        )  # the DOCX keeps it whole and len(doc.inline_shapes) == 1


def test_docx_headings_tables_and_a4() -> None:
    doc = read_docx(io.BytesIO(document_docx.write_docx(_document("Euren"))))
    styles = [(p.style.name if p.style else "", p.text) for p in doc.paragraphs if p.text]
    assert styles[0] == ("Title", "Netzwerkbericht") and ("Heading 1", "Kapitel Euren") in styles
    assert ("List Number", "Euren") in styles and ("Caption", "Euren") in styles
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Akteur", "Zahl"]
    assert "tblHeader" in table.rows[0]._tr.xml  # repeated on every page
    width = doc.sections[0].page_width
    assert width is not None and round(width.mm) == 210 and doc.core_properties.language == "de"


def _used(pdf: bytes) -> list[float]:
    """Share of each page's height down to its last ink (the page number left out)."""
    doc = pypdfium2.PdfDocument(pdf)
    shares = []
    for page in doc:
        image = page.render(scale=0.4).to_pil().convert("L")
        width, height = image.size
        rows = [
            y
            for y in range(int(height * 0.9))
            if image.crop((0, y, width, y + 1)).getextrema()[0] < 200
        ]
        shares.append(max(rows, default=0) / height)
    doc.close()
    return shares


def _section(title: str, texts: list[Text], rows: int) -> Section:
    blocks: list[Block] = list(texts)
    if rows:
        blocks.append(Table([(f"Akteur {r}", str(r)) for r in range(rows)]))
    return Section(title, blocks)


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 45)),  # paragraphs, table rows
        min_size=2,
        max_size=9,
    )
)
def test_no_page_is_left_half_empty(sections) -> None:
    words = "Kooperation Bündnis Schule Kita Übergang Region " * 6
    doc = Document(
        "Netzwerkbericht",
        "Stichtag 07.12.2026",
        [
            _section(f"Abschnitt {i}", [Text(words)] * paragraphs, rows)
            for i, (paragraphs, rows) in enumerate(sections)
        ],
    )
    used = _used(document_pdf.write_pdf(doc))
    assert all(share >= 0.55 for share in used[:-1]), used
