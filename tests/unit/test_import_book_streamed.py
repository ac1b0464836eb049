"""A large XLSX is streamed; it must keep what a small one keeps: merged cells filled down,
hidden rows and columns, the filter."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from netzwerk.graph.imports import book

DATA = Path(__file__).resolve().parents[1] / "data"


def _both(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[list[book.RawSheet], ...]:
    full = book.read_book(data)
    monkeypatch.setattr(book, "FULL_READ_BYTES", 0)
    return full, book.read_book(data)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.xlsx")), ids=lambda p: p.name)
def test_streamed_office_files_read_as_fully_read_ones(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full, streamed = _both(path.read_bytes(), monkeypatch)
    assert streamed == full


def test_streamed_sheet_fills_merged_cells_and_names_hidden_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.append(["Einrichtung", "Name", "Notiz"])
    for i in range(30):
        ws.append([f"Schule {i // 3}" if i % 3 == 0 else None, f"Person {i}", None])
    for top in range(2, 32, 3):
        ws.merge_cells(start_row=top, end_row=top + 2, start_column=1, end_column=1)
    ws.row_dimensions[5].hidden = True
    ws.column_dimensions["C"].hidden = True
    ws.auto_filter.ref = "A1:C31"
    out = io.BytesIO()
    wb.save(out)
    full, streamed = _both(out.getvalue(), monkeypatch)
    (sheet,) = streamed
    assert streamed == full
    assert [r[0] for r in sheet.rows[1:7]] == ["Schule 0"] * 3 + ["Schule 1"] * 3
    assert sheet.merged_down == 20
    assert (sheet.hidden_rows, sheet.hidden_columns, sheet.filtered) == ({4}, {2}, True)


def test_a_hostile_merge_reference_is_ignored() -> None:
    layout = book._streamed_layout(
        io.BytesIO(
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<sheetData><row r="1" hidden="1"/></sheetData>'
            b'<mergeCells><mergeCell ref="A1:??"/><mergeCell ref="B2:B4"/></mergeCells>'
            b"</worksheet>"
        )
    )
    assert (layout.hidden_rows, layout.merges) == ({1}, [(2, 4, 2, 2)])
