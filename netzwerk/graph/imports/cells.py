"""Cells as offices write them: yes/no in many spellings, German dates, "54290 Trier" in one
cell, several values in one cell, "Dr. Eva Maria Müller" or "Müller, Eva" as one name.

Pure functions on strings; errors are collected per field (German), never raised, so one
row reports all its problems at once.
"""

from __future__ import annotations

import re
from datetime import date

from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.validation import parse_date

Errors = dict[str, list[str]]

_TITLES = ("Prof. Dr.", "Prof.", "Dr. med.", "Dr. phil.", "Dr.", "Dipl.-Ing.", "Mag.")
_TRUE = {"ja", "j", "x", "1", "true", "wahr", "yes", "y", "ok", "liegt vor", "✓"}
_FALSE = {"nein", "n", "0", "false", "falsch", "no", "", "-", "liegt nicht vor"}
_PIECES = re.compile(r"\s*(?:;|\r?\n|\r)\s*")
_WORDS = re.compile(r"\s*[,/]\s*")
_PLACE = re.compile(r"^(\d{5})\s+(.+)$")
_FORMULA = re.compile(r"^\+?[0-9 ()/.\-]+$")


def row_values(mapping: list[str], row: list[str]) -> dict[str, str]:
    """Mapped field → cell, for the non-empty cells of a row."""
    return {f: row[i] for i, f in enumerate(mapping) if f and i < len(row) and row[i] != ""}


def parse_bool(value: str, field_name: str, errors: Errors) -> bool | None:
    """ja/nein/x/1/0/true/false/…; empty is ``None`` (not given)."""
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False if v else None
    errors.setdefault(field_name, []).append(N_("muss ja oder nein sein"))
    return None


def parse_day(value: str, field_name: str, errors: Errors) -> date | None:
    """TT.MM.JJJJ or JJJJ-MM-TT (also the date part of an Excel date-time)."""
    try:
        return parse_date(
            value[:10] if re.match(r"^\d{4}-\d\d-\d\dT", value) else value, field_name
        )
    except ValidationError as exc:
        for f, ms in exc.by_field().items():
            errors.setdefault(f, []).extend(ms)
        return None


def pieces(cell: str) -> list[str]:
    """A cell split on ";" and line breaks (never inside a value such as "VHS/Weiterbildung")."""
    return [p for p in _PIECES.split(cell.strip()) if p]


def words(piece: str) -> list[str]:
    """A piece split further on "," and "/" ("MINT, Digitale Bildung")."""
    return [w for w in _WORDS.split(piece) if w]


def split_name(full: str) -> tuple[str, str, str]:
    """ "Dr. Eva Maria Müller" → ("Dr.", "Eva Maria", "Müller"); "Müller, Eva" too."""
    title = ""
    text = full.strip()
    for t in _TITLES:
        if text.startswith(t + " "):
            title, text = t, text[len(t) :].strip()
            break
    if "," in text:
        last, first = (p.strip() for p in text.split(",", 1))
        return title, first, last
    parts = text.rsplit(" ", 1)
    return (title, parts[0], parts[1]) if len(parts) == 2 else (title, "", text)


def place(postcode: str, town: str) -> tuple[str, str]:
    """A "PLZ Ort" cell such as "54290 Trier" split into postcode and town (whichever of
    the two columns holds it)."""
    m = _PLACE.match(town)
    if m and not postcode:
        return m.group(1), m.group(2)
    m = _PLACE.match(postcode)
    if m and not town:
        return m.group(1), m.group(2)
    return postcode, town


_ADDRESS = re.compile(r"^(.*?\S)\s*[,;\n]\s*(?:D-)?(\d{5})\s+(.+)$")


def address(street: str, postcode: str, town: str) -> tuple[str, str, str]:
    """Street, postcode and town, also from one address cell ("Domfreihof 1b, 54290 Trier"
    in the street column); a column of its own wins over the part of a combined cell."""
    m = _ADDRESS.match(street.strip())
    if m:
        street = m.group(1).strip()
        postcode, town = postcode or m.group(2), town or m.group(3).strip()
    postcode, town = place(postcode, town)
    return street, postcode, town


_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[./]\s*(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_since(value: str, field_name: str, errors: Errors) -> tuple[date | None, str]:
    """A "seit" cell as a date: "01.03.2019", "2019-03-01", "03/2019", "2019", "seit 2019";
    a month or a year alone is read as its first day, with a note saying so."""
    text = re.sub(r"^(?:seit|ab|since)\s+", "", value.strip(), flags=re.IGNORECASE)
    m = _MONTH_YEAR.match(text) or _YEAR.match(text)
    if m:
        month, year = (int(m.group(1)), int(m.group(2))) if m.lastindex == 2 else (1, int(text))
        if 1 <= month <= 12 and 1900 <= year <= 2100:
            first = date(year, month, 1)
            return first, Said(
                N_("„%(value)s“ als %(day)s gelesen"), value=value[:20], day=f"{first:%d.%m.%Y}"
            )
    return parse_day(text, field_name, errors), ""


def website(url: str) -> str:
    """ "www.vhs-trier.de" → "https://www.vhs-trier.de" (the form wants a scheme)."""
    return "https://" + url if url and re.match(r"^www\.", url, re.IGNORECASE) else url


def formula_cells(rows: list[list[str]]) -> int:
    """Cells a spreadsheet would run as a formula (a phone number such as +49 … is not one)."""
    return sum(1 for row in rows for c in row if c[:1] in ("=", "+", "@") and not _FORMULA.match(c))
