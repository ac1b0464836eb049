"""Reading uploaded tables and recognising their columns (no database)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from netzwerk.graph.imports import ImportFileError, detect_kind, guess, read_table
from netzwerk.graph.imports.cells import split_name
from netzwerk.graph.imports.mapping import fold, missing_required
from netzwerk.graph.records.duplicates import THRESHOLD, NameIndex, similarity


def test_cp1252_semicolon_file_as_german_excel_writes_it() -> None:
    text = "Einrichtung;PLZ;Ort;E-Mail\r\nBücherei Süd;54290;Trier;info@buecherei.example\r\n"
    table = read_table(text.encode("cp1252"), "akteure.csv")
    assert table.encoding.startswith("Windows-1252")
    assert table.delimiter == ";"
    assert table.headers == ["Einrichtung", "PLZ", "Ort", "E-Mail"]
    assert table.rows == [["Bücherei Süd", "54290", "Trier", "info@buecherei.example"]]


@pytest.mark.parametrize(
    ("data", "encoding", "delimiter"),
    [
        ("Name,Ort\nÄrztekammer,Trier\n".encode("utf-8-sig"), "UTF-8 mit BOM", ","),
        ("Name,Ort\nÄrztekammer,Trier\n".encode(), "UTF-8", ","),
        ("Name\tOrt\nÄrztekammer\tTrier\n".encode("utf-16"), "UTF-16", "\t"),
        (b'"Name; mit";Ort\n"A, B";Trier\n', "UTF-8", ";"),
    ],
)
def test_encodings_and_delimiters(data: bytes, encoding: str, delimiter: str) -> None:
    table = read_table(data)
    assert table.encoding == encoding and table.delimiter == delimiter
    assert len(table.rows) == 1 and table.rows[0][1] == "Trier"


def test_xlsx_is_read_by_content() -> None:
    wb = openpyxl.Workbook()
    ws = wb.worksheets[0]
    ws.append(["Name", "PLZ", "Gründung"])
    ws.append(["Kita Regenbogen", 54292, None])
    ws.append([None, None, None])
    buf = io.BytesIO()
    wb.save(buf)
    table = read_table(buf.getvalue(), "liste.csv")
    assert table.encoding == "XLSX"
    assert table.rows == [["Kita Regenbogen", "54292", ""]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leer"),
        (b"   \r\n  ", "leer"),
        (b"Name;Ort\r\n", "nur die Überschriftenzeile"),
        (b"\x00\x01\x02\x03binary\x00" * 50, "Binärdaten"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Binärdaten"),
        (b"<!DOCTYPE html><html><table><tr><td>x</td></tr></table>", "HTML"),
        (b"PK\x03\x04not really a zip", "nicht geöffnet werden"),
        (b"Name;Ort\n\x81\x8d\x90Verein;Trier\n", "Zeichenkodierung"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b'Name;Ort\r\n"nicht geschlossen;Trier\r\n' + b"x" * 60_000, "fehlerhaft"),
    ],
)
def test_hostile_files_get_a_german_message(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError) as err:
        read_table(data)
    assert message in str(err.value)


def test_too_many_rows_is_refused_with_advice() -> None:
    data = ("Name\n" + "Verein\n" * 50_001).encode()
    with pytest.raises(ImportFileError, match="aufteilen"):
        read_table(data)


def test_long_cells_are_read_whole() -> None:
    table = read_table(("Name;Notizen\nA;" + "x" * 5_000 + "\n").encode())
    assert len(table.rows[0][1]) == 5_000


@pytest.mark.parametrize(
    ("headers", "kind", "expected"),
    [
        (
            ["Einrichtung", "Postleitzahl", "Stadt", "Mail", "Homepage"],
            "actors",
            ["name", "postcode", "town", "email", "website"],
        ),
        (
            ["Organisation", "postcode", "E-Mail-Adresse", "Tel.", "Unbekannt"],
            "actors",
            ["name", "postcode", "email", "phone", ""],
        ),
        (
            ["Vorname", "Nachname", "Einrichtung", "email", "Funktion", "Newsletter"],
            "persons",
            ["first_name", "last_name", "organisation", "email", "function", "consent_newsletter"],
        ),
        (
            ["first name", "Last Name", "Name"],
            "persons",
            ["first_name", "last_name", "organisation"],
        ),
        (
            ["Akteur 1", "Akteur 2", "Art", "seit"],
            "cooperations",
            ["from_actor", "to_actor", "cooperation_kind", "since"],
        ),
        (["Name", "Name"], "actors", ["name", ""]),
    ],
)
def test_header_synonyms(headers: list[str], kind: str, expected: list[str]) -> None:
    assert detect_kind(headers) == kind
    assert guess(headers, kind) == expected


def test_saved_mapping_wins_over_synonyms() -> None:
    saved = {fold("Bezeichnung"): "short_name", fold("Mail"): ""}
    assert guess(["Name", "Bezeichnung", "Mail"], "actors", saved) == ["name", "short_name", ""]


def test_missing_required_fields_are_named() -> None:
    assert missing_required("persons", ["first_name", "email"]) == [
        "Nachname oder Name (Vor- und Nachname)"
    ]
    assert missing_required("cooperations", ["from_actor", "to_actor", "cooperation_kind"]) == []


def test_fold_and_keys() -> None:
    assert fold("E-Mail-Adresse") == "e mail adresse"
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert similarity("Lesen Verein e.V.", "Verein für Lesen") >= THRESHOLD
    index = NameIndex()
    index.add("a1", "Verein für Lesen")
    assert [key for key, _, _ in index.similar("Lesen Verein e.V.")] == ["a1"]


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Dr. Eva Maria Müller", ("Dr.", "Eva Maria", "Müller")),
        ("Müller, Eva", ("", "Eva", "Müller")),
        ("Cher", ("", "", "Cher")),
    ],
)
def test_split_name(full: str, expected: tuple[str, str, str]) -> None:
    assert split_name(full) == expected
