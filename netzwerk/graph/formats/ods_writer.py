"""ODS (OpenDocument spreadsheet) with odfpy, for offices that work in LibreOffice.

Many administrations use LibreOffice Calc, whose own format is ODS; it opens XLSX, but
round trips through a foreign format lose details and some offices' policies ask for open
formats. This writer takes the same :class:`~netzwerk.graph.formats.xlsx_writer.Sheet` as
the XLSX writer, so every list netzwerk hands out as XLSX can be had as ODS too: a bold
header row, text as text cells (an ODS text cell is never run as a formula, whatever it
starts with), numbers as numbers, dates as dates shown the German way.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime

from odf.namespaces import TABLENS
from odf.number import DateStyle, Day, Month, Year
from odf.number import Text as NumberText
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableCellProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P

from netzwerk.graph.formats.common import COLUMNS, ContactRow, table
from netzwerk.graph.formats.xlsx_writer import CellValue, Sheet

_FORBIDDEN = str.maketrans("", "", "[]:*?/\\'")


def _date_style(doc: OpenDocumentSpreadsheet) -> Style:
    """A cell style that shows a date as TT.MM.JJJJ."""
    numbers = DateStyle(name="datum")
    numbers.addElement(Day(style="long"))
    numbers.addElement(NumberText(text="."))
    numbers.addElement(Month(style="long"))
    numbers.addElement(NumberText(text="."))
    numbers.addElement(Year(style="long"))
    doc.automaticstyles.addElement(numbers)
    style = Style(name="datumzelle", family="table-cell", datastylename="datum")
    doc.automaticstyles.addElement(style)
    return style


def _cell(value: CellValue, date_style: Style) -> TableCell:
    if isinstance(value, bool):
        value = "ja" if value else "nein"
    if value is None or value == "":
        return TableCell()
    if isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=str(value)))
        return cell
    if isinstance(value, date):
        day = value.date() if isinstance(value, datetime) else value
        cell = TableCell(valuetype="date", datevalue=day.isoformat(), stylename=date_style)
        cell.addElement(P(text=day.strftime("%d.%m.%Y")))
        return cell
    cell = TableCell(valuetype="string")
    for line in str(value).split("\n"):
        cell.addElement(P(text=line))
    return cell


def write_ods_sheets(sheets: Iterable[Sheet]) -> bytes:
    """A spreadsheet with one table per :class:`Sheet`, in order."""
    doc = OpenDocumentSpreadsheet()
    bold = Style(name="kopf", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    bold.addElement(TableCellProperties(backgroundcolor="#eeeeee"))
    doc.automaticstyles.addElement(bold)
    date_style = _date_style(doc)
    for sheet in sheets:
        t = Table(name=sheet.title.translate(_FORBIDDEN)[:31] or "Tabelle")
        t.addElement(TableColumn(numbercolumnsrepeated=max(1, len(sheet.header))))
        head = TableRow()
        for h in sheet.header:
            c = _cell(h, date_style)
            c.setAttrNS(TABLENS, "style-name", "kopf")
            head.addElement(c)
        t.addElement(head)
        for row in sheet.rows:
            tr = TableRow()
            for v in row:
                tr.addElement(_cell(v, date_style))
            t.addElement(tr)
        doc.spreadsheet.addElement(t)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def write_ods_table(cells: list[list[str]], *, title: str = "Kontakte") -> bytes:
    """A one-table spreadsheet from a table (header first)."""
    return write_ods_sheets([Sheet(title, cells[0], cells[1:])])


def write_ods(rows: list[ContactRow], *, columns: tuple[tuple[str, str], ...] = COLUMNS) -> bytes:
    """The contact list as an ODS spreadsheet; formula-like cells are neutralised first
    (another program may convert the file to CSV, where the mark matters)."""
    return write_ods_table(table(rows, columns))
