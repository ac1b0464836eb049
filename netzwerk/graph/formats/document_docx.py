"""A :class:`~netzwerk.graph.formats.document.Document` as an editable Word document
(python-docx), for offices that paste the report into their Bildungsbericht.

Real headings (Word's "Überschrift 1/2" styles, so the table of contents and the navigation
pane find them), real tables, pictures as PNG with a caption ("Beschriftung"), A4 with 2 cm
margins. Headings stay with the next paragraph and table rows do not break across pages, so
Word and LibreOffice lay it out without torn sections either.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as DocxTable

from netzwerk.graph.formats.document import (
    Block,
    Document,
    Finding,
    Picture,
    Table,
    Text,
    column_shares,
)
from netzwerk.graph.pictures import vector

FONT = "Liberation Sans"
"""Metric-compatible with Arial, installed with LibreOffice; Word falls back to Arial."""
MUTED = RGBColor(0x55, 0x55, 0x55)


def _base(doc: DocxDocument, document: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    props = doc.core_properties
    # Word's document properties hold at most 255 characters (a filter can name more)
    props.title, props.author = document.title[:255], document.author[:255]
    props.subject = document.meta[:255]
    props.language = document.language


def _no_row_break(table: DocxTable) -> None:
    for row in table.rows:
        props = row._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))


def _widths(table: DocxTable, t: Table) -> None:
    """Columns as wide as their content needs (Word and LibreOffice read the cells' widths;
    the grid's for the table's own layout)."""
    table.autofit = False
    shares = column_shares(t)
    for column, share in zip(table.columns, shares, strict=False):
        column.width = Cm(17 * share)
    for row in table.rows:
        for cell, share in zip(row.cells, shares, strict=False):
            cell.width = Cm(17 * share)


def _table(doc: DocxDocument, t: Table) -> None:
    if not t.rows:
        return
    if t.caption:
        cap = doc.add_paragraph(t.caption, style="Caption")
        cap.paragraph_format.keep_with_next = True
    columns = max(len(r) for r in (*t.rows, t.header))
    table = doc.add_table(rows=0, cols=columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for head, row in [(True, t.header)] * bool(t.header) + [(False, r) for r in t.rows]:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            para = cells[i].paragraphs[0]
            run = para.add_run(value)
            run.bold = head
            if i in t.numeric:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if t.header:  # repeated on every page the table spans
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
    _no_row_break(table)
    _widths(table, t)
    doc.add_paragraph()


def _block(doc: DocxDocument, b: Block) -> None:
    if isinstance(b, Text):
        para = doc.add_paragraph(b.text)
        if b.style == "small":
            for run in para.runs:
                run.font.size, run.font.color.rgb = Pt(8.5), MUTED
        elif b.style == "note":
            for run in para.runs:
                run.bold = True
    elif isinstance(b, Finding):
        para = doc.add_paragraph(b.text, style="List Number")
        para.paragraph_format.keep_with_next = True
        todo = doc.add_paragraph()
        todo.paragraph_format.left_indent = Cm(0.63)
        todo.add_run(b.todo_label + " ").bold = True
        todo.add_run(b.todo)
    elif isinstance(b, Picture):
        para = doc.add_paragraph()
        para.paragraph_format.keep_with_next = True
        para.add_run().add_picture(io.BytesIO(vector.to_png(b.drawing)), width=Cm(17))
        if b.caption:
            doc.add_paragraph(b.caption, style="Caption")
    else:
        _table(doc, b)


def write_docx(document: Document) -> bytes:
    """The document as a DOCX that Word and LibreOffice open for editing."""
    doc = new_docx()
    _base(doc, document)
    doc.add_heading(document.title, level=0)
    meta = doc.add_paragraph(document.meta)
    for run in meta.runs:
        run.font.color.rgb = MUTED
    for section in document.sections:
        heading = doc.add_heading(section.title, level=1)
        heading.paragraph_format.keep_with_next = True
        for b in section.blocks:
            _block(doc, b)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
