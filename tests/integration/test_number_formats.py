"""German number formats: decimal comma and thousands dots on the measures pages and in the
semicolon CSV of the metric table, English formats in English, numbers in XLSX."""

from __future__ import annotations

import io
import itertools
import re

from openpyxl import load_workbook

from netzwerk import graph


def path_network(store: graph.Store) -> None:
    """Five actors in a row: the middle one's betweenness is 4/6 (0.667)."""
    ids = [
        graph.create_record(store, graph.Actor(name=f"Schule {c}", kind="Schule"), user="t").id
        for c in "ABCDE"
    ]
    for a, b in itertools.pairwise(ids):
        graph.create_link(
            store,
            graph.Link(type="COOPERATES_WITH", from_id=a, to_id=b, kind="Gremienarbeit"),
            user="t",
        )


def test_measures_pages_use_the_locale_of_the_page(store: graph.Store, make_client) -> None:
    path_network(store)
    client = make_client("viewer")
    german = client.get("/luecken/kennzahlen?sort=betweenness").get_data(as_text=True)
    assert "0,667" in german and "0.667" not in german
    structure = client.get("/luecken/struktur").get_data(as_text=True)
    cells = re.findall(r'<td class="num">(\d+[.,]\d+)</td>', structure)
    assert cells and all("," in c for c in cells), cells

    english = client.get("/luecken/kennzahlen?sort=betweenness&lang=en").get_data(as_text=True)
    assert "0.667" in english and "0,667" not in english
    cells = re.findall(
        r'<td class="num">(\d+[.,]\d+)</td>', client.get("/luecken/struktur").get_data(as_text=True)
    )
    assert cells and all("." in c for c in cells), cells


def test_metric_csv_has_decimal_commas_and_xlsx_numbers(store: graph.Store, make_client) -> None:
    path_network(store)
    client = make_client("viewer")
    rows = client.get("/luecken/kennzahlen.csv").data.decode("utf-8-sig").strip().split("\r\n")
    head = rows[0].split(";")
    column = head.index("Vermittlerrolle (Betweenness)")
    values = sorted(row.split(";")[column] for row in rows[1:])
    assert values == ["0", "0", "0,5", "0,5", "0,666667"]
    sheet = load_workbook(io.BytesIO(client.get("/luecken/kennzahlen.xlsx").data)).worksheets[0]
    numbers = [sheet.cell(r, column + 1).value for r in range(2, 7)]
    assert all(isinstance(x, int | float) for x in numbers), numbers
    assert sorted(float(x) for x in numbers if isinstance(x, int | float)) == [
        0,
        0,
        0.5,
        0.5,
        0.666667,
    ]
