"""Pictures for print: SVG and PDF (A4/A3 landscape) with title, legend, filter, date and
source line, drawn from a picture payload with ReportLab's graphics (one drawing, two
renderers; no browser, no font download: ReportLab ships the Bitstream Vera fonts, which are
embedded in the PDF).

Labels follow the same rule as on screen (``static/js/network-labels.js``): the most
important actors first, each beside its node where it overlaps no label already placed and
stays inside the picture; the rest are left out rather than printed on top of each other.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from html import escape
from importlib import resources
from typing import Any

import pypdfium2
from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

PAPERS = {"A4": landscape(A4), "A3": landscape(A3)}
FONT, BOLD = "Vera", "VeraBd"
FONT_STACK = "'DejaVu Sans', 'Bitstream Vera Sans', 'Liberation Sans', Arial, sans-serif"
"""The SVG's fonts: Vera itself (embedded in the PDF) is installed almost nowhere."""
MARGIN = 28.0
LEGEND_WIDTH = 190.0


def fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = resources.files("reportlab") / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "VeraBd.ttf")))


@dataclass(frozen=True)
class Captions:
    """The words around the picture (already translated)."""

    title: str
    caption: str = ""  # the filter and date in words
    source: str = ""  # who made it, when, from which data
    legend: str = "Legende"


def _colour(hex_colour: str | None, alpha: float = 1.0) -> colors.Color:
    try:
        c = colors.HexColor(hex_colour or "#8C8C8C")
    except (ValueError, TypeError):
        c = colors.HexColor("#8C8C8C")
    return colors.Color(c.red, c.green, c.blue, alpha)


def _fit(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _plate(x: float, y: float, w: float, h: float, fill: colors.Color, corner: float = 0) -> Rect:
    """A filled rectangle without an outline (its colours set after construction: the
    stubs of reportlab type ``Rect``'s keyword arguments wrongly)."""
    rect = Rect(x, y, w, h, rx=corner, ry=corner)
    rect.fillColor, rect.strokeColor = fill, None
    return rect


def _shape(shape: str, x: float, y: float, r: float, fill: Any, stroke: Any, width: float) -> Any:
    style = {"fillColor": fill, "strokeColor": stroke, "strokeWidth": width}
    if shape in ("square", "box"):
        return Rect(x - r, y - r, 2 * r, 2 * r, **style)
    if shape == "diamond":
        k = r * 1.2
        return Polygon([x, y + k, x + k, y, x, y - k, x - k, y], **style)
    if shape == "triangle":
        return Polygon(
            [x, y + r * 1.2, x + r * 1.1, y - r * 0.75, x - r * 1.1, y - r * 0.75], **style
        )
    return Circle(x, y, r, **style)


class _Boxes:
    """Placed label boxes on a coarse grid (the overlap check looks at neighbours only)."""

    def __init__(self, cell: float = 40.0):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, b: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        x, y, w, h = b
        c = self.cell
        return [
            (i, j)
            for i in range(math.floor(x / c), math.floor((x + w) / c) + 1)
            for j in range(math.floor(y / c), math.floor((y + h) / c) + 1)
        ]

    def free(self, b: tuple[float, float, float, float]) -> bool:
        x, y, w, h = b
        for key in self._keys(b):
            for ox, oy, ow, oh in self.cells.get(key, ()):
                if x < ox + ow and ox < x + w and y < oy + oh and oy < y + h:
                    return False
        return True

    def add(self, b: tuple[float, float, float, float]) -> None:
        for key in self._keys(b):
            self.cells.setdefault(key, []).append(b)


def drawing(payload: dict[str, Any], words: Captions, paper: str = "A4") -> Drawing:
    """The picture on a landscape page: title and filter on top, legend on the right,
    the source line at the bottom."""
    fonts()
    page_w, page_h = PAPERS.get(paper, PAPERS["A4"])
    d = Drawing(page_w, page_h)
    d.add(_plate(0, 0, page_w, page_h, colors.white))
    top = page_h - MARGIN
    width = page_w - 2 * MARGIN
    for y, text, font, size, colour in (
        (top - 16, words.title, BOLD, 16, "#1d2733"),
        (top - 30, words.caption, FONT, 8.5, "#333333"),
        (MARGIN - 12, words.source, FONT, 7, "#555555"),
    ):
        if text:
            line = _fit(text, font, size, width)
            d.add(String(MARGIN, y, line, fontName=font, fontSize=size, fillColor=_colour(colour)))
    d.add(_framed(payload, words.legend, (MARGIN, MARGIN, width, top - 42 - MARGIN)))
    return d


def figure(
    payload: dict[str, Any], legend: str, width: float, height: float, legend_width: float = 150
) -> Drawing:
    """The picture and its legend in a box of ``width`` × ``height`` points, without page
    and title (for a document that sets its own headings, such as the Netzwerkbericht)."""
    fonts()
    d = Drawing(width, height)
    d.add(_framed(payload, legend, (0, 0, width, height), legend_width))
    return d


def _framed(
    payload: dict[str, Any],
    legend: str,
    area: tuple[float, float, float, float],
    legend_width: float = LEGEND_WIDTH,
) -> Group:
    """The picture on the left of ``area``, its legend on the right."""
    x, y, w, h = area
    g = Group()
    g.add(_picture(payload, (x, y, w - legend_width - 12, h)))
    g.add(_legend(payload, legend, (x + w - legend_width, y, legend_width, h)))
    return g


def _picture(payload: dict[str, Any], area: tuple[float, float, float, float]) -> Group:  # noqa: C901 (complexity 18: lower, never raise)
    ax, ay, aw, ah = area
    g = Group()
    nodes = payload.get("nodes") or []
    if not nodes:
        return g
    b = payload.get("bounds") or {}
    span_x = max(1.0, b.get("maxX", 0) - b.get("minX", 0))
    span_y = max(1.0, b.get("maxY", 0) - b.get("minY", 0))
    pad = 14.0
    scale = min((aw - 2 * pad) / span_x, (ah - 2 * pad) / span_y)
    cx = ax + aw / 2 - (b.get("minX", 0) + span_x / 2) * scale
    cy = ay + ah / 2 + (b.get("minY", 0) + span_y / 2) * scale

    def at(n: dict[str, Any]) -> tuple[float, float]:
        return cx + n["x"] * scale, cy - n["y"] * scale  # screen y grows down, PDF's up

    styles = payload.get("styles") or {}
    node_styles, edge_styles = styles.get("nodes", {}), styles.get("edges", {})
    big = len(nodes) > 1000
    where = {n["id"]: at(n) for n in nodes}
    for e in payload.get("edges") or []:
        if e["from"] not in where or e["to"] not in where:
            continue
        st = edge_styles.get(e.get("k"), {})
        (x1, y1), (x2, y2) = where[e["from"]], where[e["to"]]
        dashes = e.get("dashes", st.get("dashes"))
        line = Line(
            x1,
            y1,
            x2,
            y2,
            strokeColor=_colour(
                e.get("color") or st.get("color") or "#7b8794", 0.35 if big else 0.55
            ),
        )
        line.strokeWidth = max(0.2, (e.get("w") or 1) * (0.25 if big else 0.45))
        if isinstance(dashes, list) and dashes and not big:
            line.strokeDashArray = [max(0.5, v * 0.35) for v in dashes]
        g.add(line)
    sizes = [n["s"] for n in nodes if n.get("cls") in ("actor", "centre")]
    lo, hi = (1.4, 5.0) if big else (2.6, 8.0)
    s_min, s_max = (min(sizes), max(sizes)) if sizes else (0, 0)

    def radius(n: dict[str, Any]) -> float:
        if n.get("cls") == "centre":
            return hi * 1.25
        if n.get("cls") == "aggregate":
            return 4 + n["s"] * 0.25
        if n.get("cls") in ("alliance", "project"):
            return 4.0
        if s_max <= s_min:
            return (lo + hi) / 2
        return lo + (hi - lo) * (n["s"] - s_min) / (s_max - s_min)

    boxes = _Boxes()
    labels: list[Any] = []
    for n in nodes:
        st = node_styles.get(n.get("g"), {})
        x, y = where[n["id"]]
        fill = _colour(n.get("color") or st.get("color"))
        border = _colour(st.get("border") or "#333333")
        r = radius(n)
        g.add(
            _shape(
                "square" if n.get("cls") in ("alliance", "project") else st.get("shape") or "dot",
                x,
                y,
                r,
                fill,
                border,
                1.6 if n.get("cls") == "centre" else 0.5,
            )
        )
    rank = {"centre": 0, "alliance": 1, "project": 1, "aggregate": 1, "actor": 2}
    order = sorted(
        (n for n in nodes if n.get("cls") in rank),
        key=lambda n: (rank[n["cls"]], -n["s"], n["name"]),
    )
    size = 6.0
    for n in order:
        x, y = where[n["id"]]
        r = radius(n)
        text = (n.get("label") or n["name"]).split("\n")[0]
        if n.get("cls") == "aggregate":
            text = f"{n['name']} ({n.get('members', '')})"
        group = n.get("cls") in ("alliance", "project")
        font = BOLD if group else FONT
        w = pdfmetrics.stringWidth(text, font, size) + (5 if group else 2)
        h = size + 2
        for bx, by in (
            (x + r + 1.5, y - h / 2),
            (x - r - 1.5 - w, y - h / 2),
            (x - w / 2, y - r - 1 - h),
            (x - w / 2, y + r + 1),
        ):
            box = (bx, by, w, h)
            inside = ax <= bx and bx + w <= ax + aw and ay <= by and by + h <= ay + ah
            if inside and boxes.free(box):
                boxes.add(box)
                ink = "#1d2733"
                if group:  # the name on a plate in the group's colour, as on screen
                    plate = node_styles.get(n.get("g"), {})
                    labels.append(_plate(bx, by, w, h, _colour(plate.get("color"))))
                    ink = (plate.get("font") or {}).get("color", "#ffffff")
                labels.append(
                    String(
                        bx + (2.5 if group else 1),
                        by + 1.6,
                        text,
                        fontName=font,
                        fontSize=size,
                        fillColor=_colour(ink),
                    )
                )
                break
    for label in labels:
        g.add(label)
    return g


def _legend(
    payload: dict[str, Any], heading: str, area: tuple[float, float, float, float]
) -> Group:
    x, bottom, width, height = area
    g = Group()
    y = bottom + height - 12
    g.add(String(x, y, heading, fontName=BOLD, fontSize=10))
    y -= 16
    for block in payload.get("legend") or []:
        if y < bottom + 10:
            break
        for line in _wrap(block.get("title", ""), BOLD, 7.5, width):
            g.add(
                String(
                    x, y, line, fontName=BOLD, fontSize=7.5, fillColor=colors.HexColor("#444444")
                )
            )
            y -= 10
        for item in block.get("items") or []:
            if y < bottom + 10:
                break
            colour = _colour(item.get("color") or "#5b6775")
            if "dashes" in item or "width" in item:
                stroke = Line(
                    x + 1,
                    y + 2.5,
                    x + 19,
                    y + 2.5,
                    strokeColor=colour,
                    strokeWidth=float(item.get("width") or 1.2) * 0.6,
                )
                if isinstance(item.get("dashes"), list):
                    stroke.strokeDashArray = [max(0.5, v * 0.35) for v in item["dashes"]]
                g.add(stroke)
            elif item.get("shape") == "box":
                g.add(_plate(x + 1, y - 1, 18, 7, colour, corner=1.5))
            else:
                g.add(
                    _shape(
                        item.get("shape") or "dot",
                        x + 10,
                        y + 2.5,
                        3.2,
                        colour,
                        _colour("#333333"),
                        0.4,
                    )
                )
            g.add(
                String(
                    x + 24,
                    y,
                    _fit(item.get("label", ""), FONT, 7, width - 24),
                    fontName=FONT,
                    fontSize=7,
                )
            )
            y -= 10
        y -= 5
    return g


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def svg_of(d: Drawing, title: str, description: str = "") -> bytes:
    """A drawing as SVG with a real ``<title>`` (ReportLab writes "...") and fonts every
    system has: DejaVu Sans is Bitstream Vera extended, with the same widths, so labels
    placed with Vera's metrics fit; the others are the usual sans-serif fallbacks."""
    text = renderSVG.drawToString(d)
    text = text.replace("<title>...</title>", f"<title>{escape(title)}</title>", 1)
    text = text.replace("<desc>...</desc>", f"<desc>{escape(description)}</desc>", 1)
    text = text.replace(f"font-family: {BOLD};", f"font-family: {FONT_STACK}; font-weight: bold;")
    text = text.replace(f"font-family: {FONT};", f"font-family: {FONT_STACK};")
    return text.encode("utf-8")


def to_svg(payload: dict[str, Any], words: Captions, paper: str = "A4") -> bytes:
    return svg_of(drawing(payload, words, paper), words.title, words.caption)


def to_png(d: Drawing, dpi: int = 150) -> bytes:
    """A drawing as a PNG image (for documents that cannot hold vector pictures, such as
    DOCX for older Word versions): PDFium renders the drawing's PDF, so the image shows
    exactly what the PDF shows."""
    pdf = pypdfium2.PdfDocument(renderPDF.drawToString(d))
    try:
        image = pdf[0].render(scale=dpi / 72).to_pil()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def to_pdf(payload: dict[str, Any], words: Captions, paper: str = "A4") -> bytes:
    d = drawing(payload, words, paper)
    # The stubs say str; renderPDF.drawToString returns the PDF's bytes.
    return renderPDF.drawToString(  # type: ignore[return-value]
        d, title=words.title, author="netzwerk", subject=words.caption
    )
