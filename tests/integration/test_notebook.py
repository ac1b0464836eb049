"""The analyst's Python API (:mod:`netzwerk.notebook`) against the pages, on the demo region.

What a notebook computes must be what the pages show: the same selection, the same metric
table, the same picture at the same positions, in one HTML file that loads nothing.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import date
from typing import Any

import networkx as nx
import pytest

from netzwerk import graph, notebook
from netzwerk.graph.admin import seed
from netzwerk.graph.analysis.metrics import METRICS

# (notebook keywords, the page's query) — names in the notebook, ids in the URL
FILTERS: list[tuple[dict[str, Any], str]] = [
    ({"region": "stadt trier"}, "region=region-stadt-trier"),
    (
        {"kind": ["Schule", "Kita"], "coop_kind": "Projektpartnerschaft"},
        "kind=Schule&kind=Kita&coop_kind=Projektpartnerschaft",
    ),
    (
        {"alliance": "MINT-Initiativkreis Trier", "stichtag": "01.01.2020"},
        "alliance=alliance-mint-initiativkreis-trier&as_of=2020-01-01",
    ),
]

REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def edges_of(g: nx.Graph) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, b in g.edges()}


def test_notebook_shows_what_the_pages_show(store: graph.Store, make_client, tmp_path) -> None:
    """One test on one seeded database (seeding takes ~15 s on the shared machines)."""
    seed.load(store)
    client = make_client("viewer")
    check_graphs(store, client)
    check_metrics(store, client)
    check_picture(store, client, tmp_path)
    check_bad_input(store)


def check_graphs(store: graph.Store, client) -> None:
    sizes = set()
    for given, query in FILTERS:
        page = client.get(f"/netzwerk/daten.json?{query}").get_json()
        assert page["warnings"] == [], query
        g = notebook.graph(store=store, **given)
        assert set(g) == {n["id"] for n in page["nodes"]}, query
        assert edges_of(g) == {frozenset((e["from"], e["to"])) for e in page["edges"]}, query
        sizes.add((g.number_of_nodes(), g.number_of_edges()))
    assert len(sizes) == len(FILTERS)  # three different selections, none of them empty
    assert all(n > 0 and m > 0 for n, m in sizes)
    # as on the pages, no date means today; None means every link ever recorded
    assert notebook.selection(store=store).as_of == date.today()
    everything = notebook.graph(store=store, as_of=None)
    assert edges_of(notebook.graph(store=store)) <= edges_of(everything)


def _number(cell: str) -> float | str:
    """A cell of the German CSV back as a number (``1.234,5`` → 1234.5), else the text."""
    try:
        return float(cell.replace(".", "").replace(",", "."))
    except ValueError:
        return cell


def check_metrics(store: graph.Store, client) -> None:
    given, query = FILTERS[0]
    body = client.get(f"/luecken/kennzahlen.csv?{query}").get_data().decode("utf-8-sig")
    head, *lines = list(csv.reader(io.StringIO(body), delimiter=";"))
    rows = notebook.metrics(store=store, frame=False, **given)
    assert [r["id"] for r in rows] == [line[head.index("ID")] for line in lines]
    keys = list(METRICS)
    for row, line in zip(rows, lines, strict=True):
        assert (row["name"], row["kind"]) == (line[0], line[1])
        for key, cell in zip(keys, line[4:], strict=True):
            value = row[key]
            if isinstance(value, float) and math.isnan(value):
                assert cell == "", (row["id"], key)
            elif isinstance(value, int | float):
                assert _number(cell) == pytest.approx(value, abs=1e-6), (row["id"], key)
            else:
                assert cell == value, (row["id"], key)
    try:
        import pandas  # noqa: F401
    except ImportError:
        assert notebook.metrics(store=store, **given) == rows
    else:
        assert list(notebook.metrics(store=store, **given).index) == [r["id"] for r in rows]


def _data_set(html: str, which: int) -> list[dict[str, Any]]:
    """The ``which``-th ``new vis.DataSet([...])`` of the written page (0: nodes, 1: edges)."""
    starts = [m.end() for m in re.finditer(r"new vis\.DataSet\(", html)]
    value, _end = json.JSONDecoder().raw_decode(html, starts[which])
    assert isinstance(value, list)
    return value


def check_picture(store: graph.Store, client, tmp_path) -> None:
    given, query = FILTERS[0]
    page = client.get(f"/netzwerk/daten.json?{query}&colour=community").get_json()
    net = notebook.picture(store=store, colour="community", **given)
    path = tmp_path / "bild.html"
    net.write_html(str(path))
    html = path.read_text(encoding="utf-8")

    assert REMOTE.search(html) is None, REMOTE.search(html)
    assert "vis.Network(" in html and '<html lang="de">' in html
    nodes = {n["id"]: n for n in _data_set(html, 0)}
    assert set(nodes) == {n["id"] for n in page["nodes"]}
    for n in page["nodes"]:
        drawn = nodes[n["id"]]
        assert (drawn["x"], drawn["y"]) == (n["x"], n["y"])
        assert drawn["physics"] is False
        assert drawn["color"]["background"] == page["styles"]["nodes"][n["g"]]["color"]
    legend = {item["label"] for item in page["legend"][0]["items"]}
    assert {n["group"] for n in nodes.values()} == legend
    for label in legend:
        assert label in html  # the legend is drawn beside the picture
    assert len(_data_set(html, 1)) == len(page["edges"])
    assert '"physics": {"enabled": false}' in html


def check_bad_input(store: graph.Store) -> None:
    with pytest.raises(graph.ValidationError) as caught:
        notebook.graph(store=store, region="Atlantis", kind="Raumschiff")
    assert caught.value.by_field() == {
        "region": ["Region „Atlantis“ gibt es nicht."],
        "kind": ["Akteursart „Raumschiff“ gibt es nicht."],
    }
    with pytest.raises(graph.ValidationError, match="kein gültiges Datum"):
        notebook.graph(store=store, as_of="31.02.2024")
    with pytest.raises(graph.ValidationError, match="lila"):
        notebook.picture(store=store, colour="lila")
    with pytest.raises(TypeError, match="farbe"):
        notebook.graph(store=store, farbe="kind")
