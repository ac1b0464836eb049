"""Reading indicator tables without a database: GENESIS flat files, office tables, numbers."""

from __future__ import annotations

import doctest
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from netzwerk.graph.imports.reader import ImportFileError
from netzwerk.graph.indicators import joined, reader, regions
from netzwerk.graph.indicators.reader import IndicatorFileError, number, read


@pytest.mark.parametrize("module", [reader, joined])
def test_docstring_examples_hold(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 3)))
def test_a_number_written_the_german_way_reads_back(value: float) -> None:
    assert number(joined.german(value, 3)) == pytest.approx(value, abs=1e-9)


GENESIS = (
    "\ufeffStatistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;"
    "1_Merkmal_Label;1_Auspraegung_Code;1_Auspraegung_Label;2_Merkmal_Code;2_Merkmal_Label;"
    "2_Auspraegung_Code;2_Auspraegung_Label;BEVSTD__Bevoelkerungsstand__Anzahl;"
    "BEVSTD__Bevoelkerungsstand__q\n"
    "12411;Bevölkerung;STAG;Stichtag;31.12.2022;ALTX20;Altersgruppen;ALT000B03;unter 3 Jahre;"
    "GVB;Gemeindeverbände;072355003;Konz, Verbandsgemeinde;1.234;p\n"
    "12411;Bevölkerung;STAG;Stichtag;31.12.2022;ALTX20;Altersgruppen;ALT003B06;3 bis 6;"
    "GVB;Gemeindeverbände;072355003;Konz, Verbandsgemeinde;-;\n"
    "\n"
    "12411;Bevölkerung;STAG;Stichtag;31.12.2022;ALTX20;Altersgruppen;ALT006B10;6 bis 10;"
    "GVB;Gemeindeverbände;072355003;Konz, Verbandsgemeinde;.;\n"
)


def test_a_genesis_flat_file_finds_the_region_among_its_characteristics() -> None:
    got = read(GENESIS.encode("utf-8"), "x.csv")
    assert got.format == "GENESIS" and not got.errors
    first, zero, secret = got.values
    assert (first.region_key, first.region_name) == ("072355003", "Konz, Verbandsgemeinde")
    assert (first.measure, first.label) == ("BEVSTD.ALT000B03", "Bevoelkerungsstand, unter 3 Jahre")
    assert (first.year, first.value, first.unit, first.quality) == (2022, 1234.0, "Anzahl", "p")
    assert (zero.value, zero.quality) == (0.0, "-")  # "-": nothing there, i.e. zero
    assert (secret.value, secret.quality, secret.line) == (None, ".", 5)  # the blank line counts


def test_an_office_spreadsheet_reads_its_numbers_as_the_cells_hold_them() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Region", "Jahr", "Kinder 0–6 (Anzahl)", "SGB-II-Quote (%)"])
    sheet.append(["Konz", 2023, 1234.5, 5.25])
    buffer = io.BytesIO()
    book.save(buffer)
    got = read(buffer.getvalue(), "t.xlsx")
    assert not got.errors
    assert [(v.measure, v.value, v.unit) for v in got.values] == [
        ("kinder-0-6", 1234.5, "Anzahl"),
        ("sgb-ii-quote", 5.25, "%"),
    ]


@given(
    st.text(
        alphabet=st.characters(exclude_characters=';\r\n"\x00', exclude_categories=["Cs"]),
        max_size=20,
    )
)
def test_any_value_cell_is_a_number_a_marker_or_a_german_error(cell: str) -> None:
    data = f"Region;Jahr;Wert\nKonz;2023;{cell}\n".encode()
    try:
        got = read(data, "t.csv")
    except ImportFileError as exc:  # control characters: the whole file is refused
        assert str(exc).startswith("Die Datei ist keine Tabelle")
        return
    assert len(got.values) + len(got.errors) <= 1
    for e in got.errors:
        assert str(e).startswith("Zeile 2, Spalte „Wert“: ") and "keine Zahl" in str(e)


def test_files_that_are_no_indicator_table_say_why() -> None:
    with pytest.raises(IndicatorFileError, match="keine Wertspalte"):
        read(b"Zeit;1_Merkmal_Code;1_Auspraegung_Code\n2022;KREISE;07211\n", "g.csv")
    with pytest.raises(IndicatorFileError, match="Spalte „Jahr“"):
        read(b"Region;Wert\nKonz;1\n", "t.csv")


def test_regions_match_by_key_without_padding_then_by_name() -> None:
    index = regions.RegionIndex()
    index.add("trier", "Stadt Trier", "07211000")
    index.add("konz", "Konz", "072355003")
    index.add("trier-land", "Trier-Land", "072355007")
    assert index.match("072110000000", "").region == "trier"
    assert index.match("", "Trier, kreisfreie Stadt") == regions.Match("trier", "Name")
    assert index.match("", "Konz, Verbandsgemeinde").region == "konz"
    assert index.match("", "Trier-Lnad") == regions.Match("trier-land", "ähnlich")
    assert index.match("09162", "München").region == ""
