"""A spreadsheet file (XLSX or ODS) as sheets of cells, read the way the office sees them.

Offices keep lists in Excel and in LibreOffice, and their sheets are laid out for people:
a cell merged over three rows ("Caritasverband" for three contact persons) holds its value
in the first row only, a group heading is merged across the columns below it, columns and
rows are hidden and filters set. This module reads every sheet (or the ones asked for) of an
XLSX or ODS file into :class:`RawSheet`: all cells as strings, a value merged down a column
filled into every row of it, headings merged across remembered (:attr:`RawSheet.spans`) for
the header rows only (filling them across data would copy a note into the next column), and
which rows and columns are hidden or filtered — they are read like the others and named in a
warning, since a filter is a view, not a decision to leave rows out.

The protections of :mod:`netzwerk.graph.imports.reader` apply to both formats (both are zip
packages): the package is checked for bombs before any part is parsed, each sheet's rows and
columns are read only up to the import limits, and ODS's repeated rows and columns (a sheet
"repeats" an empty row a million times to its end) are expanded only as far as data follows.
ODS content is streamed with defusedxml (no DTDs, entities or external references).
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Container
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from defusedxml.ElementTree import iterparse
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, range_boundaries

from netzwerk.graph.core.i18n import N_
from netzwerk.graph.imports.reader import (
    CANNOT_OPEN,
    MAX_COLUMNS,
    MAX_ROWS,
    ImportFileError,
    _check_dimension,
    _clean,
    check_package,
)

log = logging.getLogger(__name__)
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
FULL_READ_BYTES = 4 * 1024 * 1024
"""XLSX files whose sheets inflate to at most this much XML (about 100,000 cells) are read
fully; larger ones are streamed, which keeps memory flat for 50,000-row lists (openpyxl
holds about half a kilobyte per cell), and their merged cells, hidden rows and columns and
filter are read from the sheet's XML beside it."""


@dataclass
class RawSheet:
    """One sheet's cells (row-major, strings) and what its layout hides or merges."""

    title: str
    rows: list[list[str]]
    hidden_rows: set[int] = field(default_factory=set)
    """0-based indexes of rows hidden by hand or by a filter."""
    hidden_columns: set[int] = field(default_factory=set)
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    """(row, first column, last column) of cells merged across columns (0-based)."""
    merged_down: int = 0
    """How many merged cells were filled down into the rows below them."""
    filtered: bool = False
    """Whether the sheet has an autofilter (or a filter hides rows)."""


def is_ods(data: bytes) -> bool:
    """Whether ``data`` is an OpenDocument spreadsheet (its first part names the type)."""
    return data.startswith(b"PK\x03\x04") and ODS_MIME in data[:200]


def _fill_down(sheet: RawSheet, top: int, bottom: int, left: int, right: int) -> None:
    """A merged block: its value down the first column, across only in one-row blocks."""
    if top >= len(sheet.rows):
        return
    row = sheet.rows[top]
    value = row[left] if left < len(row) else ""
    if bottom > top and value:
        for r in range(top + 1, min(bottom, len(sheet.rows) - 1) + 1):
            cells = sheet.rows[r]
            cells.extend([""] * (left + 1 - len(cells)))
            if not cells[left]:
                cells[left] = value
                sheet.merged_down += 1
    if right > left:
        sheet.spans.append((top, left, right))


# --- XLSX -----------------------------------------------------------------------------------
def _xlsx_sheet(ws: Any, full: bool) -> RawSheet:
    if not full:  # a fully read sheet's declared size was checked in its XML already
        _check_dimension(ws)
    rows: list[list[str]] = []
    # Explicit bounds: a dimension that lies (or is missing) cannot widen the rows; a fully
    # read sheet knows its real size (asking beyond it would create empty cells).
    rows_max, cols_max = MAX_ROWS + 2, MAX_COLUMNS + 1
    if full:
        rows_max, cols_max = min(rows_max, ws.max_row or 1), min(cols_max, ws.max_column or 1)
    for values in ws.iter_rows(max_row=rows_max, max_col=cols_max, values_only=True):
        cells = [_clean(c) for c in values]
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    sheet = RawSheet(ws.title, rows)
    layout = _Layout()
    if full:
        layout.hidden_rows = {n for n, dim in ws.row_dimensions.items() if dim.hidden}
        layout.hidden_columns = [
            (column_index_from_string(letter), dim.max or 0)
            for letter, dim in ws.column_dimensions.items()
            if dim.hidden
        ]
        layout.merges = [
            (r.min_row, r.max_row, r.min_col, r.max_col) for r in ws.merged_cells.ranges
        ]
        layout.filtered = bool(ws.auto_filter and ws.auto_filter.ref)
    else:
        with ws.parent._archive.open(ws._worksheet_path) as part:
            layout = _streamed_layout(part)
    _apply(sheet, layout)
    return sheet


@dataclass
class _Layout:
    """What a sheet's XML says besides its values (1-based, as the file writes it)."""

    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)
    """(first, last) column of each hidden column range; last 0 for a single column."""
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(top, bottom, left, right) of each merged block."""
    filtered: bool = False


def _apply(sheet: RawSheet, layout: _Layout) -> None:
    """Fill merged blocks down and note hidden rows, columns and filters on ``sheet``."""
    sheet.hidden_rows.update(n - 1 for n in layout.hidden_rows if 0 < n <= len(sheet.rows))
    for first, last in layout.hidden_columns:
        sheet.hidden_columns.update(range(first - 1, min(max(first, last), MAX_COLUMNS)))
    for top, bottom, left, right in layout.merges:
        _fill_down(sheet, top - 1, bottom - 1, left - 1, right - 1)
    sheet.filtered = layout.filtered


def _streamed_layout(part: Any) -> _Layout:
    """Hidden rows and columns, merged blocks and the filter of a large sheet, read from its
    XML as a stream (openpyxl's read-only mode drops them), so a 50,000-row list keeps its
    merged cells filled down at flat memory: each row is cleared once its attributes are read.
    """
    layout = _Layout()
    rows_parent: Any = None
    for event, el in iterparse(part, events=("start", "end")):
        tag = el.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "sheetData":
                rows_parent = el
            elif tag == "row" and el.get("hidden") in ("1", "true"):
                layout.hidden_rows.add(_int(el.get("r")))
            elif tag == "col" and el.get("hidden") in ("1", "true"):
                layout.hidden_columns.append((_int(el.get("min")), _int(el.get("max"))))
            elif tag == "autoFilter" and el.get("ref"):
                layout.filtered = True
        elif tag == "row" and rows_parent is not None:
            rows_parent.clear()
        elif tag == "mergeCell" and el.get("ref") and len(layout.merges) < MAX_ROWS:
            try:
                left, top, right, bottom = range_boundaries(el.get("ref"))
            except ValueError:  # a reference no spreadsheet program writes
                continue
            if None not in (left, top, right, bottom):
                layout.merges.append((top, bottom, left, right))  # type: ignore[arg-type]
    return layout


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*\d*:?([A-Z]*)(\d*)"')


def _check_declared(head: bytes) -> None:
    """Refuse a sheet whose XML declares a size beyond the import limits (the review's
    1.8 kB file declaring 16,384 columns × 15,000 rows), like the streamed reader does."""
    m = _DIMENSION.search(head)
    if m and m.group(1) and m.group(2):
        size = SimpleNamespace(
            max_column=column_index_from_string(m.group(1).decode()), max_row=int(m.group(2))
        )
        _check_dimension(size)


def _xlsx(data: bytes, only: Container[str] | None) -> list[RawSheet]:

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [p for p in package.infolist() if p.filename.startswith("xl/worksheets/")]
        full = sum(p.file_size for p in sheets) <= FULL_READ_BYTES
        if full:
            for part in sheets:
                _check_declared(package.open(part).read(4096))
    wb = load_workbook(io.BytesIO(data), read_only=not full, data_only=True)
    try:
        return [_xlsx_sheet(ws, full) for ws in wb.worksheets if only is None or ws.title in only]
    finally:
        if not full:
            wb.close()


# --- ODS ------------------------------------------------------------------------------------
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _text(el: Any) -> str:
    """The text of an ODS paragraph: spans followed, ``text:s`` (repeated spaces), tabs and
    line breaks written out."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == _X + "s":
            parts.append(" " * _repeat(child, _X + "c", MAX_COLUMNS * 100))
        elif child.tag == _X + "tab":
            parts.append("\t")
        elif child.tag == _X + "line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _ods_value(cell: Any) -> str:
    kind = cell.get(_O + "value-type") or ""
    if kind in ("float", "percentage", "currency"):
        try:
            return _clean(float(cell.get(_O + "value") or ""))
        except ValueError:
            pass
    if kind == "date":
        value = cell.get(_O + "date-value") or ""
        return value[:10] if value.endswith("T00:00:00") or len(value) == 10 else value
    if kind == "boolean":
        return "ja" if cell.get(_O + "boolean-value") == "true" else "nein"
    return "\n".join(_text(p) for p in cell.iter(_X + "p")).strip()


def _repeat(element: Any, attr: str, cap: int) -> int:
    try:
        return max(1, min(int(element.get(attr) or 1), cap))
    except ValueError:
        return 1


def _ods_row(tr: Any, spans: list[tuple[int, int, int]]) -> list[str]:
    """The cells of one ODS row; ``spans`` gets (first column, columns, rows) of merges."""
    cells: list[str] = []
    for cell in tr:
        if cell.tag not in (_T + "table-cell", _T + "covered-table-cell"):
            continue
        n = _repeat(cell, _T + "number-columns-repeated", MAX_COLUMNS + 1 - len(cells))
        value = _ods_value(cell) if cell.tag == _T + "table-cell" else ""
        across = _repeat(cell, _T + "number-columns-spanned", MAX_COLUMNS)
        down = _repeat(cell, _T + "number-rows-spanned", MAX_ROWS)
        if across > 1 or down > 1:
            spans.append((len(cells), across, down))
        cells += [value] * n
        if len(cells) > MAX_COLUMNS:
            break
    while cells and not cells[-1]:
        cells.pop()
    return cells


class _OdsSheet:
    """One ODS table being read row by row."""

    def __init__(self, title: str) -> None:
        self.sheet = RawSheet(title, [])
        self.merges: list[tuple[int, int, int, int]] = []
        self.empty = 0
        self.column = 0

    def column_seen(self, col: Any) -> None:
        n = _repeat(col, _T + "number-columns-repeated", MAX_COLUMNS + 1)
        if (col.get(_T + "visibility") or "visible") != "visible":
            self.sheet.hidden_columns.update(range(self.column, min(self.column + n, MAX_COLUMNS)))
        self.column = min(self.column + n, MAX_COLUMNS + 1)

    def row_seen(self, tr: Any) -> None:
        spans: list[tuple[int, int, int]] = []
        cells = _ods_row(tr, spans)
        n = _repeat(tr, _T + "number-rows-repeated", MAX_ROWS + 2)
        rows = self.sheet.rows
        if not cells:  # expanded only if data follows (a sheet repeats empty rows to its end)
            self.empty += n
            return
        rows += [[] for _ in range(self.empty)]
        self.empty = 0
        hidden = (tr.get(_T + "visibility") or "visible") != "visible"
        for _ in range(n):
            if hidden:
                self.sheet.hidden_rows.add(len(rows))
            self.merges += [(len(rows), c, a, d) for c, a, d in spans]
            rows.append(list(cells))
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError(
                    f"Das Blatt „{self.sheet.title[:40]}“ hat mehr als {MAX_ROWS:,} "
                    "Datenzeilen. Bitte die Tabelle aufteilen.".replace(",", ".")
                )

    def done(self) -> RawSheet:
        for row, col, across, down in self.merges:
            _fill_down(self.sheet, row, row + down - 1, col, col + across - 1)
        self.sheet.filtered = bool(self.sheet.hidden_rows)
        return self.sheet


def _ods(data: bytes, only: Container[str] | None) -> list[RawSheet]:
    """The tables of an ODS file's content, streamed (odfpy's document tree took a minute
    for 5,000 rows); the XML parser refuses DTDs, entities and external references."""
    out: list[RawSheet] = []
    filters = False
    current: _OdsSheet | None = None
    with zipfile.ZipFile(io.BytesIO(data)) as package, package.open("content.xml") as content:
        for event, el in iterparse(content, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if el.tag == _T + "table":
                    title = el.get(_T + "name") or ""
                    current = _OdsSheet(title) if only is None or title in only else None
                continue
            if el.tag == _T + "table-row" and current is not None:
                current.row_seen(el)
                el.clear()
            elif el.tag == _T + "table-column" and current is not None:
                current.column_seen(el)
            elif el.tag == _T + "table":
                if current is not None:
                    out.append(current.done())
                current = None
                el.clear()
            elif el.tag == _T + "database-range":
                filters = filters or el.get(_T + "display-filter-buttons") == "true"
    for sheet in out:
        sheet.filtered = sheet.filtered or filters
    return out


def read_book(data: bytes, only: Container[str] | None = None) -> list[RawSheet]:
    """Every sheet of an XLSX or ODS file (or those named in ``only``), in file order."""
    check_package(data)
    try:
        return _ods(data, only) if is_ods(data) else _xlsx(data, only)
    except ImportFileError:
        raise
    except Exception as exc:  # any parser/zip error of untrusted input: refuse, never a 500
        log.info("spreadsheet refused (%s): %s", type(exc).__name__, str(exc)[:200])
        kind = N_("LibreOffice-Datei (ODS)") if is_ods(data) else N_("Excel-Datei")
        raise ImportFileError.said(CANNOT_OPEN, kind=kind) from exc


def sheet_titles(data: bytes) -> list[str]:
    """The sheet names of an XLSX or ODS file (empty for anything else or a broken file)."""
    if not data.startswith(b"PK\x03\x04"):
        return []
    try:
        check_package(data)
        if is_ods(data):
            return [s.title for s in _ods(data, None)]

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return list(wb.sheetnames)
        finally:
            wb.close()
    except (ImportFileError, zipfile.BadZipFile):
        return []
    except Exception:  # not a workbook we can read: the table reader will say why
        return []
