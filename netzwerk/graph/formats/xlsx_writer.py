"""XLSX with openpyxl: bold frozen header, autofilter and readable column widths."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from netzwerk.graph.formats.common import COLUMNS, ContactRow, table

MAX_WIDTH = 60


def write_table(cells: list[list[str]], *, title: str = "Kontakte") -> bytes:
    """A one-sheet workbook from a table (header first); every cell is stored as text.

    Write-only mode streams rows, which keeps 10,000 contacts well under a second.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    header, body = cells[0], cells[1:]
    widths = [len(h) for h in header]
    for row in body:
        for i, value in enumerate(row):
            if len(value) > widths[i]:
                widths[i] = len(value)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, w + 2)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(header))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(body) + 1)}"
    bold = Font(bold=True)
    head_cells = []
    for h in header:
        c = WriteOnlyCell(ws, value=h)
        c.font = bold
        head_cells.append(c)
    ws.append(head_cells)
    for row in body:
        # openpyxl stores a string starting with "=" as a formula; rows arrive neutralised
        # ("'=…"), so every cell is plain text.
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_xlsx(rows: list[ContactRow], *, columns: tuple[tuple[str, str], ...] = COLUMNS) -> bytes:
    """The contact list as an Excel workbook; formula-like cells are neutralised first."""
    return write_table(table(rows, columns))
