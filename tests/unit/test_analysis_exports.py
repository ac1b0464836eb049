"""Exports neutralise formulas; the shared filter parser turns bad input into messages."""

from __future__ import annotations

import csv
import io
from datetime import date

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from werkzeug.datastructures import MultiDict

from netzwerk.graph.analysis import report, tables
from netzwerk.graph.network.snapshot import Vocabulary
from netzwerk.web import filters
from tests.conftest import HOSTILE_STRINGS


def _hostile_graph() -> nx.Graph:
    g: nx.Graph[str] = nx.Graph(vocabulary=Vocabulary())
    for i, name in enumerate(HOSTILE_STRINGS):
        g.add_node(f"a{i}", name=name, kind="Sonstige", region_name="", topics={"t"})
    return g


def test_csv_and_xlsx_neutralise_formula_cells() -> None:
    g = _hostile_graph()
    rep = report.gap_report(g)
    t = tables.tables(rep, g)
    names = [row[0] for row in t["isoliert"][1:]]
    assert '\'=HYPERLINK("http://evil.example","klick")' in names
    assert "'+49 651 1234" in names and "'@SUM(A1:A9)" in names
    csv_text = tables.to_csv(t["isoliert"]).decode("utf-8-sig")
    assert "\n=" not in csv_text and ";=" not in csv_text
    wb = load_workbook(io.BytesIO(tables.to_xlsx(t)))
    ws = wb["Isolierte Akteure"]
    values = [c.value for c in ws["A"]]
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in values)
    assert ws["A1"].font.bold and len(wb.sheetnames) == len(tables.SECTIONS)


def test_filter_parser_reports_bad_values_and_keeps_good_ones() -> None:
    v = Vocabulary(regions={"region-x": "X"}, stages={"stage-a": "A"})
    args = MultiDict(
        [
            ("region", "region-x"),
            ("stage", "<script>"),
            ("kind", "Schule"),
            ("kind", "Raumschiff"),
            ("as_of", "2024-02-30"),
        ]
    )
    parsed = filters.parse(args, v)
    assert parsed.flt.region == "region-x" and parsed.flt.stage == ""
    assert parsed.flt.actor_kinds == ("Schule",) and parsed.flt.as_of == date.today()
    assert len(parsed.errors) == 3 and any("Stichtag" in e for e in parsed.errors)
    assert "region=region-x" in parsed.query() and "kind=Schule" in parsed.query()


def test_filter_parser_defaults_to_today_and_accepts_dates() -> None:
    assert filters.parse(MultiDict()).flt.as_of == date.today()
    parsed = filters.parse(MultiDict([("as_of", "2023-05-01")]))
    assert parsed.flt.as_of == date(2023, 5, 1) and not parsed.errors


def test_csv_numbers_are_german_and_text_is_left_alone() -> None:
    table: list[list[tables.Cell]] = [
        ["Name", "Wert", "Anzahl"],
        ["0.5 bleibt Text", 0.0635, 12345],
    ]
    table.append(["groß", 1234567.25, -3])
    text = tables.to_csv(table).decode("utf-8-sig")
    assert text.split("\r\n")[1:3] == ["0.5 bleibt Text;0,0635;12.345", "groß;1.234.567,25;-3"]
    english = tables.to_csv(table, "en").decode("utf-8-sig")
    assert english.split("\r\n")[1:3] == ["0.5 bleibt Text,0.0635,12345", "groß,1234567.25,-3"]


@given(
    st.lists(
        st.one_of(
            st.integers(-(10**12), 10**12),
            st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: round(x, 6)),
            st.text(max_size=20),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["de", "de_DE", "en", "en_GB"]),
)
def test_csv_cells_read_back_as_written_in_either_language(
    cells: list[tables.Cell], language: str
) -> None:
    """What a spreadsheet in that language reads: the same cells, numbers as numbers."""
    text = tables.to_csv([cells], language).decode("utf-8-sig")
    row = next(
        csv.reader(io.StringIO(text, newline=""), delimiter=";" if language[:2] == "de" else ",")
    )
    assert len(row) == len(cells)
    for cell, read in zip(cells, row, strict=True):
        if isinstance(cell, str):
            assert read == cell
        elif language.startswith("de"):
            assert float(read.replace(".", "").replace(",", ".")) == pytest.approx(cell)
        else:
            assert "," not in read and float(read) == pytest.approx(cell)
