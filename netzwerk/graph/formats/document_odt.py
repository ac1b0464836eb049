"""A :class:`~netzwerk.graph.formats.document.Document` as an OpenDocument text (ODT, odfpy),
for offices that write their Bildungsbericht in LibreOffice or must hand in open formats.

The same content model as the DOCX: real headings (LibreOffice's "Überschrift 1" with an
outline level, so the navigator and a table of contents find them), a numbered list of
findings each followed by its "Was tun?", real tables whose header row repeats on every page
and whose rows do not break, pictures with a caption. A picture is embedded twice in one
frame, as SVG (sharp, editable) with a PNG fallback, the way LibreOffice itself stores
vector pictures; a reader that cannot show SVG takes the PNG. A4 with 2 cm margins.

References
----------
.. [1] OASIS, Open Document Format for Office Applications (OpenDocument) Version 1.2,
   Part 1, sections 9.3 (frames) and 10.4.2 (``draw:image`` alternatives).
"""

from __future__ import annotations

import io
import re

from odf import teletype
from odf.dc import Language, Subject, Title
from odf.draw import Frame, Image
from odf.opendocument import OpenDocumentText
from odf.style import (
    FontFace,
    GraphicProperties,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, List, ListItem, ListLevelStyleNumber, ListStyle, P, Span
from reportlab.graphics.shapes import Drawing

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
"""Metric-compatible with Arial; LibreOffice brings it, other readers fall back to Arial."""
TEXT_WIDTH_CM = 17.0
"""The text width of an A4 page with 2 cm margins."""
MIMETYPE = "application/vnd.oasis.opendocument.text"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold or discourages (text from outside may carry them)."""


def _clean(text: str) -> str:
    """``text`` as ODF can hold it: without control characters, every line end a "\\n"
    (written as a line break)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _p(style: str, text: str) -> P:
    """A paragraph that keeps runs of spaces, tabs and line breaks (ODF collapses white
    space in plain text; :mod:`odf.teletype` writes ``text:s``, ``text:tab``,
    ``text:line-break``)."""
    p = P(stylename=style)
    teletype.addTextToElement(p, _clean(text))
    return p


def _style(doc: OpenDocumentText, name: str, family: str, *props: object, **attrs: str) -> Style:
    style = Style(name=name, family=family, **attrs)
    for prop in props:
        style.addElement(prop)
    doc.styles.addElement(style)
    return style


def _automatic(doc: OpenDocumentText, name: str, family: str, *props: object) -> Style:
    style = Style(name=name, family=family)
    for prop in props:
        style.addElement(prop)
    doc.automaticstyles.addElement(style)
    return style


_MUTED = {"color": "#555555"}
_KEEP = {"keepwithnext": "always"}
PARAGRAPH_STYLES: tuple[tuple[str, str, str, dict[str, str], dict[str, str]], ...] = (
    # name, German display name, parent, text properties, paragraph properties
    (
        "Title",
        "Titel",
        "Standard",
        {"fontsize": "22pt", "fontweight": "bold"},
        {"marginbottom": "0.2cm"},
    ),
    (
        "Heading_20_1",
        "Überschrift 1",
        "Standard",
        {"fontsize": "14pt", "fontweight": "bold", "color": "#0b6e7f"},
        {"margintop": "0.45cm", "marginbottom": "0.2cm", **_KEEP},
    ),
    ("Meta", "Angaben", "Standard", _MUTED, {}),
    ("Small", "Erläuterung", "Standard", {"fontsize": "8.5pt", **_MUTED}, {}),
    (
        "Note",
        "Hinweis",
        "Standard",
        {"fontweight": "bold"},
        {"backgroundcolor": "#fff4d6", "padding": "0.1cm"},
    ),
    (
        "Caption",
        "Beschriftung",
        "Standard",
        {"fontsize": "8.5pt", "fontstyle": "italic", **_MUTED},
        {"marginbottom": "0.3cm"},
    ),
    ("Table_20_Caption", "Tabellenbeschriftung", "Caption", {}, _KEEP),
    ("Finding", "Befund", "Standard", {}, _KEEP),
    ("Todo", "Was tun", "Standard", {}, {"marginleft": "0.63cm", "marginbottom": "0.25cm"}),
    (
        "Table_20_Contents",
        "Tabelleninhalt",
        "Standard",
        {"fontsize": "9pt"},
        {"margintop": "0cm", "marginbottom": "0cm"},
    ),
    ("Table_20_Heading", "Tabellenüberschrift", "Table_20_Contents", {"fontweight": "bold"}, {}),
)
"""The report's paragraph styles, named as LibreOffice's own where it has one (a user
restyles them in one place: "Überschrift 1", "Beschriftung", "Tabelleninhalt")."""


def _paragraph_styles(doc: OpenDocumentText) -> None:
    doc.fontfacedecls.addElement(
        FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss", fontpitch="variable")
    )
    _style(
        doc,
        "Standard",
        "paragraph",
        TextProperties(fontname=FONT, fontsize="10pt", language="de", country="DE"),
        ParagraphProperties(marginbottom="0.15cm"),
    )
    for name, shown, parent, text, paragraph in PARAGRAPH_STYLES:
        props = [TextProperties(**text)] if text else []
        props += [ParagraphProperties(**paragraph)] if paragraph else []
        style = _style(doc, name, "paragraph", *props, parentstylename=parent, displayname=shown)
        if name == "Heading_20_1":  # the navigator and a table of contents find it
            style.setAttribute("defaultoutlinelevel", "1")
    numbers = ListStyle(name="Befunde")
    level = ListLevelStyleNumber(level=1, numformat="1", numsuffix=".")
    level.addElement(ListLevelProperties(spacebefore="0cm", minlabelwidth="0.63cm"))
    numbers.addElement(level)
    doc.styles.addElement(numbers)
    _style(doc, "Strong", "text", TextProperties(fontweight="bold"), displayname="Stark")


def _layout(doc: OpenDocumentText) -> Style:
    """Page, table and picture styles; returns the pictures' frame style (odfpy wants the
    style itself where a frame refers to it)."""
    page = PageLayout(name="A4")
    page.addElement(
        PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            printorientation="portrait",
            margintop="2cm",
            marginbottom="2cm",
            marginleft="2cm",
            marginright="2cm",
        )
    )
    doc.automaticstyles.addElement(page)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=page))
    _automatic(
        doc,
        "Tabelle",
        "table",
        TableProperties(width=f"{TEXT_WIDTH_CM}cm", align="left", marginbottom="0.3cm"),
    )
    _automatic(doc, "Zeile", "table-row", TableRowProperties(keeptogether="always"))
    _automatic(
        doc,
        "Zelle",
        "table-cell",
        TableCellProperties(border="0.5pt solid #999999", padding="0.05cm"),
    )
    number = _automatic(doc, "Zahl", "paragraph", ParagraphProperties(textalign="end"))
    number.setAttribute("parentstylename", "Table_20_Contents")
    heading = _automatic(doc, "Zahlkopf", "paragraph", ParagraphProperties(textalign="end"))
    heading.setAttribute("parentstylename", "Table_20_Heading")
    _automatic(doc, "Bildabsatz", "paragraph", ParagraphProperties(keepwithnext="always"))
    return _automatic(
        doc,
        "Bild",
        "graphic",
        GraphicProperties(anchortype="as-char", verticalpos="top", verticalrel="baseline"),
    )


class _Writer:
    """Adds blocks to one ODT; counts pictures and tables for their unique names."""

    def __init__(self, document: Document) -> None:
        self.doc = OpenDocumentText()
        self.pictures = 0
        self.tables = 0
        self.findings: List | None = None
        _paragraph_styles(self.doc)
        self.frame_style = _layout(self.doc)
        meta = self.doc.meta
        meta.addElement(Title(text=_clean(document.title)))
        meta.addElement(Subject(text=_clean(document.meta)))
        meta.addElement(Language(text=document.language))

    def para(self, text: str, style: str = "Standard") -> P:
        p = _p(style, text)
        self.doc.text.addElement(p)
        return p

    def block(self, b: Block) -> None:
        if not isinstance(b, Finding):
            self.findings = None  # a numbered list runs on only over adjacent findings
        if isinstance(b, Text):
            self.para(b.text, {"small": "Small", "note": "Note"}.get(b.style, "Standard"))
        elif isinstance(b, Finding):
            self.finding(b)
        elif isinstance(b, Picture):
            self.picture(b.drawing, b.caption)
        else:
            self.table(b)

    def finding(self, b: Finding) -> None:
        if self.findings is None:
            self.findings = List(stylename="Befunde")
            self.doc.text.addElement(self.findings)
        item = ListItem()
        item.addElement(_p("Finding", b.text))
        self.findings.addElement(item)
        todo = P(stylename="Todo")
        todo.addElement(Span(stylename="Strong", text=_clean(b.todo_label) + " "))
        teletype.addTextToElement(todo, _clean(b.todo))
        item.addElement(todo)

    def picture(self, drawing: Drawing, caption: str) -> None:
        self.pictures += 1
        width = TEXT_WIDTH_CM
        height = width * float(drawing.height) / float(drawing.width)
        frame = Frame(
            stylename=self.frame_style,
            name=f"Bild {self.pictures}",
            anchortype="as-char",
            width=f"{width:.2f}cm",
            height=f"{height:.2f}cm",
        )
        svg = self.doc.addPicture(
            f"Pictures/bild{self.pictures}.svg",
            "image/svg+xml",
            vector.svg_of(drawing, _clean(caption) or "Bild"),
        )
        png = self.doc.addPicture(
            f"Pictures/bild{self.pictures}.png", "image/png", vector.to_png(drawing)
        )
        frame.addElement(Image(href=svg))
        frame.addElement(Image(href=png))
        holder = P(stylename="Bildabsatz")
        holder.addElement(frame)
        self.doc.text.addElement(holder)
        if caption:
            self.para(caption, "Caption")

    def table(self, t: Table) -> None:
        if not t.rows:
            return
        if t.caption:
            self.para(t.caption, "Table_20_Caption")
        self.tables += 1
        columns = max(len(r) for r in (*t.rows, t.header))
        name = f"Tabelle{self.tables}"
        table = OdfTable(name=name, stylename="Tabelle")
        for i, share in enumerate(column_shares(t)):
            # absolute widths only: with relative ones too, LibreOffice 7.4 sizes the columns
            # after the first wrongly (seen in the rendered pages)
            width = TableColumnProperties(columnwidth=f"{share * TEXT_WIDTH_CM:.2f}cm")
            style = _automatic(self.doc, f"{name}.{i + 1}", "table-column", width)
            table.addElement(TableColumn(stylename=style))
        if t.header:
            head = TableHeaderRows()
            head.addElement(self.row(t.header, columns, t.numeric, header=True))
            table.addElement(head)
        for row in t.rows:
            table.addElement(self.row(row, columns, t.numeric))
        self.doc.text.addElement(table)

    def row(
        self, cells: tuple[str, ...], columns: int, numeric: frozenset[int], *, header: bool = False
    ) -> TableRow:
        row = TableRow(stylename="Zeile")
        for i in range(columns):
            value = cells[i] if i < len(cells) else ""
            cell = TableCell(stylename="Zelle", valuetype="string")
            style = "Table_20_Heading" if header else "Table_20_Contents"
            style = ("Zahlkopf" if header else "Zahl") if i in numeric else style
            cell.addElement(_p(style, value))
            row.addElement(cell)
        return row


def write_odt(document: Document) -> bytes:
    """The document as an ODT that LibreOffice and Word open for editing."""
    w = _Writer(document)
    w.para(document.title, "Title")
    w.para(document.meta, "Meta")
    for section in document.sections:
        w.findings = None
        w.doc.text.addElement(
            H(outlinelevel=1, stylename="Heading_20_1", text=_clean(section.title))
        )
        for b in section.blocks:
            w.block(b)
    out = io.BytesIO()
    w.doc.write(out)
    return out.getvalue()
