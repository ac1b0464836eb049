"""Where the table is in an office's file: which sheet, which row holds the headers.

Lists kept by people start with a title ("Partnerliste Bildungsnetzwerk – Stand 03/2025"),
an empty row and perhaps a note before the header; some have a two-line header (a group
heading "Ansprechpartner/in" merged over "Name", "E-Mail", "Telefon"). Taking the first row
as the header made the title the only column. So the header row is *found*: among the first
rows, the one that reads most like a header (its cells are known column names, or at least
short texts, and not e-mail addresses, numbers or dates), preferring the earliest on a tie;
a group heading merged across the row above it, or a row of sub-headings below it, is joined
to it ("Ansprechpartner/in: E-Mail"). The user can choose another sheet and another header
row; data rows keep their line number in the file, so every message names the line the
user sees in their spreadsheet program.

A file with several sheets is read sheet by sheet; :func:`sheet_role` says which sheets look
like a list of *former* partners ("Ehemalige", "Archiv", "ausgeschieden"), which the import
offers to read as ended memberships.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.values import fold
from netzwerk.graph.imports import book
from netzwerk.graph.imports.fields import header_field
from netzwerk.graph.imports.reader import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    ImportFileError,
    Table,
    csv_rows,
)

SCAN_ROWS = 25
"""How far down the header row is looked for."""
_DATA = re.compile(r"@|^\+?[\d\s/().\-]{4,}$|^\d{1,2}\.\d{1,2}\.\d{2,4}$|^\d{4}-\d\d-\d\d|^https?:")
_FORMER = ("ehemalig", "frueher", "archiv", "ausgeschieden", "inaktiv", "beendet", "alt")


def _score(cells: list[str]) -> float:
    """How much a row reads like a header: known column names count most, data counts
    against it; a row of one cell (a title) is never a header."""
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return -1.0
    data = sum(1 for c in filled if _DATA.search(c) or len(c) > 60)
    known = sum(1 for c in filled if header_field(c))
    texty = len(filled) - data
    if texty < max(2, len(filled) / 2):
        return -1.0
    return 3 * known + texty - 3 * data


def find_header(rows: list[list[str]]) -> int:
    """The index of the header row (the best-scoring of the first rows; 0 if none reads
    like one)."""
    best, best_score = 0, -1.0
    seen = 0
    for i, cells in enumerate(rows):
        if not any(cells):
            continue
        seen += 1
        score = _score(cells)
        if score > best_score:
            best, best_score = i, score
        if seen >= SCAN_ROWS:
            break
    return best


def _across(sheet: book.RawSheet, index: int, width: int) -> list[str]:
    """A row with its merged-across cells filled (a group heading over its columns)."""
    cells = (sheet.rows[index] + [""] * width)[:width]
    for row, left, right in sheet.spans:
        if row == index and cells[left]:
            for c in range(left + 1, min(right, width - 1) + 1):
                cells[c] = cells[c] or cells[left]
    return cells


def _is_subheader(cells: list[str], top: list[str]) -> bool:
    """Whether ``cells`` (the row below ``top``) are sub-headings: header-like, and under at
    least one heading that spans several of them."""
    filled = [c for c in cells if c]
    if len(filled) < 2 or any(_DATA.search(c) for c in filled):
        return False
    known = sum(1 for c in filled if header_field(c))
    repeated = len({c for c in top if c}) < len([c for c in top if c])
    gaps = any(c and not t for c, t in zip(cells, top, strict=False))
    return known >= 1 and (repeated or gaps)


def _headers(sheet: book.RawSheet, index: int) -> tuple[list[str], int, int]:
    """(header cells, index of the first header line, index of the first data row) for a
    header row at ``index``, joined with a group-heading row above it or a row of
    sub-headings below it."""
    near = sheet.rows[max(0, index - 1) : index + 2]
    width = max((len(r) for r in near), default=0)
    this = _across(sheet, index, width)
    if index + 1 < len(sheet.rows):
        below = (sheet.rows[index + 1] + [""] * width)[:width]
        if _is_subheader(below, this):
            return _join(this, below), index, index + 2
    if index > 0 and any(r == index - 1 for r, _, _ in sheet.spans):
        above = _across(sheet, index - 1, width)
        if _is_subheader(this, above):
            return _join(above, this), index - 1, index + 1
    return this, index, index + 1


def _join(top: list[str], sub: list[str]) -> list[str]:
    out = []
    for t, s in zip(top, sub, strict=True):
        if t and s and fold(t) != fold(s):
            out.append(f"{t}: {s}")
        else:
            out.append(s or t)
    return out


def _line_warnings(table: Table, sheet: book.RawSheet, lines: list[int]) -> None:
    hidden = [n for n in lines if n - 1 in sheet.hidden_rows]
    if hidden:
        shown = ", ".join(map(str, hidden[:10])) + (" …" if len(hidden) > 10 else "")
        table.warnings.append(
            Said(
                N_(
                    "%(n)s Zeilen sind ausgeblendet oder weggefiltert (Zeile %(lines)s); sie "
                    "werden wie die anderen gelesen."
                ),
                n=len(hidden),
                lines=shown,
            )
        )
    columns = [
        table.headers[c] or f"Spalte {c + 1}"
        for c in sorted(sheet.hidden_columns)
        if c < len(table.headers)
    ]
    if columns:
        table.warnings.append(
            Said(
                N_("Ausgeblendete Spalten werden mitgelesen: %(columns)s"),
                columns=", ".join(columns)[:200],
            )
        )
    if sheet.merged_down:
        table.warnings.append(
            Said(
                N_("%(n)s Zellen waren verbunden; ihr Wert gilt für jede Zeile der Verbindung."),
                n=sheet.merged_down,
            )
        )


def build(sheet: book.RawSheet, filename: str, header_row: int | None = None) -> Table:
    """The table of a sheet, with the header at line ``header_row`` (1-based; found if
    None)."""
    rows = sheet.rows
    if not any(any(r) for r in rows):
        raise ImportFileError.said(N_("Die Datei ist leer – sie enthält keine einzige Zeile."))
    if header_row is not None and not 1 <= header_row <= len(rows):
        raise ImportFileError.said(
            N_("Zeile %(header_row)s gibt es nicht; die Tabelle hat %(n)s Zeilen."),
            header_row=header_row,
            n=len(rows),
        )
    index = header_row - 1 if header_row is not None else find_header(rows)
    headers, first, first_data = _headers(sheet, index)
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ImportFileError.said(
            N_("Zeile %(line)s enthält keine Spaltenüberschriften."), line=index + 1
        )
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError.said(
            N_(
                "Die Datei hat mehr als %(max_columns)s Spalten; höchstens "
                "%(max_columns)s werden unterstützt."
            ),
            max_columns=MAX_COLUMNS,
        )
    width = len(headers)
    body = [(i, r) for i, r in enumerate(rows[first_data:], start=first_data) if any(r)]
    if not body:
        raise ImportFileError.said(
            N_(
                "Die Datei enthält nur die Überschriftenzeile (Zeile %(line)s), aber "
                "keine Datenzeilen."
            ),
            line=index + 1,
        )
    if len(body) > MAX_ROWS:
        raise ImportFileError(
            f"Die Datei hat {len(body):,} Datenzeilen; höchstens {MAX_ROWS:,} pro Import. "
            "Bitte die Datei aufteilen.".replace(",", ".")
        )
    table = Table(
        headers=[h.strip() for h in headers],
        rows=[(r + [""] * width)[:width] for _, r in body],
        filename=filename,
        sheet=sheet.title,
        header_row=first_data,
        lines=[i + 1 for i, _ in body],
    )
    if first_data > 1:
        lines = f"{first + 1}" + (f"–{first_data}" if first_data - first > 1 else "")
        table.warnings.append(
            Said(N_("Überschriften in Zeile %(lines)s erkannt (änderbar)."), lines=lines)
        )
    extra = sum(1 for _, r in body if any(c for c in r[width:]))
    if extra:
        table.warnings.append(
            Said(
                N_(
                    "%(n)s Zeilen haben Werte rechts der letzten Überschrift; diese werden "
                    "ignoriert."
                ),
                n=extra,
            )
        )
    _line_warnings(table, sheet, table.lines)
    return table


def sheet_role(title: str) -> str:
    """ "former" for a sheet that looks like a list of former partners, else ""."""
    words = fold(title).split()
    return "former" if any(w.startswith(_FORMER) for w in words) else ""


def read_sheets(data: bytes) -> tuple[list[book.RawSheet], str, str]:
    """Every sheet with data of a file (a CSV is one sheet without a title), and how the
    file was read: its encoding (or "XLSX", "ODS") and a CSV's delimiter."""
    if not data or not data.strip():
        raise ImportFileError.said(N_("Die Datei ist leer."))
    if len(data) > MAX_BYTES:
        raise ImportFileError.said(
            N_("Die Datei ist größer als %(mb)s MB. Bitte aufteilen."),
            mb=MAX_BYTES // (1024 * 1024),
        )
    if data.startswith(b"PK\x03\x04"):
        sheets = [s for s in book.read_book(data) if any(any(r) for r in s.rows)]
        return sheets or [book.RawSheet("", [])], "ODS" if book.is_ods(data) else "XLSX", ""
    rows, encoding, delimiter = csv_rows(data)
    return [book.RawSheet("", rows)], encoding, delimiter


@dataclass
class Book:
    """An uploaded file's sheets, kept so the user can choose another sheet or header row
    without uploading again."""

    sheets: list[book.RawSheet]
    encoding: str
    delimiter: str
    filename: str

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.sheets if s.title]

    def table(self, sheet: str | None = None, header_row: int | None = None) -> Table:
        """The table of the named sheet (else the first with data), its header row found
        or the one given (1-based)."""
        chosen = self.sheets[0]
        if sheet:
            named = [s for s in self.sheets if s.title == sheet]
            if not named:
                raise ImportFileError.said(
                    N_("Die Datei hat kein Tabellenblatt „%(sheet)s“."), sheet=sheet[:60]
                )
            chosen = named[0]
        table = build(chosen, self.filename, header_row)
        table.encoding, table.delimiter = self.encoding, self.delimiter
        table.sheets = self.titles
        others = [t for t in table.sheets if t != chosen.title]
        if others:
            table.warnings.append(
                Said(
                    N_(
                        "Gelesen wird das Blatt „%(sheet)s“; weitere Blätter: %(others)s "
                        "(einzeln wählbar)."
                    ),
                    sheet=chosen.title,
                    others=", ".join(f"„{t}“" for t in others)[:200],
                )
            )
        return table


def open_book(data: bytes, filename: str = "") -> Book:
    """A CSV, XLSX or ODS file (detected by content, not by name) as a :class:`Book`."""
    sheets, encoding, delimiter = read_sheets(data)
    return Book(sheets, encoding, delimiter, filename)


def read_table(
    data: bytes, filename: str = "", *, sheet: str | None = None, header_row: int | None = None
) -> Table:
    """The table of a CSV, XLSX or ODS file: the named sheet (else the first with data),
    its header row found or the one given (1-based)."""
    return open_book(data, filename).table(sheet, header_row)
