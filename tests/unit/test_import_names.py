"""The name parser of contact cells, the greeting it feeds, and ODS out and back in."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netzwerk.graph.core.greeting import greeting
from netzwerk.graph.formats import ContactRow
from netzwerk.graph.formats.ods_writer import write_ods_sheets
from netzwerk.graph.formats.xlsx_writer import CellValue, Sheet
from netzwerk.graph.imports import book, layout
from netzwerk.graph.imports.cells import address, parse_since
from netzwerk.graph.imports.names import clean, is_role, is_title, parse_names, salutation_of


def shown(cell: str) -> list[tuple[str, str, str, str, str]]:
    return [
        (n.salutation, n.title, n.first_name, n.last_name, n.function) for n in parse_names(cell)
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Frau Renate Köhler", [("Frau", "", "Renate", "Köhler", "")]),
        (
            "Frau Petra Hoffmann / Herr Ali Demir",
            [("Frau", "", "Petra", "Hoffmann", ""), ("Herr", "", "Ali", "Demir", "")],
        ),
        (
            "Frau Petra Hoffmann, Herr Ali Demir",
            [("Frau", "", "Petra", "Hoffmann", ""), ("Herr", "", "Ali", "Demir", "")],
        ),
        ("A. Roth; B. Kurz", [("", "", "A.", "Roth", ""), ("", "", "B.", "Kurz", "")]),
        ("Herr Konrektor Weber", [("Herr", "", "", "Weber", "Konrektor")]),
        ("Müller, Eva", [("", "", "Eva", "Müller", "")]),
        ("Prof. Dr. Hans Meier, M.A.", [("", "Prof. Dr. M.A.", "Hans", "Meier", "")]),
        ("Hr. Dipl.-Ing. Jörg Lang", [("Herr", "Dipl.-Ing.", "Jörg", "Lang", "")]),
        ("Herr und Frau Klein", [("Herr", "", "", "Klein", ""), ("Frau", "", "", "Klein", "")]),
        ("Eva und Peter Braun", [("", "", "Eva", "Braun", ""), ("", "", "Peter", "Braun", "")]),
        ("Frau Sonja Marx (Leitung)", [("Frau", "", "Sonja", "Marx", "Leitung")]),
        ("Hr. Klaus Becker/Sekretariat", [("Herr", "", "Klaus", "Becker", "Sekretariat")]),
        ("Sekretariat", [("", "", "", "", "Sekretariat")]),
        ("<script>alert(1)</script>", [("", "", "", "<script>alert(1)</script>", "")]),
    ],
)
def test_names_in_one_cell(cell: str, expected: list[tuple[str, ...]]) -> None:
    assert shown(cell) == expected


def _plain(word: str) -> bool:
    """A word the parser may read as a name (not a salutation, title, role or joiner)."""
    return not (salutation_of(word) or is_title(word) or is_role(word)) and word not in (
        "Und",
        "Sowie",
    )


@given(
    st.sampled_from(["Frau", "Herr", "Hr.", "Fr.", ""]),
    st.sampled_from(["", "Dr.", "Prof. Dr.", "Dipl.-Päd."]),
    st.from_regex(r"\A[A-ZÄÖÜ][a-zäöüß]{1,10}\Z").filter(_plain),
    st.from_regex(r"\A[A-ZÄÖÜ][a-zäöüß]{1,12}\Z").filter(_plain),
)
def test_a_written_name_never_keeps_salutation_or_title_in_its_parts(
    salutation: str, title: str, first: str, last: str
) -> None:
    cell = " ".join(p for p in (salutation, title, first, last) if p)
    (name,) = parse_names(cell)
    assert (name.first_name, name.last_name, name.title) == (first, last, title)
    assert clean("", "", f"{salutation} {first}".strip(), last).first_name == first


def test_combined_cells_and_since() -> None:
    assert address("Domfreihof 1b, 54290 Trier", "", "") == ("Domfreihof 1b", "54290", "Trier")
    assert address("Weberbach 25", "54290 Trier", "") == ("Weberbach 25", "54290", "Trier")
    errors: dict[str, list[str]] = {}
    assert parse_since("seit 2019", "s", errors)[0] == date(2019, 1, 1)
    assert parse_since("03/2021", "s", errors)[0] == date(2021, 3, 1)
    assert parse_since("irgendwann", "s", errors)[0] is None and errors["s"]


def test_greeting_uses_the_stored_salutation_only() -> None:
    assert greeting("Frau", "Dr.", "Eva", "Roth") == "Sehr geehrte Frau Dr. Roth"
    assert greeting("Herr", "", "Ali", "Demir") == "Sehr geehrter Herr Demir"
    assert greeting("divers", "", "Kim", "Lee") == "Guten Tag Kim Lee"
    row = ContactRow("p", form_of_address="Frau", first_name="Eva", last_name="Roth")
    assert row.salutation == "Sehr geehrte Frau Roth"


def test_ods_written_is_read_back_the_same() -> None:
    header = ["Name", "seit", "Anzahl", "Notiz"]
    rows: list[list[CellValue]] = [
        ["=SUMME(A1)", date(2024, 5, 1), 3, "zwei\nZeilen"],
        ["Ähre", None, 1.5, ""],
    ]
    data = write_ods_sheets([Sheet("Liste", header, rows), Sheet("Zweites", ["A"], [["b"]])])
    assert book.is_ods(data)
    sheets = book.read_book(data)
    assert [s.title for s in sheets] == ["Liste", "Zweites"]
    assert sheets[0].rows == [
        header,
        ["=SUMME(A1)", "2024-05-01", "3", "zwei\nZeilen"],
        ["Ähre", "", "1.5"],
    ]
    table = layout.read_table(data, "x.ods", sheet="Zweites")
    assert (table.headers, table.rows, table.encoding) == (["A"], [["b"]], "ODS")
