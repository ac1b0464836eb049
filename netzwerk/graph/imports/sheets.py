"""Read every sheet of a workbook (for the network workbook's round trip), or say why not.

The network workbook has one sheet per kind of record; it comes back as XLSX or, from
LibreOffice, as ODS, and both are read by :mod:`netzwerk.graph.imports.book` with its
protections (the package checked for bombs before any part is parsed, each sheet's rows and
columns read only up to the import limits). All sheets together are capped at four times the
rows of one; a sheet may be empty (a template's sheets are). Whether an upload is such a
workbook is decided by its sheet names: "Akteure" plus at least one other sheet of the
workbook.
"""

from __future__ import annotations

from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.imports.book import read_book, sheet_titles
from netzwerk.graph.imports.reader import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    ImportFileError,
    Table,
)

MAX_TOTAL_ROWS = 4 * MAX_ROWS


def sheet_names(data: bytes) -> list[str]:
    """The sheet names of an XLSX or ODS file (empty for anything else)."""
    if len(data) > MAX_BYTES:
        return []
    return sheet_titles(data)


def is_workbook(data: bytes, titles: tuple[str, ...]) -> bool:
    """Whether ``data`` is a network workbook: it has "Akteure" and another of ``titles``."""
    names = set(sheet_names(data))
    return titles[0] in names and len(names & set(titles)) >= 2


def _table(raw: list[list[str]], title: str, filename: str, kind: str) -> Table:
    rows = [r for r in raw if any(c for c in r)]
    headers = rows[0] if rows else []
    while headers and not headers[-1]:
        headers = headers[:-1]
    width = len(headers)
    if width > MAX_COLUMNS:
        raise ImportFileError.said(
            N_(
                "Das Blatt „%(sheet)s“ hat mehr als %(max_columns)s Spalten; höchstens "
                "%(max_columns)s werden gelesen."
            ),
            sheet=title[:40],
            max_columns=MAX_COLUMNS,
        )
    body = [(r + [""] * width)[:width] for r in rows[1:]]
    table = Table([h.strip() for h in headers], body, kind, "", filename, sheet=title)
    if any(len(r) > width and any(r[width:]) for r in rows[1:]):
        table.warnings.append(
            Said(
                N_("Blatt „%(sheet)s“: Werte rechts der letzten Überschrift werden ignoriert."),
                sheet=title,
            )
        )
    return table


def read_sheets(data: bytes, filename: str, titles: tuple[str, ...]) -> dict[str, Table]:
    """The sheets named in ``titles`` (others are skipped), each as a :class:`Table`."""
    if len(data) > MAX_BYTES:
        raise ImportFileError.said(
            N_("Die Datei ist größer als %(mb)s MB. Bitte aufteilen."),
            mb=MAX_BYTES // (1024 * 1024),
        )
    out: dict[str, Table] = {}
    total = 0
    kind = "ODS" if data[:200].find(b"opendocument") >= 0 else "XLSX"
    for sheet in read_book(data, only=titles):
        if len(sheet.rows) > MAX_ROWS + 1:
            raise ImportFileError(
                f"Das Blatt „{sheet.title}“ hat mehr als {MAX_ROWS:,} Datenzeilen. "
                "Bitte die Arbeitsmappe aufteilen.".replace(",", ".")
            )
        total += len(sheet.rows)
        if total > MAX_TOTAL_ROWS:
            raise ImportFileError(
                f"Die Arbeitsmappe hat mehr als {MAX_TOTAL_ROWS:,} Zeilen. Bitte "
                "aufteilen.".replace(",", ".")
            )
        out[sheet.title] = _table(sheet.rows, sheet.title, filename, kind)
    return out
