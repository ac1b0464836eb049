"""The gap tables and the metric table as downloads, in the reader's language, through
waitress (the production server writes the headers the browser reads).

German: ``;`` between cells, decimal comma, thousands dots, German headers and words.
English: ``,`` between cells, decimal point, English headers, sheet names and words.
XLSX: numbers are numeric cells in both.
"""

from __future__ import annotations

import csv
import http.client
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask
from openpyxl import load_workbook
from werkzeug.http import parse_options_header

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.analysis import brokerage, tables
from netzwerk.graph.analysis._util import GROUPINGS
from netzwerk.graph.core.model import VOCABULARY_VALUES
from tests.conftest import waitress_server
from tests.integration.test_number_formats import path_network

GERMAN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$")
ENGLISH_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Download:
    content_type: str
    file_name: str
    body: bytes


def _fetch(port: int, path: str, cookie: str) -> Download:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    assert resp.status == 200, (path, resp.status, body[:300])
    kind, params = parse_options_header(resp.getheader("Content-Disposition", ""))
    assert kind == "attachment", path
    return Download(resp.getheader("Content-Type", ""), params["filename"], body)


def _serve(app: Flask, make_client) -> Iterator[tuple[int, dict[str, str]]]:
    """The port of waitress serving the app, and the session cookies of a viewer reading
    in German and one reading in English (the language sticks in the session)."""
    name = app.config["SESSION_COOKIE_NAME"]
    cookies = {}
    for language in ("de", "en"):
        client = make_client("viewer")
        assert client.get(f"/?lang={language}").status_code == 200
        cookie = client.get_cookie(name)
        assert cookie is not None
        cookies[language] = f"{name}={cookie.value}"
    with waitress_server(app, threads=2) as port:
        yield port, cookies


@pytest.fixture
def served(app: Flask, store: graph.Store, make_client) -> Iterator[tuple[int, dict[str, str]]]:
    """Five schools in a row (known betweenness), served."""
    path_network(store)
    yield from _serve(app, make_client)


@pytest.fixture
def region(app: Flask, store: graph.Store, make_client) -> Iterator[tuple[int, dict[str, str]]]:
    """The demo region (every section has rows), served."""
    seed.load(store)
    yield from _serve(app, make_client)


def _rows(download: Download, delimiter: str) -> list[list[str]]:
    assert download.content_type == "text/csv; charset=utf-8"
    assert download.body.startswith(b"\xef\xbb\xbf")
    text = download.body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert rows and all(len(r) == len(rows[0]) for r in rows), rows[:3]
    return rows


def test_metric_csv_in_each_language(served: tuple[int, dict[str, str]]) -> None:
    port, cookies = served
    german = _fetch(port, "/luecken/kennzahlen.csv", cookies["de"])
    english = _fetch(port, "/luecken/kennzahlen.csv", cookies["en"])
    assert german.file_name.startswith("kennzahlen-") and german.file_name.endswith(".csv")
    assert english.file_name == german.file_name
    de, en = _rows(german, ";"), _rows(english, ",")
    assert de[0][:4] == ["Akteur", "Art", "Region", "ID"]
    assert en[0][:4] == ["Actor", "Kind", "Region", "ID"]
    column = de[0].index("Vermittlerrolle (Betweenness)")
    assert en[0][column] == "Broker role (betweenness)"
    assert sorted(r[column] for r in de[1:]) == ["0", "0", "0,5", "0,5", "0,666667"]
    assert sorted(r[column] for r in en[1:]) == ["0", "0", "0.5", "0.5", "0.666667"]
    # the same table: a number cell in one language is the same number in the other
    by_id = {r[3]: r for r in de[1:]}
    for row in en[1:]:
        for g_cell, e_cell in zip(by_id[row[3]], row, strict=True):
            if ENGLISH_NUMBER.match(e_cell):
                assert GERMAN_NUMBER.match(g_cell), (g_cell, e_cell)
                assert float(g_cell.replace(".", "").replace(",", ".")) == float(e_cell)
    kinds = {r[1] for r in en[1:]}
    assert kinds == {"School"}, kinds


def test_gap_sections_say_their_words_in_english(
    region: tuple[int, dict[str, str]],
) -> None:
    """Every section's CSV of the demo region: headers translated, and no German word of
    the tables' vocabulary (actor kinds, roles, groupings, statuses, yes/no) left in a
    cell."""
    port, cookies = region
    german_words = (
        {w for w in VOCABULARY_VALUES if w != "Region"}
        | set(brokerage.ROLE_TITLES.values())
        | set(GROUPINGS.values())
        | {"Stufe fehlt", "unverbunden", "verbunden", "Gebiet", "alle", "ja", "nein"}
    )
    said_in_german: set[str] = set()
    for section in tables.SECTIONS:
        en = _rows(_fetch(port, f"/luecken/export.csv?section={section}", cookies["en"]), ",")
        de = _rows(_fetch(port, f"/luecken/export.csv?section={section}", cookies["de"]), ";")
        assert len(en) == len(de) > 1, section
        assert en[0] != de[0] or all(h in ("Region", "ID") for h in de[0]), (section, en[0])
        said_in_german |= {c for row in de for c in row if c in german_words}
        left = {c for row in en for c in row if c in german_words}
        assert not left, (section, left)
        numbers = [c for row in en[1:] for c in row if ENGLISH_NUMBER.match(c)]
        assert all("," not in c for c in numbers)
    # the check bites: the German tables say these words
    assert {"Gebiet", "alle", "Schule", "verbunden", "Koordinator"} <= said_in_german
    border = _rows(_fetch(port, "/luecken/export.csv?section=grenze", cookies["en"]), ",")
    assert border[0] == ["Measure", "Value"], border[0]
    assert any(r[0] == "Cooperations across the border" for r in border[1:]), border


def test_xlsx_keeps_numbers_numeric_and_names_sheets_in_the_language(
    served: tuple[int, dict[str, str]],
) -> None:
    port, cookies = served
    for language, sheet_title, head in (
        ("de", "Kennzahlen je Akteur", "Akteur"),
        ("en", "Measures per actor", "Actor"),
    ):
        download = _fetch(port, "/luecken/kennzahlen.xlsx", cookies[language])
        assert download.content_type == XLSX and download.file_name.endswith(".xlsx")
        sheet = load_workbook(io.BytesIO(download.body)).worksheets[0]
        assert sheet.title == sheet_title[:31] and sheet["A1"].value == head
        degree = [sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)]
        assert sorted(degree) == [1, 1, 2, 2, 2], degree  # type: ignore[type-var]
        gaps = load_workbook(
            io.BytesIO(_fetch(port, "/luecken/export.xlsx", cookies[language]).body)
        )
        holes = gaps.worksheets[list(tables.SECTIONS).index("loecher")]
        values = [c.value for row in holes.iter_rows(min_row=2, min_col=5) for c in row]
        assert values and all(isinstance(v, int | float) for v in values), values
    german = load_workbook(io.BytesIO(_fetch(port, "/luecken/export.xlsx", cookies["de"]).body))
    english = load_workbook(io.BytesIO(_fetch(port, "/luecken/export.xlsx", cookies["en"]).body))
    assert german.sheetnames[0] == "Isolierte Akteure"
    assert english.sheetnames[0] == "Isolated actors"
    assert len(english.sheetnames) == len(set(english.sheetnames)) == len(tables.SECTIONS)
