"""The table an import reads, CSV's rows, and the checks every uploaded file passes first.

The sheets of XLSX and ODS files are read by :mod:`netzwerk.graph.imports.book`, the header
row is found by :mod:`netzwerk.graph.imports.layout`; this module holds what they share.

Offices send what their tools write: German Excel saves "CSV (Trennzeichen-getrennt)" as
cp1252 with ``;``, "CSV UTF-8" with a BOM, other tools plain UTF-8 with ``,``. The encoding
is found by trying UTF-8 (with or without BOM) first and cp1252 second — UTF-8 is strict, so
cp1252 text with umlauts never decodes as UTF-8 by accident. Anything that is not a table
(binary, HTML, empty, header only, too many rows) is refused with a German sentence
(:class:`ImportFileError`) before anything else happens.

An XLSX file is a zip of XML parts and can be built to explode: a 2 MB part that inflates to
1 GB, or a sheet that *declares* 16,384 columns × 15,000 rows so that a reader pads every
row to full width (245 million cells from a 1.8 kB file). So the package is checked before
any part is parsed — number of parts, declared sizes, compression ratio, declared sheet
dimension — and while parsing, rows and columns are read only up to the import limits.
Python's zip reader never inflates a part beyond its declared size (a lying header ends in
a CRC error), so checking the declared sizes is enough. Anything the XML parser or the zip
reader rejects (truncated archive, DTDs, entity bombs, malformed cells) ends in the same
German "kann nicht geöffnet werden" sentence, never in a server error.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field

from netzwerk.graph.core.errors import GraphError
from netzwerk.graph.core.i18n import N_

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_CELL = 50_000
MAX_PARTS = 500
"""A workbook with one sheet has about 10 parts; Excel files with many sheets a few hundred."""
MAX_PART_BYTES = 128 * 1024 * 1024
"""Largest inflated part (a 50,000-row sheet with 12 columns is about 46 MB of XML)."""
MAX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
"""Highest compression ratio of a part over 1 MB (real sheets: 5–20; zip bombs: 400+)."""
RATIO_FLOOR = 1024 * 1024

log = logging.getLogger(__name__)


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
    sheet: str = ""
    """The sheet read (empty for a CSV)."""
    sheets: list[str] = field(default_factory=list)
    """Every sheet of the file with data, so the user can choose another."""
    header_row: int = 1
    """The line of the (last) header row in the file."""
    lines: list[int] = field(default_factory=list)
    """Per data row, its line in the file (empty rows and title rows are skipped)."""

    def line(self, index: int) -> int:
        """The line in the file of data row ``index`` (0-based)."""
        return self.lines[index] if index < len(self.lines) else index + self.header_row + 1


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
            raise ImportFileError.said(
                N_(
                    "Die Datei beginnt wie UTF-8, enthält aber ungültige Zeichen (Byte "
                    "%(start)s). Bitte erneut als „CSV UTF-8“ speichern."
                ),
                start=exc.start,
            ) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError.said(N_("Die Datei ist keine lesbare UTF-16-Textdatei.")) from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (Excel)"
    except UnicodeDecodeError as exc:
        raise ImportFileError.said(
            N_(
                "Die Zeichenkodierung der Datei wurde nicht erkannt (weder UTF-8 noch "
                "Windows-1252). Bitte in Excel „Speichern unter → CSV UTF-8“ wählen."
            )
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
        text = cell.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(cell).strip()


def csv_rows(data: bytes) -> tuple[list[list[str]], str, str]:
    """The rows of CSV bytes (cells stripped), the encoding found and the delimiter."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError.said(
            N_("Das ist eine alte Excel-Datei (.xls). Bitte in Excel als .xlsx oder CSV speichern.")
        )
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and _is_binary(data):
        raise ImportFileError.said(
            N_("Die Datei ist keine Tabelle (Binärdaten erkannt). Erlaubt sind CSV, XLSX und ODS.")
        )
    text, encoding = _decode(data)
    stripped = text.lstrip().lower()
    if stripped.startswith(("<!doctype", "<html", "<?xml", "<table", "<head", "<body")):
        raise ImportFileError.said(
            N_(
                "Die Datei ist eine HTML- oder XML-Seite, keine Tabelle. Bitte in der "
                "Tabellenkalkulation als CSV, XLSX oder ODS speichern."
            )
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
    if len(raw) > MAX_ROWS + 1_000:
        raise ImportFileError(
            f"Die Datei hat {len(raw):,} Zeilen; höchstens {MAX_ROWS:,} Datenzeilen pro "
            "Import. Bitte die Datei aufteilen.".replace(",", ".")
        )
    return raw, encoding, delimiter


CANNOT_OPEN = N_(
    "Die Datei sieht wie eine %(kind)s aus, kann aber nicht geöffnet werden (beschädigt, "
    "unvollständig oder kein gültiges XLSX). Bitte in Excel erneut als .xlsx speichern."
)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB".replace(",", ".")


def check_package(data: bytes) -> None:
    """Refuse an XLSX package whose parts are too many, too large or compressed like a bomb.

    Only the zip directory is read (no part is inflated), so this is fast for any input.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFileError.said(CANNOT_OPEN, kind=N_("Excel-Datei")) from exc
    if len(parts) > MAX_PARTS:
        raise ImportFileError.said(
            N_(
                "Die Excel-Datei besteht aus %(n)s Teilen; höchstens %(max_parts)s "
                "werden gelesen. Bitte nur das Tabellenblatt mit den Daten in eine "
                "neue Datei kopieren."
            ),
            n=len(parts),
            max_parts=MAX_PARTS,
        )
    total = 0
    for part in parts:
        total += part.file_size
        ratio = part.file_size / max(1, part.compress_size)
        if part.file_size > MAX_PART_BYTES or total > MAX_INFLATED_BYTES:
            raise ImportFileError.said(
                N_(
                    "Die Excel-Datei entpackt sich auf mehr als %(size)s (höchstens "
                    "%(part_size)s je Teil). Solche Dateien werden zum Schutz des Servers "
                    "nicht gelesen; bitte die Tabelle aufteilen oder als CSV speichern."
                ),
                size=_mb(min(total, part.file_size)),
                part_size=_mb(MAX_PART_BYTES),
            )
        if part.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            shown = f"{ratio:,.0f}".replace(",", ".")
            raise ImportFileError.said(
                N_(
                    "Die Excel-Datei ist auffällig stark komprimiert (Teil „%(filename)s“ "
                    "1:%(shown)s, üblich sind bis 1:20). Solche Dateien werden zum Schutz "
                    "des Servers nicht gelesen; bitte die Tabelle als CSV speichern."
                ),
                filename=part.filename[:80],
                shown=shown,
            )


def _check_dimension(ws: object) -> None:
    """Refuse a sheet whose declared size exceeds the import limits (before reading rows)."""
    rows = getattr(ws, "max_row", None) or 0
    cols = getattr(ws, "max_column", None) or 0
    if cols > MAX_COLUMNS or rows > MAX_ROWS + 1:
        raise ImportFileError(
            f"Das Tabellenblatt ist als {cols:,} Spalten × {rows:,} Zeilen angelegt; gelesen "
            f"werden höchstens {MAX_COLUMNS} Spalten und {MAX_ROWS:,} Datenzeilen. Bitte "
            "nur die Zellen mit Daten in eine neue Datei kopieren.".replace(",", ".")
        )
