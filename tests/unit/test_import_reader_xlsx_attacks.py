"""Hostile XLSX packages: bombs are refused before they are
parsed, malformed workbooks answer "kann nicht geöffnet werden", never a crash."""

from __future__ import annotations

import io
import secrets

import openpyxl
import pytest

from netzwerk.graph.imports import ImportFileError, read_table, reader
from tests import xlsx_craft


def _refused(data: bytes) -> str:
    with pytest.raises(ImportFileError) as err:
        read_table(data, "liste.xlsx")
    return str(err.value)


def test_declared_dimension_bomb_is_refused_before_reading_rows() -> None:
    data = xlsx_craft.dimension_bomb()
    assert len(data) < 4000  # the review's file is 1.8 kB
    message = _refused(data)
    assert "16.384 Spalten" in message and "15.000 Zeilen" in message


def test_shared_strings_zip_bomb_is_refused_from_the_directory() -> None:
    data = xlsx_craft.strings_bomb(inflated_mb=200)
    assert len(data) < 2 * 1024 * 1024
    assert "entpackt sich auf mehr als" in _refused(data)


def test_compression_ratio_bomb_under_the_size_limit_is_refused() -> None:
    data = xlsx_craft.strings_bomb(inflated_mb=50)
    assert "komprimiert" in _refused(data)


def test_part_that_lies_about_its_size_cannot_inflate_beyond_it() -> None:
    honest = xlsx_craft.workbook(
        xlsx_craft.sheet(xlsx_craft.SMALL_TABLE),
        strings_xml=xlsx_craft.shared_strings(secrets.token_hex(500) for _ in range(5000)),
    )
    data = xlsx_craft.lying_sizes(honest, "xl/sharedStrings.xml", declared=2000)
    assert "kann aber nicht geöffnet werden" in _refused(data)


def test_too_many_parts() -> None:
    extra = {f"xl/media/bild{i}.xml": "<x/>" for i in range(reader.MAX_PARTS)}
    data = xlsx_craft.workbook(xlsx_craft.sheet(xlsx_craft.SMALL_TABLE), extra=extra)
    assert "Teilen" in _refused(data)


def test_sparse_rows_reaching_the_last_column_are_read_only_to_the_limit() -> None:
    """No dimension, every row has a cell in column XFD: rows stay at most 101 cells wide
    (the values beyond the import's 100 columns are not even materialised)."""
    table = read_table(xlsx_craft.sparse_bomb(rows=3000), "liste.xlsx")
    assert len(table.headers) == 1 and len(table.rows) == 2999
    assert all(row == ["x"] for row in table.rows)


@pytest.mark.parametrize(
    "make",
    [
        xlsx_craft.broken_zip,
        xlsx_craft.xxe,
        xlsx_craft.billion_laughs,
        lambda: b"PK\x03\x04garbage-that-is-not-a-zip",
        lambda: xlsx_craft.workbook("<worksheet><sheetData><row><c r='A1'"),  # cut XML
        lambda: xlsx_craft.workbook(b"\xff\xfe\x00<"),  # not XML at all
    ],
    ids=["truncated", "xxe", "billion-laughs", "not-a-zip", "cut-xml", "binary-sheet"],
)
def test_malformed_workbooks_cannot_be_opened(make) -> None:
    message = _refused(make())
    assert "kann aber nicht geöffnet werden" in message
    assert "passwd" not in message and "Traceback" not in message


def test_malformed_formula_cells_cannot_be_opened() -> None:
    assert "kann aber nicht geöffnet werden" in _refused(xlsx_craft.formula_cells())


def test_formulas_with_cached_values_are_read_as_their_values() -> None:
    wb = openpyxl.Workbook()
    ws = wb.worksheets[0]
    ws.append(["Name", "Summe"])
    ws.append(["Kita", "=SUM(1,2)"])  # openpyxl stores no cached value: read as empty
    buf = io.BytesIO()
    wb.save(buf)
    table = read_table(buf.getvalue(), "f.xlsx")
    assert table.rows == [["Kita", ""]]
