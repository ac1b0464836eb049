"""Pictures for print: page sizes, the words around the picture, labels that never overlap,
names written as text."""

from __future__ import annotations

import itertools
import re

from reportlab.graphics.shapes import Group, String
from reportlab.pdfbase import pdfmetrics

from netzwerk.graph.pictures import vector
from tests.conftest import HOSTILE_STRINGS
from tests.unit.test_pictures import picture, snap

WORDS = vector.Captions(
    "Kooperationsnetz", "Region: Euren · Stand am 01.05.2025", "Quelle: netzwerk"
)


def strings(node: object) -> list[String]:
    if isinstance(node, String):
        return [node]
    if isinstance(node, Group):
        return [s for child in node.contents for s in strings(child)]
    return [s for child in getattr(node, "contents", []) for s in strings(child)]


def test_page_carries_title_caption_legend_and_source() -> None:
    payload = picture(snap())
    texts = [s.text for s in strings(vector.drawing(payload, WORDS, "A4"))]
    assert {"Kooperationsnetz", "Region: Euren · Stand am 01.05.2025", "Quelle: netzwerk"} <= set(
        texts
    )
    assert "Legende" in texts and any(t.startswith("Schule") for t in texts)
    a4 = vector.drawing(payload, WORDS, "A4")
    a3 = vector.drawing(payload, WORDS, "A3")
    assert a4.width > a4.height and a3.width > a4.width  # landscape, A3 larger


def test_labels_in_the_picture_never_overlap() -> None:
    payload = picture(snap(60))
    area = vector._picture(payload, (28, 28, 560, 480))
    boxes = [
        (s.x, s.y, pdfmetrics.stringWidth(s.text, s.fontName, s.fontSize), s.fontSize)
        for s in strings(area)
        if s.fontName in (vector.FONT, vector.BOLD)
    ]
    assert len(boxes) >= 10
    for (x1, y1, w1, h1), (x2, y2, w2, h2) in itertools.combinations(boxes, 2):
        assert not (x1 < x2 + w2 and x2 < x1 + w1 and y1 < y2 + h2 and y2 < y1 + h1)


def test_names_are_text_in_svg_and_pdf() -> None:
    s = snap()
    s.actors[0]["name"] = HOSTILE_STRINGS[5]
    payload = picture(s)
    svg = vector.to_svg(payload, WORDS).decode()
    assert "<img src=x" not in svg and not re.search(r"<script", svg)
    assert vector.to_pdf(payload, WORDS, "A3").startswith(b"%PDF")
