"""Read an uploaded spreadsheet (CSV or XLSX) into a table of strings, or say why not.

Offices send what their tools write: German Excel saves "CSV (Trennzeichen-getrennt)" as
cp1252 with ``;``, "CSV UTF-8" with a BOM, other tools plain UTF-8 with ``,``. The encoding
is found by trying UTF-8 (with or without BOM) first and cp1252 second — UTF-8 is strict, so
cp1252 text with umlauts never decodes as UTF-8 by accident. Anything that is not a table
(binary, HTML, empty, header only, too many rows) is refused with a German sentence
(:class:`ImportFileError`) before anything else happens.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from netzwerk.graph.errors import GraphError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_CELL = 50_000


class ImportFileError(GraphError):
    """The file cannot be read as a table; ``str()`` says why, in German."""


@dataclass
class Table:
    """Header and data rows (all cells strings, stripped); row numbers count the header as 1."""

    headers: list[str]
    rows: list[list[str]]
    encoding: str = ""
    delimiter: str = ""
    filename: str = ""
    warnings: list[str] = field(default_factory=list)

    def first_row_number(self) -> int:
        return 2


def _is_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 50


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 mit BOM"
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                "Die Datei beginnt wie UTF-8, enthält aber ungültige Zeichen "
                f"(Byte {exc.start}). Bitte erneut als „CSV UTF-8“ speichern."
            ) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError("Die Datei ist keine lesbare UTF-16-Textdatei.") from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (Excel)"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            "Die Zeichenkodierung der Datei wurde nicht erkannt (weder UTF-8 noch Windows-1252). "
            "Bitte in Excel „Speichern unter → CSV UTF-8“ wählen."
        ) from exc


def _delimiter(text: str) -> str:
    """``;``, ``,`` or tab: whichever occurs most in the header line (outside quotes)."""
    first = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _clean(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if hasattr(cell, "isoformat") and not isinstance(cell, str):
        # dates from XLSX: keep the date part only when the time is midnight
        text = cell.isoformat()  # type: ignore[attr-defined]
        return text[:10] if text.endswith("T00:00:00") else text
    return str(cell).strip()


def _finish(raw: list[list[str]], filename: str, encoding: str, delimiter: str) -> Table:
    rows = [r for r in raw if any(c for c in r)]
    if not rows:
        raise ImportFileError("Die Datei ist leer – sie enthält keine einzige Zeile.")
    headers = rows[0]
    while headers and not headers[-1]:
        headers = headers[:-1]
    if not headers:
        raise ImportFileError("Die erste Zeile enthält keine Spaltenüberschriften.")
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError(
            f"Die Datei hat {len(headers)} Spalten; höchstens {MAX_COLUMNS} werden unterstützt."
        )
    body = rows[1:]
    if not body:
        raise ImportFileError(
            "Die Datei enthält nur die Überschriftenzeile, aber keine Datenzeilen."
        )
    if len(body) > MAX_ROWS:
        raise ImportFileError(
            f"Die Datei hat {len(body):,} Datenzeilen; höchstens {MAX_ROWS:,} pro Import. "
            "Bitte die Datei aufteilen.".replace(",", ".")
        )
    width = len(headers)
    table = Table(
        headers=[h.strip() for h in headers],
        rows=[(r + [""] * width)[:width] for r in body],
        encoding=encoding,
        delimiter=delimiter,
        filename=filename,
    )
    extra = sum(1 for r in body if any(c for c in r[width:]))
    if extra:
        table.warnings.append(
            f"{extra} Zeilen haben Werte rechts der letzten Überschrift; diese werden ignoriert."
        )
    return table


def _read_csv(data: bytes, filename: str) -> Table:
    text, encoding = _decode(data)
    stripped = text.lstrip().lower()
    if stripped.startswith(("<!doctype", "<html", "<?xml", "<table", "<head", "<body")):
        raise ImportFileError(
            "Die Datei ist eine HTML- oder XML-Seite, keine Tabelle. Bitte in der "
            "Tabellenkalkulation als CSV oder XLSX speichern."
        )
    delimiter = _delimiter(text)
    csv.field_size_limit(MAX_CELL + 1)
    try:
        raw = [
            [c.strip() for c in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise ImportFileError(
            f"Die CSV-Datei ist fehlerhaft ({exc}). Enthält eine Zelle mehr als "
            f"{MAX_CELL:,} Zeichen oder ein nicht geschlossenes Anführungszeichen?".replace(
                ",", "."
            )
        ) from exc
    return _finish(raw, filename, encoding, delimiter)


def _read_xlsx(data: bytes, filename: str) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError(
            "Die Datei sieht wie eine Excel-Datei aus, lässt sich aber nicht öffnen "
            "(beschädigt oder kein XLSX). Bitte in Excel erneut als .xlsx speichern."
        ) from exc
    try:
        ws = wb.worksheets[0]
        raw: list[list[str]] = []
        for row in ws.iter_rows(values_only=True):
            raw.append([_clean(c) for c in row])
            if len(raw) > MAX_ROWS + 2:
                break
    finally:
        wb.close()
    table = _finish(raw, filename, "XLSX", "")
    if len(wb.worksheets) > 1:
        table.warnings.append("Nur das erste Tabellenblatt wurde gelesen.")
    return table


def read_table(data: bytes, filename: str = "") -> Table:
    """Read CSV or XLSX bytes (detected by content, not by name) into a :class:`Table`."""
    if not data or not data.strip():
        raise ImportFileError("Die Datei ist leer.")
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            f"Die Datei ist größer als {MAX_BYTES // (1024 * 1024)} MB. Bitte aufteilen."
        )
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, filename)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "Das ist eine alte Excel-Datei (.xls). Bitte in Excel als .xlsx oder CSV speichern."
        )
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and _is_binary(data):
        raise ImportFileError(
            "Die Datei ist keine Tabelle (Binärdaten erkannt). Erlaubt sind CSV und XLSX."
        )
    return _read_csv(data, filename)
