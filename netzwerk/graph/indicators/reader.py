"""Reading indicator tables: GENESIS flat files and the office's own tables.

Official statistics (Statistisches Landesamt, Regionaldatenbank, Kommunale
Bildungsdatenbank) are downloaded from GENESIS-Online as the flat-file CSV ("ffcsv"):
``;``-separated, UTF-8 (with or without BOM), decimal comma, one line per combination of
characteristics. Its columns are ``Statistik_Code``/``Statistik_Label``, the time (``Zeit``,
e.g. ``31.12.2022`` or ``2022``), numbered characteristics
``1_Merkmal_Code``/``1_Merkmal_Label``/``1_Auspraegung_Code``/``1_Auspraegung_Label`` (one of
them the region: its value code is the official key, its value label the name) and one value
column per measure, named ``CODE__Label__Einheit``, each optionally followed by its quality
column ``CODE__Label__q`` (``e`` final, ``p`` provisional, ``r`` corrected, ``s`` estimated).
A value cell may hold a marker instead of a number: ``-`` (nothing, i.e. zero), ``.``
(unknown or secret), ``x`` (not meaningful), ``/`` (not reliable enough), ``...`` (later).

The office's own tables (CSV or XLSX/ODS) are simpler: a region column (key and/or name), a
year column and one column per measure (``Kinder 0–6 (Anzahl)``: label and unit).

Reading is pure: it yields one :class:`Value` per cell and a German :class:`CellError` per
cell it cannot read, naming line and column; the dry run refuses a file with any error.

References
----------
Statistisches Bundesamt, "GENESIS-Online: Flat-File-CSV (ffcsv)", Hilfe zum Tabellenabruf,
https://www-genesis.destatis.de/genesis/online (Zeichenerklärung: Statistisches Bundesamt,
"Erläuterungen zu Zeichen", ibid.).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from netzwerk.graph.core.errors import GraphError
from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.values import fold, slug
from netzwerk.graph.imports.book import is_ods
from netzwerk.graph.imports.layout import read_table
from netzwerk.graph.imports.reader import ImportFileError, csv_rows

MARKERS = {"-": 0.0, ".": None, "x": None, "/": None, "...": None, "…": None}
"""Value-replacing markers of official statistics and the value they stand for."""
QUALITIES = frozenset({"e", "p", "r", "s"})
"""Quality letters that qualify a value (``_q`` columns)."""
REGION_CHARACTERISTICS = frozenset(
    {"DINSG", "DLAND", "REGBEZ", "KREISE", "GEMEIN", "GVB", "GEMVB", "GVBEZ", "REGION"}
)
"""GENESIS characteristic codes of regional units (Deutschland, Land, Regierungsbezirk,
Kreise, Gemeinden, Gemeindeverbände)."""
_NUMBERED = re.compile(r"^(\d+)_merkmal_code$", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(1[9]\d\d|2[01]\d\d)(?!\d)")
_GERMAN_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_GERMAN = re.compile(r"^[+-]?\d+(,\d+)?$")
_POINT = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_UNIT = re.compile(r"^(.*?)\s*[(\[]([^()\[\]]{1,40})[)\]]\s*$")

KEY_HEADERS = frozenset(
    {
        "ags",
        "ars",
        "schluessel",
        "regionalschluessel",
        "gemeindeschluessel",
        "amtlicher schluessel",
        "amtlicher gemeindeschluessel",
        "kennziffer",
        "gebietskennziffer",
        "region code",
        "regionalschluessel ars",
    }
)
NAME_HEADERS = frozenset(
    {"region", "gebiet", "name", "gemeinde", "raumeinheit", "gebietseinheit", "kommune", "ort"}
)
YEAR_HEADERS = frozenset({"jahr", "year", "zeit", "stichtag", "berichtsjahr", "schuljahr"})
SOURCE_HEADERS = frozenset({"quelle", "source", "datenquelle"})


class IndicatorFileError(GraphError):
    """The file is no indicator table at all; ``str()`` says why, in German."""


@dataclass(frozen=True)
class Value:
    """One indicator value as the file states it (region not yet matched)."""

    line: int
    column: str
    region_key: str
    region_name: str
    measure: str
    label: str
    year: int
    value: float | None
    unit: str = ""
    quality: str = ""
    source: str = ""


@dataclass(frozen=True)
class CellError:
    """A cell that cannot be read, by line (header = 1) and column."""

    line: int
    column: str
    message: str
    """Why, German: a :class:`Said` sentence or an ``N_`` literal, so a page can say it."""

    @property
    def said(self) -> Said:
        """The whole line ("Zeile 3, Spalte „2020“: …") with its template."""
        if self.column:
            return Said(
                N_("Zeile %(line)s, Spalte „%(column)s“: %(reason)s"),
                line=self.line,
                column=self.column,
                reason=self.message,
            )
        return Said(N_("Zeile %(line)s: %(reason)s"), line=self.line, reason=self.message)

    def __str__(self) -> str:
        return str(self.said)


@dataclass
class Reading:
    """What a file holds: its values, the cells that could not be read, and notes."""

    format: str
    values: list[Value] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def number(text: str, *, decimal_comma: bool = True) -> float:
    """A cell as a number: German ``1.234,5`` in CSV, ``1234.5`` from a spreadsheet's cells.

    Raises ``ValueError`` for anything else (including infinities and NaN).

    >>> number("1.234,5"), number("12,75"), number("1234.5", decimal_comma=False)
    (1234.5, 12.75, 1234.5)
    """
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if _GERMAN_THOUSANDS.match(text):
        result = float(text.replace(".", "").replace(",", "."))
    elif _GERMAN.match(text):
        result = float(text.replace(",", "."))
    elif not decimal_comma and _POINT.match(text):
        result = float(text)
    else:
        raise ValueError(text)
    if not math.isfinite(result):
        raise ValueError(text)
    return result


def year_of(text: str) -> int | None:
    """The year a time cell names: ``2022``, ``31.12.2022``, ``2022-12-31``, ``2022/23``."""
    found = _YEAR.search(text)
    return int(found.group(1)) if found else None


def _cell(text: str, quality: str, *, decimal_comma: bool) -> tuple[float | None, str] | str | None:
    """(value, quality marker), None for an empty cell, or a German message."""
    text = text.strip()
    if not text:
        return None
    if text in MARKERS:
        return MARKERS[text], "..." if text == "…" else text
    try:
        value = number(text, decimal_comma=decimal_comma)
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        return Said(
            N_(
                "„%(value)s“ ist keine Zahl (erwartet z. B. 1.234,5 oder eines der Zeichen "
                "-, ., x, /)"
            ),
            value=shown,
        )
    q = quality.strip().lower()
    return value, q if q in QUALITIES else ""


def _no_year(cell: str) -> Said:
    return Said(N_("kein Jahr erkennbar in „%(value)s“"), value=cell)


def _measure_code(label: str) -> str:
    return slug(label)[:200] or "wert"


def _split_unit(header: str) -> tuple[str, str]:
    found = _UNIT.match(header)
    if found and found.group(1):
        return found.group(1).strip(), found.group(2).strip()
    return header.strip(), ""


# --- GENESIS flat file --------------------------------------------------------------------


def is_genesis(headers: list[str]) -> bool:
    """Whether a header row is a GENESIS flat file's (a time and numbered characteristics)."""
    folded = {fold(h) for h in headers}
    return "zeit" in folded and any(_NUMBERED.match(h.strip()) for h in headers)


@dataclass(frozen=True)
class _ValueColumn:
    index: int
    code: str
    label: str
    unit: str
    quality: int | None


def _value_columns(headers: list[str]) -> list[_ValueColumn]:
    """``CODE__Label__Einheit`` columns with their ``CODE__Label__q`` quality columns."""
    quality = {}
    for i, h in enumerate(headers):
        parts = h.strip().split("__")
        if len(parts) >= 2 and parts[-1].lower() == "q":
            quality[parts[0]] = i
    out = []
    for i, h in enumerate(headers):
        parts = h.strip().split("__")
        if len(parts) < 2 or parts[-1].lower() == "q" or not parts[0]:
            continue
        label = parts[1].replace("_", " ").strip() or parts[0]
        unit = parts[2].replace("_", " ").strip() if len(parts) > 2 else ""
        out.append(_ValueColumn(i, parts[0].strip(), label, unit, quality.get(parts[0])))
    return out


def _characteristics(headers: list[str]) -> list[tuple[int, int, int, int]]:
    """Per numbered characteristic: indexes of Merkmal_Code, Merkmal_Label (or -1),
    Auspraegung_Code and Auspraegung_Label (or -1)."""
    at = {h.strip().lower(): i for i, h in enumerate(headers)}
    out = []
    for h in headers:
        found = _NUMBERED.match(h.strip())
        if not found:
            continue
        n = found.group(1)
        code = at.get(f"{n}_auspraegung_code")
        if code is None:
            continue
        out.append(
            (
                at[f"{n}_merkmal_code"],
                at.get(f"{n}_merkmal_label", -1),
                code,
                at.get(f"{n}_auspraegung_label", -1),
            )
        )
    return out


def _get(row: list[str], index: int) -> str:
    return row[index].strip() if 0 <= index < len(row) else ""


def _is_key(text: str) -> bool:
    return text.isdigit() and 2 <= len(text) <= 12


def _region_dimension(row: list[str], dims: list[tuple[int, int, int, int]]) -> int:
    """Which characteristic of a row is the region: a regional code, else a key-like value."""
    for i, (m_code, _, _, _) in enumerate(dims):
        if _get(row, m_code).upper() in REGION_CHARACTERISTICS:
            return i
    for i, (_, _, a_code, _) in enumerate(dims):
        if _is_key(_get(row, a_code)):
            return i
    return -1


def _genesis_row(
    row: list[str],
    line: int,
    ctx: tuple[list[str], list[tuple[int, int, int, int]], list[_ValueColumn], int, int, int],
    reading: Reading,
) -> None:
    headers, dims, columns, time_at, stat_code, stat_label = ctx
    year = year_of(_get(row, time_at))
    if year is None:
        reading.errors.append(CellError(line, headers[time_at], _no_year(_get(row, time_at))))
        return
    region = _region_dimension(row, dims)
    if region < 0:
        reading.errors.append(
            CellError(line, "", N_("keine Region (kein amtlicher Schlüssel in den Merkmalen)"))
        )
        return
    _, _, r_code, r_label = dims[region]
    codes = [_get(row, d[2]) for j, d in enumerate(dims) if j != region]
    labels = [_get(row, d[3]) or _get(row, d[2]) for j, d in enumerate(dims) if j != region]
    code_s, label_s = _get(row, stat_code), _get(row, stat_label)
    source = f"GENESIS {code_s}: {label_s}".strip(": ") if code_s or label_s else "GENESIS"
    for col in columns:
        got = _cell(_get(row, col.index), _get(row, col.quality or -1), decimal_comma=True)
        if got is None:
            continue
        if isinstance(got, str):
            reading.errors.append(CellError(line, headers[col.index], got))
            continue
        reading.values.append(
            Value(
                line=line,
                column=headers[col.index],
                region_key=_get(row, r_code),
                region_name=_get(row, r_label),
                measure=".".join([col.code, *(c for c in codes if c)])[:200],
                label=", ".join([col.label, *(lb for lb in labels if lb)])[:500],
                year=year,
                value=got[0],
                unit=col.unit,
                quality=got[1],
                source=source[:500],
            )
        )


def read_genesis(rows: list[list[str]], header_line: int = 1) -> Reading:
    """A GENESIS flat file's rows (header first, on ``header_line``) as values."""
    headers = rows[0]
    reading = Reading("GENESIS")
    folded = [fold(h) for h in headers]
    columns = _value_columns(headers)
    if not columns:
        raise IndicatorFileError.said(
            N_(
                "Die GENESIS-Datei hat keine Wertspalte (Spalten wie "
                "„BEVSTD__Bevoelkerungsstand__Anzahl“)."
            )
        )

    def at(name: str) -> int:
        return folded.index(name) if name in folded else -1

    ctx = (
        headers,
        _characteristics(headers),
        columns,
        at("zeit"),
        at("statistik code"),
        at("statistik label"),
    )
    for number_, row in enumerate(rows[1:], start=header_line + 1):
        if not any(c.strip() for c in row):
            continue
        _genesis_row(row, number_, ctx, reading)
    return reading


# --- the office's own table ---------------------------------------------------------------


def _roles(headers: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, h in enumerate(headers):
        f = fold(h)
        for role, names in (
            ("key", KEY_HEADERS),
            ("name", NAME_HEADERS),
            ("year", YEAR_HEADERS),
            ("source", SOURCE_HEADERS),
        ):
            if f in names and role not in roles:
                roles[role] = i
    return roles


def read_simple(
    headers: list[str], rows: list[list[str]], lines: list[int], *, decimal_comma: bool
) -> Reading:
    """An office's table: region (key and/or name), year, one column per measure."""
    roles = _roles(headers)
    reading = Reading("Tabelle")
    if "year" not in roles or not ({"key", "name"} & set(roles)):
        raise IndicatorFileError.said(
            N_(
                "Die Tabelle braucht eine Spalte „Jahr“ und eine Spalte „Region“ oder „AGS“ "
                "(Überschriften in der ersten Zeile); gefunden: %(headers)s"
            ),
            headers=", ".join(f"„{h}“" for h in headers if h.strip()),
        )
    used = set(roles.values())
    measures = []
    for i, h in enumerate(headers):
        if i in used or not h.strip():
            continue
        label, unit = _split_unit(h)
        measures.append((i, _measure_code(label), label, unit))
    if not measures:
        raise IndicatorFileError.said(N_("Die Tabelle hat keine Spalte mit Werten."))
    for row, line in zip(rows, lines, strict=True):
        if not any(c.strip() for c in row):
            continue
        _simple_row(row, line, headers, roles, measures, reading, decimal_comma)
    return reading


def _simple_row(
    row: list[str],
    line: int,
    headers: list[str],
    roles: dict[str, int],
    measures: list[tuple[int, str, str, str]],
    reading: Reading,
    decimal_comma: bool,
) -> None:
    key = _get(row, roles.get("key", -1))
    name = _get(row, roles.get("name", -1))
    year_cell = _get(row, roles["year"])
    year = year_of(year_cell)
    if year is None:
        reading.errors.append(CellError(line, headers[roles["year"]], _no_year(year_cell[:40])))
        return
    if not key and not name:
        reading.errors.append(CellError(line, "", N_("keine Region angegeben")))
        return
    if key and not _is_key(key):
        reading.errors.append(
            CellError(
                line,
                headers[roles["key"]],
                Said(N_("„%(value)s“ ist kein amtlicher Schlüssel"), value=key[:40]),
            )
        )
        return
    source = _get(row, roles.get("source", -1))
    for i, code, label, unit in measures:
        got = _cell(_get(row, i), "", decimal_comma=decimal_comma)
        if got is None:
            continue
        if isinstance(got, str):
            reading.errors.append(CellError(line, headers[i], got))
            continue
        reading.values.append(
            Value(
                line,
                headers[i],
                key,
                name,
                code,
                label[:500],
                year,
                got[0],
                unit[:100],
                got[1],
                source[:500],
            )
        )


def read(data: bytes, filename: str = "") -> Reading:
    """A GENESIS flat file or an office's table (CSV, XLSX, ODS) as values.

    Raises :class:`IndicatorFileError` (or the import's ``ImportFileError``) with a German
    sentence when the file is no table or lacks the columns an indicator table needs.
    """
    spreadsheet = data.startswith(b"PK") or is_ods(data)
    if not spreadsheet:
        rows, _, _ = csv_rows(data)
        first = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
        if first is None:
            raise ImportFileError.said(N_("Die Datei ist leer."))
        if is_genesis(rows[first]):
            return read_genesis(rows[first:], first + 1)
    table = read_table(data, filename)
    if is_genesis(table.headers):
        return read_genesis([table.headers, *table.rows])
    lines = [table.line(i) for i in range(len(table.rows))]
    return read_simple(table.headers, table.rows, lines, decimal_comma=not spreadsheet)
