"""Read every sheet of a workbook (for the network workbook's round trip), or say why not.

The single-table reader (:mod:`netzwerk.graph.imports.reader`) reads the first sheet only;
the network workbook has one sheet per kind of record. The reader's protection applies
unchanged — the package is checked for bombs before any part is parsed
(:func:`~netzwerk.graph.imports.reader.check_package`), each sheet's declared size before
its rows — and the same limits apply per sheet (rows, columns), with all sheets together
capped at four times the rows of one; a sheet may be empty (a template's sheets are). Whether an
upload is such a workbook is decided by its sheet names: "Akteure" plus at least one other
sheet of the workbook.
"""

from __future__ import annotations

import io
import logging
import zipfile

from openpyxl import load_workbook

from netzwerk.graph.imports.reader import (
    CANNOT_OPEN,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    ImportFileError,
    Table,
    _check_dimension,
    _clean,
    check_package,
)

log = logging.getLogger(__name__)
MAX_TOTAL_ROWS = 4 * MAX_ROWS


def sheet_names(data: bytes) -> list[str]:
    """The sheet names of an XLSX file (empty for anything else), read from its directory."""
    if not data.startswith(b"PK\x03\x04") or len(data) > MAX_BYTES:
        return []
    try:
        check_package(data)
    except ImportFileError:
        return []  # the table reader refuses it with its reason
    try:  # read-only: only the workbook part is parsed, no sheet is read
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # not a workbook we can read: the table reader will say why
        return []
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def is_workbook(data: bytes, titles: tuple[str, ...]) -> bool:
    """Whether ``data`` is a network workbook: it has "Akteure" and another of ``titles``."""
    names = set(sheet_names(data))
    return titles[0] in names and len(names & set(titles)) >= 2


def _table(raw: list[list[str]], title: str, filename: str) -> Table:
    rows = [r for r in raw if any(c for c in r)]
    headers = rows[0] if rows else []
    while headers and not headers[-1]:
        headers = headers[:-1]
    width = len(headers)
    if width > MAX_COLUMNS:
        raise ImportFileError(
            f"Das Blatt „{title[:40]}“ hat mehr als {MAX_COLUMNS} Spalten; höchstens "
            f"{MAX_COLUMNS} werden gelesen."
        )
    body = [(r + [""] * width)[:width] for r in rows[1:]]
    table = Table([h.strip() for h in headers], body, "XLSX", "", filename)
    if any(len(r) > width and any(r[width:]) for r in rows[1:]):
        table.warnings.append(
            f"Blatt „{title}“: Werte rechts der letzten Überschrift werden ignoriert."
        )
    return table


def read_sheets(data: bytes, filename: str, titles: tuple[str, ...]) -> dict[str, Table]:
    """The sheets named in ``titles`` (others are skipped), each as a :class:`Table`."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            f"Die Datei ist größer als {MAX_BYTES // (1024 * 1024)} MB. Bitte aufteilen."
        )
    check_package(data)
    out: dict[str, Table] = {}
    total = 0
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError(CANNOT_OPEN) from exc
    try:
        for ws in wb.worksheets:
            if ws.title not in titles:
                continue
            _check_dimension(ws)
            raw: list[list[str]] = []
            # explicit bounds: a dimension that lies (or is missing) cannot widen the rows
            for row in ws.iter_rows(
                max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1, values_only=True
            ):
                cells = [_clean(c) for c in row]
                while cells and not cells[-1]:
                    cells.pop()
                raw.append(cells)
            if len(raw) > MAX_ROWS + 1:
                raise ImportFileError(
                    f"Das Blatt „{ws.title}“ hat mehr als {MAX_ROWS:,} Datenzeilen. "
                    "Bitte die Arbeitsmappe aufteilen.".replace(",", ".")
                )
            total += len(raw)
            if total > MAX_TOTAL_ROWS:
                raise ImportFileError(
                    f"Die Arbeitsmappe hat mehr als {MAX_TOTAL_ROWS:,} Zeilen. Bitte "
                    "aufteilen.".replace(",", ".")
                )
            out[ws.title] = _table(raw, ws.title, filename)
    except ImportFileError:
        raise
    except Exception as exc:  # any parser error of untrusted input: refuse, never a 500
        log.info("workbook refused (%s): %s", type(exc).__name__, str(exc)[:200])
        raise ImportFileError(CANNOT_OPEN) from exc
    finally:
        wb.close()
    return out
