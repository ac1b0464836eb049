"""A presentation as one PDF: one landscape A4 page per slide (title, picture, text).

Handed out before a Steuerungsgruppe or printed for a Bildungskonferenz, the PDF must hold
exactly one page per slide, whatever a text's length: each page is set in a frame of the
page's size that shrinks its content to fit (ReportLab's ``KeepInFrame``), so a long text
makes the writing smaller instead of spilling onto a page of its own. The picture is the
printed picture of the report (:func:`netzwerk.graph.pictures.vector.figure`, vector, with
its legend), the fonts ReportLab's own Vera, embedded, as in :mod:`.document_pdf`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, SimpleDocTemplate
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.doctemplate import BaseDocTemplate

from netzwerk.graph.formats.document_pdf import ACCENT, INK, MUTED
from netzwerk.graph.pictures import vector

PAGE = landscape(A4)
MARGIN = 1.5 * cm
GAP = 18.0
PICTURE_SHARE = 0.63
"""The picture's part of the page's width; the text takes the rest."""
LEGEND_WIDTH = 140.0
NOTE = colors.HexColor("#8a4b00")


@dataclass(frozen=True)
class Sheet:
    """One slide as printed: ``picture`` is a print payload (``None``: the view is gone,
    ``note`` says so), ``text`` its paragraphs."""

    title: str
    picture: dict[str, Any] | None
    paragraphs: Sequence[str] = ()
    caption: str = ""
    note: str = ""


@dataclass(frozen=True)
class Slides:
    title: str
    sheets: Sequence[Sheet]
    legend: str = "Legende"
    footer: str = ""
    """The line at the foot of every page (what, when made), before the page number."""
    of: str = "%(n)s von %(total)s"
    author: str = "netzwerk"
    language: str = "de"


def _styles() -> dict[str, ParagraphStyle]:
    vector.fonts()
    body = ParagraphStyle("body", fontName=vector.FONT, fontSize=11, leading=15, textColor=INK)
    return {
        "body": ParagraphStyle("body-space", body, spaceAfter=7),
        "title": ParagraphStyle(
            "title", body, fontName=vector.BOLD, fontSize=18, leading=23, textColor=ACCENT
        ),
        "caption": ParagraphStyle(
            "caption", body, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=8
        ),
        "note": ParagraphStyle("note", body, textColor=NOTE, fontName=vector.BOLD),
    }


def _lines(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.split("\n"))


def _page(
    sheet: Sheet, st: dict[str, ParagraphStyle], legend: str, width: float, height: float
) -> Flowable:
    head: list[Flowable] = [Paragraph(escape(sheet.title), st["title"])]
    head.append(Paragraph(escape(sheet.caption) or "&nbsp;", st["caption"]))
    used = sum(float(f.wrap(width, height)[1]) for f in head) + 6
    body_h = max(120.0, height - used)
    pic_w = width * PICTURE_SHARE
    text_w = width - pic_w - GAP
    if sheet.picture is not None:
        left: Flowable = vector.figure(sheet.picture, legend, pic_w, body_h, LEGEND_WIDTH)
    else:
        left = Paragraph(escape(sheet.note), st["note"])
    words: list[Flowable] = []
    if sheet.picture is not None and sheet.note:
        words.append(Paragraph(escape(sheet.note), st["caption"]))
    words += [Paragraph(_lines(p), st["body"]) for p in sheet.paragraphs]
    right = KeepInFrame(text_w, body_h, words or [Paragraph("", st["body"])], mode="shrink")
    grid = PdfTable([[left, right]], colWidths=[pic_w + GAP, text_w], rowHeights=[body_h])
    grid.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return KeepInFrame(width, height, [*head, grid], mode="shrink")


def write_slides(slides: Slides) -> bytes:
    """The slides as a landscape A4 PDF, one page each, numbered "n von N"."""
    st = _styles()
    out = io.BytesIO()
    total = len(slides.sheets)

    def footer(canvas: Any, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(vector.FONT, 8)
        canvas.setFillColor(MUTED)
        number = slides.of % {"n": doc.page, "total": total}
        canvas.drawRightString(PAGE[0] - MARGIN, 0.8 * cm, number)
        canvas.drawString(MARGIN, 0.8 * cm, slides.footer or slides.title)
        canvas.restoreState()

    pdf = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=slides.title,
        author=slides.author,
        lang=slides.language,
    )
    # the frame's padding (6 pt each side) and a little room so the shrunken page fits
    width, height = pdf.width - 12, pdf.height - 14
    story: list[Flowable] = []
    for number, sheet in enumerate(slides.sheets):
        if number:
            story.append(PageBreak())
        story.append(_page(sheet, st, slides.legend, width, height))
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
