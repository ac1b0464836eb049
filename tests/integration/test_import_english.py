"""A refused row's reasons and the indicator import's cell errors, said in English.

The graph layer keeps each reason's German template and values (``Said``, ``N_``); the
wizard's preview and the indicator page say them in the reader's language. Each case runs a
file through the English pages (``?lang=en``, the language switch's choice, kept in the
session) and reads the reason where the page shows it: the English sentence is there, and
no word of its German template.
"""

from __future__ import annotations

import html
import io
import re

from openpyxl import load_workbook

from netzwerk import graph
from tests.conftest import csrf_token
from tests.integration.test_contacts_web import _upload


def _english(client) -> None:
    assert client.get("/import?lang=en").status_code == 200


def _reasons(page: str) -> list[str]:
    """The reasons column of the preview's refused rows."""
    table = page.split('id="row-errors"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    return [html.unescape(re.findall(r"<td>(.*?)</td>", r, re.S)[-1]) for r in rows]


def _no_german(text: str, words: set[str]) -> None:
    found = words & set(re.findall(r"\w+", text))
    assert not found, (found, text)


def test_a_refused_workbook_row_is_said_in_english(make_client, store: graph.Store) -> None:
    graph.create_record(
        store, graph.Actor(id="a1", name="Leseclub Ehrang", kind="Verein/Initiative"), user="t"
    )
    client = make_client("editor")
    _english(client)
    token = csrf_token(client, "/import")
    resp = client.post("/import/arbeitsmappe.xlsx", data={"csrf_token": token})
    wb = load_workbook(io.BytesIO(resp.data))
    ws = wb["Akteure"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=3, column=headers.index("ID") + 1, value="x-404")
    ws.cell(row=3, column=headers.index("Name") + 1, value="Leseclub Nord")
    ws.cell(row=4, column=headers.index("ID") + 1, value="a1")
    ws.cell(row=4, column=headers.index("Name") + 1, value="Leseclub Ehrang")
    out = io.BytesIO()
    wb.save(out)
    preview = _upload(client, out.getvalue(), name="netzwerk.xlsx").headers["Location"]
    reasons = _reasons(client.get(preview).get_data(as_text=True))
    assert any(
        "“x-404” does not exist in netzwerk – clear the ID cell for a new entry" in r
        for r in reasons
    ), reasons
    assert any("This ID is already in row 2 – one row per entry" in r for r in reasons), reasons
    for r in reasons:
        _no_german(r, {"gibt", "nicht", "leeren", "Diese", "steht", "schon", "Zeile", "je"})


def test_a_refused_cooperation_row_is_said_in_english(make_client, store: graph.Store) -> None:
    graph.create_record(store, graph.Actor(id="a1", name="VHS Trier", kind="Schule"), user="t")
    client = make_client("editor")
    _english(client)
    data = "Akteur;Partner;Art;Intensität\r\nVHS Trier;Nirgendwo e. V.;Informationsaustausch;7\r\n"
    mapping = _upload(client, data.encode("utf-8")).headers["Location"]
    columns = {"col0": "from_actor", "col1": "to_actor", "col3": "intensity"}
    token = csrf_token(client, mapping)
    refused = client.post(mapping, data={"csrf_token": token, "kind": "cooperations", **columns})
    assert refused.status_code == 400
    assert "No column is mapped to: Kind of cooperation" in refused.get_data(as_text=True)
    columns["col2"] = "cooperation_kind"
    resp = client.post(mapping, data={"csrf_token": token, "kind": "cooperations", **columns})
    preview = resp.headers["Location"]
    assert preview.endswith("/vorschau"), preview
    reasons = _reasons(client.get(preview).get_data(as_text=True))
    assert len(reasons) == 1, reasons
    assert "“Nirgendwo e. V.” is not a known actor" in reasons[0], reasons
    assert "must be 1 (loose), 2 (regular) or 3 (close)" in reasons[0], reasons
    _no_german(
        reasons[0].replace("Nirgendwo e. V.", ""),
        {"ist", "kein", "bekannter", "Akteur", "muss", "oder", "lose", "eng", "sein"},
    )


def test_an_indicator_cell_error_is_said_in_english(make_client, store: graph.Store) -> None:
    client = make_client("editor")
    assert client.get("/luecken/indikatoren?lang=en").status_code == 200
    table = b"Region;Jahr;Kinder\nA;2023;zwei\nB;2023;12\n"
    bad = client.post(
        "/luecken/indikatoren/pruefen",
        data={
            "csrf_token": csrf_token(client, "/luecken/indikatoren"),
            "file": (io.BytesIO(table), "b.csv"),
        },
    )
    assert bad.status_code == 400
    page = html.unescape(bad.get_data(as_text=True))
    errors = re.findall(r"<li>(Row .*?)</li>", page)
    assert (
        "Row 2, column “Kinder”: “zwei” is not a number "
        "(expected e.g. 1.234,5 or one of the signs -, ., x, /)"
    ) in errors, errors
    assert "Row 3: no region with key or name “B”" in errors, errors
    for e in errors:
        _no_german(e, {"Zeile", "Spalte", "ist", "keine", "Zahl", "erwartet", "Region", "Namen"})
