"""A :class:`~netzwerk.graph.formats.document.Document` as an A4 PDF (ReportLab Platypus).

No half-empty pages: a heading stays with the start of what follows it, a picture with its
caption, a finding with its "Was tun?", and a section shorter than a third of a page moves
to the next page whole rather than being torn; longer sections and tables flow on (a table
repeats its header row on the next page). The fonts are ReportLab's own Vera, embedded.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.doctemplate import BaseDocTemplate

from netzwerk.graph.formats.document import (
    Block,
    Document,
    Finding,
    Picture,
    Section,
    Table,
    Text,
    column_shares,
)
from netzwerk.graph.pictures import vector

INK = colors.HexColor("#1d2733")
ACCENT = colors.HexColor("#0b6e7f")
MUTED = colors.HexColor("#555555")
KEEP_WHOLE = (A4[1] - 4 * cm) / 3
"""A section up to this height is never split across pages."""
CELL_LIMIT = 300
ORPHAN = 90.0
"""A heading needs this much of a table or text below it on its page."""


def _styles() -> dict[str, ParagraphStyle]:
    vector.fonts()
    body = ParagraphStyle("body", fontName=vector.FONT, fontSize=10, leading=14, textColor=INK)
    return {
        "title": ParagraphStyle("title", body, fontName=vector.BOLD, fontSize=22, leading=28),
        "meta": ParagraphStyle("meta", body, fontSize=9, textColor=MUTED, spaceAfter=10),
        "h2": ParagraphStyle(
            "h2",
            body,
            fontName=vector.BOLD,
            fontSize=14,
            leading=18,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=6,
        ),
        "body": ParagraphStyle("bodyspaced", body, spaceAfter=6),
        "small": ParagraphStyle("small", body, fontSize=8.5, leading=11.5, textColor=MUTED),
        "note": ParagraphStyle(
            "note",
            body,
            fontName=vector.BOLD,
            fontSize=9,
            backColor=colors.HexColor("#fff4d6"),
            borderPadding=4,
            spaceBefore=4,
            spaceAfter=8,
        ),
        "finding": ParagraphStyle("finding", body, leftIndent=16, firstLineIndent=-16),
        "todo": ParagraphStyle(
            "todo", body, leftIndent=16, fontSize=9, textColor=MUTED, spaceAfter=8
        ),
        "caption": ParagraphStyle("caption", body, fontSize=8.5, textColor=MUTED, spaceAfter=8),
        "cell": ParagraphStyle("cell", body, fontSize=9, leading=11),
        "num": ParagraphStyle("num", body, fontSize=9, leading=11, alignment=TA_RIGHT),
        "th": ParagraphStyle("th", body, fontName=vector.BOLD, fontSize=9, leading=11),
        "thnum": ParagraphStyle(
            "thnum", body, fontName=vector.BOLD, fontSize=9, leading=11, alignment=TA_RIGHT
        ),
    }


def _table(t: Table, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not t.rows:
        return []
    columns = max(len(r) for r in (*t.rows, t.header))

    def cells(row: Sequence[str], head: bool = False) -> list[Paragraph]:
        return [
            Paragraph(
                escape(_cell(v)),
                st[("thnum" if head else "num") if i in t.numeric else "th" if head else "cell"],
            )
            for i, v in enumerate(row)
        ]

    data = ([cells(t.header, True)] if t.header else []) + [cells(r) for r in t.rows]
    figures = columns == 2 and bool(t.numeric)  # a name and its number: a narrow table
    width = (A4[0] - 4 * cm - 12) * (0.75 if figures else 1.0)
    first = width * (0.7 if figures else 0.35 if columns == 2 else 1.0)
    shares = column_shares(t) if columns > 2 else []  # names get the room, numbers less
    widths = [width * s for s in shares] or [first] + [width - first] * (columns - 1)
    table = PdfTable(
        data,
        colWidths=widths,
        repeatRows=1 if t.header else 0,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#c9d1d9")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *(
                    [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1f3"))]
                    if t.header
                    else []
                ),
            ]
        )
    )
    out: list[Flowable] = []
    if t.caption:
        out.append(Paragraph(escape(t.caption), st["th"]))
    out += [table, Spacer(1, 6)]
    return out


def _cell(text: str) -> str:
    """A cell holds a name: a 5,000-character value would make a row taller than a page,
    which ReportLab cannot set."""
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def _block(b: Block, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    if isinstance(b, Text):
        return [Paragraph(escape(b.text), st[b.style] if b.style in st else st["body"])]
    if isinstance(b, Finding):
        return [
            KeepTogether(
                [
                    Paragraph(f"{b.number}.&nbsp;&nbsp;{escape(b.text)}", st["finding"]),
                    Paragraph(f"<b>{escape(b.todo_label)}</b> {escape(b.todo)}", st["todo"]),
                ]
            )
        ]
    if isinstance(b, Picture):
        caption = [Paragraph(escape(b.caption), st["caption"])] if b.caption else [Spacer(1, 8)]
        return [KeepTogether([b.drawing, *caption])]
    return _table(b, st)


def _section(s: Section, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    # no keepWithNext: ReportLab would bind the heading to a whole long table and move
    # both to the next page; the conditional page break below keeps it from orphaning
    heading = Paragraph(escape(s.title), st["h2"])
    body = [f for b in s.blocks for f in _block(b, st)]
    height = 0.0
    for f in [heading, *body]:
        height += _height(f, width)
    if height <= KEEP_WHOLE:
        return [KeepTogether([heading, *_flat(body)])]
    if not body:
        return [heading]
    # A long section flows on. Its heading starts a new page only when what must follow it
    # does not fit: a picture whole, or the first lines of a table or text (a table torn
    # after its first rows is better than a page left half empty).
    first = _height(body[0], width)
    follow = first if isinstance(body[0], KeepTogether) else min(first, ORPHAN)
    return [CondPageBreak(_height(heading, width) + follow), heading, *body]


def _flat(flowables: list[Flowable]) -> list[Flowable]:
    """The contents of kept-together groups: a group inside a group reports an endless
    height to ReportLab and would always start a new page."""
    out: list[Flowable] = []
    for f in flowables:
        out += _content(f) if isinstance(f, KeepTogether) else [f]
    return out


def _content(group: KeepTogether) -> list[Flowable]:
    return list(getattr(group, "_content"))  # noqa: B009 (private, not in the stubs)


def _height(f: Flowable, width: float) -> float:
    if isinstance(f, KeepTogether):
        total = 0.0
        for c in _content(f):
            total += _height(c, width)
        return total
    return float(f.wrap(width, A4[1])[1])


def _footer(canvas: object, doc: BaseDocTemplate) -> None:
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont(vector.FONT, 8)  # type: ignore[attr-defined]
    canvas.setFillColor(MUTED)  # type: ignore[attr-defined]
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, str(doc.page))  # type: ignore[attr-defined]
    canvas.drawString(2 * cm, 1.2 * cm, doc.title)  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def write_pdf(document: Document) -> bytes:
    """The document as an A4 portrait PDF with page numbers."""
    st = _styles()
    out = io.BytesIO()
    pdf = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=document.title,
        author=document.author,
        subject=document.meta,
        lang=document.language,
    )
    story: list[Flowable] = [
        Paragraph(escape(document.title), st["title"]),
        Paragraph(escape(document.meta), st["meta"]),
    ]
    story += [f for s in document.sections for f in _section(s, st, pdf.width)]
    pdf.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return out.getvalue()
