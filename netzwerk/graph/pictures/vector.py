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
    # <b> in a paragraph of the report finds the bold face
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@dataclass(frozen=True)
class Captions:
    """The words around the picture (already translated)."""

    title: str
    caption: str = ""  # the filter and date in words
    source: str = ""  # who made it, when, from which data
    legend: str = "Legende"
    subtitle: str = ""  # the user's own second line (the occasion, the date of a meeting)


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
    """The picture on a landscape page: title, subtitle, filter and (for a large selection)
    what is shown on top, legend on the right, the source line at the bottom. Writing and
    nodes grow with the sheet (A3 is A4 enlarged, not A4 with a margin)."""
    fonts()
    page_w, page_h = PAPERS.get(paper, PAPERS["A4"])
    k = page_w / PAPERS["A4"][0]
    margin = MARGIN * k
    d = Drawing(page_w, page_h)
    d.add(_plate(0, 0, page_w, page_h, colors.white))
    width = page_w - 2 * margin
    y = page_h - margin
    for text, font, size, colour in (
        (words.title, BOLD, 16, "#1d2733"),
        (words.subtitle, FONT, 11, "#1d2733"),
        (words.caption, FONT, 8.5, "#333333"),
        (payload.get("print_note", ""), FONT, 8, "#8a4b00"),
    ):
        if text:
            y -= (size + 4) * k
            line = _fit(text, font, size * k, width)
            d.add(
                String(margin, y, line, fontName=font, fontSize=size * k, fillColor=_colour(colour))
            )
    if words.source:
        line = _fit(words.source, FONT, 7 * k, width)
        d.add(
            String(
                margin,
                margin - 12 * k,
                line,
                fontName=FONT,
                fontSize=7 * k,
                fillColor=_colour("#555555"),
            )
        )
    area = (margin, margin, width, y - 8 * k - margin)
    d.add(_framed(payload, words.legend, area, LEGEND_WIDTH * k))
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
    if legend_width <= 0:
        g.add(_picture(payload, area))
        return g
    g.add(_picture(payload, (x, y, w - legend_width - 12, h)))
    lk = max(1.0, legend_width / LEGEND_WIDTH)  # on A3 the legend grows with the sheet
    key = _legend(payload, legend, (0, 0, legend_width / lk, h / lk))
    key.transform = (lk, 0, 0, lk, x + w - legend_width, y)
    g.add(key)
    return g


def sheet_scale(width: float, height: float) -> float:
    """How much larger than on A4 the picture's nodes and labels are drawn: with the
    picture's area, so an A3 sheet shows the same picture with larger writing instead of
    an A4 picture with a wide empty margin (bounded: a tiny figure stays legible)."""
    return max(0.75, min(2.5, math.sqrt(max(width * height, 1.0)) / 540))


def _picture(payload: dict[str, Any], area: tuple[float, float, float, float]) -> Group:
    ax, ay, aw, ah = area
    g = Group()
    nodes = payload.get("nodes") or []
    if not nodes:
        return g
    k = sheet_scale(aw, ah)
    b = payload.get("bounds") or {}
    span_x = max(1.0, b.get("maxX", 0) - b.get("minX", 0))
    span_y = max(1.0, b.get("maxY", 0) - b.get("minY", 0))
    pad = 14.0 * k
    scale = min((aw - 2 * pad) / span_x, (ah - 2 * pad) / span_y)
    cx = ax + aw / 2 - (b.get("minX", 0) + span_x / 2) * scale
    cy = ay + ah / 2 + (b.get("minY", 0) + span_y / 2) * scale
    # screen y grows down, PDF's up
    where = {n["id"]: (cx + n["x"] * scale, cy - n["y"] * scale) for n in nodes}
    big = len(nodes) > 1000
    styles = payload.get("styles") or {}
    _edges(g, payload.get("edges") or [], styles.get("edges", {}), where, big)
    radius = _radii(nodes, big, k)
    boxes = _Boxes(40.0 * k)
    node_styles = styles.get("nodes", {})
    for n in nodes:
        st = node_styles.get(n.get("g"), {})
        x, y = where[n["id"]]
        r = radius(n)
        g.add(
            _shape(
                "square" if n.get("cls") in ("alliance", "project") else st.get("shape") or "dot",
                x,
                y,
                r,
                _colour(n.get("color") or st.get("color")),
                _colour(st.get("border") or "#333333"),
                1.6 if n.get("cls") == "centre" else 0.5,
            )
        )
        e = r * 1.2  # diamonds and triangles reach beyond the radius
        boxes.add((x - e, y - e, 2 * e, 2 * e))  # a label never covers a node
    for label in _labels(nodes, where, radius, node_styles, boxes, area, max(5.5, 6.0 * k)):
        g.add(label)
    return g


def _edges(
    g: Group,
    edges: list[dict[str, Any]],
    edge_styles: dict[Any, Any],
    where: dict[str, tuple[float, float]],
    big: bool,
) -> None:
    for e in edges:
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


def _radii(nodes: list[dict[str, Any]], big: bool, k: float) -> Any:
    """The radius of a node: actors by their size value between ``lo`` and ``hi``."""
    sizes = [n["s"] for n in nodes if n.get("cls") in ("actor", "centre")]
    lo, hi = (1.4 * k, 5.0 * k) if big else (2.6 * k, 8.0 * k)
    s_min, s_max = (min(sizes), max(sizes)) if sizes else (0, 0)

    def radius(n: dict[str, Any]) -> float:
        if n.get("cls") == "centre":
            return hi * 1.25
        if n.get("cls") == "aggregate":
            return (4 + n["s"] * 0.25) * k
        if n.get("cls") in ("alliance", "project"):
            return 4.0 * k
        if s_max <= s_min:
            return (lo + hi) / 2
        return float(lo + (hi - lo) * (n["s"] - s_min) / (s_max - s_min))

    return radius


def _candidates(x: float, y: float, r: float, w: float, h: float) -> list[tuple[float, float]]:
    """Where a label may stand, in the order of preference of cartography (right, left,
    above, below, then the four corners) [1]_.

    References
    ----------
    .. [1] E. Imhof, "Positioning names on maps", The American Cartographer 2(2), 1975.
    """
    gap = d = r * 1.2 + 1.5  # clear of the node's own box (see ``_picture``)
    return [
        (x + gap, y - h / 2),
        (x - gap - w, y - h / 2),
        (x - w / 2, y + r + 1),
        (x - w / 2, y - r - 1 - h),
        (x + d, y + d),
        (x - d - w, y + d),
        (x + d, y - d - h),
        (x - d - w, y - d - h),
    ]


def _labels(
    nodes: list[dict[str, Any]],
    where: dict[str, tuple[float, float]],
    radius: Any,
    node_styles: dict[Any, Any],
    boxes: _Boxes,
    area: tuple[float, float, float, float],
    size: float,
) -> list[Any]:
    """Greedy label placement: the most important nodes first, each label at the first
    candidate position that overlaps no node and no label already placed and stays inside
    the picture; a label that finds no such place is left out [1]_.

    References
    ----------
    .. [1] J. Christensen, J. Marks, S. Shieber, "An empirical study of algorithms for
       point-feature label placement", ACM Transactions on Graphics 14(3), 1995
       (the greedy method of section 3).
    """
    ax, ay, aw, ah = area
    rank = {"centre": 0, "alliance": 1, "project": 1, "aggregate": 1, "actor": 2}
    order = sorted(
        (n for n in nodes if n.get("cls") in rank),
        key=lambda n: (rank[n["cls"]], -n["s"], n["name"]),
    )
    labels: list[Any] = []
    for n in order:
        x, y = where[n["id"]]
        text = (n.get("label") or n["name"]).split("\n")[0]
        if n.get("cls") == "aggregate":
            text = f"{n['name']} ({n.get('members', '')})"
        group = n.get("cls") in ("alliance", "project")
        font = BOLD if group else FONT
        w = pdfmetrics.stringWidth(text, font, size) + (5 if group else 2) * size / 6
        h = size * 1.3
        for bx, by in _candidates(x, y, radius(n), w, h):
            box = (bx, by, w, h)
            inside = ax <= bx and bx + w <= ax + aw and ay <= by and by + h <= ay + ah
            if not (inside and boxes.free(box)):
                continue
            boxes.add(box)
            ink = "#1d2733"
            if group:  # the name on a plate in the group's colour, as on screen
                plate = node_styles.get(n.get("g"), {})
                labels.append(_plate(bx, by, w, h, _colour(plate.get("color"))))
                ink = (plate.get("font") or {}).get("color", "#ffffff")
            labels.append(
                String(
                    bx + (2.5 if group else 1) * size / 6,
                    by + 0.27 * size,
                    text,
                    fontName=font,
                    fontSize=size,
                    fillColor=_colour(ink),
                )
            )
            break
    return labels


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
