"""Pictures fit to print: labels clear of every node and label, writing that grows with
the sheet, a readable selection of a large network with a note, SVG titles and fonts."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.shapes import Circle, Group, Polygon, Rect, String
from reportlab.pdfbase import pdfmetrics

from netzwerk.graph.pictures import paper, vector
from tests.conftest import HOSTILE_STRINGS
from tests.unit.test_pictures import picture, snap
from tests.unit.test_vector import strings

Box = tuple[float, float, float, float]


def _shapes(node: object) -> list[Any]:
    if isinstance(node, (Circle, Rect, Polygon)):
        return [node]
    return [s for child in getattr(node, "contents", []) for s in _shapes(child)]


def _box(shape: Any) -> Box:
    if isinstance(shape, Circle):
        return (shape.cx - shape.r, shape.cy - shape.r, 2 * shape.r, 2 * shape.r)
    if isinstance(shape, Rect):
        return (shape.x, shape.y, shape.width, shape.height)
    xs, ys = shape.points[0::2], shape.points[1::2]
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _overlap(a: Box, b: Box, slack: float = 0.01) -> bool:
    (x1, y1, w1, h1), (x2, y2, w2, h2) = a, b
    return (
        x1 + slack < x2 + w2
        and x2 + slack < x1 + w1
        and y1 + slack < y2 + h2
        and y2 + slack < y1 + h1
    )


def _labels(group: Group) -> list[tuple[Box, String]]:
    return [
        (
            (
                s.x - 1,
                s.y - 0.27 * s.fontSize,
                pdfmetrics.stringWidth(s.text, s.fontName, s.fontSize),
                s.fontSize,
            ),
            s,
        )
        for s in strings(group)
    ]


def _random_payload(positions: list[tuple[float, float]], degree_of: int) -> dict[str, Any]:
    payload = picture(snap(len(positions)))
    actors = [n for n in payload["nodes"] if n["cls"] == "actor"]
    for n, (x, y) in zip(actors, positions, strict=False):
        n["x"], n["y"] = x, y
    payload["bounds"] = paper.bounds(payload["nodes"])
    return payload


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-500, 500), st.floats(-500, 500)), min_size=3, max_size=60),
    st.sampled_from([(560.0, 480.0), (300.0, 300.0), (1100.0, 700.0)]),
)
def test_no_label_covers_a_node_or_another_label(positions, size) -> None:
    vector.fonts()
    payload = _random_payload(positions, 0)
    area = (20.0, 20.0, *size)
    group = vector._picture(payload, area)
    labels = _labels(group)
    nodes = [_box(s) for s in _shapes(group) if not (isinstance(s, Rect) and s.fillColor is None)]
    for (a, _sa), (b, _sb) in itertools.combinations(labels, 2):
        assert not _overlap(a, b), (a, b)
    for box, label in labels:
        x, _y, w, _h = box
        assert area[0] <= x + 1 and x + w <= area[0] + area[2] + 1, label.text
        assert not any(_overlap(box, node, slack=0.05) for node in nodes), label.text


def test_writing_grows_with_the_sheet() -> None:
    payload = picture(snap(20))
    words = vector.Captions("Kooperationsnetz", "ganze Region", "Quelle: netzwerk")

    def sizes(sheet: str) -> tuple[float, float]:
        found = strings(vector.drawing(payload, words, sheet))
        title = next(s.fontSize for s in found if s.text == "Kooperationsnetz")
        label = max(s.fontSize for s in found if s.text.startswith("Akteur"))
        return title, label

    (a4_title, a4_label), (a3_title, a3_label) = sizes("A4"), sizes("A3")
    assert a3_title > a4_title * 1.3 and a3_label > a4_label * 1.3


def test_a_large_selection_prints_its_most_connected_actors_with_a_note() -> None:
    payload = picture(snap(120))
    before = [n["id"] for n in payload["nodes"]]
    printed = paper.for_print(payload, limit=50)
    actors = [n for n in printed["nodes"] if n["cls"] == "actor"]
    assert len(actors) == 50 and [n["id"] for n in payload["nodes"]] == before  # a copy
    kept = {n["id"] for n in printed["nodes"]}
    assert all(e["from"] in kept and e["to"] in kept for e in printed["edges"])
    degree = {n["id"]: 0 for n in payload["nodes"]}
    for e in payload["edges"]:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    dropped = [d for n, d in degree.items() if n not in kept]
    assert max(dropped) <= min(degree[n["id"]] for n in actors)
    assert "lonely" not in kept  # no cooperation: the first to go
    assert printed["print_note"].startswith("Für den Druck: die 50 am stärksten vernetzten von 121")
    page = strings(vector.drawing(printed, vector.Captions("Netz"), "A4"))
    assert any(s.text.startswith("Für den Druck") for s in page)
    small = paper.for_print(picture(snap(10)))
    assert small["print_note"] == "" and len(small["nodes"]) == 11


def test_svg_has_the_views_title_subtitle_and_a_font_stack() -> None:
    words = vector.Captions(
        HOSTILE_STRINGS[4], "Region: Euren", "Quelle", subtitle="Bildungsausschuss 12.03.2027"
    )
    svg = vector.to_svg(picture(snap()), words).decode()
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in svg
    assert "<desc>Region: Euren</desc>" in svg and "Bildungsausschuss 12.03.2027" in svg
    assert "font-family: Vera" not in svg and "font-family: VeraBd" not in svg
    assert svg.count(vector.FONT_STACK) > 10 and "font-weight: bold" in svg
