"""XLSX with openpyxl: the one writer of every workbook netzwerk hands out.

Contact lists, the gap report's tables and the network workbook all get the same sheet
shape: a bold, frozen header (with the column's help as a comment where given), an
autofilter, column widths fitted to the content, numbers and dates as numbers and dates.
A workbook meant for editing (:attr:`Sheet.as_text`) writes every text as a *text* cell
(type "inline string", format "@"), so that Excel never runs a value as a formula — neither
on opening nor after a user edits the cell — and "01234" stays "01234"; lists for reading
have their formula-like text neutralised by the caller instead. Write-only mode streams
rows, which keeps 10,000 contacts around a second.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from netzwerk.graph.formats.common import COLUMNS, ContactRow, table

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_WIDTH = 60
CellValue = str | int | float | date | None
_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


@dataclass
class Sheet:
    """One worksheet: a title (cut to Excel's 31 characters), header and rows."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[CellValue]]
    notes: Sequence[str] = field(default_factory=tuple)
    """Per column, a help text shown as the header cell's comment ("" for none)."""
    as_text: bool = False
    """Write text as typed text cells (format "@", never a formula even after an edit), as
    a workbook meant for editing and re-import needs. Off, rows are appended as they are
    (about twice as fast): the caller has neutralised formula-like text already."""
    hidden: bool = False
    """A sheet for the program, not the reader (the workbook's base values)."""


def _cell(ws: WriteOnlyWorksheet, value: CellValue) -> Cell:
    if isinstance(value, bool):
        value = "ja" if value else "nein"
    # The stubs leave date out of WriteOnlyCell's values; openpyxl writes it as a date.
    c = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
    if isinstance(value, str):
        c.data_type = "s"  # never a formula, whatever the text starts with
        c.number_format = "@"
    elif isinstance(value, datetime):
        c.number_format = "DD.MM.YYYY HH:MM"
    elif isinstance(value, date):
        c.number_format = "DD.MM.YYYY"
    return c


def _width(value: CellValue) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).split("\n")), default=0)


def write_sheets(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one worksheet per :class:`Sheet`, in order."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(title=sheet.title.translate(_FORBIDDEN)[:31] or "Tabelle")
        widths = [len(h) for h in sheet.header]
        for row in sheet.rows[:2000]:  # widths from a sample: enough to read, cheap to find
            for i, value in enumerate(row[: len(widths)]):
                widths[i] = max(widths[i], _width(value))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, w + 2)
        if sheet.hidden:
            ws.sheet_state = "hidden"
        ws.freeze_panes = "A2"
        last = get_column_letter(max(1, len(sheet.header)))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(sheet.rows) + 1)}"
        head = []
        for i, h in enumerate(sheet.header):
            c = _cell(ws, h)
            c.font = bold
            note = sheet.notes[i] if i < len(sheet.notes) else ""
            if note:
                c.comment = Comment(note, "netzwerk", width=320, height=160)
            head.append(c)
        ws.append(head)
        for row in sheet.rows:
            ws.append([_cell(ws, v) for v in row] if sheet.as_text else row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_table(cells: list[list[str]], *, title: str = "Kontakte") -> bytes:
    """A one-sheet workbook from a table (header first)."""
    return write_sheets([Sheet(title, cells[0], cells[1:])])


def write_xlsx(rows: list[ContactRow], *, columns: tuple[tuple[str, str], ...] = COLUMNS) -> bytes:
    """The contact list as an Excel workbook; formula-like cells are neutralised first."""
    return write_table(table(rows, columns))
