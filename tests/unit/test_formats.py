"""Contact writers, each read back by a real reader (csv, openpyxl, vobject)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import vobject

from netzwerk.graph.formats import (
    COLUMNS,
    ContactRow,
    neutralise,
    write_csv,
    write_mailmerge,
    write_vcards,
    write_xlsx,
)
from netzwerk.graph.formats.vcard import fold_line
from tests.conftest import HOSTILE_STRINGS


def _rows() -> list[ContactRow]:
    return [
        ContactRow(
            person_id="person-1",
            title="Dr.",
            first_name="Jürgen",
            last_name="Müller-Lüdenscheidt",
            function="Leitung; Koordination",
            organisations=["Volkshochschule Trier", "Bündnis für Grundbildung, Trier"],
            email="j.mueller@vhs-trier.example",
            phone="+49 651 718-0",
            street="Domfreihof 1b",
            postcode="54290",
            town="Trier",
        ),
        ContactRow(person_id="person-2", first_name="Ada", last_name="=SUM(A1:A2)"),
        ContactRow(person_id="person-3", last_name="Ohne Adresse", email="x@example.org"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 651", "'+49 651"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Trier", "Trier"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise(value: str, expected: str) -> None:
    assert neutralise(value) == expected


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_reads_back_with_declared_dialect(delimiter: str) -> None:
    data = write_csv(_rows(), delimiter=delimiter)
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM"
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert rows[0] == [h for h, _ in COLUMNS]
    assert len(rows) == 4
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Nachname"] == "Müller-Lüdenscheidt"
    assert first["Organisation"] == "Volkshochschule Trier; Bündnis für Grundbildung, Trier"
    assert first["Funktion"] == "Leitung; Koordination"
    assert first["Telefon"] == "'+49 651 718-0"
    assert rows[2][2] == "'=SUM(A1:A2)"


def test_csv_neutralises_every_hostile_string() -> None:
    rows = [ContactRow(person_id=f"p{i}", last_name=s) for i, s in enumerate(HOSTILE_STRINGS)]
    text = write_csv(rows).decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    names = [r[2] for r in parsed[1:]]
    assert len(names) == len(HOSTILE_STRINGS)
    for original, written in zip(HOSTILE_STRINGS, names, strict=True):
        assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert written in (original, "'" + original)


def test_xlsx_reads_back_with_openpyxl() -> None:
    data = write_xlsx(_rows())
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:J4"
    assert all(c.font.bold for c in ws[1])
    assert [c.value for c in ws[1]] == [h for h, _ in COLUMNS]
    assert ws["C2"].value == "Müller-Lüdenscheidt"
    assert ws["C3"].value == "'=SUM(A1:A2)"
    assert ws["C3"].data_type == "s"
    assert ws["G2"].value == "'+49 651 718-0"
    assert ws.column_dimensions["E"].width > ws.column_dimensions["A"].width


def test_xlsx_of_no_rows_is_a_valid_workbook() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(write_xlsx([]))).worksheets[0]
    assert [c.value for c in ws[1]] == [h for h, _ in COLUMNS]
    assert ws.max_row == 1


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcards_parse_with_vobject(version: str) -> None:
    data = write_vcards(_rows(), version=version)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == 3
    first = cards[0]
    assert first.version.value == version
    assert first.fn.value == "Dr. Jürgen Müller-Lüdenscheidt"
    assert first.n.value.family == "Müller-Lüdenscheidt"
    assert first.n.value.given == "Jürgen"
    assert first.title.value == "Leitung; Koordination"
    assert first.email.value == "j.mueller@vhs-trier.example"
    assert first.tel.value == "+49 651 718-0"
    assert first.adr.value.street == "Domfreihof 1b"
    assert first.adr.value.code == "54290"
    assert first.adr.value.city == "Trier"
    assert "Bündnis für Grundbildung, Trier" in first.note.value
    assert not hasattr(cards[2], "adr")


def test_vcard_long_values_fold_and_unfold() -> None:
    long_org = "Ärztekammer " * 40
    row = ContactRow(person_id="p", last_name="X", organisations=[long_org.strip()])
    data = write_vcards([row])
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    card = vobject.readOne(data.decode("utf-8"))
    assert card.org.value == [long_org.strip()]


def test_fold_never_splits_a_character() -> None:
    line = "NOTE:" + "ü" * 100
    folded = fold_line(line)
    parts = folded.split("\r\n")
    for part in parts:
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_mailmerge_columns_and_only_postal_addresses() -> None:
    text = write_mailmerge(_rows()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == ["Anrede", "Name", "Organisation", "Straße", "PLZ Ort"]
    assert rows[1] == [
        "Guten Tag Dr. Jürgen Müller-Lüdenscheidt",
        "Dr. Jürgen Müller-Lüdenscheidt",
        "Volkshochschule Trier; Bündnis für Grundbildung, Trier",
        "Domfreihof 1b",
        "54290 Trier",
    ]
    assert len(rows) == 2


def test_salutation_without_a_stored_gender() -> None:
    from netzwerk.graph.formats import ContactRow

    assert ContactRow("p", first_name="Eva", last_name="Lang").salutation == "Guten Tag Eva Lang"
    assert ContactRow("p", title="Prof. Dr.", last_name="Roth").salutation == (
        "Guten Tag Prof. Dr. Roth"
    )
    assert ContactRow("p", first_name="Eva").salutation == "Sehr geehrte Damen und Herren"
    assert ContactRow("p").salutation == "Sehr geehrte Damen und Herren"
